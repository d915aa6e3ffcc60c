#!/usr/bin/env bash
# The sync suite against a real PostgreSQL server: starts one in a temporary directory on
# 127.0.0.1 (tests/integration/pg_lib.sh), runs the [sync] unit tests and the PostgreSQL-only
# ones ([sync-pg]: roles) with FRONTLINE_TEST_PG_URL pointing at it, then removes it.
#   sync_pg_test.sh UNIT_TEST_BINARY
set -euo pipefail
unit=$1
source "$(dirname "$0")/pg_lib.sh"
pg_start
# The offline case stops and restarts this server (same port) while the sync thread runs.
export FRONTLINE_TEST_PG_STOP="${PG_AS[*]} $PG_BIN/pg_ctl -D $PG_DIR/data -m fast -w stop >/dev/null"
export FRONTLINE_TEST_PG_START="${PG_AS[*]} $PG_BIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/server.log -w -t 30 -o '-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1' start >/dev/null"
FRONTLINE_TEST_PG_URL="$PG_URL" "$unit" "[sync],[sync-pg]"
