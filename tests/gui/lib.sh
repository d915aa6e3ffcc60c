# Shared by the GUI tests and the session scripts they run under Xvfb. Source it; do not
# run it.
fail=0

# gui_work NAME: a fresh $work directory for the test NAME. On exit, when the test failed
# (a non-zero exit or $fail = 1), every log, output and dump under $work is printed and
# kept in $artifacts/NAME-logs/ before $work goes; processes named in $cleanup_pids stop.
gui_work() {
  GUI_TEST_NAME=$1
  work=$(mktemp -d)
  cleanup_pids=""
  trap 'gui_finish $?' EXIT
}
# voice_gui_test NAME FRONTLINE_BINARY SCENARIO_DIR ARTIFACT_DIR: the start of a test that
# runs SIPp scenarios: sets frontline (absolute), scenarios, artifacts (made) and today
# (UTC), then gui_work NAME.
voice_gui_test() {
  frontline=$(realpath "$2")
  scenarios=$(cd "$3" && pwd)
  artifacts=$4
  mkdir -p "$artifacts"
  gui_work "$1"
  today=$(date -u +%F)
}

# free_udp_port: a UDP port on loopback nobody holds now (the kernel's choice), for SIPp.
free_udp_port() {
  python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_pbx SCENARIO [NAME]: SIPp as the PBX on $PBX_PORT until it has taken one call (its
# output and message trace in $WORK/NAME.out and NAME-messages.log; NAME defaults to
# pbx-SCENARIO); sets sipp to its pid once it has bound the port. Returns 1 when it never does.
start_pbx() {
  local name=${2:-pbx-$1} needle
  (cd "$WORK" && exec sipp -sf "$SCENARIOS/$1" -i 127.0.0.1 -p "$PBX_PORT" -nostdin -m 1 -timeout 60 -timeout_error \
    -trace_msg -message_file "$WORK/$name-messages.log" > "$WORK/$name.out" 2>&1) &
  sipp=$!
  needle=$(printf '0100007F:%04X' "$PBX_PORT")
  for _ in $(seq 1 200); do grep -q "$needle" /proc/net/udp && return 0; sleep 0.1; done
  echo "SIPp never bound 127.0.0.1:$PBX_PORT"
  return 1
}

gui_finish() {
  local code=$1 kept
  for p in $cleanup_pids; do kill "$p" 2>/dev/null || true; done  # some may be gone already
  if [ "$code" != 0 ] || [ "${fail:-0}" != 0 ]; then
    kept="$artifacts/$GUI_TEST_NAME-logs"
    mkdir -p "$kept"
    echo "==== $GUI_TEST_NAME failed (exit $code); the logs of every process it started (kept in $kept):"
    find "$work" -type f \( -name '*.log' -o -name '*.out' -o -name '*.txt' -o -name '*.json' -o -name '*.toml' \) |
      sort | while read -r f; do
        echo "---- ${f#"$work"/}"
        tail -n 60 "$f"
        cp "$f" "$kept/$(echo "${f#"$work"/}" | tr / _)"
      done
  fi
  rm -rf "$work"
}

# wait_for TEXT SECONDS: until TEXT appears in the UI dump file named by $dump. On timeout
# says what it waited for, and shows the end of the console's log.
wait_for() {
  for _ in $(seq 1 $(($2 * 10))); do grep -qF -- "$1" "$dump" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out after $2 s waiting for '$1' in the UI dump $dump"
  [ -f "${WORK:-/nonexistent}/console.log" ] && { echo "-- console.log:"; tail -n 20 "$WORK/console.log"; }
  [ -f "$dump" ] && { echo "-- what the window showed (the dump's texts):"; grep -E '^ {4}"' "$dump" | head -n 60; }
  return 1
}

# wait_file_for TEXT FILE SECONDS WHAT: until TEXT is in FILE (a process's output); on
# timeout names WHAT it waited for and prints FILE.
wait_file_for() {
  for _ in $(seq 1 $(($3 * 10))); do grep -qF -- "$1" "$2" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out after $3 s waiting for $4 ('$1' in $2); it says:"
  cat "$2" 2>/dev/null
  return 1
}

# expect DESCRIPTION COMMAND...: prints ok or FAILED; a failure makes $fail 1.
expect() {
  local what=$1
  shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; fail=1; fi
}

# press_until TEXT KEY...: presses the keys in the window $wid (a short pause between them)
# until TEXT is in the UI dump, at most three times: an X server under load may drop a key.
press_until() {
  local text=$1
  shift
  for _ in 1 2 3; do
    local first=1
    for key in "$@"; do
      [ $first = 1 ] || sleep 0.3
      first=0
      xdotool key --window "$wid" "$key"
    done
    wait_for "$text" 3 && return 0
  done
  return 1
}

# type_text TEXT [FIELD]: types TEXT into the window $wid once a text field has the
# keyboard (the UI dump says "typing"), or once FIELD has it (its "typing_in": the note
# may have it before the field just opened does). A key sent before the frame that
# focuses the field goes elsewhere (a transfer to "2001" went out as "001").
type_text() {
  if [ -n "${2:-}" ]; then
    wait_for "\"typing_in\": \"$2\"" 10 || return 1
  else
    wait_for '"typing": true' 10 || return 1
  fi
  xdotool type --window "$wid" --delay 40 "$1"
}

# start_console READY_TEXT [ARGS...]: starts $FRONTLINE on $WORK/frontline.toml with the UI
# dump in $dump ($WORK/dump.json) and its stderr in $WORK/console.log, waits for READY_TEXT,
# then sets pid and wid (its window, focused). Returns 1 when READY_TEXT never came.
start_console() {
  local ready=$1
  shift
  dump="$WORK/dump.json"
  rm -f "$dump"  # a dump left by an earlier run must not count as this one's
  "$FRONTLINE" --config "$WORK/frontline.toml" --ui-dump "$dump" --layout "$WORK/layout.ini" "$@" \
    2>"$WORK/console.log" &
  pid=$!
  wait_for "$ready" 20 || return 1
  wid=$(xdotool search --sync --name '^Frontline' | head -1)
  xdotool windowfocus --sync "$wid" 2>/dev/null || true
}

# bound_port PROTOCOL: the port the console bound for "SIP udp" or "SMTP", from the dump.
bound_port() {
  grep -o "$1 127.0.0.1:[0-9]*" "$dump" | head -1 | cut -d: -f2
}

# console_toml AGENT_ID STORE LISTENER...: a configuration with every listener off but the
# ones named (sip, smtp, lmtp, cti), which listen on kernel-chosen loopback ports. Other
# keys of a section are added with sed after its header (TOML allows each table once).
console_toml() {
  local agent=$1 store=$2
  shift 2
  printf '[agent]\nid = "%s"\n[store]\npath = "%s"\n' "$agent" "$store"
  for section in sip smtp lmtp cti; do
    local listen='""'
    case " $* " in *" $section "*) listen='"127.0.0.1:0"' ;; esac
    printf '[%s]\nlisten = %s\n' "$section" "$listen"
  done
}

# click_button LABEL [WINDOW_TITLE]: presses the button the UI dump lists with LABEL (the
# first one, or the first in WINDOW_TITLE) with the mouse, in the window $wid.
click_button() {
  local where="" at
  [ -n "${2:-}" ] && where="AND json_extract(w.value, '$.title') = '$2'"
  at=$(sqlite3 :memory: "SELECT (json_extract(b.value, '$.rect[0]') + json_extract(b.value, '$.rect[2]') / 2) || ' ' ||
         (json_extract(b.value, '$.rect[1]') + json_extract(b.value, '$.rect[3]') / 2)
       FROM json_each(readfile('$dump'), '$.windows') w, json_each(w.value, '$.buttons') b
       WHERE json_extract(b.value, '$.label') = '$1' $where LIMIT 1")
  [ -n "$at" ] || { echo "no button '$1' in the UI dump $dump"; return 1; }
  xdotool mousemove --window "$wid" ${at% *} ${at#* } click 1
}

# click_alert_button LABEL TEXT: clicks LABEL (Show, Acknowledge) on the alert whose line
# contains TEXT. The alerts are newest first and the demo data's own breaches fall due at
# every time of day, so the test's alert is not always the top one. Each alert line ("! ...")
# has one button of each label, in the same order as the lines.
click_alert_button() {
  local line row at
  line=$(sqlite3 :memory: "SELECT MIN(t.key) FROM json_each(readfile('$dump'), '$.windows') w, json_each(w.value, '$.text') t
         WHERE json_extract(w.value, '$.title') = 'Alerts' AND t.value LIKE '! %' AND instr(t.value, '$2') > 0")
  [ -n "$line" ] || { echo "no alert '$2' in the UI dump $dump"; return 1; }
  row=$(sqlite3 :memory: "SELECT COUNT(*) FROM json_each(readfile('$dump'), '$.windows') w, json_each(w.value, '$.text') t
         WHERE json_extract(w.value, '$.title') = 'Alerts' AND t.value LIKE '! %' AND t.key < $line")
  at=$(sqlite3 :memory: "SELECT (json_extract(b.value, '$.rect[0]') + json_extract(b.value, '$.rect[2]') / 2) || ' ' ||
         (json_extract(b.value, '$.rect[1]') + json_extract(b.value, '$.rect[3]') / 2)
       FROM json_each(readfile('$dump'), '$.windows') w, json_each(w.value, '$.buttons') b
       WHERE json_extract(w.value, '$.title') = 'Alerts' AND json_extract(b.value, '$.label') = '$1'
       ORDER BY b.key LIMIT 1 OFFSET $row")
  [ -n "$at" ] || { echo "no '$1' button on the alert '$2' in the UI dump $dump"; return 1; }
  xdotool mousemove --window "$wid" ${at% *} ${at#* } click 1
}

# region_rect TITLE: where the region TITLE is drawn.
region_rect() {
  sqlite3 :memory: "SELECT json_extract(value, '$.rect[0]') || ' ' || json_extract(value, '$.rect[1]') || ' ' ||
    json_extract(value, '$.rect[2]') || ' ' || json_extract(value, '$.rect[3]')
    FROM json_each(readfile('$dump'), '$.windows') WHERE json_extract(value, '$.title') = '$1'"
}

# run_session SCRIPT SIZE [NAME=VALUE...]: runs SCRIPT (a session using this file) in a
# fresh virtual X server of SIZE (1600x1000), with FRONTLINE, WORK, ARTIFACTS and GUI_LIB set
# for it from $frontline, $work and $artifacts, and the extra variables given.
run_session() {
  local script=$1 size=$2
  shift 2
  env GUI_LIB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh" FRONTLINE="$frontline" WORK="$work" \
    ARTIFACTS="$artifacts" "$@" xvfb-run -a -s "-screen 0 ${size}x24" bash "$script"
}

# stop_console: ends the console started by start_console (SIGTERM: it saves its layout).
stop_console() {
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return 0
}
