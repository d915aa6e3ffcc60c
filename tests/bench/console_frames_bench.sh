#!/usr/bin/env bash
# Console frame benchmark (prints figures; not a test), the real window under Xvfb:
# 1. Frame time p50/p99 while the pop shows a customer with 100,000 contacts in their
#    history and 100,000 orders, against the same console showing an ordinary customer
#    (a handful of rows) in the same run: the ratio says what the big lists cost. Frames
#    are drawn back to back (--continuous-redraw); each frame's time is from its start to
#    the end of glfwSwapBuffers.
# 2. INVITE to first frame: SIPp places calls one by one (auto-answer) at an idle console;
#    for each, the time from the INVITE's bytes arriving to the end of the first frame
#    that shows its pop (the console sleeps between contacts, so this includes its wake-up).
#   console_frames_bench.sh FRONTLINE SCENARIO_DIR [CALLS]
set -euo pipefail
frontline=$1
scenarios=$(realpath "$2")
calls=${3:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$frontline" demo-data --db "$work/store.db" --customers 2000 --seed 3 >/dev/null
# The big customer (id 1) gets 100,000 more contacts and 100,000 more orders.
sqlite3 "$work/store.db" <<'SQL'
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO interactions (id, customer_id, channel, direction, address, display_name, subject, agent_id, status,
  outcome, offered_us, answered_us, ended_us, wrapped_us, wait_us, talk_us, acw_us, disposition, note, last_event_us)
SELECT 'bench-' || i, 1, CASE WHEN i % 3 = 0 THEN 'email' ELSE 'voice' END, 'in', '', '', 'Question ' || i, 'agent-01',
  'wrapped', 'answered', 1600000000000000 + i * 60000000, 1600000000000000 + i * 60000000 + 5000000,
  1600000000000000 + i * 60000000 + 95000000, 1600000000000000 + i * 60000000 + 125000000, 5000000, 90000000,
  30000000, 'resolved', 'Note for contact ' || i, 1600000000000000 + i * 60000000 + 125000000 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO orders (customer_id, number, ordered_us, status, items_json, total_minor, currency)
SELECT 1, 'BENCH-' || printf('%06d', i), 1600000000000000 + i * 60000000, 'delivered',
  '[{"name":"Kettle","qty":1,"unit_minor":2999}]', 2999, 'GBP' FROM n;
SQL
big=$(sqlite3 "$work/store.db" "SELECT value FROM customer_addresses WHERE customer_id = 1 AND kind = 'phone' LIMIT 1")
small=$(sqlite3 "$work/store.db" "SELECT value FROM customer_addresses WHERE customer_id = 2 AND kind = 'phone' LIMIT 1")
cat > "$work/frontline.toml" <<TOML
[agent]
id = "bench"
[store]
path = "store.db"
[sip]
listen = "127.0.0.1:0"
[smtp]
listen = ""
[lmtp]
listen = ""
[cti]
listen = ""
[desk]
auto_answer = true
history_limit = 100000
order_limit = 100000
TOML
source "$(dirname "$0")/lib.sh"  # percentiles, p50
cat > "$work/session.sh" <<'SESSION'
set -u
dump="$WORK/dump.json"
rm -f "$dump"
"$FRONTLINE" --config "$WORK/frontline.toml" --ui-dump "$dump" --layout "$WORK/layout.ini" $EXTRA \
  --frame-stats "$WORK/$STATS" 2>/dev/null &
pid=$!
for _ in $(seq 1 300); do grep -q "SIP udp" "$dump" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o 'SIP udp 127.0.0.1:[0-9]*' "$dump" | head -1 | cut -d: -f2)
call() {  # call NUMBER
  printf 'SEQUENTIAL\n%s;Bench;\n' "$1" > "$WORK/caller.csv"
  sipp 127.0.0.1:"$port" -sf "$SCENARIOS/caller_hangs_up.xml" -i 127.0.0.1 -p 0 -nostdin -m 1 -timeout 10 \
    -inf "$WORK/caller.csv" >/dev/null 2>&1 || true
}
if [ "$MODE" = frames ]; then
  call "$SMALL"; sleep 3
  call "$BIG"; sleep 5
else
  for _ in $(seq 1 "$CALLS"); do call "$SMALL"; sleep 0.4; done
fi
kill "$pid"
wait "$pid" 2>/dev/null
exit 0
SESSION
for mode in frames invite; do
  extra=""
  [ "$mode" = frames ] && extra="--continuous-redraw"
  FRONTLINE=$frontline SCENARIOS=$scenarios WORK=$work MODE=$mode EXTRA=$extra STATS="$mode.txt" SMALL=$small BIG=$big CALLS=$calls \
    xvfb-run -a -s "-screen 0 1600x1000x24" bash "$work/session.sh"
done
rows=$(awk '$1 == "frame_us" && $4 >= 100000 { print $4; exit }' "$work/frames.txt")
baseline_rows=$(awk '$1 == "frame_us" && $4 > 0 && $4 < 100000 { print $4; exit }' "$work/frames.txt")
awk '$1 == "frame_us" && $4 >= 100000 { print $2 }' "$work/frames.txt" | percentiles "frame time, pop with ${rows:-?} history rows and 100,000 orders"
awk '$1 == "frame_us" && $4 > 0 && $4 < 100000 { print $2 }' "$work/frames.txt" | percentiles "frame time, baseline pop with ${baseline_rows:-?} history rows"
big50=$(awk '$1 == "frame_us" && $4 >= 100000 { print $2 }' "$work/frames.txt" | p50)
small50=$(awk '$1 == "frame_us" && $4 > 0 && $4 < 100000 { print $2 }' "$work/frames.txt" | p50)
awk -v a="$big50" -v b="$small50" 'BEGIN { if (b > 0) printf "frame time ratio (100,000 rows / baseline), p50: %.2f\n", a / b }'
awk '$1 == "invite_to_frame_us" { print $2 }' "$work/invite.txt" | percentiles "INVITE received to first frame showing the pop"
