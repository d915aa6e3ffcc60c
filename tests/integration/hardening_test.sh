#!/usr/bin/env bash
# The listeners under abuse, against `frontline serve`: each listener has its own
# connection budget (SMTP connections held open to the limit do not take the webhook's
# slots); an HTTP request trickled a byte at a time is cut off at its deadline with 408; a
# peer guessing webhook tokens is slowed, then refused with 429 while others are served;
# a flood of junk SIP datagrams is logged a few lines per peer plus a summary, not a line
# each; an email whose body has lines of 5,000 octets is accepted whole; a message trickled
# inside DATA below the minimum rate is cut off with 421.
#   hardening_test.sh FRONTLINE_BINARY
source "$(dirname "$0")/lib.sh"

start_serve "[limits]
connections_total = 4
http_request_deadline_s = 2
cti_wrong_tokens_free = 1
cti_wrong_tokens_before_refusal = 3
cti_refusal_period_s = 600"
URL="http://127.0.0.1:$CTI_PORT/api/v1/cti/test-token-7f3a-5c21"
post() {  # post URL [CURL ARGS...]: prints the HTTP status
  local url=$1
  shift
  curl -s -o "$WORK/body" -w '%{http_code}' -H 'Content-Type: application/json' "$@" \
    -d '{"event":"hangup","callId":"none","cause":"noAnswer"}' "$url"
}

# 1. Separate budgets: four SMTP sessions held open fill SMTP's budget (a fifth gets 421),
#    and the webhook still answers.
greetings=0
for fd in 11 12 13 14; do
  eval "exec $fd<>/dev/tcp/127.0.0.1/$SMTP_PORT"
  read -r -t 10 line <&"$fd" && [[ $line == 220* ]] && greetings=$((greetings + 1))
done
check "four SMTP sessions open (220 each)" equals 4 "$greetings"
exec 15<>/dev/tcp/127.0.0.1/"$SMTP_PORT"
read -r -t 10 fifth <&15
check "a fifth SMTP session is refused with 421" grep -q '^421' <<<"$fifth"
check "the webhook answers while SMTP is full" equals 200 "$(post "$URL")"
for fd in 11 12 13 14 15; do eval "exec $fd<&-"; done

# 2. A request trickled one byte every 0.3 s: 408 at the deadline, connection closed.
python3 - "$CTI_PORT" > "$WORK/trickle.txt" 2>&1 <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"POST /api/v1/cti/test-token-7f3a-5c21 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          b"Transfer-Encoding: chunked\r\n\r\n")
s.settimeout(0.3)
answer = b""
for i in range(200):  # at most 60 s of trickling
    try:
        data = s.recv(4096)
        if not data:
            break
        answer += data
    except socket.timeout:
        try:
            s.sendall(b"1\r\n{\r\n")
        except OSError:
            break
print(answer.decode(errors="replace").splitlines()[0] if answer else "no answer")
print("bytes trickled:", i)
PY
check "trickled request: 408 Request Timeout" grep -q '^HTTP/1.1 408' "$WORK/trickle.txt"
check "trickled request: logged" grep -q '408 the request was not complete within 2 s' "$WORK/serve.log"

# 3. Wrong tokens from 127.0.0.2: the first 401 at once, the second slowed, the third
#    trips the refusal: then 429 with Retry-After even with the right token. 127.0.0.1 is
#    still served.
wrong="http://127.0.0.1:$CTI_PORT/api/v1/cti/guess-0000000000000"
check "first wrong token: 401" equals 401 "$(post "$wrong" --interface 127.0.0.2)"
check "second wrong token: 401" equals 401 "$(post "$wrong" --interface 127.0.0.2)"
check "second wrong token: answered late" grep -q '401 wrong token (answered 1000 ms late)' "$WORK/serve.log"
check "third wrong token: 401" equals 401 "$(post "$wrong" --interface 127.0.0.2)"
check "then the right token from that peer: 429" equals 429 "$(post "$URL" --interface 127.0.0.2 -D "$WORK/headers")"
check "429 says when to retry" grep -qi '^Retry-After: [0-9]' "$WORK/headers"
check "the refusal is logged and counted" grep -q '127.0.0.2: 429 refused after too many wrong tokens (1 refusals' "$WORK/serve.log"
check "another peer is still served" equals 200 "$(post "$URL")"

