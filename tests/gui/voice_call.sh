#!/usr/bin/env bash
# Voice in the agent's workspace under Xvfb: a SIPp caller who speaks (a tone loop), F2
# answers, the call pane shows the call's audio (codec, loss, jitter, REC); F6 pauses the
# recording for a card payment and F6 resumes it (the pane says so each time); F8 mutes the
# agent (MUTED, and the warning that they are speaking while muted) and F8 unmutes; two keys
# of the keypad send DTMF; F3 hangs up. The store must hold the pause and resume as events, and the call's recording with
# its paused time. Screenshots kept.
#   voice_call.sh FRONTLINE_BINARY SCENARIO_DIR ARTIFACT_DIR [SCREEN: 1600x1000]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
voice_gui_test voice-call "$@"
"$frontline" demo-data --db "$work/demo.db" --customers 3000 --seed 5 --as-of "$today" >/dev/null
console_toml agent-voice demo.db sip > "$work/frontline.toml"
sed -i '/^\[sip\]$/a rtp_ports = "43000-43099"' "$work/frontline.toml"
printf '[audio]\ndevice = "file:%s,%s"\n[recordings]\npath = "recordings"\n' "$work/agent.wav" "$work/heard.wav" \
  >> "$work/frontline.toml"
sox -n -r 8000 -c 1 -e u-law "$work/customer.wav" synth 1 sine 440 : synth 1 sine 880
sox -n -r 8000 -c 1 -b 16 -e signed-integer "$work/agent.wav" synth 30 sine 1000 vol 0.3
IFS=$'\t' read -r name phone < <(sqlite3 -separator $'\t' "$work/demo.db" "
  SELECT c.display_name, a.value FROM customers c JOIN customer_addresses a ON a.customer_id = c.id
  WHERE a.value LIKE '+447%' AND EXISTS (SELECT 1 FROM orders WHERE customer_id = c.id) ORDER BY c.id LIMIT 1")
printf 'SEQUENTIAL\n%s;%s;\n' "$phone" "$name" > "$work/caller.csv"

cat > "$work/session.sh" <<'SESSION'
set -u
source "$GUI_LIB"
start_console "Agent agent-voice: Available"
port=$(bound_port "SIP udp")
(cd "$WORK" && exec sipp 127.0.0.1:"$port" -i 127.0.0.1 -p 0 -nostdin -m 1 -timeout 90 -timeout_error \
  -sf "$SCENARIOS/voice_agent_answers.xml" -inf "$WORK/caller.csv" > "$WORK/sipp.out" 2>&1) &
sipp=$!
wait_for "RINGING" 20
press_until "ON CALL" F2
wait_for "Audio PCMU/8000" 20
wait_for "\"REC\"" 20
sleep 1.5  # let the clocks and counters move on screen before the picture (not synchronisation)
import -window root "$ARTIFACTS/voice-call.png"
cp "$dump" "$ARTIFACTS/voice-call-dump.json"
press_until "REC paused" F6
import -window root "$ARTIFACTS/voice-call-paused.png"
press_until "Pause recording (F6)" F6
press_until "MUTED" F8
wait_for "You are muted: the caller cannot hear you" 10
sleep 0.5  # the meters move on screen before the picture (not synchronisation)
import -window root "$ARTIFACTS/voice-call-muted.png"
press_until "Mute (F8)" F8
# The keypad (the caller offered telephone-event): 4, then #.
wait_for "Keypad (DTMF to the caller):" 10
click_button "4" Contact
sleep 0.3  # two clicks, not a double click (not synchronisation: the store is checked after)
click_button "#" Contact
press_until "CALL ENDED" F3
wait "$sipp"
echo "sipp exit $?" > "$WORK/sipp.code"
kill "$pid"
wait "$pid" 2>/dev/null
exit 0
SESSION
run_session "$work/session.sh" "${4:-1600x1000}" SCENARIOS="$scenarios"

sql() { sqlite3 "$work/demo.db" "$@"; }
expect "SIPp saw our BYE and exits 0" grep -q "sipp exit 0" "$work/sipp.code"
expect "the pause and the resume are events of the call, in that order" test \
  "$(sql "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM interaction_events WHERE kind LIKE 'recording_%' ORDER BY ts_us)")" \
  = "recording_paused recording_resumed"
for _ in $(seq 1 100); do [ "$(sql "SELECT COUNT(*) FROM interaction_events WHERE kind = 'recorded'")" = 1 ] && break; sleep 0.1; done
expect "mute and unmute are events of the call, in that order" test \
  "$(sql "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM interaction_events WHERE kind IN ('muted', 'unmuted') ORDER BY ts_us)")" \
  = "muted unmuted"
expect "the recording is recorded with the time it was paused" test \
  "$(sql "SELECT json_extract(payload_json, '\$.paused_ms') > 0 FROM interaction_events WHERE kind = 'recorded'")" = 1
expect "the keypad's two digits are events, with how many digits, not which" test \
  "$(sql "SELECT group_concat(payload_json, ' ') FROM interaction_events WHERE kind = 'dtmf_sent'")" = '{"digits":1} {"digits":1}'
path=$(sql "SELECT json_extract(payload_json, '\$.path') FROM interaction_events WHERE kind = 'recorded'")
expect "the recording file is there, 0600" test "$(stat -c %a "$path" 2>/dev/null)" = 600
[ "$fail" = 0 ] || exit 1
