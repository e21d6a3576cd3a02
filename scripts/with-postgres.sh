#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster (Debian's packages), then removes it.
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]   (DATABASE_URL is exported for COMMAND)
set -euo pipefail

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ]; then
  echo "PostgreSQL is not installed (run scripts/install.sh --test)" >&2
  exit 1
fi
workdir=$(mktemp -d /tmp/reportsite-pg.XXXXXX)
port=${PGTEST_PORT:-$(( 20000 + RANDOM % 20000 ))}

as_owner=()
if [ "$(id -u)" = 0 ]; then
  # initdb refuses to run as root: run the server as the 'postgres' user the package creates.
  chown postgres "$workdir"
  as_owner=(runuser -u postgres --)
fi

cleanup() {
  "${as_owner[@]}" "$pgbin/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT

"${as_owner[@]}" "$pgbin/initdb" -D "$workdir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
"${as_owner[@]}" "$pgbin/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w -o \
  "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
echo "==> PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/reportsite"
"$@"