# 4. 3,000 junk datagrams to the SIP port: at most 20 lines for the peer in the window,
#    then one summary line with the count of the rest.
python3 - "$SIP_PORT" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(3000):
    s.sendto(b"JUNK %d\r\n\r\n" % i, ("127.0.0.1", int(sys.argv[1])))
PY
summary_logged() { grep -q 'more lines from 127.0.0.1 not logged in the last 10 s' "$WORK/serve.log"; }
for _ in $(seq 1 300); do summary_logged && break; sleep 0.1; done  # the window is 10 s
check "junk datagrams: a summary line" summary_logged
junk_lines=$(grep -c 'sip 127.0.0.1: 400' "$WORK/serve.log")
check "junk datagrams: at most 20 lines of them ($junk_lines)" test "$junk_lines" -le 20
check "junk datagrams: the summary counts the rest" grep -qE '[0-9]{2,} more lines from 127.0.0.1' "$WORK/serve.log"

# 5. Lines of 5,000 octets inside DATA (RFC 5321 allows a server to accept them): 250,
#    and the body is stored whole.
long=$(head -c 5000 /dev/zero | tr '\0' 'x')
out=$(swaks --server 127.0.0.1 --port "$SMTP_PORT" --from someone@example.net --to support@frontline.example \
  --header "Message-ID: <long-line-1@example.net>" --body "$long
second line" 2>&1)
check "long DATA lines: 250" grep -q "<-  250 2.0.0" <<<"$out"
check "long DATA lines: the 5,000-octet line stored whole" equals 1 \
  "$(sql "SELECT instr(body_text, '$long') > 0 FROM email_messages WHERE message_id = 'long-line-1@example.net'")"

check "serve stops cleanly" stop_serve

# 6. A message trickled inside DATA a byte every 0.2 s: bytes keep coming (the idle timer
#    never fires), but the rate is below smtp_min_data_rate, so the budget of 3 s (plus
#    1 ms a byte) runs out: 421 4.4.2 and the connection closed; nothing stored.
start_serve "[limits]
smtp_idle_timeout_s = 3
smtp_min_data_rate = 1000"
python3 - "$SMTP_PORT" > "$WORK/slow-data.txt" 2>&1 <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
f = s.makefile("rb")
def reply():
    while True:
        line = f.readline().decode(errors="replace")
        if len(line) < 4 or line[3] != "-":
            return line.strip()
print(reply())
for command in (b"EHLO slow.example", b"MAIL FROM:<slow@example.net>", b"RCPT TO:<support@frontline.example>", b"DATA"):
    s.sendall(command + b"\r\n")
    print(reply())
s.settimeout(0.2)
answer = b""
for i in range(300):  # at most 60 s
    try:
        data = s.recv(4096)
        if not data:
            break
        answer += data
        if b"\n" in answer:
            break
    except socket.timeout:
        try:
            s.sendall(b"x")
        except OSError:
            break
print("after", i, "bytes:", answer.decode(errors="replace").strip() or "no answer")
PY
check "slow DATA: 354, then 421 4.4.2" grep -q 'bytes: 421 4.4.2' "$WORK/slow-data.txt"
check "slow DATA: logged" grep -q 'DATA slower than the minimum rate' "$WORK/serve.log"
check "slow DATA: nothing stored" equals 0 "$(sql "SELECT COUNT(*) FROM email_messages WHERE from_address = 'slow@example.net'")"
check "serve stops cleanly (slow DATA)" stop_serve
finish
