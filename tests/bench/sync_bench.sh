#!/usr/bin/env bash
# Sync benchmark (prints figures; not a test): sync_bench against a throwaway PostgreSQL
# server on loopback.
#   sync_bench.sh SYNC_BENCH_BINARY [EVENTS] [CUSTOMERS]
set -euo pipefail
bench=$1
source "$(dirname "$0")/../integration/pg_lib.sh"
pg_start
"$bench" --pg-url "$PG_URL" --events "${2:-100000}" --customers "${3:-1000000}"
