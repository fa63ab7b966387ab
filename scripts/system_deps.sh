#!/usr/bin/env bash
# Installs the system programs the tests drive for real: Debian's Chromium and PostgreSQL.
# As root on Debian it installs them; otherwise it says what is missing. In CI a missing
# program is a failure, never a silent skip.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installation des paquets Debian : ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "Il manque : ${missing[*]} (apt-get install ${missing[*]} en tant que root)." >&2
if [ "${CI:-}" = "true" ]; then
  exit 1
fi
