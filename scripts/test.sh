#!/usr/bin/env bash
# The whole suite: every test on SQLite (the embedded default), then every database test
# again on a real PostgreSQL server. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python

echo "== Tests sur SQLite (et navigateur Chromium) =="
"$py" -m pytest -p no:cacheprovider "$@"

pgdir=$(mktemp -d /tmp/bonne-porte-pg.XXXXXX)
if url=$(scripts/postgres.sh start "$pgdir"); then
  trap 'scripts/postgres.sh stop "$pgdir"' EXIT
  echo "== Tests de la base sur PostgreSQL ($url) =="
  TEST_DATABASE_URL="$url" "$py" -m pytest -p no:cacheprovider -m "database" "$@"
else
  rm -rf "$pgdir"
  echo "!! PostgreSQL n'a pas pu démarrer : seuls les tests SQLite ont tourné." >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
fi
