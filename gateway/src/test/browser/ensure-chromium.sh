#!/usr/bin/env bash
# Installs Debian's headless Chromium and its WebDriver when they are missing (the browser tests need both).
# Needs root or sudo and the Debian package mirror; does nothing when both are already there.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
as_root=""
if [ "$(id -u)" != "0" ]; then
  as_root="sudo -n"
fi
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -qq
$as_root apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
command -v chromium >/dev/null && command -v chromedriver >/dev/null
