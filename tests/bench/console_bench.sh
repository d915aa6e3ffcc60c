#!/usr/bin/env bash
# Console benchmark (prints figures; not a test): the real window under Xvfb on a store,
# no traffic. Idle CPU is the process's user+system time over 10 s of idleness (after 3 s
# to settle), as a share of one core; memory is VmRSS after start.
#   console_bench.sh FRONTLINE STORE
set -euo pipefail
frontline=$1
store=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '[store]\npath = "%s"\n[smtp]\nlisten = ""\n[lmtp]\nlisten = ""\n[cti]\nlisten = ""\n[sip]\nlisten = ""\n' \
  "$(realpath "$store")" > "$work/frontline.toml"
cat > "$work/session.sh" <<'SESSION'
set -u
"$FRONTLINE" --config "$WORK/frontline.toml" --ui-dump "$WORK/dump.json" --layout "$WORK/layout.ini" 2>/dev/null &
pid=$!
for _ in $(seq 1 600); do grep -q "Agent agent-01: Available" "$WORK/dump.json" 2>/dev/null && break; sleep 0.1; done
sleep 65  # past the first minute in a state, when the agent bar shows seconds
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
t0=$(ticks "$pid"); s0=$(date +%s.%N)
sleep 10
t1=$(ticks "$pid"); s1=$(date +%s.%N)
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
awk -v a="$t0" -v b="$t1" -v hz="$hz" -v s="$s0" -v e="$s1" -v rss="$rss" 'BEGIN {
  printf "console idle CPU over %.1f s: %.2f %% of one core (%d ticks at %d Hz); resident memory after start: %.0f MiB\n",
         e - s, 100 * (b - a) / hz / (e - s), b - a, hz, rss / 1024 }'
kill "$pid"
wait "$pid" 2>/dev/null
exit 0
SESSION
FRONTLINE=$frontline WORK=$work xvfb-run -a -s "-screen 0 1600x1000x24" bash "$work/session.sh"
