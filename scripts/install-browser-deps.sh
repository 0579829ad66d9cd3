#!/usr/bin/env bash
# Installs what the browser tests and screenshots need, and only what is missing, so that it costs
# nothing on a machine that has it. CI starts on fresh machines: everything must come from here.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages, each only when missing, in one apt-get run:
# - chromium: Playwright's own browser download cannot be reached from here;
# - a Java runtime for the Nu HTML Checker (vnu.jar, from npm) of tests/site_checks; installed
#   before `npm ci` so that vnu-jar's install script finds it and downloads none;
# - nginx, python3 and curl for tests/site_checks (serving the site with docs/nginx.conf,
#   well-formed XML).
packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  packages+=(nginx-light) # Debian 12; `nginx` where nginx-light is gone (see below)
fi
command -v python3 >/dev/null 2>&1 || packages+=(python3)
command -v curl >/dev/null 2>&1 || packages+=(curl)
if [ "${#packages[@]}" -gt 0 ]; then
  echo "Installing ${packages[*]} (Debian packages)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n" # -n: CI has no stdin to type a password into
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update
  if [[ " ${packages[*]} " == *" nginx-light "* ]] && ! apt-cache show nginx-light >/dev/null 2>&1; then
    packages=("${packages[@]/nginx-light/nginx}")
  fi
  # Installing nginx would start it as a service on port 80; the tests start their own on a free
  # port. policy-rc.d (as in Debian's container images) tells the package not to start it.
  policy_added=""
  if [[ " ${packages[*]} " == *" nginx"* ]] && [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
    $sudo chmod +x /usr/sbin/policy-rc.d
    policy_added=1
  fi
  status=0
  $sudo apt-get install -y "${packages[@]}" || status=$?
  [ -z "$policy_added" ] || $sudo rm -f /usr/sbin/policy-rc.d
  [ "$status" -eq 0 ] || exit "$status"
fi

# npm ci wipes node_modules each time; the copy of the lock file it leaves behind tells us it is
# already in the state the lock file asks for.
cd tests/browser
if ! cmp -s package-lock.json node_modules/.chiso-installed-lock.json 2>/dev/null; then
  echo "Installing tests/browser node modules (npm ci)"
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.chiso-installed-lock.json
fi
