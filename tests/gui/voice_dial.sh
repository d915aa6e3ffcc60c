#!/usr/bin/env bash
# Calls the agent places, in the agent's workspace under Xvfb, through SIPp as the PBX
# (which asks for a password). A callback to a known customer is due: its Call button
# places the call, the pane says CALLING, then ringing, then ON CALL with the customer's
# card; F3 hangs up, Ctrl+Enter finishes the wrap-up, and the callback is settled as made.
# Then Call on the customer's card calls them again: they are busy, and the pane says
# NOT REACHED (486 Busy Here). The store must hold both calls as outbound interactions.
# Screenshots kept.
#   voice_dial.sh FRONTLINE_BINARY SCENARIO_DIR ARTIFACT_DIR [SCREEN: 1600x1000]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
voice_gui_test voice-dial "$@"
"$frontline" demo-data --db "$work/demo.db" --customers 3000 --seed 5 --as-of "$today" >/dev/null
pbx_port=$(free_udp_port)
printf '# the PBX account of this desk\npbx.test agent07 s3cret\n' > "$work/sip-passwords"
chmod 600 "$work/sip-passwords"
console_toml agent-dial demo.db sip > "$work/frontline.toml"
sed -i "/^\[sip\]\$/a rtp_ports = \"43200-43299\"\noutbound_proxy = \"127.0.0.1:$pbx_port\"\noutbound_domain = \"pbx.test\"\noutbound_user = \"agent07\"\npassword_file = \"sip-passwords\"" \
  "$work/frontline.toml"
IFS=$'\t' read -r customer name phone < <(sqlite3 -separator $'\t' "$work/demo.db" "
  SELECT c.id, c.display_name, a.value FROM customers c JOIN customer_addresses a ON a.customer_id = c.id
  WHERE a.value LIKE '+447%' AND EXISTS (SELECT 1 FROM orders WHERE customer_id = c.id) ORDER BY c.id LIMIT 1")
# A callback to them, due five minutes ago, scheduled by another console for anyone.
earlier=$(sqlite3 "$work/demo.db" "SELECT id FROM interactions WHERE customer_id = $customer ORDER BY offered_us DESC LIMIT 1")
due_us=$(( ($(date +%s) - 300) * 1000000 ))
sqlite3 "$work/demo.db" "INSERT INTO interaction_events (origin, seq, interaction_id, ts_us, kind, agent_id, payload_json)
  VALUES ('agent-other', 1, '$earlier', $due_us, 'callback_scheduled', 'agent-other',
          json_object('callback_id', 'cb-dial', 'address', '$phone', 'name', '$name', 'customer_id', $customer,
                      'due_us', $due_us, 'note', 'wants a refund date', 'assignee', ''))"
echo "calling $name ($phone) through SIPp on 127.0.0.1:$pbx_port"

cat > "$work/session.sh" <<'SESSION'
set -u
source "$GUI_LIB"
start_console "Agent agent-dial: Available" || exit 1
start_pbx outbound_answered.xml || exit 1
wait_for "callback: $NAME" 20 || exit 1
click_button Call "Missed calls and callbacks" || exit 1
wait_for "CALLING, ringing  $NAME" 20 || exit 1
import -window root "$ARTIFACTS/voice-dial-ringing.png"
wait_for "ON CALL  $NAME" 20 || exit 1
import -window root "$ARTIFACTS/voice-dial-connected.png"
press_until "CALL ENDED" F3 || exit 1
wait "$sipp"
echo "sipp exit $?" > "$WORK/sipp-answered.code"
press_until "Disposition chosen:" alt+1 || exit 1
press_until "Agent agent-dial: Available" ctrl+Return || exit 1

# The customer found by their number as written nationally (Ctrl+F), and Call on the card.
start_pbx outbound_busy.xml || exit 1
card_has_call() {
  [ "$(sqlite3 :memory: "SELECT count(*) FROM json_each(readfile('$dump'), '$.windows') w, json_each(w.value, '$.buttons') b
        WHERE json_extract(w.value, '$.title') = 'Customer search' AND json_extract(b.value, '$.label') = 'Call'")" != 0 ]
}
held() { xdotool keydown "$1"; sleep 0.2; xdotool keyup "$1"; }
for attempt in 1 2 3; do
  xdotool key --window "$wid" ctrl+f
  wait_for '"typing": true' 10 || continue
  # Keys held as a person holds them (Dear ImGui 1.86 reads key state once a frame).
  xdotool windowfocus --sync "$wid" 2>/dev/null || true
  held ctrl+a
  held BackSpace
  xdotool type --delay 80 "$NATIONAL"
  held Return
  for _ in $(seq 1 50); do card_has_call && break; sleep 0.2; done
  card_has_call && break
  echo "attempt $attempt: no card with a Call button after searching for $NATIONAL"
done
card_has_call || { wait_for "Call on the card" 1; exit 1; }
import -window root "$ARTIFACTS/voice-dial-card.png"
click_button Call "Customer search" || exit 1
wait_for "NOT REACHED (486 Busy Here)" 20 || exit 1
import -window root "$ARTIFACTS/voice-dial-not-reached.png"
cp "$dump" "$ARTIFACTS/voice-dial-dump.json"
wait "$sipp"
echo "sipp exit $?" > "$WORK/sipp-busy.code"
stop_console
exit 0
SESSION
national="0${phone#+44}"
run_session "$work/session.sh" "${4:-1600x1000}" SCENARIOS="$scenarios" PBX_PORT="$pbx_port" NAME="$name" \
  NATIONAL="$national"

sql() { sqlite3 "$work/demo.db" "$@"; }
expect "SIPp checked the digest, the Route set, and took our BYE" grep -q "sipp exit 0" "$work/sipp-answered.code"
expect "SIPp (a proxy) checked Proxy-Authorization and our ACK of its 486" grep -q "sipp exit 0" "$work/sipp-busy.code"
expect "both calls are outbound interactions of the customer, answered then not reached" test \
  "$(sql "SELECT group_concat(outcome, ' ') FROM (SELECT outcome FROM interactions WHERE direction = 'out'
          AND customer_id = $customer AND agent_id = 'agent-dial' ORDER BY offered_us)")" = "answered not_reached"
expect "the callback is settled as made by the call" test \
  "$(sql "SELECT status || ' ' || done_by FROM callbacks WHERE id = 'cb-dial'")" = "called agent-dial"
expect "the busy call says why" test \
  "$(sql "SELECT json_extract(payload_json, '\$.status') FROM interaction_events WHERE kind = 'not_reached'")" = 486
[ "$fail" = 0 ] || exit 1
