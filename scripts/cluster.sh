#!/usr/bin/env bash
# Production on one machine, scaled out: two app instances (gunicorn, KC_ENV=production) behind
# nginx (TLS on a loopback port, round robin), one fresh PostgreSQL database, Redis (a db number of
# its own), evidence in S3 (moto's server) or on one shared media directory, and the task worker
# when the code has one. Runs scripts/cluster_smoke.py through the proxy, then tears everything
# down, on failure too. Usage: scripts/cluster.sh (make cluster-test), under a minute here.
#   CLUSTER_S3=0          evidence on a shared media directory instead of S3 (default 1)
#   CLUSTER_WORKERS=2     gunicorn workers per instance, 4 threads each (default 1: each worker
#                         costs 4 s of CPU to start, on 2 cores shared by everything here)
#   CLUSTER_KEEP=1        keep the temporary directory (logs, configuration) for a look after
#   CLUSTER_PG_URL        PostgreSQL server to create the database on (postgres://postgres@127.0.0.1:5432)
#   CLUSTER_REDIS_URL     Redis database flushed at start and exit (redis://127.0.0.1:6379/14)
set -euo pipefail
cd "$(dirname "$0")/.."
py=$PWD/.venv/bin/python
pg_url=${CLUSTER_PG_URL:-postgres://postgres@127.0.0.1:5432}
redis_url=${CLUSTER_REDIS_URL:-redis://127.0.0.1:6379/14}
use_s3=${CLUSTER_S3:-1}
workers=${CLUSTER_WORKERS:-1}
started=$(date +%s.%N)

say() { echo "cluster: $*"; }
since() { "$py" -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(date +%s.%N)"; }

[ -x "$py" ] || { echo "cluster: no .venv: run make setup (or make test) first" >&2; exit 2; }
pg_isready -q -d "$pg_url/postgres" || { echo "cluster: PostgreSQL does not answer at $pg_url" >&2; exit 2; }
[ "$(redis-cli -u "$redis_url" ping 2>/dev/null)" = PONG ] \
  || { echo "cluster: Redis does not answer at $redis_url" >&2; exit 2; }

# Debian's nginx, installed if missing and we may install it (as scripts/ensure_chromium.sh does).
nginx=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$nginx" ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "cluster: nginx not installed and not root: as root, apt-get install nginx" >&2
    exit 2
  fi
  echo "Installing Debian's nginx for the cluster..." >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -qq nginx >/dev/null; }; then
    echo "cluster: apt-get could not install nginx" >&2
    exit 2
  fi
  nginx=$(command -v nginx || echo /usr/sbin/nginx)
fi

tmp=$(mktemp -d /tmp/kc-cluster.XXXXXX)
# nginx's workers run as nobody: they read the collected static files from here.
chmod 755 "$tmp"
db="kc_cluster_$(date +%s)_$$"
pids=()
db_created=0

stop() {  # SIGTERM, then SIGKILL after 10 seconds; only the processes this script started
  local pid
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 100); do
    local alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" -eq 0 ] && break
    sleep 0.1
  done
  for pid in "$@"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait "$@" 2>/dev/null || true
}

forget() {  # forget PID: a process already waited for is not ours to signal any more
  local kept=() pid
  for pid in "${pids[@]}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
  pids=("${kept[@]}")
}

finish() {  # finish PID: wait for one of the setup's jobs, forget it, return its status
  local status=0
  wait "$1" || status=$?
  forget "$1"
  return "$status"
}

cleanup() {
  local status=$?
  set +e
  local stopping
  stopping=$(date +%s.%N)
  [ ${#pids[@]} -gt 0 ] && stop "${pids[@]}"
  say "processes stopped in $(since "$stopping") s"
  if [ "$db_created" -eq 1 ]; then
    psql -q -d "$pg_url/postgres" -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null
  fi
  redis-cli -u "$redis_url" flushdb >/dev/null
  if [ "${CLUSTER_KEEP:-0}" = 1 ]; then say "kept $tmp"; else rm -rf "$tmp"; fi
  say "torn down (database $db dropped, $redis_url flushed) after $(since "$started") s"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {  # fail "what" LOG...: the end of each log, then exit (the trap tears down)
  local what=$1
  shift
  echo "cluster: FAILED: $what" >&2
  local log
  for log in "$@"; do
    [ -f "$log" ] && { echo "--- ${log#"$tmp"/} (last 30 lines)" >&2; tail -n 30 "$log" >&2; }
  done
  exit 1
}

read -r port_web port_a port_b port_s3 < <("$py" -c '
import socket
sockets = [socket.socket() for _ in range(4)]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in sockets))
')
site="https://127.0.0.1:$port_web"

# A certificate for 127.0.0.1, made now and trusted only by the smoke test.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
  -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$tmp/tls.key" -out "$tmp/tls.crt" 2>/dev/null

# Production settings, the same for every process; the secrets exist for this run only.
export KC_ENV=production DJANGO_SETTINGS_MODULE=kotacerdas.settings
SECRET_KEY=$("$py" -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1
export KC_SITE_URL=$site
export CSRF_TRUSTED_ORIGINS=$site
export KC_TRUSTED_PROXIES=1
export DATABASE_URL="$pg_url/$db"
export REDIS_URL=$redis_url
export STATIC_ROOT=$tmp/static
export KC_VAR_DIR=$tmp/var
export LOG_LEVEL=WARNING
export PYTHONDONTWRITEBYTECODE=1
CLUSTER_PASSWORD=$("$py" -c 'import secrets; print(secrets.token_urlsafe(18))')
export CLUSTER_PASSWORD
export KC_DEMO_PASSWORD=$CLUSTER_PASSWORD

psql -q -d "$pg_url/postgres" -c "CREATE DATABASE \"$db\"" >/dev/null
db_created=1
redis-cli -u "$redis_url" flushdb >/dev/null

if [ "$use_s3" = 1 ]; then
  [ -x .venv/bin/moto_server ] || fail "no moto_server in .venv: make cluster-test installs the dev tools"
  .venv/bin/moto_server -H 127.0.0.1 -p "$port_s3" >"$tmp/s3.log" 2>&1 &
  pids+=($!)
  export KC_MEDIA_STORAGE=storages.backends.s3.S3Storage
  # The options of docs/deploy.md, section 9, with the endpoint of this run's S3 server.
  export KC_MEDIA_STORAGE_OPTIONS='{"bucket_name": "kotacerdas-bukti",
    "endpoint_url": "http://127.0.0.1:'"$port_s3"'", "access_key": "cluster",
    "secret_key": "cluster", "region_name": "us-east-1", "default_acl": "private",
    "querystring_auth": true, "file_overwrite": false, "location": "media"}'
  storage="S3 bucket kotacerdas-bukti on moto's server (127.0.0.1:$port_s3), no shared disk"
  for attempt in $(seq 100); do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port_s3/" && break
    [ "$attempt" -eq 100 ] && fail "moto's S3 server does not answer" "$tmp/s3.log"
    sleep 0.1
  done
else
  storage="one media directory shared by both instances"
fi
say "production settings, database $db, Redis $redis_url, evidence in $storage"

# Three things at once: the database with the demo masterplans, the static files, and whether
# the code has a task worker yet.
step=$(date +%s.%N)
"$py" - "$tmp/world.json" >"$tmp/setup.log" 2>&1 <<'PY' &
"""Migrate, load the registry, the 2017 cohort and the demo masterplans with their teams, open a
public consultation; write what the smoke test needs to know."""

import io
import json
import os
import sys
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")
import django

django.setup()
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from masterplans.models import Masterplan, Status
from monitoring.progress import quarter_of
from participation.models import ConsultationWindow

if settings.STORAGES["default"]["BACKEND"].endswith("S3Storage"):
    default_storage.connection.create_bucket(Bucket=default_storage.bucket_name)
quiet = io.StringIO()
call_command("migrate", interactive=False, verbosity=0, stdout=quiet)
call_command("load_regions", verbosity=0, stdout=quiet)
call_command("load_history", verbosity=0, stdout=quiet)
call_command("load_masterplan_demo", allow_production=True, verbosity=0, stdout=quiet)

editor = User.objects.get(username="demo.siak.lead")
outsider = User.objects.get(username="demo.tomohon.lead")
approved = Masterplan.objects.get(region__memberships__user=editor, status=Status.APPROVED)
programs = approved.programs.filter(is_quick_win=True).order_by("code")
program = programs.exclude(progress_mode="milestones").first() or programs.first()
assert program is not None, "the demo masterplan has no quick win"
year, quarter = quarter_of(timezone.localdate())
draft = Masterplan.objects.get(region__memberships__user=outsider, status=Status.REVISION)
now = timezone.now()
ConsultationWindow.objects.create(
    masterplan=draft, opens_at=now, closes_at=now + timedelta(days=7), opened_by=outsider
)
world = {
    "editor": editor.username,
    "outsider": outsider.username,
    "region": approved.region.name,
    "program": program.pk,
    "program_code": program.code,
    # The quarter the report form opens at: today's, within the program's years.
    "year": min(max(year, program.start_year), program.end_year),
    "quarter": quarter,
    "consultation": draft.pk,
    "masterplan": approved.pk,
}
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(world, out)
print(json.dumps(world))
PY
setup_pid=$!
pids+=("$setup_pid")
# nginx serves the collected files with their .gz copies (gzip_static); the brotli copies are
# for WhiteNoise alone, and making them takes half a minute of CPU here, so none are made.
"$py" -c '
import sys
sys.modules["brotli"] = None
from django.core.management import execute_from_command_line
execute_from_command_line(["manage.py", "collectstatic", "--noinput"])
' >"$tmp/collectstatic.log" 2>&1 &
static_pid=$!
pids+=("$static_pid")
"$py" manage.py help db_worker >"$tmp/db_worker-help.log" 2>&1 &
worker_check_pid=$!
pids+=("$worker_check_pid")

finish "$static_pid" || fail "collectstatic" "$tmp/collectstatic.log"
say "collectstatic: $(tail -n 1 "$tmp/collectstatic.log")"
if [ "$use_s3" = 1 ]; then
  # No shared disk: each instance gets a media directory of its own, which must stay empty.
  mkdir -p "$tmp/media-a" "$tmp/media-b"
  media_a=$tmp/media-a media_b=$tmp/media-b
else
  mkdir -p "$tmp/media"
  media_a=$tmp/media media_b=$tmp/media
fi

# The instances and nginx start while the demo data loads: they touch the database only when
# asked something, and the task worker, which polls it, starts once it is migrated.
booted=$(date +%s.%N)
start_instance() {  # start_instance NAME PORT MEDIA_ROOT: one app server, as in docs/deploy.md 6
  MEDIA_ROOT=$3 "$PWD/.venv/bin/gunicorn" kotacerdas.wsgi:application \
    --bind "127.0.0.1:$2" --workers "$workers" --worker-class gthread --threads 4 \
    --timeout 60 --graceful-timeout 5 --access-logfile "$tmp/app-$1-access.log" \
    --control-socket "$tmp/app-$1.ctl" >"$tmp/app-$1.log" 2>&1 &
  pids+=($!)
}
start_instance a "$port_a" "$media_a"
pid_a=$!
start_instance b "$port_b" "$media_b"
pid_b=$!

mkdir -p "$tmp/nginx"
cat >"$tmp/nginx.conf" <<NGINX
# The cluster's own nginx (docs/deploy.md, sections 7 and 10), on loopback ports.
daemon off;
worker_processes 1;   # one worker: its round robin alternates strictly between the instances
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;

events {
    worker_connections 256;
}

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format upstream '\$remote_addr "\$request" \$status \$body_bytes_sent '
                        'upstream=\$upstream_addr \$request_time';
    access_log $tmp/nginx-access.log upstream;
    client_body_temp_path $tmp/nginx/body;
    proxy_temp_path $tmp/nginx/proxy;
    fastcgi_temp_path $tmp/nginx/fastcgi;
    uwsgi_temp_path $tmp/nginx/uwsgi;
    scgi_temp_path $tmp/nginx/scgi;

    upstream kotacerdas_pool {
        server 127.0.0.1:$port_a max_fails=0;
        server 127.0.0.1:$port_b max_fails=0;
    }

    server {
        listen 127.0.0.1:$port_web ssl;
        server_name 127.0.0.1;
        ssl_certificate $tmp/tls.crt;
        ssl_certificate_key $tmp/tls.key;

        client_max_body_size 20m;

        location /static/ {
            alias $tmp/static/;
            gzip_static on;
            add_header Cache-Control "public, max-age=31536000, immutable";
            access_log off;
        }

        location / {
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Real-IP \$remote_addr;
            proxy_redirect off;
            proxy_read_timeout 60s;
            # An instance's error is reported, not hidden by a retry on the other one.
            proxy_next_upstream off;
            proxy_pass http://kotacerdas_pool;
            # Only here, for the smoke test: which instance answered.
            add_header X-Upstream \$upstream_addr always;
        }
    }
}
NGINX
"$nginx" -t -q -e "$tmp/nginx-error.log" -p "$tmp/nginx" -c "$tmp/nginx.conf" \
  || fail "nginx -t" "$tmp/nginx-error.log"
"$nginx" -e "$tmp/nginx-error.log" -p "$tmp/nginx" -c "$tmp/nginx.conf" &
pids+=($!)
nginx_pid=$!

finish "$setup_pid" || fail "migrate and demo data" "$tmp/setup.log"
say "database ready: migrated, 514 regions, 2017 cohort, demo masterplans ($(since "$step") s)"
has_worker=0
finish "$worker_check_pid" && has_worker=1
if [ "$has_worker" -eq 1 ]; then
  MEDIA_ROOT=$media_a "$py" manage.py db_worker --no-reload >"$tmp/db_worker.log" 2>&1 &
  pids+=($!)
  worker_pid=$!
  say "task worker: manage.py db_worker started"
else
  say "task worker: skipped (manage.py has no db_worker command yet)"
fi

ready() {  # ready URL PID LOG...: poll for up to a minute while the process lives
  local url=$1 pid=$2 deadline=$((SECONDS + 60))
  shift 2
  until curl -fsS -o /dev/null --max-time 20 --cacert "$tmp/tls.crt" \
      -H "X-Forwarded-Proto: https" "$url" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || fail "$url: the process ended" "$@"
    [ "$SECONDS" -lt "$deadline" ] || fail "$url does not answer" "$@"
    sleep 0.1
  done
}
ready "http://127.0.0.1:$port_a/api/v1/provinces" "$pid_a" "$tmp/app-a.log"
ready "http://127.0.0.1:$port_b/api/v1/provinces" "$pid_b" "$tmp/app-b.log"
ready "$site/api/v1/provinces" "$nginx_pid" "$tmp/nginx-error.log"
if [ "$has_worker" -eq 1 ]; then
  kill -0 "$worker_pid" 2>/dev/null || fail "manage.py db_worker ended" "$tmp/db_worker.log"
fi
say "instances A 127.0.0.1:$port_a and B 127.0.0.1:$port_b ($workers worker(s) x 4 threads each)" \
  "behind nginx $("$nginx" -v 2>&1 | cut -d/ -f2) at $site, ready $(since "$booted") s after start"

step=$(date +%s.%N)
smoke_status=0
"$py" scripts/cluster_smoke.py --site "$site" --cafile "$tmp/tls.crt" --world "$tmp/world.json" \
  --instance "A=127.0.0.1:$port_a" --instance "B=127.0.0.1:$port_b" \
  --media "$media_a" --media "$media_b" || smoke_status=$?
say "smoke test: $(since "$step") s"
if [ "$smoke_status" -ne 0 ]; then
  fail "smoke test (exit $smoke_status)" "$tmp/app-a.log" "$tmp/app-b.log" "$tmp/nginx-error.log"
fi
# A 403 or 429 is logged as a warning (a 403 with its traceback); a server error, or gunicorn's
# own error, fails the run even when every check passed.
logs=("$tmp/app-a.log" "$tmp/app-b.log")
[ "$has_worker" -eq 1 ] && logs+=("$tmp/db_worker.log")
errors=$(cat "${logs[@]}" | grep -c -E "Internal Server Error|\[(ERROR|CRITICAL)\]" || true)
[ "$errors" -eq 0 ] || fail "$errors error(s) in the logs" "${logs[@]}"
say "passed: no server error in the logs, whole run $(since "$started") s"
