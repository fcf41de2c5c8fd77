#!/usr/bin/env bash
# Install the Debian packages WeasyPrint (the PDF reports) needs, if missing and we may install
# them: pango and its FreeType backend, HarfBuzz's subsetter (small, fast font embedding) and the
# DejaVu fonts the reports use. With --tests, also poppler-utils (pdftotext, pdftoppm) for the
# tests that read a report's text; without it that one check is skipped with the reason.
set -u
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
if [ "${1:-}" = "--tests" ]; then packages+=(poppler-utils); fi

if ! command -v dpkg-query >/dev/null; then
  echo "not a Debian system: install pango (>= 1.44) and the DejaVu fonts for the PDF reports" >&2
  exit 0
fi
missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  case "$status" in *" installed") ;; *) missing+=("$package") ;; esac
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "PDF reports need Debian packages that are missing: ${missing[*]}" >&2
  echo "  as root: apt-get install ${missing[*]}" >&2
  exit 0
fi
echo "Installing Debian packages for the PDF reports: ${missing[*]}..." >&2
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
  echo "apt-get could not install ${missing[*]}: PDF reports may not build" >&2
fi
exit 0
