# A throwaway PostgreSQL server for the sync tests and benchmark: source this file, then
# call pg_start. It initialises a cluster in a temporary directory (as the postgres user
# when run as root), listens on 127.0.0.1 only, creates the database `frontline_test` and
# sets PG_URL, PG_BIN, PG_DIR, PG_PORT and PG_AS; pg_stop (also on exit) removes it all.
pg_start() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL server not installed (Debian package postgresql)"; return 1; }
  PG_DIR=$(mktemp -d)
  PG_AS=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PG_DIR"
    PG_AS=(runuser -u postgres --)
  fi
  trap pg_stop EXIT
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 >/dev/null || return 1
  local started=""
  for _ in 1 2 3 4 5; do
    PG_PORT=$((20000 + RANDOM % 30000))
    if "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
        -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null; then
      started=yes
      break
    fi
  done
  [ -n "$started" ] || { cat "$PG_DIR/server.log"; return 1; }
  "${PG_AS[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres frontline_test || return 1
  PG_URL="postgresql://postgres@127.0.0.1:$PG_PORT/frontline_test"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}
