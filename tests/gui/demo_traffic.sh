#!/usr/bin/env bash
# The demo traffic generator against the real window under Xvfb: a demo call pops within
# seconds, F2 answers it (the call pane shows its audio), F3 hangs up (the generator must answer our BYE), the wrap-up
# ends with 1 and Ctrl+Enter, and further demo contacts keep arriving.
#   demo_traffic.sh FRONTLINE_BINARY ARTIFACT_DIR
set -euo pipefail
source "$(dirname "$0")/lib.sh"
frontline=$1
artifacts=$2
mkdir -p "$artifacts"
gui_work demo-traffic
"$frontline" demo-data --db "$work/demo.db" --customers 2000 >/dev/null
console_toml agent-demo demo.db sip smtp > "$work/frontline.toml"
cat > "$work/session.sh" <<'SESSION'
set -u
source "$GUI_LIB"
dump="$WORK/dump.json"
"$FRONTLINE" --config "$WORK/frontline.toml" --ui-dump "$dump" --layout "$WORK/layout.ini" --demo-traffic 1 \
  2>"$WORK/console.log" &
pid=$!
wid=$(xdotool search --sync --name '^Frontline' | head -1)
wait_for "RINGING" 20 && echo "popped" > "$WORK/popped"
import -window root "$ARTIFACTS/demo-traffic-ringing.png"
press_until "ON CALL" F2 && echo yes > "$WORK/answered"
wait_for "Audio PCMU/8000" 10 && echo yes > "$WORK/audio"
import -window root "$ARTIFACTS/demo-traffic-talking.png"
press_until "CALL ENDED" F3 && echo yes > "$WORK/ended"
# The note has the keyboard (F2 put it there; F3 does not take it away): what the agent
# types goes on into it, Alt+2 picks the disposition from there.
xdotool type --window "$wid" --delay 15 "typed after F3"
press_until "Disposition chosen: Information given" alt+2
press_until "Agent agent-demo: Available" ctrl+Return
sleep 6  # more demo contacts arrive meanwhile
cp "$dump" "$WORK/final.json"
cp "$WORK/console.log" "$ARTIFACTS/demo-traffic-console.log"
kill "$pid"
wait "$pid" 2>/dev/null
exit 0
SESSION
run_session "$work/session.sh" 1600x1000
expect "a demo call popped within 20 s" test -f "$work/popped"
expect "F2 answered it" test -f "$work/answered"
expect "the call pane shows the call's audio line" test -f "$work/audio"
expect "F3 hung up and the caller acknowledged our BYE" test -f "$work/ended"
received=$(grep -o 'Contacts received: [0-9]*' "$work/final.json" | grep -o '[0-9]*$')
expect "more demo contacts arrived ($received)" test "${received:-0}" -ge 2
row=$(sqlite3 "$work/demo.db" "SELECT COUNT(*) FROM interaction_events e JOIN interactions i ON i.id = e.interaction_id
  WHERE e.kind = 'ended' AND e.payload_json LIKE '%agent hung up%' AND i.status = 'wrapped'")
expect "the store records the agent's hang-up and the wrap-up" test "$row" = 1
note=$(sqlite3 "$work/demo.db" "SELECT disposition || '|' || note FROM interactions WHERE status = 'wrapped'
  AND id IN (SELECT interaction_id FROM interaction_events WHERE payload_json LIKE '%agent hung up%')")
expect "Alt+2 chose the disposition with the note focused, typing nothing into it ($note)" \
  test "$note" = "info_given|typed after F3"
exit $fail
