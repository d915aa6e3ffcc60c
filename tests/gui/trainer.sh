#!/usr/bin/env bash
# The trainer's workspace, end to end under Xvfb, against a real agent's work:
#  1. An agent's console takes a SIPp call from a known customer (answer, a note, hold,
#     resume, hang up, wrap-up) and a swaks email (take, reply, wrap-up); its UI dump is
#     kept at six moments. Its events sync to the central store.
#  2. A trainer's console pulls them, finds the call by the customer's phone, opens the
#     replay: masked, the dump holds no phone number, email address or name of the
#     customer. Unmasking (trainer.may_unmask) is recorded as an event; the replay is then
#     stepped event by event to each kept moment and its Contact and Customer regions must
#     show what the agent's did (tests/gui/compare_replay.py). The same for the email.
#     The trainer scrubs, pins an annotation, scores the call on the demo form; both sync.
#  3. The agent's console shows "My evaluations (1 new)"; the agent opens and acknowledges
#     it; the acknowledgement reaches the central store.
#  4. `frontline replay export` writes the call as a case file with no personal data of the
#     customer in it; `frontline --replay` opens it with no store, masked.
#   trainer.sh FRONTLINE_BINARY SCENARIO_DIR ARTIFACT_DIR
set -euo pipefail
source "$(dirname "$0")/lib.sh"
frontline=$(realpath "$1")
scenarios=$2
artifacts=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$artifacts"
gui_work trainer
today=$(date +%F)
"$frontline" demo-data --db "$work/agent.db" --customers 400 --seed 7 --as-of "$today" >/dev/null
cp "$work/agent.db" "$work/trainer.db"
console_toml agent-01 agent.db sip smtp cti | sed '/^\[cti\]/a token = "trainer-cti-token-3c7f0a"' > "$work/frontline.toml"
sed -i 's/^id = "agent-01"/id = "agent-01"\nname = "Ann Agent"/' "$work/frontline.toml"
printf '[central]\nurl = "sqlite://central.db"\nsync_interval_s = 1\n' >> "$work/frontline.toml"
cat > "$work/trainer.toml" <<TOML
[agent]
id = "trainer-01"
name = "Tess Trainer"
role = "trainer"
[store]
path = "trainer.db"
[central]
url = "sqlite://central.db"
sync_interval_s = 1
[trainer]
may_unmask = true
forms = "$here/../../assets/forms"
TOML
"$frontline" central init --config "$work/frontline.toml" > "$work/central-init.out"
# A customer with a UK mobile and an email address: the caller and the writer.
IFS=$'\t' read -r customer name phone email < <(sqlite3 -separator $'\t' "$work/agent.db" "
  SELECT c.id, c.display_name, p.value, e.value FROM customers c
  JOIN customer_addresses p ON p.customer_id = c.id AND p.value LIKE '+447%'
  JOIN customer_addresses e ON e.customer_id = c.id AND e.kind = 'email'
  WHERE c.display_name = c.sort_name AND c.display_name LIKE '% %' ORDER BY c.id LIMIT 1")
echo "customer $customer: $name, $phone, $email"
printf 'SEQUENTIAL\n%s;%s;\n' "$phone" "$name" > "$work/caller.csv"

cat > "$work/agent-session.sh" <<'SESSION'
set -u
source "$GUI_LIB"
keep() { sleep 0.4; cp "$dump" "$ARTIFACTS/live-$1.json"; }
start_console "Agent agent-01: Available"
port=$(bound_port "SIP udp")
sipp 127.0.0.1:"$port" -i 127.0.0.1 -p 0 -nostdin -m 1 -timeout 90 -timeout_error -sf "$SCENARIOS/agent_hangs_up.xml" \
  -inf "$WORK/caller.csv" > "$WORK/sipp.out" 2>&1 &
sipp=$!
wait_for "RINGING" 20 || exit 1
press_until "ON CALL" F2 || exit 1
keep answered
xdotool type --window "$wid" --delay 15 "Parcel late, card 4111 1111 1111 1111"
# The note is saved a second after the last key: wait for it in the store.
for _ in $(seq 1 100); do
  [ "$(sqlite3 "$WORK/agent.db" "SELECT COUNT(*) FROM interaction_events e JOIN interactions i ON i.id = e.interaction_id
        WHERE e.kind = 'note' AND i.external_id LIKE 'sip:%'" 2>/dev/null)" -gt 0 ] && break
  sleep 0.1
done
keep note
# The PBX's transcript: a line of the customer's, a card number read out in it (masked in
# the replay), scored into the call's feeling and shown on the agent's pop.
cti=$(grep -o "CTI http://127.0.0.1:[0-9]*" "$dump" | head -1 | cut -d: -f3)
call_id=$(sqlite3 "$WORK/agent.db" "SELECT substr(external_id, 5, instr(external_id, ';') - 5) FROM interactions
  WHERE external_id LIKE 'sip:%;from-tag=%' LIMIT 1")
python3 -c 'import json, sys; print(json.dumps({"event": "transcript", "callId": sys.argv[1], "speaker": "customer",
  "text": "The parcel is late again, my card is 4111 1111 1111 1111, and I am not happy at all."}))' "$call_id" |
  curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @- \
    "http://127.0.0.1:$cti/api/v1/cti/trainer-cti-token-3c7f0a" > "$WORK/transcript.code"
