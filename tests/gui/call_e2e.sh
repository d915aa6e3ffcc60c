#!/usr/bin/env bash
# End to end under Xvfb: the console on a demo store, a SIPp call from a known customer,
# the pop asserted from the UI dump (name, an order number, an open complaint), F2 to
# answer, a note typed during the call (at once, with capitals), the PBX's transcript of
# the call posted to the CTI webhook and read in the pop with the customer's feeling, the
# caller hangs up, "1" picks a disposition and
# Ctrl+Enter ends the wrap-up; the store must hold the interaction with its times,
# disposition and note. Screenshots kept.
#   call_e2e.sh FRONTLINE_BINARY SCENARIO_DIR ARTIFACT_DIR
set -euo pipefail
source "$(dirname "$0")/lib.sh"
frontline=$1
scenarios=$2
artifacts=$3
mkdir -p "$artifacts"
gui_work call-e2e
today=$(date -u +%F)
"$frontline" demo-data --db "$work/demo.db" --customers 3000 --seed 5 --as-of "$today" >/dev/null
console_toml agent-e2e demo.db sip smtp cti | sed '/^\[cti\]/a token = "gui-cti-token-5e1b9d"' > "$work/frontline.toml"
# A customer with a UK mobile, an order and an open complaint.
IFS=$'\t' read -r name phone order summary < <(sqlite3 -separator $'\t' "$work/demo.db" "
  SELECT c.display_name, a.value, (SELECT number FROM orders WHERE customer_id = c.id ORDER BY ordered_us DESC LIMIT 1),
         k.summary
  FROM customers c JOIN customer_addresses a ON a.customer_id = c.id JOIN complaints k ON k.customer_id = c.id
  WHERE a.value LIKE '+447%' AND k.status IN ('open', 'responded')
    AND EXISTS (SELECT 1 FROM orders WHERE customer_id = c.id) ORDER BY c.id LIMIT 1")
echo "calling as $name ($phone), expecting order $order and complaint '$summary'"
printf 'SEQUENTIAL\n%s;%s;\n' "$phone" "$name" > "$work/caller.csv"

cat > "$work/session.sh" <<'SESSION'
set -u
source "$GUI_LIB"
start_console "Agent agent-e2e: Available"
port=$(bound_port "SIP udp")
sipp 127.0.0.1:"$port" -i 127.0.0.1 -p 0 -nostdin -m 1 -timeout 60 -timeout_error -sf "$SCENARIOS/agent_answers.xml" \
  -inf "$WORK/caller.csv" > "$WORK/sipp.out" 2>&1 &
sipp=$!
wait_for "RINGING" 20
sleep 0.3
import -window root "$ARTIFACTS/call-ringing.png"
cp "$dump" "$ARTIFACTS/call-ringing-dump.json"
press_until "ON CALL" F2
# Typed at once, capitals included: every Shift press and release must reach the note
# (a release once landed inside a frame and ImGui aborted on the changed modifiers).
xdotool type --window "$wid" --delay 15 "Asked About the LATE parcel"
# The PBX's speech-to-text posts what was said (README "Emotion index"): the agent reads
# the customer's line, and how they feel, in the call's pop.
cti=$(grep -o "CTI http://127.0.0.1:[0-9]*" "$dump" | head -1 | cut -d: -f3)
call_id=$(sqlite3 "$WORK/demo.db" "SELECT substr(external_id, 5, instr(external_id, ';') - 5) FROM interactions WHERE external_id LIKE 'sip:%;from-tag=%' LIMIT 1")
say() {
  python3 -c 'import json, sys; print(json.dumps({"event": "transcript", "callId": sys.argv[1], "speaker": sys.argv[2], "text": sys.argv[3]}))' "$call_id" "$1" "$2" |
    curl -s -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' --data-binary @- \
      "http://127.0.0.1:$cti/api/v1/cti/gui-cti-token-5e1b9d" >> "$WORK/transcript.codes"
}
say customer "This is ridiculous, the parcel is late again and nobody answers my emails!"
say agent "I am sorry about that, let me look at the order now."
wait_for "nobody answers my emails" 20
wait_for "Feeling in their words (estimate): upset" 20
cp "$dump" "$ARTIFACTS/call-transcript-dump.json"
sleep 0.3
import -window root "$ARTIFACTS/call-talking.png"
wait_for "CALL ENDED" 20
wait "$sipp"
echo "sipp exit $?" > "$WORK/sipp.code"
# The note still has the keyboard: Alt+1 picks the disposition without typing into it,
# and Ctrl+Enter leaves the note and finishes the wrap-up.
cp "$dump" "$ARTIFACTS/call-ended-dump.json"
press_until "Disposition chosen: Resolved" alt+1
press_until "Agent agent-e2e: Available" ctrl+Return
import -window root "$ARTIFACTS/call-wrapped.png"
kill "$pid"
wait "$pid" 2>/dev/null
exit 0
SESSION
run_session "$work/session.sh" 1600x1000 SCENARIOS="$scenarios"

ringing="$artifacts/call-ringing-dump.json"
expect "the pop shows the caller's name" grep -qF "$name" "$ringing"
expect "the wrap-up says which keys pick a disposition" grep -qF "Wrap-up: press Alt+1-9 for the disposition" \
  "$artifacts/call-ended-dump.json"
expect "the pop shows one of their orders ($order)" grep -qF "$order" "$ringing"
expect "the pop shows their open complaint" grep -qF "$summary" "$ringing"
expect "the PBX's transcript lines were accepted (200 200)" test "$(tr '\n' ' ' < "$work/transcript.codes")" = "200 200 "
expect "the call's pop showed the agent's line and the customer's, with their feeling" grep -qF "let me look at the order now" \
  "$artifacts/call-transcript-dump.json"
expect "the call is scored from the customer's line" test \
  "$(sqlite3 "$work/demo.db" "SELECT emotion_index < -40 FROM interactions WHERE external_id LIKE 'sip:%'")" = 1
expect "SIPp got our 200 after F2 and exited 0" grep -q "sipp exit 0" "$work/sipp.code"
row=$(sqlite3 "$work/demo.db" "SELECT status, outcome, disposition, wait_us > 0, talk_us >= 1000000, acw_us > 0, agent_id,
  note FROM interactions WHERE external_id LIKE 'sip:%'")
expect "the store holds the call wrapped with its times, disposition and note ($row)" \
  test "$row" = "wrapped|answered|resolved|1|1|1|agent-e2e|Asked About the LATE parcel"
expect "screenshots kept" test -s "$artifacts/call-ringing.png" -a -s "$artifacts/call-wrapped.png"
exit $fail
