#!/usr/bin/env bash
# Serve the application: gunicorn (the web processes) and the background worker, one command.
#
#   bash scripts/serve.sh                 embedded: SQLite in var/, demo data and its logins
#                                         printed, http://127.0.0.1:8000/
#   bash scripts/serve.sh --production    PostgreSQL from DATABASE_URL, no demo data; needs
#                                         DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS (and
#                                         DJANGO_SECURE=1 behind an HTTPS proxy, see deploy/)
#
# Both install what is missing first (scripts/install.sh), migrate, collect the static files,
# queue the renders a layout or font change left missing, start `manage.py db_worker` (which
# renders PDFs and DOCX and builds ZIPs, so the web processes never do) and gunicorn with
# deploy/gunicorn.conf.py. Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=embedded
case "${1:-}" in
  "") ;;
  --production) mode=production ;;
  *) echo "usage: bash scripts/serve.sh [--production]" >&2; exit 2 ;;
esac

bash scripts/install.sh
export PATH="$PWD/.venv/bin:$PATH"
export DJANGO_TASKS_BACKEND="${DJANGO_TASKS_BACKEND:-django_tasks_db.DatabaseBackend}"

if [ "$mode" = production ]; then
  missing=()
  for name in DATABASE_URL DJANGO_SECRET_KEY DJANGO_ALLOWED_HOSTS; do
    [ -n "${!name:-}" ] || missing+=("$name")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "生产模式需要以下环境变量: ${missing[*]} (见 deploy/reportsite.env.example)" >&2
    exit 2
  fi
  case "$DATABASE_URL" in
    postgres://*|postgresql://*) ;;
    *) echo "生产模式需要 PostgreSQL: DATABASE_URL=postgres://…" >&2; exit 2 ;;
  esac
  export DJANGO_DEBUG=0 DJANGO_MANIFEST_STATIC="${DJANGO_MANIFEST_STATIC:-1}"
  python manage.py check --deploy --fail-level ERROR
fi

python manage.py migrate -v 0
python manage.py collectstatic --noinput -v 0
[ "$mode" = embedded ] && python manage.py load_demo
python manage.py prerender --enqueue -v 0

# at a lower CPU priority, as deploy/reportsite-worker.service runs it (Nice=10)
nice -n 10 python manage.py db_worker --no-reload -v 0 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT INT TERM
echo "==> 后台任务进程 (db_worker) 已启动, pid $worker"
echo "==> 网页服务: http://${HOST:-127.0.0.1}:${PORT:-8000}/"
gunicorn -c deploy/gunicorn.conf.py reportsite.wsgi
