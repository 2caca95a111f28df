#!/usr/bin/env bash
# Runs once, on the first start of an empty PostgreSQL volume (docker-entrypoint-initdb.d): one database and one login
# role of the same name per service (FALLNETZ_DATABASES), each role owning only its own database. A role's password
# comes from <DATABASE>_DB_PASSWORD in .env, the same variable the service reads.
set -euo pipefail
for db in $FALLNETZ_DATABASES; do
  var="${db^^}_DB_PASSWORD"
  password="${!var:?$var is not set in .env}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v db="$db" -v password="$password" <<'SQL'
CREATE ROLE :"db" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"db";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
done
