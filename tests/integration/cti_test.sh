#!/usr/bin/env bash
# The CTI webhook against `frontline serve`, with curl as the PBX bridge: newCall, answer
# and hangup as JSON and as form posts (user[] arrays), a call's transcript lines (scored
# for the emotion index), a missed call, a forwarded call,
# a blocked caller (reject busy), a wrong token, wrong path and method, bad bodies, and a
# replayed event that is not recorded twice.
#   cti_test.sh FRONTLINE_BINARY
source "$(dirname "$0")/lib.sh"

"$FRONTLINE" demo-data --db "$WORK/store.db" --customers 300 --seed 11 >/dev/null
blocked_phone=$(sql "SELECT value FROM customer_addresses WHERE kind = 'phone' ORDER BY id LIMIT 1 OFFSET 5")
sql "UPDATE customers SET blocked = 1 WHERE id = (SELECT customer_id FROM customer_addresses WHERE value = '$blocked_phone')"
start_serve
URL="http://127.0.0.1:$CTI_PORT/api/v1/cti/test-token-7f3a-5c21"
post_json() { curl -s -o "$WORK/body" -w '%{http_code}' -H 'Content-Type: application/json' -d "$1" "${2:-$URL}"; }
post_form() { curl -s -o "$WORK/body" -w '%{http_code}' "$@" "$URL"; }
body() { cat "$WORK/body"; }
call() { sql "SELECT $1 FROM interactions WHERE external_id = 'cti:$2'"; }

phone=$(sql "SELECT value FROM customer_addresses WHERE kind = 'phone' AND value LIKE '+44%' ORDER BY id LIMIT 1")
customer=$(sql "SELECT customer_id FROM customer_addresses WHERE value = '$phone'")
national="0${phone#+44}"

# A whole call as JSON: the number written nationally still finds the customer.
check "JSON newCall: 200 {}" equals "200 {}" "$(post_json "{\"event\":\"newCall\",\"from\":\"$national\",\"to\":\"+442000000000\",\"direction\":\"in\",\"callId\":\"j1\",\"user\":[\"agent-01\",\"agent-02\"],\"queue\":\"sales\"}") $(body)"
check "JSON newCall: the right customer" equals "$customer" "$(call customer_id j1)"
check "JSON newCall: ringing" equals "ringing" "$(call status j1)"
sleep 0.2
check "JSON answer: 200" equals 200 "$(post_json '{"event":"answer","callId":"j1","answeringNumber":"agent-02"}')"
check "JSON answer: answered by agent-02" equals "answered|agent-02" "$(call "outcome || '|' || agent_id" j1)"
sleep 0.2
check "JSON hangup: 200" equals 200 "$(post_json '{"event":"hangup","callId":"j1","cause":"normalClearing"}')"
check "JSON call: wait and talk times recorded" equals 1 "$(call "wait_us > 100000 AND talk_us > 100000" j1)"

# A PBX's speech-to-text of the call (README "Emotion index"): the customer's lines are
# their words, scored for the call; the agent's are not.
check "transcript line as JSON: 200" equals 200 "$(post_json '{"event":"transcript","callId":"j1","speaker":"customer","text":"This is ridiculous, my heater is broken again and nobody called me back!"}')"
check "transcript line as a form: 200" equals 200 "$(post_form --data-urlencode event=transcript --data-urlencode callId=j1 \
  --data-urlencode speaker=agent --data-urlencode 'text=I am so sorry, that is terrible, let me fix it now')"
check "  both recorded on the call, in order" equals "customer agent" "$(sql "SELECT group_concat(s, ' ') FROM (SELECT json_extract(payload_json, '\$.speaker') AS s FROM interaction_events WHERE kind = 'transcript_line' AND interaction_id = (SELECT id FROM interactions WHERE external_id = 'cti:j1') ORDER BY ts_us, seq)")"
check "  the call gets an index from the customer's line alone: unhappy" \
  eventually_equals "1 1" "SELECT (emotion_index < -20) || ' ' || (SELECT json_extract(payload_json, '\$.sources.transcript') FROM interaction_events WHERE kind = 'emotion_scored' AND interaction_id = i.id ORDER BY ts_us DESC, seq DESC LIMIT 1) FROM interactions i WHERE external_id = 'cti:j1'"
check "transcript line of a call never seen: 404 naming it" equals "404 {\"error\":\"no call 'nobody-7' is known here: post its newCall first\"}" \
  "$(post_json '{"event":"transcript","callId":"nobody-7","speaker":"customer","text":"hello?"}') $(body)"
