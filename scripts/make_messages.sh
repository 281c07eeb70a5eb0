#!/usr/bin/env bash
# Extract every translatable string of src/samenspraak into the English catalogue
# (msgids are Dutch, the source language). Needs GNU gettext (apt-get install gettext).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo/src/samenspraak"
mkdir -p locale
"$repo/.venv/bin/samenspraak" makemessages --locale en --no-obsolete --no-location \
  --ignore 'tests/*' --ignore '*/tests/*' --ignore 'static/*' --ignore '*/static/*'
