#!/usr/bin/env bash
# Pin every dependency, transitive ones included, with the hashes of every file PyPI has of it,
# from pyproject.toml's direct pins: `make` installs them with `pip --require-hashes`.
# requirements.lock: to run the platform; requirements-dev.lock: to run and test it.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PY:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$py" -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install -q --disable-pip-version-check "uv==0.13.9"
lock() {  # lock OUTPUT [EXTRA]
  "$tmp/venv/bin/uv" pip compile pyproject.toml ${2:+--extra "$2"} --generate-hashes \
    --python-version 3.11 --python-platform x86_64-manylinux_2_28 --quiet \
    --custom-compile-command "make lock" -o "$1"
}
lock requirements.lock
lock requirements-dev.lock dev
grep -c '^[a-zA-Z].*==' requirements.lock requirements-dev.lock
