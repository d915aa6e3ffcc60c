#!/usr/bin/env bash
# SMTP and LMTP against `frontline serve`, with swaks as the real client: a plain email,
# a multipart GB2312 email, an HTML-only email, an oversized email (552, then the next one
# is accepted), a pipelined session, an LMTP session, a reply that joins its thread, and a
# resent message that is not stored twice. Every accepted email must be in the store
# exactly once, with the right customer and decoded text.
#   smtp_test.sh FRONTLINE_BINARY DATA_DIR
source "$(dirname "$0")/lib.sh"
DATA=$2
start_serve "[limits]
smtp_max_message_bytes = 20000
smtp_idle_timeout_s = 3"

customer() { sql "SELECT customer_id FROM customer_addresses WHERE kind = 'email' ORDER BY id LIMIT 1 OFFSET $1"; }
address() { sql "SELECT value FROM customer_addresses WHERE kind = 'email' ORDER BY id LIMIT 1 OFFSET $1"; }
emails_from() { sql "SELECT COUNT(*) FROM email_messages WHERE from_address = '$1'"; }

# 1. A plain email from a known customer, the sender written in capitals.
from=$(address 0)
out=$(swaks --server 127.0.0.1 --port "$SMTP_PORT" --from "${from^^}" --to support@frontline.example \
  --header "Subject: Where is my parcel?" --header "Message-ID: <plain-1@example.com>" \
  --body "Hello, order FL-00000001 has not arrived." 2>&1)
check "plain email: 250 after commit" grep -q "<-  250 2.0.0 Ok: queued as" <<<"$out"
check "plain email: stored once" equals 1 "$(sql "SELECT COUNT(*) FROM email_messages WHERE message_id = 'plain-1@example.com'")"
check "plain email: the right customer" equals "$(customer 0)" \
  "$(sql "SELECT i.customer_id FROM interactions i JOIN email_messages m ON m.interaction_id = i.id WHERE m.message_id = 'plain-1@example.com'")"
check "plain email: body text" equals "Hello, order FL-00000001 has not arrived." \
  "$(sql "SELECT body_text FROM email_messages WHERE message_id = 'plain-1@example.com'")"

# 2. Multipart/mixed with GB2312 subject, name and body, an HTML alternative and a PDF.
from2=$(address 1)
sed "s/%FROM%/$from2/" "$DATA/email/gb2312_multipart.eml" > "$WORK/gb.eml"
out=$(swaks --server 127.0.0.1 --port "$SMTP_PORT" --from "$from2" --to support@frontline.example --data "$WORK/gb.eml" 2>&1)
check "GB2312 email: accepted" grep -q "<-  250 2.0.0" <<<"$out"
check "GB2312 email: subject decoded to UTF-8" equals "关于我的订单退款" \
  "$(sql "SELECT subject FROM email_messages WHERE message_id = 'gb2312-multipart-1@example.cn'")"
check "GB2312 email: sender name decoded" equals "王芳" \
  "$(sql "SELECT from_name FROM email_messages WHERE message_id = 'gb2312-multipart-1@example.cn'")"
check "GB2312 email: text/plain body decoded" grep -q "我的订单还没有到" \
  <<<"$(sql "SELECT body_text FROM email_messages WHERE message_id = 'gb2312-multipart-1@example.cn'")"
check "GB2312 email: attachment listed with its size" equals '[{"name":"receipt.pdf","size":220,"type":"application/pdf"}]' \
  "$(sql "SELECT attachments_json FROM email_messages WHERE message_id = 'gb2312-multipart-1@example.cn'")"
check "GB2312 email: the right customer" equals "$(customer 1)" \
  "$(sql "SELECT i.customer_id FROM interactions i JOIN email_messages m ON m.interaction_id = i.id WHERE m.message_id = 'gb2312-multipart-1@example.cn'")"

# 3. HTML only: reduced to text.
sed "s/%FROM%/$from/" "$DATA/email/html_only.eml" > "$WORK/html.eml"
swaks --server 127.0.0.1 --port "$SMTP_PORT" --from "$from" --to support@frontline.example --data "$WORK/html.eml" >/dev/null 2>&1
check "HTML-only email: reduced to text" equals "$(printf 'Dear team,\nThe kettle & toaster arrived broken.')" \
  "$(sql "SELECT body_text FROM email_messages WHERE message_id = 'html-only-1@example.com'")"

# 4. Oversized: refused with 552 after the whole message was read; the next one is accepted.
before=$(sql "SELECT COUNT(*) FROM email_messages")
big=$(head -c 30000 /dev/zero | tr '\0' 'x' | fold -w 70)
out=$(swaks --server 127.0.0.1 --port "$SMTP_PORT" --from "$from" --to support@frontline.example \
  --header "Message-ID: <big-1@example.com>" --body "$big" 2>&1)
check "oversized email: 552" grep -q "<\*\* 552 5.3.4" <<<"$out"
check "oversized email: nothing stored" equals "$before" "$(sql "SELECT COUNT(*) FROM email_messages")"
out=$(swaks --server 127.0.0.1 --port "$SMTP_PORT" --from "$from" --to support@frontline.example \
  --header "Message-ID: <after-big@example.com>" --body "small again" 2>&1)
