#!/usr/bin/env bash
# Installs what the Word report checks (tests/docx/check_report.py) need, only what is missing:
# LibreOffice's writer without a GUI, to render the .docx to PDF, poppler's pdfinfo and pdftotext
# to read the PDF (Debian packages), and python-docx, to open the .docx as a reader does (PyPI,
# pinned, in a venv under target/ so that nothing of the system's Python changes).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v soffice >/dev/null 2>&1 || packages+=(libreoffice-writer-nogui)
command -v pdfinfo >/dev/null 2>&1 || packages+=(poppler-utils)
# The venv module is part of Debian's python3-venv; pyenv's and python.org's Pythons have it.
python3 -c 'import ensurepip, venv' 2>/dev/null || packages+=(python3-venv)
# The report is in Times New Roman: Liberation Serif has its metrics.
fc-list 2>/dev/null | grep -q "Liberation Serif" || packages+=(fonts-liberation2)
if [ "${#packages[@]}" -gt 0 ]; then
  echo "Installing ${packages[*]} (Debian packages)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update
  if [[ " ${packages[*]} " == *" libreoffice-writer-nogui "* ]] &&
    ! apt-cache show libreoffice-writer-nogui >/dev/null 2>&1; then
    packages=("${packages[@]/libreoffice-writer-nogui/libreoffice-writer}")
  fi
  $sudo apt-get install -y --no-install-recommends "${packages[@]}"
fi

venv=target/docx-venv
if ! "$venv/bin/python" -c 'import docx; assert docx.__version__ == "1.1.2"' 2>/dev/null; then
  echo "Installing python-docx 1.1.2 (PyPI) into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "python-docx==1.1.2"
fi
