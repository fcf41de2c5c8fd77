#!/usr/bin/env bash
# The platform on this machine: the web server and the task worker that typesets books and sends
# e-mail in the background (docs/decisions/0002), started together and stopped together (Ctrl-C,
# or a TERM to this script).
#   scripts/serve.sh run   gunicorn, one process with several threads
#   scripts/serve.sh dev   Django's auto-reloading development server; the worker reloads too
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}
port=${PORT:-8000}
bin=.venv/bin

if [ "$mode" = dev ]; then
  "$bin/python" manage.py db_worker --reload --verbosity 0 &
else
  "$bin/python" manage.py db_worker --no-reload --verbosity 0 &
fi
worker=$!
server=
stop() {
  trap - EXIT INT TERM
  kill $server "$worker" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

echo "Kota Cerdas: http://127.0.0.1:$port/ (task worker: process $worker)"
if [ "$mode" = dev ]; then
  "$bin/python" manage.py runserver "127.0.0.1:$port" &
else
  "$bin/gunicorn" kotacerdas.wsgi --bind "127.0.0.1:$port" --workers 1 --threads 8 \
    --access-logfile - --graceful-timeout 5 &
fi
server=$!
# In the background and waited for, so that a signal stops both at once; when either ends,
# the other is stopped too.
wait -n "$server" "$worker"
