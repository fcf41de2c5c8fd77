#!/usr/bin/env bash
# Vendor front-end assets from the npm registry into static/vendor/, with their licences.
# Pages never load anything from a CDN: ministry networks and offline demos must work.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

vendor() {  # vendor PACKAGE@VERSION DEST FILE-OR-DIRECTORY...
  local spec=$1 dest=static/vendor/$2; shift 2
  (cd "$tmp" && rm -rf package && npm pack "$spec" --silent >/dev/null && tar xzf ./*.tgz && rm ./*.tgz)
  mkdir -p "$dest"
  for file in "$@"; do cp -R "$tmp/package/$file" "$dest/"; done
  cp "$tmp"/package/LICEN[CS]E* "$dest/" 2>/dev/null || true
  echo "$spec" > "$dest/VERSION"
  rm -rf "$tmp/package"
}

vendor htmx.org@2.0.11 htmx dist/htmx.min.js
vendor @picocss/pico@2.1.1 pico css/pico.min.css
vendor leaflet@1.9.4 leaflet dist/leaflet.js dist/leaflet.css dist/images
# The source map is not shipped: a dangling reference breaks collectstatic's manifest.
sed -i '/sourceMappingURL=/d' static/vendor/leaflet/leaflet.js