check "after an oversized email the next is accepted" grep -q "<-  250 2.0.0" <<<"$out"

# 5. Pipelining: the whole transaction in one write.
out=$(swaks --pipeline --server 127.0.0.1 --port "$SMTP_PORT" --from "$from" --to support@frontline.example \
  --header "Message-ID: <pipelined-1@example.com>" --body "pipelined" 2>&1)
check "pipelined session: accepted" grep -q "250 2.0.0 Ok: queued" <<<"$out"
check "pipelined session: stored once" equals 1 "$(sql "SELECT COUNT(*) FROM email_messages WHERE message_id = 'pipelined-1@example.com'")"

# 6. LMTP: LHLO, one reply per recipient after DATA.
out=$(swaks --protocol LMTP --server 127.0.0.1 --port "$LMTP_PORT" --from "$from2" \
  --to support@frontline.example,complaints@frontline.example --header "Message-ID: <lmtp-1@example.com>" \
  --body "via LMTP" 2>&1)
check "LMTP session: one 250 per recipient" equals 2 "$(grep -c '<-  250 2.1.5 <.*> delivered' <<<"$out")"
check "LMTP session: stored once" equals 1 "$(sql "SELECT COUNT(*) FROM email_messages WHERE message_id = 'lmtp-1@example.com'")"

# 7. A reply joins the interaction of the message it answers.
swaks --server 127.0.0.1 --port "$SMTP_PORT" --from "$from" --to support@frontline.example \
  --header "Message-ID: <plain-2@example.com>" --header "In-Reply-To: <plain-1@example.com>" \
  --header "Subject: Re: Where is my parcel?" --body "Any news?" >/dev/null 2>&1
check "a reply joins its thread" equals 1 \
  "$(sql "SELECT COUNT(DISTINCT interaction_id) FROM email_messages WHERE message_id IN ('plain-1@example.com', 'plain-2@example.com')")"

# 8. A client that lost our 250 resends: acknowledged again, stored once.
out=$(swaks --server 127.0.0.1 --port "$SMTP_PORT" --from "$from" --to support@frontline.example \
  --header "Message-ID: <plain-1@example.com>" --body "Hello, order FL-00000001 has not arrived." 2>&1)
check "a resent message is acknowledged" grep -q "<-  250 2.0.0" <<<"$out"
check "a resent message is not stored twice" equals 1 \
  "$(sql "SELECT COUNT(*) FROM interaction_events WHERE kind = 'email_received' AND payload_json LIKE '%\"message_id\":\"plain-1@example.com\"%'")"

# 9. An unknown sender becomes an unknown contact, and a protocol error gets its reply code.
swaks --server 127.0.0.1 --port "$SMTP_PORT" --from stranger@example.org --to support@frontline.example \
  --header "Message-ID: <stranger-1@example.org>" --body "hello" >/dev/null 2>&1
check "unknown sender: recorded without a customer" equals "" \
  "$(sql "SELECT i.customer_id FROM interactions i JOIN email_messages m ON m.interaction_id = i.id WHERE m.message_id = 'stranger-1@example.org'")"
out=$(printf 'EHLO t\r\nRCPT TO:<a@b.c>\r\nQUIT\r\n' |
      timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$SMTP_PORT; cat >&3; cat <&3")
check "RCPT before MAIL: 503" grep -q "503 5.5.1" <<<"$out"

# 9b. A client that goes quiet is told 421 and disconnected after the idle timeout.
out=$(timeout 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/$SMTP_PORT; printf 'EHLO idle.example\r\n' >&3; cat <&3")
check "idle client: 421 4.4.2 after the timeout" grep -q "^421 4.4.2" <<<"$out"

check "every event of this console is once in the log" equals 0 \
  "$(sql "SELECT COUNT(*) - COUNT(DISTINCT seq) FROM interaction_events WHERE origin = 'it-console'")"
check "serve stops cleanly" stop_serve

# 10. A client outside the allow list is refused before any SMTP is spoken.
sed -i 's/^\[smtp\]$/[smtp]\nallow = ["10.0.0.0\/8"]/' "$WORK/frontline.toml"
"$FRONTLINE" serve --config "$WORK/frontline.toml" > "$WORK/serve.log" 2>&1 &
SERVE_PID=$!
for _ in $(seq 1 100); do grep -q "ready; waiting" "$WORK/serve.log" && break; sleep 0.1; done
SMTP_PORT=$(sed -n 's/.*listening: SMTP 127.0.0.1:\([0-9]*\).*/\1/p' "$WORK/serve.log" | head -1)
out=$(swaks --server 127.0.0.1 --port "$SMTP_PORT" --from "$from" --to support@frontline.example --body x 2>&1)
check "outside the allow list: 554 5.7.1" grep -q "554 5.7.1" <<<"$out"
check "outside the allow list: logged" grep -q "refused, not in the allow list" "$WORK/serve.log"
check "serve stops cleanly" stop_serve
finish
