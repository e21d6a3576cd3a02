#!/usr/bin/env bash
# Installs everything (system and Python packages) and runs the whole test suite:
# lint, Django checks, then pytest on SQLite and on a real PostgreSQL.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh --test || { echo "install failed"; exit 1; }
export PATH="$PWD/.venv/bin:$PATH"

status=0
step() {
  echo "==> $*"
  "$@" || { echo "FAILED: $*"; status=1; }
}

step ruff check .
step python manage.py makemigrations --check --dry-run -v 0
step python manage.py check --fail-level WARNING
step env DJANGO_DEBUG=0 DJANGO_SECURE=1 DJANGO_SECRET_KEY="check-deploy-$(date +%s)-only-for-the-check-not-a-real-secret-value" \
  DJANGO_ALLOWED_HOSTS=reports.example.org python manage.py check --deploy --fail-level WARNING

echo "==> pytest on SQLite"
pytest -n 2 -p no:cacheprovider
rc=$?; [ $rc = 0 ] || { echo "FAILED: pytest on SQLite (exit $rc)"; status=1; }

echo "==> pytest on PostgreSQL"
bash scripts/with-postgres.sh pytest -n 2 -p no:cacheprovider -m "not e2e"
rc=$?; [ $rc = 0 ] || { echo "FAILED: pytest on PostgreSQL (exit $rc)"; status=1; }

[ $status = 0 ] && echo "==> all checks passed" || echo "==> SOME CHECKS FAILED"
exit $status