check "transcript line with a wrong speaker: 400 naming it" equals "400 {\"error\":\"'speaker' must be customer or agent, not 'bot'\"}" \
  "$(post_json '{"event":"transcript","callId":"j1","speaker":"bot","text":"hello"}') $(body)"

# The same call as form posts, with user[] arrays.
check "form newCall: 200" equals 200 "$(post_form --data-urlencode event=newCall --data-urlencode "from=$phone" \
  --data-urlencode callId=f1 --data-urlencode 'user[]=agent-01' --data-urlencode 'user[]=agent-03')"
check "form answer: 200" equals 200 "$(post_form -d 'event=answer&callId=f1&user%5B%5D=agent-03')"
check "form hangup: 200" equals 200 "$(post_form -d 'event=hangup&callId=f1&cause=normalClearing')"
check "form call: answered and ended" equals "answered|ended" "$(call "outcome || '|' || status" f1)"
check "form call: the right customer" equals "$customer" "$(call customer_id f1)"

# A hangup before answer is a missed call; a forwarded one is not.
post_json "{\"event\":\"newCall\",\"from\":\"$phone\",\"callId\":\"m1\"}" >/dev/null
post_json '{"event":"hangup","callId":"m1","cause":"noAnswer"}' >/dev/null
check "hangup before answer: missed" equals missed "$(call outcome m1)"
post_json "{\"event\":\"newCall\",\"from\":\"$phone\",\"callId\":\"w1\"}" >/dev/null
post_json '{"event":"hangup","callId":"w1","cause":"forwarded"}' >/dev/null
check "forwarded before answer: not missed" equals forwarded "$(call outcome w1)"

# A caller on the block list is rejected as busy, and the attempt is recorded.
check "blocked caller: reject busy" equals '200 {"action":"reject","reason":"busy"}' \
  "$(post_json "{\"event\":\"newCall\",\"from\":\"$blocked_phone\",\"callId\":\"b1\"}") $(body)"
check "blocked caller: recorded as declined" equals declined "$(call outcome b1)"

# An unknown number becomes an unknown-caller contact.
post_json '{"event":"newCall","from":"+12125550123","callId":"u1"}' >/dev/null
check "unknown caller: recorded without a customer" equals "|+12125550123" "$(call "COALESCE(customer_id, '') || '|' || address" u1)"

# Replays are not recorded twice.
events_before=$(sql "SELECT COUNT(*) FROM interaction_events")
post_json '{"event":"hangup","callId":"j1","cause":"normalClearing"}' >/dev/null
post_json '{"event":"answer","callId":"j1"}' >/dev/null
check "replayed events: nothing recorded twice" equals "$events_before" "$(sql "SELECT COUNT(*) FROM interaction_events")"

# Refusals.
check "wrong token: 401" equals 401 "$(post_json '{"event":"hangup","callId":"j1"}' "http://127.0.0.1:$CTI_PORT/api/v1/cti/wrong")"
check "a token that is a prefix: 401" equals 401 "$(post_json '{"event":"hangup","callId":"j1"}' "http://127.0.0.1:$CTI_PORT/api/v1/cti/test-token")"
check "wrong path: 404" equals 404 "$(post_json '{}' "http://127.0.0.1:$CTI_PORT/api/v2/cti/test-token-7f3a-5c21")"
check "wrong method: 405" equals 405 "$(curl -s -o /dev/null -w '%{http_code}' "$URL")"
check "bad JSON: 400" equals 400 "$(post_json '{"event":')"
check "bad JSON: the error is JSON" grep -q '"error":' "$WORK/body"
check "missing callId: 400 naming it" equals "400 {\"error\":\"'callId' is missing\"}" "$(post_json '{"event":"newCall","from":"+441234"}') $(body)"
check "unknown content type: 400" equals 400 "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: text/plain' -d 'x' "$URL")"
check "body over the limit: 413" equals 413 "$(head -c 100000 /dev/zero | tr '\0' 'a' | curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @- "$URL")"
out=$(printf 'GARBAGE\r\n\r\n' | timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$CTI_PORT; cat >&3; cat <&3")
check "not HTTP at all: 400" grep -q "^HTTP/1.1 400" <<<"$out"
check "the webhook still answers after all that" equals 200 "$(post_json '{"event":"hangup","callId":"zz","cause":"noAnswer"}')"

check "serve stops cleanly" stop_serve
finish