wait_for "and I am not happy at all." 10 || exit 1
wait_for "Feeling in their words (estimate): " 10 || exit 1
press_until "ON HOLD" ctrl+Return F4 || exit 1
keep held
press_until "ON CALL" F4 || exit 1
press_until "CALL ENDED" F3 || exit 1
keep ended
import -window root "$ARTIFACTS/agent-wrap-up.png"
press_until "Disposition chosen" alt+1 || exit 1
press_until "Agent agent-01: Available" ctrl+Return || exit 1
wait "$sipp"
echo "sipp exit $?" > "$WORK/sipp.code"
smtp=$(bound_port SMTP)
wait_for "Emotion index: on" 20 || exit 1  # the email is scored as it is recorded
swaks --server 127.0.0.1 --port "$smtp" --from "$EMAIL" --to support@shop.example \
  --header "Subject: Where is my parcel" --header "Message-ID: <trainer-1@example.com>" \
  --body "Hello, it is $NAME here. My parcel is late again and I am not happy at all! Call me on $PHONE." \
  > "$WORK/swaks.out" 2>&1
wait_for "queue: email" 20 || exit 1
press_until "EMAIL OPEN" F2 || exit 1
wait_for "Feeling in their words (estimate): " 10 || exit 1
keep email-open
xdotool type --window "$wid" --delay 15 "It left our warehouse today."
press_until "EMAIL ENDED" ctrl+r || exit 1
keep email-ended
press_until "Agent agent-01: Available" 2 ctrl+Return || exit 1
# Every event of this console in the central store before it stops.
pushed() { [ "$(sqlite3 "$WORK/central.db" "SELECT MAX(seq) FROM central_events WHERE origin = 'agent-01'")" = \
  "$(sqlite3 "$WORK/agent.db" "SELECT MAX(seq) FROM interaction_events WHERE origin = 'agent-01'")" ]; }
for _ in $(seq 1 100); do pushed && break; sleep 0.1; done
stop_console
exit 0
SESSION

