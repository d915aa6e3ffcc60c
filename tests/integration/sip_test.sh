#!/usr/bin/env bash
# SIP against `frontline serve`, with SIPp as the caller: the built-in uac scenario with
# auto-answer, a known customer calling (number written nationally in From, and the
# number in P-Asserted-Identity behind an anonymous From), the caller hanging up (BYE), a
# withheld ACK (the 200 must be retransmitted), a TCP run, CANCEL before answer (200 +
# 487) and a blocked caller (486). SIPp must exit 0 every time, and the store must hold each call
# once with the right times and customer.
#   sip_test.sh FRONTLINE_BINARY DATA_DIR
source "$(dirname "$0")/lib.sh"
DATA=$2
SCENARIOS="$DATA/sip/scenarios"

"$FRONTLINE" demo-data --db "$WORK/store.db" --customers 300 --seed 11 >/dev/null
phone=$(sql "SELECT value FROM customer_addresses WHERE kind = 'phone' AND value LIKE '+447%' ORDER BY id LIMIT 1")
customer=$(sql "SELECT customer_id FROM customer_addresses WHERE value = '$phone'")
blocked=$(sql "SELECT value FROM customer_addresses WHERE kind = 'phone' AND value LIKE '+44%' ORDER BY id LIMIT 1 OFFSET 7")
sql "UPDATE customers SET blocked = 1 WHERE id = (SELECT customer_id FROM customer_addresses WHERE value = '$blocked')"

sipp_run() {  # sipp_run NAME [SIPP ARGS...]: SIPp must exit 0
  local name=$1
  shift
  timeout 120 sipp 127.0.0.1:"$SIP_PORT" -i 127.0.0.1 -p 0 -nostdin -timeout 60 -timeout_error \
    -trace_err -error_file "$WORK/$name.errors" "$@" > "$WORK/$name.out" 2>&1
  local code=$?
  [ $code -eq 0 ] || { echo "   sipp exit $code"; tail -5 "$WORK/$name.errors" 2>/dev/null; }
  return $code
}
calls() { echo "SELECT COUNT(*) FROM interactions WHERE external_id LIKE 'sip:%' AND $1"; }
events_per_call() {  # the largest number of times any one kind appears for a single SIP call
  sql "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) n FROM interaction_events e JOIN interactions i
       ON i.id = e.interaction_id WHERE i.external_id LIKE 'sip:%' GROUP BY e.interaction_id, e.kind)"
}

start_serve "[desk]
auto_answer = true"

# 1. SIPp's built-in uac scenario: INVITE, 200, ACK, BYE.
check "built-in uac: SIPp exits 0" sipp_run builtin -sn uac -m 10 -r 10
check "built-in uac: 10 calls answered and ended" eventually_equals 10 "$(calls "outcome = 'answered' AND status = 'ended'")"

# 2. A known customer; the number in From written nationally (region GB).
printf 'SEQUENTIAL\n0%s;Caller One;\n' "${phone#+44}" > "$WORK/known.csv"
check "known caller hangs up: SIPp exits 0" sipp_run known -sf "$SCENARIOS/caller_hangs_up.xml" -inf "$WORK/known.csv" -m 3
check "known caller: 3 calls of that customer" eventually_equals 3 "$(calls "customer_id = $customer")"
check "known caller: answered, ended by the caller, with wait and talk times" eventually_equals 3 \
  "$(calls "customer_id = $customer AND outcome = 'answered' AND status = 'ended' AND wait_us >= 0 AND talk_us >= 200000")"
check "known caller: display name kept" eventually_equals 3 "$(calls "display_name = 'Caller One'")"

# 2b. An anonymous From with the caller in P-Asserted-Identity.
printf 'SEQUENTIAL\n%s;Asserted Caller;\n' "$phone" > "$WORK/pai.csv"
check "asserted identity: SIPp exits 0" sipp_run pai -sf "$SCENARIOS/asserted_identity.xml" -inf "$WORK/pai.csv" -m 1
check "asserted identity: the customer from P-Asserted-Identity" eventually_equals 1 \
  "$(calls "customer_id = $customer AND display_name = 'Asserted Caller'")"

