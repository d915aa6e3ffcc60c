#!/usr/bin/env bash
# The supervisor's floor, end to end: two agent consoles (`frontline serve`, each with its
# own store and origin) take SIPp calls and a swaks email and push to the central store;
# the supervisor's console (under Xvfb) pulls and shows both agents' states and the queue
# figures; a complaint past its due time raises an alert, "Show" drills down to it and to
# its customer, "Acknowledge" records the acknowledgement (an event, synced); `frontline
# report` agrees with a direct count of the central store; an agent's call that sounds poor
# shows its MOS on the floor and raises an alert. At 1600x1000 and 1280x720, with
# screenshots of the floor, the queues and the complaint board.
#   supervisor.sh FRONTLINE_BINARY ARTIFACT_DIR [pg]
# With `pg` the central store is a real PostgreSQL server (tests/integration/pg_lib.sh)
# and every console logs in with its own role (agents: frontline_agent; the supervisor:
# frontline_supervisor), so the supervisor's acknowledgement passes the server's
# row-level security and the agents' pushes do too.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
frontline=$1
artifacts=$2
central_kind=${3:-sqlite}
mkdir -p "$artifacts"
gui_work "supervisor-$central_kind"
today=$(date +%F)
"$frontline" demo-data --db "$work/supervisor.db" --customers 400 --seed 5 --as-of "$today" >/dev/null
cp "$work/supervisor.db" "$work/agent-01.db"
cp "$work/supervisor.db" "$work/agent-02.db"

queues='[[queues]]
name = "sales"
label = "Sales"
addresses = ["5000"]
[[queues]]
name = "support"
label = "Support"
addresses = ["support@frontline.test"]
[[teams]]
name = "Blue"
agents = ["agent-01", "agent-02"]'

central_url_for() {  # central_url_for LOGIN
  if [ "$central_kind" = pg ]; then echo "postgresql://$1@127.0.0.1:$PG_PORT/frontline_test"; else echo "sqlite://central.db"; fi
}
central_sql() {
  if [ "$central_kind" = pg ]; then
    "${PG_AS[@]}" "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d frontline_test -Atqc "$1"
  else
    sqlite3 "$work/central.db" "$1"
  fi
}
if [ "$central_kind" = pg ]; then
  source "$(dirname "$0")/../integration/pg_lib.sh"
  pg_start > "$work/postgres.log"
  trap 'pg_stop; gui_finish $?' EXIT
fi

for n in 01 02; do
  cat > "$work/agent-$n.toml" <<TOML
[agent]
id = "agent-$n"
name = "Agent $n"
[store]
path = "agent-$n.db"
[central]
url = "$(central_url_for "agent-$n")"
sync_interval_s = 1
[desk]
auto_answer = true
[sip]
listen = "127.0.0.1:0"
[smtp]
listen = "127.0.0.1:0"
[lmtp]
listen = ""
[cti]
listen = ""
$queues
TOML
done
cat > "$work/frontline.toml" <<TOML
[agent]
id = "supervisor-01"
name = "Sam Supervisor"
role = "supervisor"
[store]
path = "supervisor.db"
[central]
url = "$(central_url_for supervisor-01)"
[floor]
breach_alert_min = 15
$queues
TOML
if [ "$central_kind" = pg ]; then
  sed "s|^url = .*|url = \"$PG_URL\"|" "$work/frontline.toml" > "$work/owner.toml"
  "$frontline" central init --config "$work/owner.toml" > "$work/central-init.log" 2>&1
  for login in agent-01 agent-02; do central_sql "CREATE ROLE \"$login\" LOGIN IN ROLE frontline_agent"; done
  central_sql 'CREATE ROLE "supervisor-01" LOGIN IN ROLE frontline_supervisor'
else
  "$frontline" central init --config "$work/frontline.toml" > "$work/central-init.log" 2>&1
fi

# A complaint another console opened an hour ago, due half an hour ago, as the sync would
# have pulled it into the supervisor's store: it has breached its first response.
customer=$(sqlite3 "$work/supervisor.db" "SELECT id FROM customers ORDER BY id LIMIT 1")
customer_name=$(sqlite3 "$work/supervisor.db" "SELECT display_name FROM customers WHERE id = $customer")
opened=$(( ($(date +%s) - 3600) * 1000000 ))
due=$(( ($(date +%s) - 1800) * 1000000 ))
sqlite3 "$work/supervisor.db" "
  INSERT INTO interaction_events (origin, seq, interaction_id, ts_us, kind, agent_id, payload_json) VALUES
    ('agent-09', 1, 'gui-contact', $opened, 'complaint_opened', 'agent-09',
     json_object('complaint_id', 'gui-k1', 'customer_id', $customer, 'category', 'delivery', 'priority', 'urgent',
                 'summary', 'Parcel never arrived', 'response_due_us', $due, 'resolution_due_us', $due + 36000000000));
  INSERT INTO complaints (id, customer_id, interaction_id, category, priority, summary, status, owner_agent_id,
                          opened_us, response_due_us, resolution_due_us, last_event_us)
    VALUES ('gui-k1', $customer, 'gui-contact', 'delivery', 'urgent', 'Parcel never arrived', 'open', 'agent-09',
            $opened, $due, $due + 36000000000, $opened);"
