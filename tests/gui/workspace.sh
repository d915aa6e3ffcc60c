#!/usr/bin/env bash
# The agent workspace at the sizes agents use (1280x720 and 2560x1440): every fixed
# region is there and inside the window, none closed, with a call ringing and a customer
# found by surname; F1 lists the keys. Then a listener port already taken: the banner
# names the listener, address, key and OS error in the window, the agent is not ready and
# cannot become available, and `frontline serve` on the same configuration exits non-zero
# with the same words. Screenshots kept.
#   workspace.sh FRONTLINE_BINARY SCENARIO_DIR ARTIFACT_DIR
set -euo pipefail
source "$(dirname "$0")/lib.sh"
frontline=$1
scenarios=$2
artifacts=$3
mkdir -p "$artifacts"
gui_work workspace
"$frontline" demo-data --db "$work/demo.db" --customers 2000 --seed 9 --as-of "$(date -u +%F)" >/dev/null
console_toml agent-ws demo.db sip smtp > "$work/frontline.toml"
# A caller, and a customer with a two-word Latin name to find by surname.
IFS=$'\t' read -r name phone < <(sqlite3 -separator $'\t' "$work/demo.db" "
  SELECT c.display_name, a.value FROM customers c JOIN customer_addresses a ON a.customer_id = c.id
  WHERE a.value LIKE '+447%' ORDER BY c.id LIMIT 1")
IFS=$'\t' read -r searched surname < <(sqlite3 -separator $'\t' "$work/demo.db" "
  SELECT display_name, lower(substr(display_name, instr(display_name, ' ') + 1)) FROM customers
  WHERE display_name GLOB '[A-Z]* [A-Z]*' AND display_name NOT GLOB '* * *' ORDER BY id DESC LIMIT 1")
printf 'SEQUENTIAL\n%s;%s;\n' "$phone" "$name" > "$work/caller.csv"
# A callback another console scheduled for anyone, due ten minutes ago, as the sync would
# have pulled it: it must blink in the queue.
missed_call=$(sqlite3 "$work/demo.db" "SELECT id FROM interactions WHERE outcome = 'missed' ORDER BY offered_us DESC LIMIT 1")
due_us=$(( ($(date +%s) - 600) * 1000000 ))
sqlite3 "$work/demo.db" "INSERT INTO interaction_events (origin, seq, interaction_id, ts_us, kind, agent_id, payload_json)
  VALUES ('agent-other', 1, '$missed_call', $due_us, 'callback_scheduled', 'agent-other',
          json_object('callback_id', 'cb-1', 'address', '+447700900321', 'name', 'Callback Customer',
                      'due_us', $due_us, 'note', 'wants a refund date', 'assignee', ''))"
echo "calling as $name ($phone); searching for $searched by '$surname'"

cat > "$work/session.sh" <<'SESSION'
set -u
source "$GUI_LIB"
start_console "Agent agent-ws: Available" || exit 1
port=$(bound_port "SIP udp")
sipp 127.0.0.1:"$port" -i 127.0.0.1 -p 0 -nostdin -m 1 -timeout 60 -sf "$SCENARIOS/agent_answers.xml" \
  -inf "$WORK/caller.csv" > "$WORK/sipp.out" 2>&1 &
sipp=$!
wait_for "RINGING" 20 || exit 1
# Ctrl+F, the surname, Enter; a key can be lost on a loaded X server, so up to three tries.
for attempt in 1 2 3; do
  xdotool key --window "$wid" ctrl+f
  # Type once the search field has the keyboard: at 2560x1440 on a busy machine a frame can
  # take long enough that the first letters would go nowhere.
  wait_for '"typing": true' 10 || { [ $attempt = 3 ] && exit 1; continue; }
  # Keys held as a person holds them: Dear ImGui 1.86 reads the keyboard's state once a
  # frame, and a frame at 2560x1440 on a busy machine outlasts xdotool's press, so a quick
  # Ctrl+A, BackSpace or Shift went missing ("Weber" arrived as "eber"). Not synchronisation:
  # the dump is waited for below.
  xdotool windowfocus --sync "$wid" 2>/dev/null || true
  held() { xdotool keydown "$1"; sleep 0.2; xdotool keyup "$1"; }
  held ctrl+a
  held BackSpace
  xdotool keydown shift; sleep 0.2; xdotool type --delay 60 "${SURNAME:0:1}"; sleep 0.2; xdotool keyup shift
  xdotool type --delay 60 "${SURNAME:1}"
  held Return
  wait_for "match: $SEARCHED" 10 && break
  [ $attempt = 3 ] && exit 1
done
press_until "key F2: answer" F1 || exit 1
import -window root "$ARTIFACTS/workspace-$SIZE.png"
cp "$dump" "$WORK/dump-$SIZE.json"
kill "$sipp" 2>/dev/null
stop_console
SESSION
for size in 1280x720 2560x1440; do
  run_session "$work/session.sh" "$size" SCENARIOS="$scenarios" SIZE="$size" SEARCHED="$searched" \
    SURNAME="$surname" || fail=1
  cp "$work/dump-$size.json" "$artifacts/workspace-$size-dump.json" 2>/dev/null || true
  width=${size%x*}
  height=${size#*x}
  dump="$work/dump-$size.json"
  for region in Queue "Missed calls and callbacks" "Customer search" Contact Customer; do
    expect "$size: the $region region is drawn" grep -qF "\"title\": \"$region\"" "$dump"
  done
  # (the menu bar is one line high: only its width counts)
  outside=$(sqlite3 :memory: "SELECT group_concat(json_extract(value, '$.title'), ', ')
    FROM json_each(readfile('$dump'), '$.windows')
    WHERE json_extract(value, '$.rect[0]') < 0 OR json_extract(value, '$.rect[1]') < 0
       OR json_extract(value, '$.rect[0]') + json_extract(value, '$.rect[2]') > $width
       OR json_extract(value, '$.rect[1]') + json_extract(value, '$.rect[3]') > $height
       OR json_extract(value, '$.rect[2]') < 100
       OR (json_extract(value, '$.rect[3]') < 30 AND json_extract(value, '$.title') != 'Menu bar')")
  expect "$size: no region outside the window or squeezed (${outside:-none})" test -z "$outside"
  expect "$size: the regions fill the window (the status line ends near its bottom)" test "$(sqlite3 :memory: "
    SELECT json_extract(value, '$.rect[1]') + json_extract(value, '$.rect[3]') >= $height - 30
    FROM json_each(readfile('$dump'), '$.windows') WHERE json_extract(value, '$.title') = 'Status'")" = 1
  expect "$size: the call pops" grep -qF "RINGING  $name" "$dump"
  expect "$size: the surname finds $searched" grep -qF "match: $searched" "$dump"
  expect "$size: F1 lists the keys" grep -qF "key Alt+1-9:" "$dump"
  expect "$size: the due callback is in the queue" grep -qF "queue: callback Callback Customer - due overdue by" "$dump"
done

# A callback scheduled from the missed calls: press the latest missed caller, schedule, then
# mark the other console's due callback as made.
missed_name=$(sqlite3 "$work/demo.db" "SELECT COALESCE((SELECT display_name FROM customers WHERE id = i.customer_id),
  i.display_name) FROM interactions i WHERE i.channel = 'voice' AND i.outcome IN ('missed', 'declined', 'cancelled')
  AND i.address <> 'anonymous' ORDER BY i.offered_us DESC LIMIT 1")
cat > "$work/callback.sh" <<'SESSION'
set -u
source "$GUI_LIB"
# The agent has dragged the missed calls' splitter down (as the layout file records it), so
# that the list shows its first callers below the callbacks.
printf '[Frontline][AgentWorkspace]\nSplits=0.2600,0.4500,0.2500,0.5000\n' > "$WORK/layout.ini"
start_console "Agent agent-ws: Available" || exit 1
wait_for "missed: $MISSED" 10 || exit 1
click_button "$MISSED" "Missed calls and callbacks" || exit 1
wait_for "Call back $MISSED on" 5 || exit 1
click_button "Schedule callback" || exit 1
wait_for "callback: $MISSED, in " 5 || exit 1
click_button "Called" || exit 1
wait_for "1 callback to make:" 5 || exit 1
import -window root "$ARTIFACTS/workspace-callbacks.png"
cp "$dump" "$WORK/dump-callbacks.json"
stop_console
SESSION
run_session "$work/callback.sh" 1600x1000 MISSED="$missed_name" || fail=1
expect "the callback to $missed_name was scheduled from the missed calls, for this agent" test \
  "$(sqlite3 "$work/demo.db" "SELECT COUNT(*) FROM callbacks WHERE name = '$missed_name' AND status = 'open'
     AND assignee = 'agent-ws' AND due_us > $(date +%s)000000")" = 1
expect "the other console's due callback was marked made by this agent" test \
  "$(sqlite3 "$work/demo.db" "SELECT status || '/' || done_by FROM callbacks WHERE id = 'cb-1'")" = "called/agent-ws"

# The queue moving under the mouse: the button goes down on the second email, a call
# arrives and slides in above it, the button comes up: the email under the pointer when the
# press began is the one taken, never the call that slid in.
cat > "$work/press.sh" <<'SESSION'
set -u
source "$GUI_LIB"
start_console "Agent agent-ws: Available" || exit 1
smtp=$(bound_port SMTP)
sip=$(bound_port "SIP udp")
for who in first second; do
  swaks --server 127.0.0.1 --port "$smtp" --from "$who.sender@example.org" --to support@shop.example \
    --header "Subject: the $who email" --body "Hello" > "$WORK/swaks-$who.out" 2>&1
done
wait_for "queue: email second.sender@example.org" 10 || exit 1
at=$(sqlite3 :memory: "SELECT (json_extract(b.value, '$.rect[0]') + 40) || ' ' || (json_extract(b.value, '$.rect[1]') + 10)
  FROM json_each(readfile('$dump'), '$.windows') w, json_each(w.value, '$.buttons') b
  WHERE json_extract(b.value, '$.label') LIKE '%second.sender@example.org'")
xdotool mousemove --window "$wid" ${at% *} ${at#* } mousedown 1
sipp 127.0.0.1:"$sip" -i 127.0.0.1 -p 0 -nostdin -m 1 -timeout 20 -sn uac > "$WORK/sipp-press.out" 2>&1 &
wait_for "EMAIL OPEN" 10
xdotool mouseup 1
cp "$dump" "$WORK/dump-press.json"
stop_console
SESSION
run_session "$work/press.sh" 1600x1000 || fail=1
expect "the email pressed is the one taken (not a row that slid in)" \
  grep -qF "EMAIL OPEN  Unknown sender  second.sender@example.org" "$work/dump-press.json"

# A listener whose port is taken: a TCP listener of our own holds it.
"$frontline" serve --config "$work/frontline.toml" > "$work/holder.log" 2>&1 &
cleanup_pids=$!
wait_file_for "ready" "$work/holder.log" 30 "the first serve to listen"
taken=$(grep -o 'SMTP 127.0.0.1:[0-9]*' "$work/holder.log" | head -1 | cut -d: -f2 || true)
sed -i "/^\[smtp\]/{n;s|.*|listen = \"127.0.0.1:$taken\"|}" "$work/frontline.toml"
grep -A1 '^\[smtp\]' "$work/frontline.toml"
cat > "$work/taken.sh" <<'SESSION'
set -u
source "$GUI_LIB"
start_console "cannot reach this console" || exit 1
press_until "Agent agent-ws: Not ready" F2 || true  # the agent is not ready: nothing to answer
import -window root "$ARTIFACTS/workspace-port-taken.png"
cp "$dump" "$WORK/dump-taken.json"
stop_console
SESSION
run_session "$work/taken.sh" 1600x1000 || fail=1
words="the SMTP listener cannot listen on 127.0.0.1:$taken (smtp.listen): "
expect "the banner names the listener, address, key and OS error" grep -qF "$words" "$work/dump-taken.json"
expect "the banner is its own region" grep -qF '"title": "Banner"' "$work/dump-taken.json"
expect "the agent is not ready while calls cannot reach the console" \
  grep -qF "Agent agent-ws: Not ready (calls cannot reach this console)" "$work/dump-taken.json"
code=0
"$frontline" serve --config "$work/frontline.toml" > "$work/serve-taken.log" 2>&1 || code=$?
expect "serve exits non-zero on the taken port (exit $code)" test "$code" != 0
expect "serve says the same words" grep -qF "$words" "$work/serve-taken.log"
exit $fail