# 2c. Nobody says who is calling.
check "anonymous caller: SIPp exits 0" sipp_run anonymous -sf "$SCENARIOS/anonymous.xml" -m 1
check "anonymous caller: recorded as anonymous, no customer" eventually_equals 1 \
  "$(calls "address = 'anonymous' AND customer_id IS NULL AND outcome = 'answered'")"

# 2d. OPTIONS gets 200; a method we do not serve gets 405.
check "OPTIONS: 200" sipp_run options -sf "$SCENARIOS/options.xml" -m 1
check "REGISTER: 405" sipp_run register -sf "$SCENARIOS/register.xml" -m 1

# 3. The ACK held back: the 200 OK is retransmitted until it comes.
printf 'SEQUENTIAL\n%s;Caller Two;\n' "$phone" > "$WORK/ack.csv"
before=$(sql "$(calls "1")")
check "withheld ACK: SIPp exits 0" sipp_run noack -sf "$SCENARIOS/withhold_ack.xml" -inf "$WORK/ack.csv" -m 1 \
  -trace_msg -message_file "$WORK/noack.msg"
oks=$(grep -c "^SIP/2.0 200 OK" "$WORK/noack.msg")
check "withheld ACK: the 200 arrived at least twice ($oks times, BYE's 200 included)" test "$oks" -ge 3
check "withheld ACK: recorded once" eventually_equals $((before + 1)) "$(calls "1")"

# 4. The same over TCP.
check "TCP: SIPp exits 0" sipp_run tcp -t t1 -sf "$SCENARIOS/caller_hangs_up.xml" -inf "$WORK/known.csv" -m 2
check "TCP: calls recorded" equals 2 "$(sql "SELECT COUNT(*) FROM interaction_events WHERE kind = 'offered' AND payload_json LIKE '%\"transport\":\"tcp\"%'")"

# 5. A blocked caller gets 486 Busy Here.
printf 'SEQUENTIAL\n%s;Blocked;\n' "$blocked" > "$WORK/blocked.csv"
check "blocked caller: SIPp sees 486 and exits 0" sipp_run busy -sf "$SCENARIOS/busy.xml" -inf "$WORK/blocked.csv" -m 1
check "blocked caller: recorded as declined" eventually_equals 1 "$(calls "outcome = 'declined'")"

# 5b. The caller's BYE sent twice with one branch: the second gets the same 200 (timer J).
check "retransmitted BYE: SIPp sees 200 twice and exits 0" sipp_run byeagain -sf "$SCENARIOS/bye_retransmitted.xml" -m 1
check "retransmitted BYE: the call recorded once, ended" eventually_equals 1 \
  "$(calls "address = '+447700900103' AND outcome = 'answered' AND status = 'ended'")"

# 5c. Two INVITEs sharing a Call-ID with different From tags are two dialogs; a copy of
# the first by another path (same tags and CSeq, new branch) gets 482 Loop Detected.
check "forked INVITEs: SIPp exits 0 (two 200s, one 482, both BYEs answered)" sipp_run forked \
  -sf "$SCENARIOS/forked_invites.xml" -m 1
check "forked INVITEs: two calls, each answered and ended" eventually_equals 2 \
  "$(calls "address IN ('+447700900101', '+447700900102') AND outcome = 'answered' AND status = 'ended'")"
check "forked INVITEs: one Call-ID, two keys" equals 2 \
  "$(sql "SELECT COUNT(DISTINCT external_id) FROM interactions WHERE address IN ('+447700900101', '+447700900102')")"
check "serve stops cleanly (auto-answer)" stop_serve
check "serve reported the wire-to-view latency" grep -q "wire-to-view latency over 21 calls" "$WORK/serve.log"

# 6. Without auto-answer the call rings until the caller cancels: 200 to CANCEL, 487.
start_serve
# One call at a time (-l 1): a console rings one call at once (desk.max_ringing = 1).
check "CANCEL before answer: SIPp exits 0" sipp_run cancel -sf "$SCENARIOS/cancel_before_answer.xml" -inf "$WORK/known.csv" -m 2 -l 1
check "CANCEL before answer: recorded as cancelled, never answered" eventually_equals 2 \
  "$(calls "outcome = 'cancelled' AND answered_us IS NULL")"

check "no SIP call has any event twice" equals 1 "$(events_per_call)"
check "serve stops cleanly" stop_serve
finish
