#!/usr/bin/env bash
# The sync suite against a real PostgreSQL server: starts one (as the postgres user when
# run as root) in a temporary directory, listening on 127.0.0.1 only, creates a database,
# runs the [sync] unit tests with FRONTLINE_TEST_PG_URL pointing at it, then stops the
# server and removes the directory.
#   sync_pg_test.sh UNIT_TEST_BINARY
set -euo pipefail
unit=$1
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server not installed (Debian package postgresql)"; exit 1; }
dir=$(mktemp -d /tmp/frontline-pg.XXXXXX)
as=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  as=(runuser -u postgres --)
fi
stop() {
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
"${as[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 >/dev/null
started=""
for attempt in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 30000))
  if "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on" start >/dev/null; then
    started=yes
    break
  fi
done
[ -n "$started" ] || { cat "$dir/server.log"; exit 1; }
"${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres frontline_test
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
# The offline case stops and restarts this server (same port) while the sync thread runs.
export FRONTLINE_TEST_PG_STOP="${as[*]} $bin/pg_ctl -D $dir/data -m fast -w stop >/dev/null"
export FRONTLINE_TEST_PG_START="${as[*]} $bin/pg_ctl -D $dir/data -l $dir/server.log -w -t 30 -o '-p $port -k $dir -c listen_addresses=127.0.0.1' start >/dev/null"
FRONTLINE_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/frontline_test" "$unit" "[sync],[sync-pg]"
