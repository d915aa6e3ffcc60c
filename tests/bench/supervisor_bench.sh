#!/usr/bin/env bash
# Supervisor benchmark (prints figures; not a test):
# 1. the analytics worker's cost per new event, beside appending that event (floor_bench fold)
# 2. a full recompute over 1,000,000 contacts of a busy month written in time order, beside
#    a plain SQL GROUP BY over the same rows (floor_bench make + recompute); and over the
#    newest 1,000,000 contacts of the 1M-customer bench store when it exists
# 3. agent action -> supervisor frame: an agent's console pushes 200 state changes (one
#    every 250 ms) to a throwaway PostgreSQL server on loopback; the supervisor's console
#    (the real window under Xvfb) LISTENs, pulls, folds and draws; for each change, the time
#    from the agent's commit to the end of the first frame that shows it (goal p99 <= 1 s)
# 4. the supervisor's frame time p50/p99 with 100 agents and 5,000 open complaints, every
#    panel in turn, against the same console with an empty floor in the same run (goal p99
#    <= 8 ms, Mesa's CPU rasteriser under Xvfb)
# 5. the supervisor console's resident memory on the 1M-customer bench store
#   supervisor_bench.sh FRONTLINE FLOOR_BENCH BENCH_DIR [BENCH_STORE]
set -euo pipefail
frontline=$1
floor_bench=$2
bench_dir=$(realpath "$3")
bench_store=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/lib.sh"  # percentiles, p50

echo "-- 1. analytics cost per new event"
"$floor_bench" fold --dir "$work"
echo "-- 2. full recompute"
"$floor_bench" make --db "$work/month.db" --interactions 1000000
"$floor_bench" recompute --db "$work/month.db" --interactions 1000000 | tail -1
rm -f "$work/month.db"*
if [ -n "$bench_store" ] && [ -f "$bench_store" ]; then
  "$floor_bench" recompute --db "$bench_store" --interactions 1000000 | grep -E "^(recompute|full|migrated)"
fi

echo "-- 3. agent action -> supervisor frame over PostgreSQL (about 60 s)"
source "$(dirname "$0")/../integration/pg_lib.sh"
pg_start
trap 'pg_stop; rm -rf "$work"' EXIT  # pg_lib set its own trap
"$frontline" demo-data --db "$work/supervisor.db" --customers 2000 --seed 4 >/dev/null
cat > "$work/frontline.toml" <<TOML
[agent]
id = "supervisor-01"
role = "supervisor"
[store]
path = "supervisor.db"
[central]
url = "$PG_URL"
TOML
"$frontline" central init --config "$work/frontline.toml" >/dev/null
cat > "$work/latency.sh" <<'SESSION'
set -u
"$FRONTLINE" --config "$WORK/frontline.toml" --ui-dump "$WORK/dump.json" --layout "$WORK/layout.ini" \
  --frame-stats "$WORK/latency.txt" 2>"$WORK/console.log" &
pid=$!
for _ in $(seq 1 300); do grep -q "agents logged in" "$WORK/dump.json" 2>/dev/null && break; sleep 0.1; done
"$FLOOR_BENCH" agent --db "$WORK/agent.db" --central "$PG_URL" --changes 201 --every-ms 250
sleep 2  # the last change's frame
kill "$pid"
wait "$pid" 2>/dev/null
SESSION
FRONTLINE=$frontline FLOOR_BENCH=$floor_bench WORK=$work PG_URL=$PG_URL \
  xvfb-run -a -s "-screen 0 1600x1000x24" bash "$work/latency.sh"
awk '$1 == "floor_event_to_frame_us" { print $2 }' "$work/latency.txt" |
  percentiles "agent's commit -> supervisor's frame showing it (PostgreSQL, LISTEN/NOTIFY)"
pg_stop

echo "-- 4. supervisor frame time, 100 agents and 5,000 open complaints"
now_us=$(($(date +%s) * 1000000))
cp "$work/supervisor.db" "$work/busy.db"
sqlite3 "$work/supervisor.db" "DELETE FROM complaints"  # the empty floor: no complaints, no agents logged in
sqlite3 "$work/busy.db" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
INSERT OR REPLACE INTO agent_states (agent_id, state, reason, since_us)
SELECT printf('agent-%03d', i), CASE i % 4 WHEN 0 THEN 'available' WHEN 1 THEN 'on_contact' WHEN 2 THEN 'wrap_up'
  ELSE 'not_ready' END, CASE WHEN i % 4 = 3 THEN 'Break' ELSE '' END, $now_us - i * 37000000 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
INSERT OR REPLACE INTO agents (id, name, role) SELECT printf('agent-%03d', i), 'Agent ' || i, 'agent' FROM n;
DELETE FROM complaints;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO complaints (id, customer_id, interaction_id, category, priority, summary, status, owner_agent_id,
  opened_us, first_response_us, response_due_us, resolution_due_us, last_event_us)
