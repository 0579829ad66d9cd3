#!/usr/bin/env bash
# Renders pages of a built site to PNG at desktop (1280 px) and phone (390 px) width, in Vietnamese
# and, when the site has it, English, so that a person can look at what readers will see.
#
#   bash scripts/screenshots.sh SITE_DIR OUT_DIR [page...]
#
# page: a path inside the site, e.g. tuan-giao/ or methodology/; without one, the home page.
# Example:
#   cargo run --release -- build --output /tmp/site && bash scripts/screenshots.sh /tmp/site /tmp/shots tuan-giao/
set -euo pipefail

if [ $# -lt 2 ]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
repo=$(cd "$(dirname "$0")/.." && pwd)
bash "$repo/scripts/install-browser-deps.sh" >&2
exec node "$repo/tests/browser/screenshot.mjs" "$@"
