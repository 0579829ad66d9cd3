#!/usr/bin/env bash
# Validates a built site's open data with the Frictionless validator, as an analyst's tools read
# it: every resource of data/datapackage.json, its types, keys and foreign keys.
#
#   bash scripts/validate-open-data.sh SITE_DIR
#
# The validator (PyPI package `frictionless`, pinned) is installed on first use into a virtual
# environment under target/, so nothing is installed system-wide and Debian's "externally managed"
# Python is left alone; where Debian lacks the venv module it installs python3-venv.
set -euo pipefail
site=${1:?usage: validate-open-data.sh SITE_DIR}
cd "$(dirname "$0")/.."

version=5.21.0
venv=target/frictionless-venv
bin=$venv/bin/frictionless

if ! "$venv/bin/python" -m pip show frictionless 2>/dev/null | grep -qx "Version: $version"; then
  if ! [ -x "$venv/bin/python" ] && ! python3 -m venv "$venv" 2>/dev/null; then
    # Debian ships the venv module (ensurepip) apart.
    rm -rf "$venv"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
    echo "Installing python3-venv (Debian package)"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y python3-venv
    python3 -m venv "$venv"
  fi
  echo "Installing frictionless $version into $venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "frictionless==$version"
fi

package="$site/data/datapackage.json"
[ -f "$package" ] || { echo "no $package"; exit 1; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
# The table of every resource is long; the valid ones are counted rather than listed.
"$bin" validate "$package" >"$out" 2>&1 || status=$?
grep -v '│ VALID' "$out" || true
echo "resources valid: $(grep -c '│ VALID' "$out" || true); frictionless exit status: $status"
exit "$status"
