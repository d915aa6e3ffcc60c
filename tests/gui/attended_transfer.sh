#!/usr/bin/env bash
# Attended transfer in the agent's workspace under Xvfb, with SIPp as the caller and SIPp
# as the PBX the colleague is reached through. F2 answers; F7, 2002 typed, Ctrl+Enter
# consults first: the caller is held (SIPp checks our re-INVITE is sendonly), the pane says
# CONSULTING 2002: calling, then connected once the colleague answers; F7 transfers the
# caller to them: SIPp (the caller) checks our REFER's Refer-To carries Replaces naming the
# consultation, answers 202 and NOTIFY 200, and both calls end (our BYEs). The pane says
# CALL TRANSFERRED to 2002; the store holds the consultation and the transfer in order.
# Screenshots kept.
#   attended_transfer.sh FRONTLINE_BINARY SCENARIO_DIR ARTIFACT_DIR [SCREEN: 1600x1000]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
voice_gui_test attended-transfer "$@"
"$frontline" demo-data --db "$work/demo.db" --customers 500 --seed 5 --as-of "$today" >/dev/null
pbx_port=$(free_udp_port)
console_toml agent-attended demo.db sip > "$work/frontline.toml"
sed -i "/^\[sip\]\$/a rtp_ports = \"43300-43399\"\noutbound_proxy = \"127.0.0.1:$pbx_port\"\noutbound_domain = \"pbx.test\"" \
  "$work/frontline.toml"
IFS=$'\t' read -r name phone < <(sqlite3 -separator $'\t' "$work/demo.db" "
  SELECT c.display_name, a.value FROM customers c JOIN customer_addresses a ON a.customer_id = c.id
  WHERE a.value LIKE '+447%' ORDER BY c.id LIMIT 1")
printf 'SEQUENTIAL\n%s;%s;\n' "$phone" "$name" > "$work/caller.csv"

cat > "$work/session.sh" <<'SESSION'
set -u
source "$GUI_LIB"
start_console "Agent agent-attended: Available" || exit 1
# The colleague's side: SIPp as the PBX on $PBX_PORT.
start_pbx consult_target.xml colleague || exit 1
colleague=$sipp
port=$(bound_port "SIP udp")
(cd "$WORK" && exec sipp 127.0.0.1:"$port" -i 127.0.0.1 -p 0 -nostdin -m 1 -timeout 90 -timeout_error \
  -trace_msg -message_file "$WORK/caller-messages.log" \
  -sf "$SCENARIOS/agent_transfers_attended.xml" -inf "$WORK/caller.csv" > "$WORK/caller.out" 2>&1) &
caller=$!
wait_for "RINGING" 20 || exit 1
press_until "ON CALL" F2 || exit 1
press_until "Transfer to:" F7 || exit 1
type_text 2002 transfer || exit 1
sleep 0.3  # the frame after the last key, for the picture (not synchronisation)
import -window root "$ARTIFACTS/attended-typing.png"
xdotool key --window "$wid" ctrl+Return
wait_for "CONSULTING 2002: calling" 10 || exit 1
import -window root "$ARTIFACTS/attended-calling.png"
wait_for "CONSULTING 2002: connected" 20 || exit 1
sleep 0.5  # the frame after the change, for the picture (not synchronisation)
import -window root "$ARTIFACTS/attended-connected.png"
cp "$dump" "$ARTIFACTS/attended-connected-dump.json"
press_until "CALL TRANSFERRED to 2002" F7 || exit 1
import -window root "$ARTIFACTS/attended-transferred.png"
wait "$caller"
echo "caller exit $?" > "$WORK/caller.code"
wait "$colleague"
echo "colleague exit $?" > "$WORK/colleague.code"
stop_console
exit 0
SESSION
run_session "$work/session.sh" "${4:-1600x1000}" SCENARIOS="$scenarios" PBX_PORT="$pbx_port" || fail=1

sql() { sqlite3 "$work/demo.db" "$@"; }
expect "the caller's SIPp: held, our REFER with Replaces, NOTIFY 200, our BYE (exit 0)" \
  grep -q "caller exit 0" "$work/caller.code"
expect "the colleague's SIPp: the consultation answered, then our BYE (exit 0)" \
  grep -q "colleague exit 0" "$work/colleague.code"
expect "the consultation and the transfer are events of the call, in order" test \
  "$(sql "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM interaction_events WHERE interaction_id =
     (SELECT interaction_id FROM interaction_events WHERE kind = 'consult_started') AND kind IN ('held',
     'consult_started', 'consult_answered', 'transfer_requested', 'transferred', 'ended', 'consult_ended') ORDER BY seq)")" \
  = "held consult_started consult_answered transfer_requested transferred ended consult_ended"
expect "the transfer is recorded as attended, to 2002" test \
  "$(sql "SELECT json_extract(payload_json, '\$.kind') || ' ' || json_extract(payload_json, '\$.to')
          FROM interaction_events WHERE kind = 'transfer_requested'")" = "attended 2002"
[ "$fail" = 0 ] || exit 1