SELECT 'bench-k' || i, 1 + i % 2000, 'bench-c' || i, 'delivery', CASE i % 3 WHEN 0 THEN 'urgent' WHEN 1 THEN 'high'
  ELSE 'normal' END, 'Complaint number ' || i, CASE WHEN i % 2 = 0 THEN 'responded' ELSE 'open' END,
  printf('agent-%03d', 1 + i % 100), $now_us - i * 60000000, CASE WHEN i % 2 = 0 THEN $now_us - i * 30000000 END,
  $now_us - i * 60000000 + 14400000000, $now_us - i * 60000000 + 86400000000, $now_us FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
INSERT INTO interactions (id, customer_id, channel, direction, address, display_name, subject, agent_id, status,
  outcome, offered_us, answered_us, ended_us, wrapped_us, disposition, note, last_event_us, queue)
SELECT 'bench-c' || i, 1 + i % 2000, CASE WHEN i % 4 = 0 THEN 'email' ELSE 'voice' END, 'in', '', '', '',
  printf('agent-%03d', 1 + i % 100), 'wrapped', 'answered', $now_us - i * 9000000, $now_us - i * 9000000 + 8000000,
  $now_us - i * 9000000 + 200000000, $now_us - i * 9000000 + 230000000, 'resolved', '', $now_us,
  CASE i % 3 WHEN 0 THEN 'sales' WHEN 1 THEN 'support' ELSE 'billing' END FROM n;
SQL
cat > "$work/frames.sh" <<'SESSION'
set -u
sed "s|^path = .*|path = \"$STORE\"|; s|^url = .*|url = \"\"|" "$WORK/frontline.toml" > "$WORK/frames.toml"
"$FRONTLINE" --config "$WORK/frames.toml" --ui-dump "$WORK/dump-frames.json" --layout "$WORK/layout.ini" \
  --continuous-redraw --frame-stats "$WORK/$STATS" 2>/dev/null &
pid=$!
for _ in $(seq 1 300); do grep -q "agents logged in" "$WORK/dump-frames.json" 2>/dev/null && break; sleep 0.1; done
wid=$(xdotool search --sync --name '^Frontline' | head -1)
sleep 3  # the first frames and the value panel's first computation out of the way
for key in ctrl+1 ctrl+2 ctrl+3 ctrl+4; do xdotool key --window "$wid" "$key"; sleep 3; done  # each panel for 3 s
kill "$pid"
wait "$pid" 2>/dev/null
SESSION
for run in busy supervisor; do
  FRONTLINE=$frontline WORK=$work STORE="$run.db" STATS="frames-$run.txt" \
    xvfb-run -a -s "-screen 0 1600x1000x24" bash "$work/frames.sh"
done
awk '$1 == "frame_us" { print $2 }' "$work/frames-busy.txt" | percentiles "frame time, 100 agents and 5,000 open complaints"
awk '$1 == "frame_us" { print $2 }' "$work/frames-supervisor.txt" | percentiles "frame time, an empty floor (baseline)"
busy=$(awk '$1 == "frame_us" { print $2 }' "$work/frames-busy.txt" | p50)
empty=$(awk '$1 == "frame_us" { print $2 }' "$work/frames-supervisor.txt" | p50)
awk -v a="$busy" -v b="$empty" 'BEGIN { if (b > 0) printf "frame time ratio (busy / empty floor), p50: %.2f\n", a / b }'

if [ -n "$bench_store" ] && [ -f "$bench_store" ]; then
  echo "-- 5. resident memory on $(basename "$bench_store")"
  for role in supervisor agent; do
    cat > "$work/rss.toml" <<TOML
[agent]
id = "$role-rss"
role = "$role"
[store]
path = "$(realpath "$bench_store")"
[central]
url = ""
[sip]
listen = ""
[smtp]
listen = ""
[lmtp]
listen = ""
[cti]
listen = ""
TOML
    cat > "$work/rss.sh" <<'SESSION'
set -u
"$FRONTLINE" --config "$WORK/rss.toml" --ui-dump "$WORK/dump-rss.json" --layout "$WORK/layout-rss.ini" 2>/dev/null &
pid=$!
for _ in $(seq 1 1200); do grep -q "$READY" "$WORK/dump-rss.json" 2>/dev/null && break; sleep 0.1; done
sleep 5  # settle (the value panel reads every customer's orders once)
awk -v role="$ROLE" '/VmRSS/ { printf "resident memory, %s console: %.0f MiB\n", role, $2 / 1024 }' "/proc/$pid/status"
kill "$pid"
wait "$pid" 2>/dev/null
SESSION
    ready="agents logged in"
    [ "$role" = agent ] && ready="Agent $role-rss"
    FRONTLINE=$frontline WORK=$work ROLE=$role READY="$ready" xvfb-run -a -s "-screen 0 1600x1000x24" bash "$work/rss.sh"
  done
fi
