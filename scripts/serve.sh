#!/usr/bin/env bash
# Installs everything, prepares an SQLite database with demo data and serves the app
# on http://127.0.0.1:8000/ (the demo logins are printed before the server starts).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh
export PATH="$PWD/.venv/bin:$PATH"
python manage.py migrate -v 0
python manage.py collectstatic --noinput -v 0
python manage.py load_demo
exec python manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}"
