# Shared by the GUI tests and the session scripts they run under Xvfb. Source it; do not
# run it.
fail=0

# wait_for TEXT SECONDS: until TEXT appears in the UI dump file named by $dump.
wait_for() {
  for _ in $(seq 1 $(($2 * 10))); do grep -qF -- "$1" "$dump" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for '$1' in the UI dump"
  return 1
}

# expect DESCRIPTION COMMAND...: prints ok or FAILED; a failure makes $fail 1.
expect() {
  local what=$1
  shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; fail=1; fi
}