alert_key="breached:gui-k1:first response"
# And agent-09 on a call that sounds poor right now (its console's call_quality event, as
# pulled): the floor shows its grade and MOS, and a red alert names the agent and the caller.
answered=$(( $(date +%s) - 120 ))
midnight=$(date -d "today 00:00" +%s)
[ "$answered" -gt "$((midnight + 10))" ] || answered=$((midnight + 10))  # today's, also just after midnight
answered=$((answered * 1000000))
sqlite3 "$work/supervisor.db" "
  INSERT INTO interaction_events (origin, seq, interaction_id, ts_us, kind, agent_id, payload_json) VALUES
    ('agent-09', 2, 'gui-call', $answered + 60000000, 'call_quality', '',
     json_object('grade', 'poor', 'mos', 2.84, 'r', 55.0, 'loss_percent', 14.0, 'codec', 'PCMU/8000'));
  INSERT INTO interactions (id, channel, direction, address, display_name, subject, agent_id, status, outcome,
                            offered_us, answered_us, disposition, note, last_event_us, queue, quality_grade, mos_x100,
                            worst_grade)
    VALUES ('gui-call', 'voice', 'in', '+441632960999', 'Pat Caller', '', 'agent-09', 'connected', 'answered',
            $answered - 5000000, $answered, '', '', $answered + 60000000, '', 'poor', 284, 'poor');
  INSERT OR REPLACE INTO agent_states (agent_id, state, reason, since_us) VALUES ('agent-09', 'on_contact', '', $answered);"

# in_window DUMP WINDOW LINE...: the window's lines hold LINE... one after the other.
in_window() {
  python3 - "$@" <<'PY'
import json, sys
dump, window, want = sys.argv[1], sys.argv[2], sys.argv[3:]
lines = [l for w in json.load(open(dump))["windows"] if w["title"] == window for l in w["text"]]
sys.exit(0 if any(lines[i:i + len(want)] == want for i in range(len(lines))) else 1)
PY
}

# The agents' consoles, and their traffic: 3 calls to the sales number at agent-01, one
# email to support at agent-02 (left waiting: nobody takes it).
for n in 01 02; do
  "$frontline" serve --config "$work/agent-$n.toml" > "$work/agent-$n.log" 2>&1 &
  cleanup_pids="$cleanup_pids $!"
done
for n in 01 02; do wait_file_for "ready; waiting" "$work/agent-$n.log" 30 "agent-$n's console"; done
sip_port=$(sed -n 's/.*listening: SIP udp 127.0.0.1:\([0-9]*\).*/\1/p' "$work/agent-01.log" | head -1)
smtp_port=$(sed -n 's/.*listening: SMTP 127.0.0.1:\([0-9]*\).*/\1/p' "$work/agent-02.log" | head -1)
timeout 60 sipp 127.0.0.1:"$sip_port" -i 127.0.0.1 -p 0 -nostdin -sn uac -s 5000 -m 3 -r 3 -d 500 -timeout 50 \
  -timeout_error > "$work/sipp.out" 2>&1 || { echo "SIPp failed"; exit 1; }
timeout 60 swaks --server 127.0.0.1 --port "$smtp_port" --from ann@example.com --to support@frontline.test \
  --header "Subject: Where is my order" --body "Hello, where is my order?" > "$work/swaks.out" 2>&1 ||
  { echo "swaks failed"; exit 1; }

cat > "$work/session.sh" <<'SESSION'
set -u
source "$GUI_LIB"
start_console "agents logged in" || exit 1
# Both agents on the floor, the queue figures in (3 calls offered to sales, 1 email waiting in support).
wait_for '"Agent 2"' 30 || exit 1
wait_for '"Agent 1"' 30 || exit 1
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  xdotool key --window "$wid" ctrl+2
  wait_for "Support" 2 && break
