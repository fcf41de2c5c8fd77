#!/usr/bin/env bash
# pip-audit of the locked dependencies. pip-audit asks PyPI's JSON API (or OSV) for advisories;
# where neither answers (closed networks), say so plainly instead of passing in silence.
# pip-audit reads https://pypi.org/pypi/NAME/VERSION/json, so that is the endpoint checked.
set -u
cd "$(dirname "$0")/.."
if ! curl -fs --max-time 15 -o /dev/null https://pypi.org/pypi/django/5.2.19/json \
   && ! curl -fs --max-time 15 -o /dev/null -X POST -d '{}' https://api.osv.dev/v1/query; then
  echo "pip-audit: NOT RUN - neither PyPI's JSON API nor OSV answers from this machine."
  exit 0
fi
exec .venv/bin/pip-audit --strict --progress-spinner off -r requirements-dev.lock
