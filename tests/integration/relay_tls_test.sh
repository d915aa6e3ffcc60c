#!/usr/bin/env bash
# The reply relay over STARTTLS with AUTH, against a second SMTP server (aiosmtpd,
# tests/integration/relay_peer.py) that requires both, with a certificate from a CA made
# here: `frontline relay-check` sends through it (TLS, the certificate checked against
# smtp.relay_ca_file and the host name, AUTH PLAIN); a wrong password, a certificate not
# trusted, a host name the certificate does not name and a relay reached without TLS each
# fail with the step and the reason; a user without TLS is a configuration error.
#   relay_tls_test.sh FRONTLINE_BINARY
source "$(dirname "$0")/lib.sh"

# A CA and the relay's certificate for "localhost" (not for 127.0.0.1).
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Frontline test CA" \
  -keyout "$WORK/ca.key" -out "$WORK/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$WORK/relay.key" -out "$WORK/relay.csr" 2>/dev/null
printf 'subjectAltName = DNS:localhost\n' > "$WORK/san.ext"
openssl x509 -req -in "$WORK/relay.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial -days 2 \
  -extfile "$WORK/san.ext" -out "$WORK/relay.pem" 2>/dev/null

mkdir -p "$WORK/kept"
/usr/bin/python3 "$(dirname "$0")/relay_peer.py" "$WORK/relay.pem" "$WORK/relay.key" agent-01 's3cret pass' \
  "$WORK/kept" > "$WORK/peer.log" 2>&1 &
PEER_PID=$!
trap 'kill $PEER_PID 2>/dev/null; cleanup' EXIT
for _ in $(seq 1 100); do grep -q '^ready' "$WORK/peer.log" && break; sleep 0.1; done
PORT=$(sed -n 's/^ready \([0-9]*\)/\1/p' "$WORK/peer.log")
[ -n "$PORT" ] || { echo "the relay peer did not start:"; cat "$WORK/peer.log"; exit 1; }
printf 's3cret pass\n' > "$WORK/relay.password"
chmod 600 "$WORK/relay.password"

config() {  # config RELAY [EXTRA SMTP KEYS]: a configuration with that relay
  cat > "$WORK/relay.toml" <<TOML
[store]
path = "store.db"
[smtp]
listen = ""
relay = "$1"
reply_from = "help@shop.example"
reply_name = "Shop help"
${2:-}
TOML
}
check_run() {  # check_run NAME EXPECTED_EXIT PATTERN: relay-check exits so and prints PATTERN
  local name=$1 expected=$2 pattern=$3 code
  "$FRONTLINE" relay-check --config "$WORK/relay.toml" --to "wang.fang@example.cn" > "$WORK/out.txt" 2>&1
  code=$?
  check "$name (exit $code: $(head -c 300 "$WORK/out.txt"))" test "$code" = "$expected" -a -n "$(grep -E "$pattern" "$WORK/out.txt")"
}
secure='relay_tls = "starttls"
relay_ca_file = "ca.pem"
relay_user = "agent-01"
relay_password_file = "relay.password"'

# 1. Through STARTTLS and AUTH, the certificate checked: sent, and kept by the relay.
config "localhost:$PORT" "$secure"
check_run "relay-check sends over STARTTLS with AUTH" 0 "sent to wang.fang@example.cn .*STARTTLS, AUTH as agent-01.*250 2.0.0 kept"
kept=$(/usr/bin/python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(m["tls"], m["user"], m["to"][0], "Subject: Frontline relay check" in m["text"])' "$WORK/kept/message-1.json" 2>&1)
check "the relay kept it, received over TLS from the authenticated user ($kept)" equals "True agent-01 wang.fang@example.cn True" "$kept"

# 2. A wrong password: AUTH refused, nothing kept.
printf 'wrong\n' > "$WORK/relay.password"
check_run "a wrong password fails at AUTH with the relay's 535" 1 "not sent .*AUTH: 535"
printf 's3cret pass\n' > "$WORK/relay.password"

# 3. The system's CAs do not know this one: the certificate is not trusted.
config "localhost:$PORT" "$(echo "$secure" | grep -v relay_ca_file)"
check_run "a certificate from an unknown CA is refused" 1 "certificate is not trusted"

# 4. Reached by an address the certificate does not name.
config "127.0.0.1:$PORT" "$secure"
check_run "a certificate for another host name or address is refused" 1 "certificate is not trusted: .*mismatch"

# 5. Without TLS the relay refuses (it requires STARTTLS first).
config "localhost:$PORT"
check_run "plain SMTP to a relay that requires TLS is refused with its reason" 1 "not sent .*530"

# 6. A user without TLS: the password would go in clear; the configuration says no.
config "localhost:$PORT" 'relay_user = "agent-01"
relay_password_file = "relay.password"'
check_run "relay_user without relay_tls is a configuration error naming the key" 2 "smtp.relay_user.*starttls"

kept_count=$(ls "$WORK/kept" | wc -l)
check "the relay kept exactly the one message sent properly" equals 1 "$kept_count"
echo "$passed passed, $failed failed"
if [ "$failed" != 0 ]; then
  echo "-- the relay peer's log ($WORK/peer.log):"
  cat "$WORK/peer.log"
  echo "-- the last relay-check output:"
  cat "$WORK/out.txt"
fi
[ "$failed" = 0 ]
