#!/usr/bin/env bash
# GUI check under Xvfb: the console opens the agent workspace on a demo store (every fixed
# region there, the developer's store overview hidden), and a lookup typed with xdotool
# (a national-format number) pops the right customer in plain words. Keeps a screenshot.
#   overview_smoke.sh FRONTLINE_BINARY ARTIFACT_DIR
set -euo pipefail
source "$(dirname "$0")/lib.sh"
frontline=$1
artifacts=$2
mkdir -p "$artifacts"
gui_work overview

"$frontline" demo-data --db "$work/demo.db" --customers 3000 --seed 7 --as-of 2026-06-01 >/dev/null
cat > "$work/frontline.toml" <<TOML
[store]
path = "demo.db"
[region]
default_phone_region = "GB"
[smtp]
listen = "127.0.0.1:0"
[lmtp]
listen = "127.0.0.1:0"
[cti]
listen = "127.0.0.1:0"
[sip]
listen = "127.0.0.1:0"
TOML
# A GB mobile customer, looked up by the number written nationally (07...).
IFS=$'\t' read -r name phone < <(sqlite3 -separator $'\t' "$work/demo.db" \
  "SELECT c.display_name, a.value FROM customers c JOIN customer_addresses a ON a.customer_id = c.id
   WHERE a.value LIKE '+447%' ORDER BY c.id LIMIT 1")
national="0${phone#+44}"
echo "looking up $name by $national"

cat > "$work/session.sh" <<'SESSION'
set -u
"$FRONTLINE" --config "$WORK/frontline.toml" --ui-dump "$WORK/dump.json" --layout "$WORK/layout.ini" &
pid=$!
for _ in $(seq 1 100); do
  grep -q 'Agent agent-01: Available' "$WORK/dump.json" 2>/dev/null && break
  sleep 0.1
done
wid=$(xdotool search --sync --name '^Frontline' | head -1)
xdotool windowfocus --sync "$wid" 2>/dev/null || true
# Ctrl+F focuses the lookup field. A key press that arrives before the window takes
# input is lost, so try up to three times.
for attempt in 1 2 3; do
  xdotool key --window "$wid" ctrl+f
  # Type once the lookup field has the keyboard (the dump says so), not after a guess.
  for _ in $(seq 1 100); do grep -qF '"typing": true' "$WORK/dump.json" 2>/dev/null && break; sleep 0.1; done
  xdotool key ctrl+a BackSpace
  xdotool type --delay 20 "$NATIONAL"
  xdotool key Return
  for _ in $(seq 1 50); do
    grep -q "Customer since" "$WORK/dump.json" 2>/dev/null && break 2
    sleep 0.1
  done
  echo "lookup attempt $attempt showed no customer; retrying"
done
sleep 0.3
import -window root "$ARTIFACTS/console-overview.png"
cp "$WORK/dump.json" "$ARTIFACTS/console-overview-dump.json"
kill "$pid"
wait "$pid" 2>/dev/null
exit 0
SESSION
run_session "$work/session.sh" 1600x1000 NATIONAL="$national"

dump="$artifacts/console-overview-dump.json"
expect_text() { expect "$1 in the UI dump" grep -qF -- "$1" "$dump"; }
for region in Queue "Missed calls and callbacks" "Customer search" Contact Customer; do
  expect_text "\"title\": \"$region\""
done
expect "the store overview (a developer's panel) is hidden for agents" \
  sh -c "! grep -qF '\"title\": \"Store overview\"' '$dump'"
expect_text "$name"
expect_text "mobile: $phone"
expect "the customer's value in plain words" grep -qE '"(High|Low) value, ' "$dump"
expect_text "Worth about EUR "
expect_text 'Listeners: SMTP 127.0.0.1:'
expect_text '"Store: '
[ -s "$artifacts/console-overview.png" ] || { echo "no screenshot"; fail=1; }
echo "screenshot: $artifacts/console-overview.png"
exit $fail
