#!/usr/bin/env bash
# Installs what the browser tests and screenshots need, and only what is missing, so that it costs
# nothing on a machine that has it. CI starts on fresh machines: everything must come from here.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's Chromium: Playwright's own browser download cannot be reached from here.
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing chromium (Debian package)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n" # -n: CI has no stdin to type a password into
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update
  $sudo apt-get install -y chromium
fi

# npm ci wipes node_modules each time; the copy of the lock file it leaves behind tells us it is
# already in the state the lock file asks for.
cd tests/browser
if ! cmp -s package-lock.json node_modules/.chiso-installed-lock.json 2>/dev/null; then
  echo "Installing tests/browser node modules (npm ci)"
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.chiso-installed-lock.json
fi
