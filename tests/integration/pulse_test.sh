#!/usr/bin/env bash
# The agent's headset through a real PulseAudio server: the test starts its own (private
# runtime folder, two null sinks: "ear", the agent's speaker, and "mouth", whose monitor is
# the agent's microphone), plays the agent's voice into "mouth" with paplay (1000 and
# 1500 Hz by turns) and records "ear" with parecord. `frontline serve` with
# audio.device = "pulse:ear,mouth.monitor" answers a SIPp caller who speaks 440 then
# 880 Hz. The microphone goes through the voice processing (echo cancellation, noise
# suppression, gain), as on every agent's headset. Checked: the agent's speaker played the
# caller's tones in order; SIPp received the agent's microphone (both tones, a second each)
# and none of the caller's; the recording has each on its side.
# `frontline audio devices` lists the server's speakers and microphones. Then the sound
# server goes away: the next call is still answered and recorded (silence
# from the headset), and serve stops cleanly.
#   pulse_test.sh FRONTLINE_BINARY DATA_DIR
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/voice_lib.sh"
SCENARIOS="$(cd "$2" && pwd)/sip/scenarios"
PULSE_PID="" PLAY_PID="" RECORD_PID=""
stop_pid() {  # stop_pid VAR: SIGINT to the process in VAR (parecord finishes its WAV), then wait
  local pid=${!1}
  [ -n "$pid" ] || return 0
  kill -INT "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  printf -v "$1" ''
}
trap 'stop_pid PLAY_PID; stop_pid RECORD_PID; stop_pid PULSE_PID; cleanup' EXIT

export XDG_RUNTIME_DIR="$WORK/xdg" HOME="$WORK"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export PULSE_SERVER="unix:$XDG_RUNTIME_DIR/pulse/native"
pulseaudio -n --daemonize=no --exit-idle-time=-1 --disallow-exit --use-pid-file=no --log-target=stderr \
  -L module-native-protocol-unix -L "module-null-sink sink_name=ear" -L "module-null-sink sink_name=mouth" \
  > "$WORK/pulseaudio.log" 2>&1 &
PULSE_PID=$!
for _ in $(seq 1 100); do pactl info > /dev/null 2>&1 && break; sleep 0.1; done
check "the test's PulseAudio server answers" pactl info
"$FRONTLINE" audio devices > "$WORK/audio-devices.txt" 2>&1
check "frontline audio devices lists the speakers (ear, mouth) and the microphones (their monitors)" \
  equals "ear mouth ear.monitor mouth.monitor" "$(awk '/^  [* ] [^ ]/ { printf "%s ", $NF }' "$WORK/audio-devices.txt" | sed 's/ $//')"

sox -n -r 8000 -c 1 -e u-law "$WORK/customer.wav" synth 1 sine 440 : synth 1 sine 880
# The agent speaks for as long as the test may run: 1000 and 1500 Hz by turns, 400 ms each,
# so that any second of the call holds both.
sox -n -r 8000 -c 1 -b 16 -e signed-integer "$WORK/pair.wav" synth 0.4 sine 1000 : synth 0.4 sine 1500 vol 0.5
sox "$WORK/pair.wav" "$WORK/agent.wav" repeat 149
# Low latency both ways, as a headset runs.
paplay --latency-msec=20 --device=mouth "$WORK/agent.wav" > "$WORK/paplay.log" 2>&1 &
PLAY_PID=$!

start_serve "rtp_ports = \"42400-42499\"
[audio]
device = \"pulse:ear,mouth.monitor\"
[recordings]
path = \"recordings\"
[desk]
auto_answer = true"
check "serve opened the headset, with voice processing" grep -qF "(audio pulse:ear,mouth.monitor, echo cancelled, noise suppressed, gain controlled)" "$WORK/serve.log"
# A null sink that was idle rendered up to two seconds ahead when its first stream came, and
# its monitor (our microphone, the test's ear) lags by that until it drains: wait until both
# sinks run at a headset's latency (under 100 ms) before the call.
sinks_settled() {
  pactl list sinks | awk '/^\tLatency:/ { n++; if ($2 >= 100000) slow = 1 } END { exit !(n == 2 && !slow) }'
}
settled=no
for _ in $(seq 1 100); do sinks_settled && { settled=yes; break; }; sleep 0.1; done
check "both null sinks settle under 100 ms of latency" equals yes "$settled"
# What the agent's speaker plays, from now on (the console's stream keeps the sink running).
parecord --latency-msec=20 --device=ear.monitor --rate=8000 --channels=1 --format=s16le --file-format=wav \
  "$WORK/ear.wav" > "$WORK/parecord.log" 2>&1 &
RECORD_PID=$!

start_capture call
check "a caller speaks: SIPp exits 0" sipp_run call -sf "$SCENARIOS/voice_call.xml" -m 1
check "the call's recording is reported" eventually_equals 1 "SELECT COUNT(*) FROM interaction_events WHERE kind = 'recorded'"
stop_capture
stop_pid RECORD_PID
sipp_port=$(sipp_media_port call)
check "the agent's speaker (the ear sink) played the caller's tones, in order" \
  equals "440 880" "$(tones_of wav "$WORK/ear.wav" 440 880 1000 1500)"
# The agent's tones change at no set point of the call: both are heard, each for two 100 ms
# windows or more, whatever the phase. (Every window is kept in $WORK, for a failure's log.)
# Two windows are compared as > 0.15 s: 0.70 - 0.50 is 0.19999... in awk's arithmetic, which
# once failed a run where 1000 Hz sounded for exactly two windows.
tones_heard() {  # tones_heard TONES-ARGS...: the tones sounding for two windows or more, sorted, one line
  python3 "$TONES" "$@" | tee -a "$WORK/tone-windows.txt" | awk '$1 != "-" && $3 - $2 > 0.15 { print $1 }' |
    sort -u | tr '\n' ' '
}
check "SIPp received the agent's microphone: both of its tones" \
  equals "1000 1500 " "$(tones_heard pcap "$WORK/call.pcap" --to-port "$sipp_port" 440 880 1000 1500)"
check "  and nothing of the caller's (no echo through the console)" \
  bash -c "! python3 '$TONES' pcap '$WORK/call.pcap' --to-port '$sipp_port' 440 880 1000 1500 | grep -qE '^(440|880) '"
path=$(event_field recorded path)
check "the recording reads back" "$FRONTLINE" recording check "$path" --wav "$WORK/recording.wav"
check "  the left channel is the caller" equals "440 880" "$(tones_of wav "$WORK/recording.wav" --channel 0 440 880 1000 1500)"
check "  the right channel is the agent's microphone" \
  equals "1000 1500 " "$(tones_heard wav "$WORK/recording.wav" --channel 1 440 880 1000 1500)"

# The sound server goes away; the console goes on without a headset.
stop_pid PLAY_PID
kill -TERM "$PULSE_PID" && wait "$PULSE_PID" 2>/dev/null
PULSE_PID=""
check "with the sound server gone, a call is still answered (SIPp exits 0)" sipp_run gone -sf "$SCENARIOS/voice_call.xml" -m 1
check "  and recorded" eventually_equals 2 "SELECT COUNT(*) FROM interaction_events WHERE kind = 'recorded'"
check "serve stops cleanly" stop_serve
finish
