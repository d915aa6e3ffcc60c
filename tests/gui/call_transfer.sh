#!/usr/bin/env bash
# Blind transfer in the agent's workspace under Xvfb: a SIPp caller, F2 answers, F7 opens
# "Transfer to", the agent types 2001 and Enter; SIPp's NOTIFY says 486 and the call pane
# says the transfer failed with the caller still there; F4 holds, F7 again to 2002, which
# answers: the pane says where the call went, and our BYE ends the agent's leg. SIPp checks
# each REFER's Refer-To. The store must hold the transfer's events. Screenshots kept.
#   call_transfer.sh FRONTLINE_BINARY SCENARIO_DIR ARTIFACT_DIR [SCREEN: 1600x1000]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
voice_gui_test call-transfer "$@"
"$frontline" demo-data --db "$work/demo.db" --customers 3000 --seed 5 --as-of "$today" >/dev/null
console_toml agent-transfer demo.db sip > "$work/frontline.toml"
sed -i '/^\[sip\]$/a rtp_ports = "43100-43199"' "$work/frontline.toml"
IFS=$'\t' read -r name phone < <(sqlite3 -separator $'\t' "$work/demo.db" "
  SELECT c.display_name, a.value FROM customers c JOIN customer_addresses a ON a.customer_id = c.id
  WHERE a.value LIKE '+447%' ORDER BY c.id LIMIT 1")
printf 'SEQUENTIAL\n%s;%s;\n' "$phone" "$name" > "$work/caller.csv"

cat > "$work/session.sh" <<'SESSION'
set -u
source "$GUI_LIB"
start_console "Agent agent-transfer: Available"
port=$(bound_port "SIP udp")
(cd "$WORK" && exec sipp 127.0.0.1:"$port" -i 127.0.0.1 -p 0 -nostdin -m 1 -timeout 90 -timeout_error \
  -trace_msg -message_file "$WORK/sipp-messages.log" \
  -sf "$SCENARIOS/voice_transfer.xml" -inf "$WORK/caller.csv" > "$WORK/sipp.out" 2>&1) &
sipp=$!
# transfer_to TARGET EXPECTED [SCREENSHOT]: F7, TARGET typed in the field (the screen then
# kept as SCREENSHOT), Enter, until EXPECTED shows.
transfer_to() {
  press_until "Transfer to:" F7 || return 1
  type_text "$1" transfer || return 1
  [ -z "${3:-}" ] || { sleep 0.3; import -window root "$ARTIFACTS/$3"; }  # the frame after the last key
  xdotool key --window "$wid" Return
  wait_for "$2" 20
}
wait_for "RINGING" 20
press_until "ON CALL" F2
transfer_to 2001 "Transfer to 2001 failed: 486 Busy Here"
press_until "ON HOLD" F4
import -window root "$ARTIFACTS/call-transfer-failed.png"
transfer_to 2002 "CALL TRANSFERRED to 2002" call-transfer-typing.png
import -window root "$ARTIFACTS/call-transfer-done.png"
cp "$dump" "$ARTIFACTS/call-transfer-dump.json"
wait "$sipp"
echo "sipp exit $?" > "$WORK/sipp.code"
kill "$pid"
wait "$pid" 2>/dev/null
exit 0
SESSION
run_session "$work/session.sh" "${4:-1600x1000}" SCENARIOS="$scenarios"

sql() { sqlite3 "$work/demo.db" "$@"; }
expect "SIPp saw both REFERs with their Refer-To, then our BYE, and exits 0" grep -q "sipp exit 0" "$work/sipp.code"
expect "the transfers are events of the call, in order" test \
  "$(sql "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM interaction_events WHERE kind LIKE 'transfer%' ORDER BY seq)")" \
  = "transfer_requested transfer_failed transfer_requested transferred"
expect "the call ended because it was transferred" test \
  "$(sql "SELECT json_extract(payload_json, '\$.cause') FROM interaction_events e JOIN interactions i ON i.id = e.interaction_id
          WHERE e.kind = 'ended' AND i.external_id LIKE 'sip:%'")" = transferred
expect "the interaction says where it went" test \
  "$(sql "SELECT transfer_to || ' ' || transfer_state FROM interactions WHERE external_id LIKE 'sip:%'")" = "2002 transferred"
[ "$fail" = 0 ] || exit 1
