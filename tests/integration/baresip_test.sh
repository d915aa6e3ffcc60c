#!/usr/bin/env bash
# A second real SIP phone against `frontline serve`: baresip (its aufile source speaks a
# WAV, its sndfile filter keeps what it heard, ALSA's null device stands in for the
# speaker) calls the console, which answers with its file device. Checked: baresip's call
# is established and ended by its BYE when its speech runs out; each side heard the
# other's tones in order; the console's recording has the caller left and the agent
# right; baresip's RTCP (it sends APP keep-alives alone, RFC 5506) is taken without
# complaint. Then a phone that offers only PCMA gets PCMA, and one that offers Opus first
# gets Opus (RFC 7587), heard both ways.
#   baresip_test.sh FRONTLINE_BINARY
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/voice_lib.sh"
BARESIP_PID=""
stop_baresip() {
  [ -n "$BARESIP_PID" ] || return 0
  kill "$BARESIP_PID" 2>/dev/null
  wait "$BARESIP_PID" 2>/dev/null
  BARESIP_PID=""
}
trap 'stop_baresip; cleanup' EXIT

sox -n -r 8000 -c 1 -b 16 -e signed-integer "$WORK/customer.wav" synth 1 sine 440 : synth 1 sine 880 vol 0.5
sox -n -r 8000 -c 1 -b 16 -e signed-integer "$WORK/agent.wav" synth 1 sine 1000 : synth 1 sine 1500 vol 0.5
# baresip's aufile wants the codec's own rate and channels: 48 kHz stereo for Opus.
sox "$WORK/customer.wav" -r 48000 -c 2 "$WORK/customer48k.wav"

# baresip_call NAME CODECS [WAV]: a baresip configured in $WORK/NAME dials the console
# offering CODECS, speaks WAV (customer.wav) and hangs up when it has said it.
baresip_call() {
  local name=$1 codec=$2 speech=${3:-$WORK/customer.wav} dir="$WORK/$1"
  mkdir -p "$dir"
  cat > "$dir/config" <<CONF
poll_method epoll
sip_listen 127.0.0.1:0
audio_source aufile,$speech
audio_player alsa,null
audio_alert alsa,null
module_path /usr/lib/baresip/modules
module g711.so
module opus.so
module aufile.so
module alsa.so
module sndfile.so
module_tmp account.so
module_app menu.so
snd_path $dir
CONF
  echo "<sip:+442079460001@127.0.0.1>;regint=0;audio_codecs=$codec" > "$dir/accounts"
  # -t only bounds a phone that never hangs up; the test waits for the console's events.
  baresip -4 -n 127.0.0.1 -s -f "$dir" -e "/dial sip:1001@127.0.0.1:$SIP_PORT" -t 60 > "$WORK/$name.log" 2>&1 &
  BARESIP_PID=$!
}

start_serve "rtp_ports = \"42200-42299\"
[audio]
device = \"file:$WORK/agent.wav,$WORK/heard.wav\"
[recordings]
path = \"recordings\"
[desk]
auto_answer = true"

# 1. A call in PCMU with audio both ways.
baresip_call pcmu PCMU
check "baresip calls, the console answers and records the call" \
  eventually_equals 1 "SELECT COUNT(*) FROM interaction_events WHERE kind = 'recorded'"
stop_baresip
check "baresip says the call was established" grep -q "Call established" "$WORK/pcmu.log"
# The recording is closed and its event written as the media stops, which may come before
# the BYE's event: wait for the end of the call itself.
check "baresip hung up (our 200 to its BYE): the call ended by the caller" eventually_equals "caller hung up" \
  "SELECT json_extract(payload_json, '\$.cause') FROM interaction_events WHERE kind = 'ended' ORDER BY ts_us DESC LIMIT 1"
check "the caller is who baresip says it is" equals "+442079460001" "$(event_field offered address)"
check "the call went in PCMU" equals "PCMU/8000" "$(event_field recorded quality.codec)"
heard=$(ls "$WORK"/pcmu/dump-*-dec.wav 2>/dev/null | head -1)
check "baresip kept what it heard" test -n "$heard"
check "baresip heard the agent's tones, in order" equals "1000 1500" "$(tones_of wav "$heard" 440 880 1000 1500)"
check "  each about a second long" durations_near_one_second wav "$heard" 440 880 1000 1500
check "the agent heard baresip's tones (the device's output)" equals "440 880" "$(tones_of wav "$WORK/heard.wav" 440 880 1000 1500)"
path=$(event_field recorded path)
check "the recording reads back" "$FRONTLINE" recording check "$path" --wav "$WORK/recording.wav"
check "  the left channel is baresip" equals "440 880" "$(tones_of wav "$WORK/recording.wav" --channel 0 440 880 1000 1500)"
check "  the right channel is the agent" equals "1000 1500" "$(tones_of wav "$WORK/recording.wav" --channel 1 440 880 1000 1500)"
check "no RTP packet lost on loopback" equals 0 "$(event_field recorded quality.packets_lost)"

# 2. A phone that offers only PCMA.
baresip_call pcma PCMA
check "a PCMA-only baresip call is answered and recorded" \
  eventually_equals 2 "SELECT COUNT(*) FROM interaction_events WHERE kind = 'recorded'"
stop_baresip
check "  in PCMA" equals "PCMA/8000" "$(event_field recorded quality.codec)"
check "  and the agent heard it" equals "440 880" "$(tones_of wav "$WORK/heard.wav" 440 880 1000 1500)"
heard=$(ls "$WORK"/pcma/dump-*-dec.wav 2>/dev/null | head -1)
check "  and baresip heard the agent" equals "1000 1500" "$(tones_of wav "${heard:-/dev/null}" 440 880 1000 1500)"

# 3. A phone that offers Opus first (then G.711), as baresip does by default.
baresip_call opus "opus/48000/2,PCMU" "$WORK/customer48k.wav"
check "an Opus baresip call is answered and recorded" \
  eventually_equals 3 "SELECT COUNT(*) FROM interaction_events WHERE kind = 'recorded'"
stop_baresip
check "  in Opus, at its 48 kHz RTP clock" equals "opus/48000" "$(event_field recorded quality.codec)"
check "  nothing we received was refused" equals 0 "$(event_field recorded quality.packets_lost)"
check "  the agent heard baresip's tones" equals "440 880" "$(tones_of wav "$WORK/heard.wav" 440 880 1000 1500)"
heard=$(ls "$WORK"/opus/dump-*-dec.wav 2>/dev/null | head -1)
check "  baresip heard the agent's" equals "1000 1500" "$(tones_of wav "${heard:-/dev/null}" 440 880 1000 1500)"
check "  the recording has both" "$FRONTLINE" recording check "$(event_field recorded path)" --wav "$WORK/opus.wav"
check "    baresip left" equals "440 880" "$(tones_of wav "$WORK/opus.wav" --channel 0 440 880 1000 1500)"
check "    the agent right" equals "1000 1500" "$(tones_of wav "$WORK/opus.wav" --channel 1 440 880 1000 1500)"
check "no packet of any call was refused as invalid" bash -c "! grep -q 'media 127.0.0.1' '$WORK/serve.log'"

check "serve stops cleanly" stop_serve
finish
