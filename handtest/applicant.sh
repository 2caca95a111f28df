#!/usr/bin/env bash
# Applicant hand test against a running ./run: open a case for a Vietnamese-speaking applicant, read the mail over
# IMAP, open the status link in headless Chromium (screenshot), tamper with the token.
set -uo pipefail
KC=http://localhost:8180/realms/fallnetz/protocol/openid-connect/token
CLERK=$(curl -s -d grant_type=password -d client_id=fallnetz-gateway -d client_secret=fallnetz-gateway-dev-secret \
  -d username=anna.schmidt -d password=demo $KC | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
MAIL="lan-$(date +%s)@example.org"
curl -s -w '\nHTTP %{http_code}\n' -H "Authorization: Bearer $CLERK" -X POST http://localhost:8080/api/cases \
  -H 'Content-Type: application/json' -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \
  -d '{"caseType":"BLUE_CARD",
       "applicant":{"familyName":"Nguyen","givenNames":"Thi Lan","dateOfBirth":"1994-03-17",
                    "nationality":"VNM","preferredLanguage":"vi","email":"'$MAIL'"},
       "application":{"postalCode":"10115","employer":"Beispiel Software GmbH","jobTitle":"Data Engineer",
                      "grossAnnualSalaryEur":47000,"salaryBand":"REDUCED","qualification":"MSc, HUST Hanoi",
                      "qualificationRecognised":true,"firstIssue":false}}' | tail -c 300
LINK=$(python3 "$(dirname "$0")/link.py" "$MAIL")
echo "status link: $LINK"
curl -s -o /tmp/status.html -w 'status page HTTP %{http_code}\n' "$LINK"
grep -o '<html[^>]*>' /tmp/status.html
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,900 \
  --screenshot=status-page-vi.png "$LINK" 2>/dev/null
TAMPERED="${LINK%?}x"
curl -s -o /dev/null -w 'tampered token HTTP %{http_code}\n' "$TAMPERED"
curl -s -o /dev/null -w 'unknown token HTTP %{http_code}\n' "http://localhost:8080/status/nonsense"
