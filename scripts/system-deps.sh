#!/usr/bin/env bash
# Check the Debian/Ubuntu packages the site needs and install the missing ones when allowed.
#   scripts/system-deps.sh run   WeasyPrint's libraries (Pango, HarfBuzz with subsetting) and a CJK font
#   scripts/system-deps.sh test  the same, plus Chromium (browser tests), poppler-utils (pdftotext) and, where no
#                                Node.js is installed yet, Debian's npm (for axe-core in the accessibility tests)
set -euo pipefail

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig fonts-noto-cjk)
if [[ "${1:-run}" == "test" ]]; then
  packages+=(chromium poppler-utils)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not a Debian/Ubuntu system: make sure these are installed: ${packages[*]}" >&2
  exit 0
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ "$(id -u)" == "0" ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
install=("${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}")
if ! "${install[@]}" >/tmp/crm-apt.log 2>&1; then
  # A fresh machine may have no package lists yet: refresh them once and try again.
  "${sudo[@]}" apt-get update -q >>/tmp/crm-apt.log 2>&1
  "${install[@]}" >>/tmp/crm-apt.log 2>&1 || { cat /tmp/crm-apt.log >&2; echo "apt-get failed; see above." >&2; exit 1; }
fi
echo "System packages installed."
