#!/usr/bin/env bash
# Every Debian package that the tests or the product call, in one place, with why.
# As root on Debian it installs what is missing (without Debian's "recommended" extras, so each
# one that matters is named here); otherwise it says what is missing. In CI a missing package
# is a failure, never a silent skip. Keep one "missing+=" line per package: each is read
# by ../shared/tools/as-new-machine.sh to purge them.
set -euo pipefail

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
# Browser tests, axe and screenshots (Playwright drives Debian's Chromium, /usr/bin/chromium).
installed chromium || missing+=(chromium)
# Latin and Arabic glyphs for Chromium: without a font, pages render as boxes and axe's
# contrast checks and the screenshots mean nothing. Chromium itself only recommends fonts.
installed fonts-dejavu-core || missing+=(fonts-dejavu-core)
# The database tests run again on a real server (scripts/postgres.sh: initdb, pg_ctl).
installed postgresql || missing+=(postgresql)
# zbarimg decodes the QR codes the portal prints (PNG and SVG) in the tests.
installed zbar-tools || missing+=(zbar-tools)
# zbarimg reads SVG through ImageMagick, whose SVG coder Debian ships only as "recommended".
installed libmagickcore-6.q16-6-extra || missing+=(libmagickcore-6.q16-6-extra)
# Offline speech for the letter explanations and the emergency page in fr, en and ar
# (`flask courriers audio`, into var/): no voice has to be installed on the visitor's device.
installed espeak-ng || missing+=(espeak-ng)
# opusenc makes those recordings small (Ogg Opus, about 20 kbit/s) for phones on slow data.
installed opus-tools || missing+=(opus-tools)
# lame makes the same recordings as MP3 too: older phones (iPhone before iOS 17) cannot play Ogg.
installed lame || missing+=(lame)

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
