#!/usr/bin/env bash
# The agent changes headset from the Headset menu, mid-call, under Xvfb with a real
# PulseAudio server of the test's own (three null sinks: "ear", the headset the console
# starts with, "desk", a desk speaker described as "Desk speaker", and "mouth", whose monitor
# is the microphone). A SIPp caller speaks; F2 answers; the menu lists the speakers and
# microphones; a click on "Desk speaker" moves the call's audio there (the server says the
# console's stream now plays on "desk", the status line names the device) and the call goes
# on; F3 hangs up. The choice is remembered: the console started again opens "desk" by
# itself. With "desk" gone from the server, the menu turns red and says why, and the console
# keeps audio.device. Screenshots kept.
#   headset_menu.sh FRONTLINE_BINARY SCENARIO_DIR ARTIFACT_DIR [SCREEN: 1600x1000]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
voice_gui_test headset-menu "$@"
"$frontline" demo-data --db "$work/demo.db" --customers 500 --seed 5 --as-of "$today" >/dev/null
console_toml agent-headset demo.db sip > "$work/frontline.toml"
sed -i '/^\[sip\]$/a rtp_ports = "43100-43199"' "$work/frontline.toml"
printf '[audio]\ndevice = "pulse:ear,mouth.monitor"\n' >> "$work/frontline.toml"
sox -n -r 8000 -c 1 -e u-law "$work/customer.wav" synth 1 sine 440 : synth 1 sine 880
printf 'SEQUENTIAL\n+447700900123;Headset Caller;\n' > "$work/caller.csv"

# The test's own sound server, private to $work.
export XDG_RUNTIME_DIR="$work/xdg"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export PULSE_SERVER="unix:$XDG_RUNTIME_DIR/pulse/native"
HOME="$work" pulseaudio -n --daemonize=no --exit-idle-time=-1 --disallow-exit --use-pid-file=no --log-target=stderr \
  -L module-native-protocol-unix -L "module-null-sink sink_name=ear" \
  -L "module-null-sink sink_name=desk sink_properties=device.description=Desk_speaker" \
  -L "module-null-sink sink_name=mouth" > "$work/pulseaudio.log" 2>&1 &
cleanup_pids="$!"
for _ in $(seq 1 100); do pactl info > /dev/null 2>&1 && break; sleep 0.1; done
pactl info > /dev/null || { echo "the test's PulseAudio server did not start"; exit 1; }

cat > "$work/session.sh" <<'SESSION'
set -u
source "$GUI_LIB"
# The sink the console's call audio plays on, by name (the server lists its streams by index).
console_sink() {
  local index
  index=$(pactl list sink-inputs | awk '/^\tSink: / { s = $2 } /application.name = "Frontline"/ { print s; exit }')
  [ -n "$index" ] && pactl list sinks short | awk -v i="$index" '$1 == i { print $2 }'
}
wait_sink() {  # wait_sink NAME: until the console plays on NAME (5 s)
  for _ in $(seq 1 50); do [ "$(console_sink)" = "$1" ] && return 0; sleep 0.1; done
  echo "the console's stream plays on '$(console_sink)', not '$1'"; pactl list sink-inputs; return 1
}
open_menu() {  # open_menu: clicks Headset until its items are listed
  for _ in 1 2 3; do
    local title=Headset
    grep -qF '"Headset (!)"' "$dump" && title="Headset (!)"
    click_button "$title" "Menu bar"
    wait_for "List again" 3 && return 0
    xdotool key --window "$wid" Escape
  done
  return 1
}

start_console "Agent agent-headset: Available"
wait_for "audio pulse:ear,mouth.monitor, echo cancelled" 10
port=$(bound_port "SIP udp")
(cd "$WORK" && exec sipp 127.0.0.1:"$port" -i 127.0.0.1 -p 0 -nostdin -m 1 -timeout 90 -timeout_error \
  -sf "$SCENARIOS/voice_agent_answers.xml" -inf "$WORK/caller.csv" > "$WORK/sipp.out" 2>&1) &
sipp=$!
wait_for "RINGING" 20
press_until "ON CALL" F2
wait_for "Audio PCMU/8000" 20
expect "the call plays on the headset audio.device names (ear)" wait_sink ear
open_menu
wait_for "Desk_speaker" 5
sleep 0.5  # the menu drawn before the picture (not synchronisation)
import -window root "$ARTIFACTS/headset-menu.png"
cp "$dump" "$ARTIFACTS/headset-menu-dump.json"
click_button "Desk_speaker" Headset
wait_for "audio pulse:desk,mouth.monitor, echo cancelled" 10
expect "the call's audio moved to the desk speaker, mid-call" wait_sink desk
expect "the call goes on (still ON CALL, its audio still flowing)" wait_for "ON CALL" 2
press_until "CALL ENDED" F3
wait "$sipp"
echo "sipp exit $?" > "$WORK/sipp.code"
stop_console

# Started again: the remembered choice is made by itself.
start_console "Agent agent-headset: Available"
expect "the console started again opens the remembered headset" \
  wait_for "audio pulse:desk,mouth.monitor, echo cancelled" 10
stop_console

# The remembered speaker is gone (unplugged): the menu says so in red, audio.device is used.
pactl unload-module "$(pactl list modules short | awk '/sink_name=desk/ { print $1 }')"
start_console "Agent agent-headset: Available"
expect "an unplugged headset turns the menu red" wait_for "Headset (!)" 10
expect "and the console keeps audio.device" wait_for "audio pulse:ear,mouth.monitor" 5
open_menu
expect "the menu says which device could not be used" wait_for "could not be used; the calls stay on the one in use. audio.device \\\"pulse:desk,mouth.monitor\\\": cannot open the speaker 'desk'" 5
sleep 0.5  # the menu drawn before the picture (not synchronisation)
import -window root "$ARTIFACTS/headset-menu-unplugged.png"
stop_console
exit "$fail"
SESSION
run_session "$work/session.sh" "${4:-1600x1000}" SCENARIOS="$scenarios" XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" \
  PULSE_SERVER="$PULSE_SERVER" || fail=1

expect "SIPp saw our BYE and exits 0" grep -q "sipp exit 0" "$work/sipp.code"
expect "the layout file remembers the headset" grep -qx "Headset=pulse:desk,mouth.monitor" "$work/layout.ini"
[ "$fail" = 0 ] || exit 1