cat > "$work/trainer-session.sh" <<'SESSION'
set -u
source "$GUI_LIB"
cp "$WORK/trainer.toml" "$WORK/frontline.toml.trainer"
FRONTLINE_CONFIG="$WORK/trainer.toml"
dump="$WORK/trainer-dump.json"
rm -f "$dump"
"$FRONTLINE" --config "$WORK/trainer.toml" --ui-dump "$dump" --layout "$WORK/trainer-layout.ini" 2>"$WORK/trainer.log" &
pid=$!
wait_for "Search (Enter)" 20 || exit 1
wid=$(xdotool search --sync --name '^Frontline' | head -1)
xdotool windowfocus --sync "$wid" 2>/dev/null || true
# The agent's contacts arrive with the sync; then the call is found by the caller's phone.
wait_for "$CALL" 30 || exit 1
find_customer() {  # find_customer TEXT: Clear, type TEXT in the customer filter, Enter (three tries)
  for _ in 1 2 3; do
    click_button Clear Search
    sleep 0.3
    region=($(region_rect Search))
    xdotool mousemove --window "$wid" $((region[0] + 560)) $((region[1] + 30))
    sleep 0.2
    xdotool click 1
    sleep 0.2
    xdotool type --window "$wid" --delay 15 "$1"
    xdotool key --window "$wid" Return
    wait_for "Searched for the customer $1" 5 && return 0
  done
  return 1
}
# replay_row ID: presses Replay on the search result row of contact ID.
replay_row() {
  local at
  at=$(sqlite3 -separator " " :memory: "
    WITH w AS (SELECT value FROM json_each(readfile('$dump'), '$.windows') WHERE json_extract(value, '$.title') = 'Search'),
    row AS (SELECT COUNT(*) - 1 AS n FROM w, json_each(w.value, '$.text') t
            WHERE t.rowid <= (SELECT t2.rowid FROM w, json_each(w.value, '$.text') t2 WHERE t2.value LIKE '$1%')
              AND t.value GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-*')
    SELECT json_extract(b.value, '$.rect[0]') + 10, json_extract(b.value, '$.rect[1]') + 5
    FROM w, json_each(w.value, '$.buttons') b WHERE json_extract(b.value, '$.label') = 'Replay'
    LIMIT 1 OFFSET (SELECT n FROM row)")
  [ -n "$at" ] || { echo "no result row for $1 in the search"; return 1; }
  xdotool mousemove --window "$wid" ${at% *} ${at#* }
  sleep 0.2
  xdotool click 1
}
find_customer "$PHONE" || exit 1  # the customer's contacts, the agent's call among them
import -window root "$ARTIFACTS/trainer-search.png"
replay_row "$CALL" || exit 1
wait_for "Call ${CALL:0:8}" 10 || exit 1
wait_for "Playhead after" 10 || exit 1
wait_for "MASKED" 10 || exit 1
sleep 0.3
cp "$dump" "$ARTIFACTS/replay-masked.json"
import -window root "$ARTIFACTS/trainer-replay-masked.png"
click_button "Unmask (recorded)"
wait_for "UNMASKED" 10 || exit 1
step_to() {  # step_to LABEL NAME: Next until the playhead is after LABEL; keep the dump as NAME
  for _ in $(seq 1 12); do
    grep -qF "Playhead after $1 " "$dump" && { sleep 0.3; cp "$dump" "$ARTIFACTS/replay-$2.json"; return 0; }
    click_button "Next >| (.)"
    sleep 0.4
  done
  echo "the replay never reached '$1'"; return 1
}
step_to answered answered || exit 1
step_to note note || exit 1
step_to hold held || exit 1
step_to ended ended || exit 1
import -window root "$ARTIFACTS/trainer-replay.png"
# Scrub back with the mouse to the start of the timeline, then pin an annotation there.
read -r tx ty < <(sqlite3 -separator " " :memory: "SELECT json_extract(b.value, '$.rect[0]'), json_extract(b.value, '$.rect[1]')
  FROM json_each(readfile('$dump'), '$.windows') w, json_each(w.value, '$.buttons') b
  WHERE json_extract(b.value, '$.label') = 'timeline'")
xdotool mousemove --window "$wid" $((tx + 3)) $((ty + 10))
sleep 0.2
xdotool click 1
wait_for "Playhead after ringing" 5 || exit 1
# The remark's text field sits right above its button.
read -r bx by < <(sqlite3 -separator " " :memory: "SELECT json_extract(b.value, '$.rect[0]'), json_extract(b.value, '$.rect[1]')
  FROM json_each(readfile('$dump'), '$.windows') w, json_each(w.value, '$.buttons') b
  WHERE json_extract(b.value, '$.label') = 'Pin annotation'")
xdotool mousemove --window "$wid" $((bx + 60)) $((by - 25))
sleep 0.2
xdotool click 1
sleep 0.3
xdotool type --window "$wid" --delay 10 "Good greeting, but the card number was read out"
click_button "Pin annotation"
wait_for "coaching point - Good greeting" 10 || exit 1
cp "$dump" "$ARTIFACTS/replay-annotated.json"
# Score the call on the demo form (Evaluate, Ctrl+3).
press_until "Submit evaluation" ctrl+3 || exit 1
for answer in "greeting Yes" "identity Yes" "listening 4" "hold Yes" "complaint N/A" "next_steps 3" "notes 3"; do
  click_button "$answer"
  sleep 0.15
done
wait_for "Score 8" 5 || { cp "$dump" "$ARTIFACTS/evaluate.json"; exit 1; }
import -window root "$ARTIFACTS/trainer-evaluate.png"
click_button "Submit evaluation"
wait_for "by Tess Trainer" 10 || exit 1
# The email: opened from the search by the writer's address, stepped as the call was.
press_until "Search (Enter)" ctrl+1 || exit 1
find_customer "$EMAIL" || exit 1
replay_row "$MAIL" || exit 1
wait_for "$MAILSUBJECT" 10 || exit 1
click_button "Unmask (recorded)"
wait_for "UNMASKED" 10 || exit 1
step_to answered email-open || exit 1
step_to "email out" email-ended || exit 1
# The customer's feeling: the estimate with the words behind it, then the trainer's correction.
wait_for "Estimate: " 5 || exit 1
wait_for "Because of: " 5 || exit 1
grep -qE "feeling (up|down) " "$dump" && { echo "one email cannot turn the feeling: $dump"; exit 1; }
import -window root "$ARTIFACTS/trainer-feeling.png"
read -r cx cy < <(sqlite3 -separator " " :memory: "SELECT json_extract(b.value, '$.rect[0]'), json_extract(b.value, '$.rect[1]')
  FROM json_each(readfile('$dump'), '$.windows') w, json_each(w.value, '$.buttons') b
  WHERE json_extract(b.value, '$.label') = 'Correct'")
xdotool mousemove --window "$wid" $((cx - 40)) $((cy + 8))  # the note's field, left of the button
sleep 0.2
xdotool click 1
sleep 0.3
xdotool type --window "$wid" --delay 10 "Calm on the phone the same day"
click_button "Correct"
wait_for "Corrected by Tess Trainer to neutral 0: Calm on the phone the same day" 10 || exit 1
cp "$dump" "$ARTIFACTS/replay-corrected.json"
import -window root "$ARTIFACTS/trainer-corrected.png"
# Until the sync has carried the trainer's work to the central store.
for _ in $(seq 1 100); do
  [ "$(sqlite3 "$WORK/central.db" "SELECT COUNT(*) FROM central_events
        WHERE kind IN ('annotated', 'evaluated', 'emotion_corrected')")" = 3 ] && break
  sleep 0.1
done
kill "$pid"
wait "$pid" 2>/dev/null
exit 0
SESSION

cat > "$work/acknowledge-session.sh" <<'SESSION'
set -u
source "$GUI_LIB"
start_console "My evaluations (1 new)" || exit 1
import -window root "$ARTIFACTS/agent-new-evaluation.png"
click_button "My evaluations (1 new)"
wait_for "Acknowledge" 10 || exit 1
import -window root "$ARTIFACTS/agent-my-evaluations.png"
cp "$dump" "$ARTIFACTS/agent-my-evaluations.json"
click_button Acknowledge "My evaluations"
wait_for "Acknowledged" 10 || exit 1
for _ in $(seq 1 100); do
  [ "$(sqlite3 "$WORK/central.db" "SELECT COUNT(*) FROM central_events WHERE kind = 'evaluation_acknowledged'")" = 1 ] && break
  sleep 0.1
done
stop_console
exit 0
SESSION

call_id() { sqlite3 "$work/agent.db" "SELECT id FROM interactions WHERE external_id LIKE 'sip:%' LIMIT 1"; }
run_session "$work/agent-session.sh" 1600x1000 SCENARIOS="$scenarios" NAME="$name" PHONE="$phone" EMAIL="$email"
expect "SIPp's call ended with the agent's BYE (exit 0)" grep -q "sipp exit 0" "$work/sipp.code"
call=$(call_id)
mail_subject="Where is my parcel"
mail=$(sqlite3 "$work/agent.db" "SELECT id FROM interactions WHERE subject = '$mail_subject' LIMIT 1")
run_session "$work/trainer-session.sh" 1600x1000 PHONE="$phone" EMAIL="$email" CALL="${call}" MAIL="$mail" \
  MAILSUBJECT="$mail_subject"

masked="$artifacts/replay-masked.json"
expect "the masked replay shows the customer as Customer A" grep -qF "Customer A" "$masked"
for secret in "$phone" "${phone#+44}" "$email" "$name" ${name}; do
  expect "the masked replay does not show '$secret'" bash -c "! grep -qiF -- '$secret' '$masked'"
done
expect "the masked replay shows no E.164 number" bash -c "! grep -qE '\\+[0-9]{8,}' '$masked'"
expect "the masked replay hides the card number typed in the note" bash -c "! grep -qF '4111' '$masked'"
expect "the PBX's transcript line was accepted (200)" test "$(cat "$work/transcript.code")" = 200
expect "the agent read the customer's line, and its feeling, on the call" grep -qF "and I am not happy at all." \
  "$artifacts/live-held.json"
expect "the replay at the hold shows the line as the agent read it" grep -qF \
  "and I am not happy at all." "$artifacts/replay-held.json"
for moment in answered note held ended email-open email-ended; do
  expect "at '$moment' the replay shows what the agent saw" \
    python3 "$here/compare_replay.py" "$artifacts/live-$moment.json" "$artifacts/replay-$moment.json"
done
expect "unmasking was recorded (who, which contact)" test "$(sqlite3 "$work/trainer.db" \
  "SELECT COUNT(*) FROM interaction_events WHERE kind = 'unmasked' AND origin = 'trainer-01' AND interaction_id = '$call'")" -ge 1
expect "the annotation reached the central store with its category and moment" test "$(sqlite3 "$work/central.db" \
  "SELECT json_extract(payload_json, '$.category') FROM central_events WHERE kind = 'annotated'")" = coaching_point
score=$(sqlite3 "$work/central.db" "SELECT json_extract(payload_json, '$.score'), json_extract(payload_json, '$.agent'),
  json_extract(payload_json, '$.form.version') FROM central_events WHERE kind = 'evaluated'")
# greeting 1, identity 1 (opening, weight 1); listening 0.75 x2, hold 1 (handling, weight 2);
# next steps 2/3, notes 1 (closing, weight 1): (1 + 1 + 2 x (1.5 + 1) + 0.6667 + 1) / (2 + 2 x 3 + 2) = 86.7 %
expect "the evaluation reached the central store: 86.7 % for agent-01 on form version 1 ($score)" \
  bash -c "[[ '$score' == 86.66* && '$score' == *'|agent-01|1' ]]"

run_session "$work/acknowledge-session.sh" 1600x1000
expect "the agent saw the evaluation with the trainer's name" grep -qF "by Tess Trainer" "$artifacts/agent-my-evaluations.json"
correction=$(sqlite3 "$work/central.db" "SELECT json_extract(payload_json, '$.index') || ' ' ||
  (json_extract(payload_json, '$.was') < 0) || ' ' || json_extract(payload_json, '$.by_name')
  FROM central_events WHERE kind = 'emotion_corrected'")
expect "the trainer's correction of the email's feeling reached the central store: to 0 from a negative estimate ($correction)" \
  test "$correction" = "0 1 Tess Trainer"
expect "the agent's acknowledgement reached the central store" test "$(sqlite3 "$work/central.db" \
  "SELECT COUNT(*) FROM central_events WHERE kind = 'evaluation_acknowledged' AND origin = 'agent-01'")" = 1

(cd "$work" && "$frontline" replay export --config trainer.toml --interaction "$call" --out "$work/case.frontline") \
  > "$work/export.out" 2>&1
expect "replay export wrote the case" grep -q "wrote .*case.frontline" "$work/export.out"
for secret in "$phone" "$email" "$name" "4111 1111"; do
  expect "the case file holds no '$secret'" bash -c "! grep -qaiF -- '$secret' '$work/case.frontline'"
done
cat > "$work/case-session.sh" <<'SESSION'
set -u
source "$GUI_LIB"
dump="$WORK/case-dump.json"
"$FRONTLINE" --replay "$WORK/case.frontline" --ui-dump "$dump" --layout "$WORK/case-layout.ini" 2>"$WORK/case.log" &
pid=$!
wait_for "training case file" 20 || exit 1
sleep 0.5
cp "$dump" "$ARTIFACTS/case-dump.json"
import -window root "$ARTIFACTS/trainer-case.png"
kill "$pid"
wait "$pid" 2>/dev/null
exit 0
SESSION
run_session "$work/case-session.sh" 1280x720
expect "the case opens masked, with no store" grep -qF "MASKED" "$artifacts/case-dump.json"
expect "the case shows no name of the customer" bash -c "! grep -qiF -- '$name' '$artifacts/case-dump.json'"
exit $fail