done
xdotool mousemove --window "$wid" 5 5
import -window root "$ARTIFACTS/supervisor-queues-$SIZE.png"
cp "$dump" "$WORK/queues-$SIZE.json"
xdotool key --window "$wid" ctrl+1
wait_for "logged in, 3 shown" 5 || exit 1
import -window root "$ARTIFACTS/supervisor-floor-$SIZE.png"
cp "$dump" "$WORK/floor-$SIZE.json"
# The breached complaint's alert: Show drills down to it, then to its customer.
wait_for "has breached its first response due time" 20 || exit 1
xdotool key --window "$wid" ctrl+3
wait_for "Breached (" 5 || exit 1
# This complaint's alert (not always the top one: the demo data's own breaches fall due at
# every time of day, and the newest is on top).
wait_for "\"! Complaint \\\"Parcel never arrived\\\"" 20 || exit 1
click_alert_button "Show" "Parcel never arrived" || exit 1
wait_for "Parcel never arrived" 5 && wait_for "Reassign" 5 || exit 1
import -window root "$ARTIFACTS/supervisor-complaints-$SIZE.png"
cp "$dump" "$WORK/complaint-$SIZE.json"
click_button "Open the customer" Details || exit 1
wait_for "Customer since" 10 || exit 1
cp "$dump" "$WORK/customer-$SIZE.json"
if [ "$SIZE" = 1600x1000 ]; then
  click_alert_button "Acknowledge" "Parcel never arrived" || exit 1
  for _ in $(seq 1 100); do grep -qF "Parcel never arrived\\\" (" "$dump" || break; sleep 0.1; done
  cp "$dump" "$WORK/acknowledged.json"
fi
stop_console
SESSION
for size in 1280x720 1600x1000; do  # 1600x1000 last: it acknowledges the alert
  run_session "$work/session.sh" "$size" SIZE="$size" ALERT_KEY="$alert_key" || fail=1
  dump="$work/floor-$size.json"
  expect "$size: agent-01 is on the floor, available" in_window "$dump" Floor "Agent 1" Blue Available
  expect "$size: agent-02 is on the floor, available" in_window "$dump" Floor "Agent 2" Blue Available
  expect "$size: agent-09's call sounds poor: MOS and grade in Call sound" grep -qF '"2.8 poor (1 poor)"' "$dump"
  expect "$size: ... and a red alert names the agent and the caller" \
    grep -qF "Agent 9's call with Pat Caller sounds poor (MOS 2.8)" "$dump"
  q="$work/queues-$size.json"
  phone=$(printf '\u260e')
  envelope=$(printf '\u2709')
  expect "$size: the sales queue: nobody waiting, 3 calls offered and answered" \
    in_window "$q" Queues "$phone Sales" 0 - 3 3
  expect "$size: the support queue has the email waiting" in_window "$q" Queues "$envelope Support" 1
  expect "$size: the complaint board has the breached column" grep -qF '"Breached (' "$work/complaint-$size.json"
  expect "$size: Show drilled down to the complaint (owner, due)" in_window "$work/complaint-$size.json" Details \
    "Parcel never arrived" "$customer_name - delivery - priority urgent" "Owner: Agent 9"
  expect "$size: ... which has breached its first response" grep -qF "overdue by 30m (24/7 clock)" "$work/complaint-$size.json"
  expect "$size: the customer opened from the complaint" grep -qF "$customer_name" "$work/customer-$size.json"
done
expect "the acknowledged alert left the banner" bash -c "! grep -qF 'Parcel never arrived\\\" (' '$work/acknowledged.json'"
expect "the acknowledgement is an event of the supervisor's console" test \
  "$(sqlite3 "$work/supervisor.db" "SELECT COUNT(*) FROM interaction_events WHERE origin = 'supervisor-01' AND kind = 'alert_acknowledged' AND json_extract(payload_json, '$.key') = '$alert_key'")" = 1
# The acknowledgement reaches the central store (the supervisor's console pushes it).
"$frontline" sync --once --config "$work/frontline.toml" > "$work/sync-once.log" 2>&1 || true
expect "the acknowledgement is in the central store" test \
  "$(central_sql "SELECT COUNT(*) FROM central_events WHERE origin = 'supervisor-01' AND kind = 'alert_acknowledged'")" = 1
# The report against a direct count of the central store.
"$frontline" sync --once --config "$work/frontline.toml" >> "$work/sync-once.log" 2>&1 || true
"$frontline" report --config "$work/frontline.toml" --from "$today" --to "$today" --by queue > "$work/report.csv"
sales_offered=$(awk -F, '$1 == "sales" && $2 == "voice" { print $3 }' "$work/report.csv")
support_offered=$(awk -F, '$1 == "support" && $2 == "email" { print $3 }' "$work/report.csv")
expect "report: sales voice offered ($sales_offered) equals the central count" test "$sales_offered" = \
  "$(central_sql "SELECT COUNT(*) FROM interactions WHERE queue = 'sales' AND channel = 'voice' AND direction = 'in'")"
expect "report: support email offered ($support_offered) equals the central count" test "$support_offered" = \
  "$(central_sql "SELECT COUNT(*) FROM interactions WHERE queue = 'support' AND channel = 'email' AND direction = 'in'")"
cp "$work/report.csv" "$artifacts/supervisor-report-$central_kind.csv"
exit $fail
