#!/usr/bin/env bash
# End to end under Xvfb: an email handled from the keyboard, its reply relayed for real.
# swaks sends a known customer's email to the console's SMTP listener; the UI dump shows it
# in the queue with the customer's name; F2 takes it (the message, the customer card);
# the reply is typed and sent with Ctrl+R through the configured relay, which is a second
# `frontline serve` receiving over SMTP; "2" picks a disposition and Ctrl+Enter ends the
# wrap-up. Asserted: the console's store holds the interaction wrapped with its times and
# the reply, and the relay's store received the reply threaded to the customer's message.
#   email_e2e.sh FRONTLINE_BINARY ARTIFACT_DIR
set -euo pipefail
source "$(dirname "$0")/lib.sh"
frontline=$1
artifacts=$2
mkdir -p "$artifacts"
gui_work email-e2e
"$frontline" demo-data --db "$work/demo.db" --customers 2000 --seed 8 --as-of "$(date -u +%F)" >/dev/null

# The relay: another Frontline listening for SMTP on an ephemeral port.
mkdir "$work/relay"
console_toml relay relay.db smtp > "$work/relay/frontline.toml"
"$frontline" serve --config "$work/relay/frontline.toml" > "$work/relay/out.txt" 2>&1 &
cleanup_pids=$!
wait_file_for "ready" "$work/relay/out.txt" 30 "the relay (frontline serve) to listen"
relay_port=$(grep -o 'SMTP 127.0.0.1:[0-9]*' "$work/relay/out.txt" | head -1 | cut -d: -f2 || true)
echo "relay listening on $relay_port"
# The same relay on the same port, for its restart after the outage below.
sed "/^\[smtp\]/,/^listen/ s|^listen = .*|listen = \"127.0.0.1:$relay_port\"|" "$work/relay/frontline.toml" \
  > "$work/relay/again.toml"

console_toml agent-mail demo.db smtp > "$work/frontline.toml"
# The reply keys join the [smtp] table (TOML allows each table once).
sed -i "/^\[smtp\]/a relay = \"127.0.0.1:$relay_port\"\nreply_from = \"help@shop.example\"\nreply_name = \"Shop help\"\nrelay_retry_s = 1" \
  "$work/frontline.toml"
IFS=$'\t' read -r name email < <(sqlite3 -separator $'\t' "$work/demo.db" "
  SELECT c.display_name, a.value FROM customers c JOIN customer_addresses a ON a.customer_id = c.id
  WHERE a.kind = 'email' ORDER BY c.id LIMIT 1")
echo "writing as $name <$email>"

cat > "$work/session.sh" <<'SESSION'
set -u
source "$GUI_LIB"
start_console "Agent agent-mail: Available"
port=$(bound_port SMTP)
swaks --server 127.0.0.1 --port "$port" --from "$EMAIL" --to support@shop.example \
  --header "Subject: Parcel not here" --header "Message-ID: <e2e-1@example.com>" \
  --body "Hello, my parcel has not arrived. Can you check?" > "$WORK/swaks.out" 2>&1
wait_for "queue: email $NAME" 20
sleep 0.3
cp "$dump" "$ARTIFACTS/email-queued-dump.json"
import -window root "$ARTIFACTS/email-queued.png"
press_until "EMAIL OPEN" F2
sleep 0.3
cp "$dump" "$ARTIFACTS/email-open-dump.json"
xdotool type --window "$wid" --delay 15 "Your parcel left our warehouse today."
sleep 0.3
import -window root "$ARTIFACTS/email-reply.png"
# The relay goes down before the reply is sent: it waits in the outbox, and goes out by
# itself once the relay is back.
kill "$RELAY_PID"
for _ in $(seq 1 100); do kill -0 "$RELAY_PID" 2>/dev/null || break; sleep 0.1; done
press_until "EMAIL ENDED" ctrl+r
wait_for "Outbox: 1 reply waiting for the relay" 20
cp "$dump" "$ARTIFACTS/email-outbox-dump.json"
import -window root "$ARTIFACTS/email-outbox.png"
"$FRONTLINE" serve --config "$WORK/relay/again.toml" > "$WORK/relay/again.txt" 2>&1 &
echo $! > "$WORK/relay/again.pid"
wait_for "relayed: 250" 30
press_until "Agent agent-mail: Available" 2 ctrl+Return
import -window root "$ARTIFACTS/email-wrapped.png"
kill "$pid"
wait "$pid" 2>/dev/null
exit 0
SESSION
run_session "$work/session.sh" 1600x1000 NAME="$name" EMAIL="$email" RELAY_PID="$cleanup_pids"
# The relay started again inside the session.
[ -f "$work/relay/again.pid" ] && cleanup_pids="$cleanup_pids $(cat "$work/relay/again.pid")"

queued="$artifacts/email-queued-dump.json"
open="$artifacts/email-open-dump.json"
expect "the queue shows the email with the customer's name" grep -qF "queue: email $name" "$queued"
expect "the queue shows the subject" grep -qF "Parcel not here" "$queued"
expect "the pop shows the message" grep -qF "my parcel has not arrived" "$open"
expect "the pop shows the customer card" grep -qF "Customer since" "$open"
row=$(sqlite3 "$work/demo.db" "SELECT status, outcome, disposition, wait_us > 0, talk_us > 0, acw_us > 0, agent_id
  FROM interactions WHERE channel = 'email' AND subject = 'Parcel not here'")
expect "the console's store holds the email wrapped with its times and disposition ($row)" \
  test "$row" = "wrapped|answered|info_given|1|1|1|agent-mail"
reply=$(sqlite3 "$work/demo.db" "SELECT in_reply_to, from_address, body_text FROM email_messages WHERE direction = 'out'
  AND in_reply_to = 'e2e-1@example.com'")
expect "the console's store holds the reply ($reply)" \
  test "$reply" = "e2e-1@example.com|help@shop.example|Your parcel left our warehouse today."
relayed=$(sqlite3 "$work/relay/relay.db" "SELECT from_address, from_name, subject, in_reply_to, body_text FROM email_messages")
expect "the relay received the reply, threaded to the customer's message ($relayed)" \
  test "$relayed" = "help@shop.example|Shop help|Re: Parcel not here|e2e-1@example.com|Your parcel left our warehouse today."
outbox="$artifacts/email-outbox-dump.json"
expect "the status line showed the reply waiting in the outbox with the relay's error" \
  grep -qE "Outbox: 1 reply waiting for the relay.*(refused|connect)" "$outbox"
sent=$(sqlite3 "$work/demo.db" "SELECT state, attempts >= 2, last_error FROM outbox")
expect "the outbox row is sent after more than one try ($sent)" test "$sent" = "sent|1|"
expect "screenshots kept" test -s "$artifacts/email-queued.png" -a -s "$artifacts/email-wrapped.png"
exit $fail
