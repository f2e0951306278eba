#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 and that the test database exists.
# Used by .ci/run (as root); prints the database URL for the server tests on its last line.
set -euo pipefail
DB=${GRIDSTATION_TEST_PG_DB:-gridstation_test}
URL="postgresql://postgres@127.0.0.1:5432/$DB"

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "setup-postgres: installing PostgreSQL" >&2
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
fi
for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 1
done
pg_isready -h 127.0.0.1 -p 5432 >&2
if ! psql -h 127.0.0.1 -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    createdb -h 127.0.0.1 -U postgres "$DB"
fi
echo "$URL"
