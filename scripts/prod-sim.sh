#!/usr/bin/env bash
# Production simulation on one machine (issue #13): two gunicorn app servers on different ports,
# the worker and exactly one scheduler, all on one PostgreSQL database and one Redis.
#
#   make prod-sim                       # PostgreSQL wirportal_prodsim and Redis DB 11 on 127.0.0.1
#   DATABASE_URL=postgres://… REDIS_URL=redis://…/11 PORT_A=8001 PORT_B=8002 make prod-sim
#   WIR_S3_BUCKET=… WIR_S3_ENDPOINT_URL=… …  make prod-sim   # uploads in a bucket (ADR 0015)
#
# Without WIR_S3_BUCKET the two servers share the upload folder var/prod-sim/media (one machine:
# the same disk). A second scheduler (`./scripts/prod-sim.sh scheduler`) stays idle while the
# first runs. Ctrl+C stops everything. Production settings: DJANGO_DEBUG=0, no TLS here (the
# TLS proxy of docs/operations.md is left out), so SECURE_SSL_REDIRECT is off.
set -euo pipefail
cd "$(dirname "$0")/.."

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/wirportal_prodsim}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/11}"
export DJANGO_SETTINGS_MODULE=config.settings.base
export DJANGO_DEBUG=0
export SECRET_KEY="${SECRET_KEY:-prod-sim-only-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export SECURE_SSL_REDIRECT=0
export TRUSTED_PROXY_COUNT=0
export MEDIA_ROOT="${MEDIA_ROOT:-$PWD/var/prod-sim/media}"
export MAIL_BACKEND="${MAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}"
PORT_A="${PORT_A:-8001}"
PORT_B="${PORT_B:-8002}"
WORKERS="${WEB_CONCURRENCY:-2}"
PY=.venv/bin/python
MANAGE=("$PY" manage.py)

if [ "${1:-}" = "scheduler" ]; then  # one more scheduler, to see it wait
  exec "${MANAGE[@]}" scheduler --interval 5
fi

./scripts/uv sync --frozen --quiet
mkdir -p var/prod-sim "$MEDIA_ROOT"

if [[ "$DATABASE_URL" == postgres* ]]; then
  db_name="${DATABASE_URL##*/}"; db_name="${db_name%%\?*}"
  server_url="${DATABASE_URL%/*}/postgres"
  if ! psql "$server_url" -tAc "SELECT 1 FROM pg_database WHERE datname='${db_name}'" | grep -q 1; then
    echo "Lege die Datenbank ${db_name} an"
    psql "$server_url" -qc "CREATE DATABASE \"${db_name}\""
  fi
fi
redis-cli -u "$REDIS_URL" ping >/dev/null || { echo "Redis unter $REDIS_URL nicht erreichbar"; exit 1; }

"${MANAGE[@]}" migrate --no-input -v0
"${MANAGE[@]}" createcachetable
"${MANAGE[@]}" collectstatic --no-input -v0
"${MANAGE[@]}" demo_data

pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

for port in "$PORT_A" "$PORT_B"; do
  .venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:${port}" --workers "$WORKERS" \
    --access-logfile - --log-level warning &
  pids+=($!)
done
"${MANAGE[@]}" worker &
pids+=($!)
"${MANAGE[@]}" scheduler --interval 60 &
pids+=($!)

echo ""
echo "App-Server A: http://127.0.0.1:${PORT_A}   App-Server B: http://127.0.0.1:${PORT_B}"
echo "Datenbank: ${DATABASE_URL}   Redis: ${REDIS_URL}   Uploads: ${WIR_S3_BUCKET:-$MEDIA_ROOT}"
echo "Worker und ein Scheduler laufen; ein zweiter Scheduler: ./scripts/prod-sim.sh scheduler"
echo "Beenden mit Strg+C"
wait -n "${pids[@]}"
