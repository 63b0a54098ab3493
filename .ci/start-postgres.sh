#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the test suite and prints its URL on stdout.
# Usage: eval "$(bash .ci/start-postgres.sh)"   -> exports TEST_DATABASE_URL
# Needs Debian's postgresql package (initdb/pg_ctl). PostgreSQL refuses to run as root, so when run
# as root the server runs as the 'postgres' system user.
set -euo pipefail
# A free port unless one is given (a developer may already run one on the usual port).
port="${PGTEST_PORT:-$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$bindir/initdb" ] || { echo "initdb not found: apt-get install -y postgresql" >&2; exit 1; }
dir="$(mktemp -d /tmp/support-assistant-pg.XXXXXX)"
run=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  run=(runuser -u postgres --)
fi
"${run[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
"${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >&2 \
  || { cat "$dir/server.log" >&2; exit 1; }
echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
echo "export PGTEST_DIR=$dir"
