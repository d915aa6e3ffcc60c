# Shared by the integration tests: a demo store, `frontline serve` on ephemeral loopback
# ports, and pass/fail bookkeeping. Source it; do not run it.
set -uo pipefail
FRONTLINE=$1
WORK=$(mktemp -d)
SERVE_PID=""
passed=0
failed=0

cleanup() {
  [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

check() {  # check NAME COMMAND...: passes when the command succeeds
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok: $name"
  else
    failed=$((failed + 1))
    echo "FAILED: $name"
  fi
}

equals() {  # equals EXPECTED ACTUAL
  [ "$1" = "$2" ] || { echo "   expected: $1"; echo "   actual:   $2"; return 1; }
}

sql() { sqlite3 "$WORK/store.db" "$@"; }

# eventually_equals EXPECTED SQL: the query reaches EXPECTED within 10 s. For what the desk
# records after the peer already has its answer (a SIP call's end: our 200 to BYE and 487
# to CANCEL do not wait for the store).
eventually_equals() {
  local expected=$1 query=$2 actual=""
  for _ in $(seq 1 100); do
    actual=$(sql "$query")
    [ "$actual" = "$expected" ] && return 0
    sleep 0.1
  done
  echo "   expected: $expected"
  echo "   actual:   $actual"
  return 1
}

# start_serve [EXTRA_TOML]: demo store of 300 customers, listeners on port 0 (the
# kernel picks), waits for "ready", and sets SMTP_PORT, LMTP_PORT, CTI_PORT, SIP_PORT.
start_serve() {
  [ -f "$WORK/store.db" ] || "$FRONTLINE" demo-data --db "$WORK/store.db" --customers 300 --seed 11 >/dev/null
  cat > "$WORK/frontline.toml" <<TOML
[agent]
id = "it-console"
[store]
path = "store.db"
[smtp]
listen = "127.0.0.1:0"
[lmtp]
listen = "127.0.0.1:0"
[cti]
listen = "127.0.0.1:0"
token = "test-token-7f3a-5c21"
[sip]
listen = "127.0.0.1:0"
${1:-}
TOML
  "$FRONTLINE" serve --config "$WORK/frontline.toml" > "$WORK/serve.log" 2>&1 &
  SERVE_PID=$!
  for _ in $(seq 1 300); do
    grep -q "ready; waiting" "$WORK/serve.log" && break
    sleep 0.1
  done
  SMTP_PORT=$(sed -n 's/.*listening: SMTP 127.0.0.1:\([0-9]*\).*/\1/p' "$WORK/serve.log" | head -1)
  LMTP_PORT=$(sed -n 's/.*listening: LMTP 127.0.0.1:\([0-9]*\).*/\1/p' "$WORK/serve.log" | head -1)
  SIP_PORT=$(sed -n 's/.*listening: SIP udp 127.0.0.1:\([0-9]*\).*/\1/p' "$WORK/serve.log" | head -1)
  CTI_PORT=$(sed -n 's/.*listening: CTI http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$WORK/serve.log" | head -1)
  [ -n "$SMTP_PORT" ] || { echo "serve did not start:"; cat "$WORK/serve.log"; exit 1; }
}

# stop_serve: SIGTERM, then its exit status; a serve still running 30 s later is a
# failure (it is killed, and the test says so) rather than a hang.
stop_serve() {
  kill "$SERVE_PID" || return 1
  for _ in $(seq 1 300); do kill -0 "$SERVE_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$SERVE_PID" 2>/dev/null; then
    echo "   serve did not stop within 30 s of SIGTERM; killed"
    kill -9 "$SERVE_PID"
    wait "$SERVE_PID" 2>/dev/null
    SERVE_PID=""
    return 1
  fi
  wait "$SERVE_PID"
  local code=$?
  SERVE_PID=""
  return $code
}

# On a failure: the logs and outputs of every process the test started, printed and kept
# under $FRONTLINE_ARTIFACTS/TEST-logs (set by ctest) before $WORK goes.
finish() {
  echo "$passed passed, $failed failed"
  if [ "$failed" -ne 0 ]; then
    local kept="${FRONTLINE_ARTIFACTS:-$PWD}/$(basename "$0" .sh)-logs"
    mkdir -p "$kept"
    echo "==== the logs of every process this test started (kept in $kept):"
    find "$WORK" -maxdepth 2 -type f \( -name '*.log' -o -name '*.out' -o -name '*.txt' -o -name '*.toml' \) |
      sort | while read -r f; do
        echo "---- ${f#"$WORK"/}"
        tail -n 60 "$f"
        cp "$f" "$kept/$(echo "${f#"$WORK"/}" | tr / _)"
      done
  fi
  [ "$failed" -eq 0 ]
}
