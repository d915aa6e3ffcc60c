#!/usr/bin/env bash
# A recorded call replayed and heard, under Xvfb: an agent's console answers a SIPp caller
# who speaks (a tone, a pause, another), with a file device speaking for the agent and
# recordings on; F2, F3 after the caller's first words, wrap-up. The call is exported as a
# training case and opened by a trainer's console whose audio.device is a file: the
# recording lane is drawn (its summary in the UI dump), Space plays, and what the trainer
# heard (the file) holds the recording's sound. Screenshots kept.
#   trainer_playback.sh FRONTLINE_BINARY SCENARIO_DIR ARTIFACT_DIR
set -euo pipefail
source "$(dirname "$0")/lib.sh"
voice_gui_test trainer-playback "$@"
"$frontline" demo-data --db "$work/agent.db" --customers 400 --seed 7 --as-of "$today" >/dev/null
console_toml agent-01 agent.db sip > "$work/frontline.toml"
sed -i '/^\[sip\]$/a rtp_ports = "43300-43399"' "$work/frontline.toml"
printf '[audio]\ndevice = "file:%s,"\n[recordings]\npath = "recordings"\n' "$work/agent.wav" >> "$work/frontline.toml"
# The caller: 300 Hz for 2 s, 2 s of nothing, 350 Hz for 2 s (looped by SIPp); the agent: 1 s of nothing, then 500 Hz.
sox -n -r 8000 -c 1 -e u-law "$work/customer.wav" synth 2 sine 300 : synth 2 sine 0 vol 0 : synth 2 sine 350
sox -n -r 8000 -c 1 -b 16 -e signed-integer "$work/agent.wav" synth 1 sine 0 vol 0 : synth 30 sine 500 vol 0.3
phone=$(sqlite3 "$work/agent.db" "SELECT value FROM customer_addresses WHERE kind = 'phone' AND value LIKE '+44%' ORDER BY id LIMIT 1")
printf 'SEQUENTIAL\n%s;Caller;\n' "$phone" > "$work/caller.csv"
printf '[agent]\nid = "trainer-01"\nrole = "trainer"\n[store]\npath = "trainer.db"\n[sip]\nlisten = ""\n[smtp]\nlisten = ""\n[lmtp]\nlisten = ""\n[cti]\nlisten = ""\n[audio]\ndevice = "file:,%s"\n' \
  "$work/heard.wav" > "$work/trainer.toml"

cat > "$work/session.sh" <<'SESSION'
set -u
source "$GUI_LIB"
start_console "Agent agent-01: Available" || exit 1
port=$(bound_port "SIP udp")
(cd "$WORK" && exec sipp 127.0.0.1:"$port" -i 127.0.0.1 -p 0 -nostdin -m 1 -timeout 90 -timeout_error \
  -sf "$SCENARIOS/voice_agent_answers.xml" -inf "$WORK/caller.csv" > "$WORK/sipp.out" 2>&1) &
sipp=$!
wait_for "RINGING" 20 || exit 1
press_until "ON CALL" F2 || exit 1
wait_for "Audio PCMU/8000" 20 || exit 1
# wait_for_match REGEX SECONDS: until the UI dump matches REGEX (a clock that may skip a value).
wait_for_match() {
  for _ in $(seq 1 $(($2 * 10))); do grep -qE -- "$1" "$dump" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out after $2 s waiting for /$1/ in the UI dump $dump"
  return 1
}
# The recording must hold the caller's first words: five seconds of talk.
wait_for_match 'talk ([5-9]|[1-5][0-9])s' 30 || exit 1
press_until "CALL ENDED" F3 || exit 1
wait "$sipp"
for _ in $(seq 1 100); do
  [ "$(sqlite3 "$WORK/agent.db" "SELECT COUNT(*) FROM interaction_events WHERE kind = 'recorded'")" = 1 ] && break
  sleep 0.1
done
stop_console
call=$(sqlite3 "$WORK/agent.db" "SELECT id FROM interactions WHERE external_id LIKE 'sip:%'")
(cd "$WORK" && "$FRONTLINE" replay export --config frontline.toml --interaction "$call" --out case.frontline) \
  > "$WORK/export.out" 2>&1 || exit 1
dump="$WORK/replay-dump.json"
(cd "$WORK" && exec "$FRONTLINE" --config trainer.toml --replay case.frontline --ui-dump "$dump" \
  --layout case.ini 2>"$WORK/trainer.log") &
pid=$!
wid=$(xdotool search --sync --name '^Frontline' | head -1)
wait_for "Recording " 20 || exit 1
import -window root "$ARTIFACTS/trainer-playback-lane.png"
press_until "Sound: sound at 1x" space || exit 1
wait_for_match ' 0:0[4-9] / ' 30 || exit 1
import -window root "$ARTIFACTS/trainer-playback-playing.png"
cp "$dump" "$ARTIFACTS/trainer-playback-dump.json"
stop_console
exit 0
SESSION
run_session "$work/session.sh" 1600x1000 SCENARIOS="$scenarios"

expect "the replay drew the recording lane" grep -q '"Recording [0-9]' "$artifacts/trainer-playback-dump.json"
expect "the replay said the sound plays at 1x through the trainer's file device" \
  grep -q "Sound: sound at 1x through file:,$work/heard.wav" "$artifacts/trainer-playback-dump.json"
# What the trainer heard: several seconds written, the caller's tone loud in it.
stats=$(sox "$work/heard.wav" -n stat 2>&1 || true)
length=$(awk '/Length \(seconds\)/ {print $3}' <<<"$stats")
peak=$(awk '/Maximum amplitude/ {print $3}' <<<"$stats")
expect "the trainer's device got several seconds of sound (got ${length:-none} s)" awk -v l="${length:-0}" 'BEGIN { exit !(l >= 3) }'
expect "what the trainer heard is the call, not silence (peak ${peak:-none})" awk -v p="${peak:-0}" 'BEGIN { exit !(p >= 0.2) }'
[ "$fail" = 0 ] || exit 1
