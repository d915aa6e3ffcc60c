#!/usr/bin/env bash
# Voice against `frontline serve`, with SIPp as a caller that speaks and tcpdump listening
# on loopback: the caller streams a known tone sequence (440 Hz then 880 Hz, PCMU) while
# the console's file device speaks another (1000 Hz then 1500 Hz). Checked: what SIPp
# received (the capture) holds the agent's tones; what the agent heard (the device's WAV)
# holds the caller's; the call's recording is stereo Ogg Opus, 0600, with the caller's
# tones on the left and the agent's on the right, its SHA-256 in the call's `recorded`
# event; RTCP went out. Then the caller holds and resumes with re-INVITEs: our 200s answer
# recvonly and sendrecv, no RTP goes out while held, and the hold is recorded. The clean
# call's quality (call_quality, README "Call quality") is recorded as good. The caller's
# voice is analysed; a PBX's transcript of the call, posted after it, gives it an index.
#   voice_test.sh FRONTLINE_BINARY DATA_DIR
source "$(dirname "$0")/lib.sh"
DATA=$2
SCENARIOS="$(cd "$DATA" && pwd)/sip/scenarios"  # absolute: SIPp runs in $WORK
source "$(dirname "$0")/voice_lib.sh"

sox -n -r 8000 -c 1 -e u-law "$WORK/customer.wav" synth 1 sine 440 : synth 1 sine 880
sox -n -r 8000 -c 1 -b 16 -e signed-integer "$WORK/agent.wav" synth 1 sine 1000 : synth 1 sine 1500 vol 0.5

start_serve "rtp_ports = \"42000-42199\"
[audio]
device = \"file:$WORK/agent.wav,$WORK/heard.wav\"
[recordings]
path = \"recordings\"
[desk]
auto_answer = true"
check "serve reports the media ports and the device" grep -q "listening: RTP 127.0.0.1:42000-42199 (audio file:" "$WORK/serve.log"

# 1. A call with audio both ways, recorded.
start_capture call
check "a caller speaks: SIPp exits 0 (our answer took PCMU and telephone-event 101)" sipp_run call -sf "$SCENARIOS/voice_call.xml" -m 1
check "the call's recording is reported" eventually_equals 1 "SELECT COUNT(*) FROM interaction_events WHERE kind = 'recorded'"
stop_capture
sipp_port=$(sipp_media_port call)
our_port=$(our_media_port call)
check "our answer's port is in sip.rtp_ports ($our_port)" test "$our_port" -ge 42000 -a "$our_port" -le 42199
check "SIPp received the agent's tones, in order" equals "1000 1500" "$(tones_of pcap "$WORK/call.pcap" --to-port "$sipp_port" 440 880 1000 1500)"
check "  each about a second long" durations_near_one_second pcap "$WORK/call.pcap" --to-port "$sipp_port" 440 880 1000 1500
check "the console received the caller's tones, in order" equals "440 880" "$(tones_of pcap "$WORK/call.pcap" --to-port "$our_port" 440 880 1000 1500)"
check "the agent heard the caller's tones (the device's output)" equals "440 880" "$(tones_of wav "$WORK/heard.wav" 440 880 1000 1500)"
check "  each about a second long" durations_near_one_second wav "$WORK/heard.wav" 440 880 1000 1500
rtcp=$(python3 - "$WORK/call.pcap" "$((our_port + 1))" "$((sipp_port + 1))" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
src, dst = int(sys.argv[2]), int(sys.argv[3])
at, count = 24, 0
while at + 16 <= len(data):
    incl = struct.unpack("<I", data[at + 8:at + 12])[0]
    ip = data[at + 16 + 14:at + 16 + incl]
    at += 16 + incl
    udp = ip[(ip[0] & 15) * 4:]
    if struct.unpack(">HH", udp[:4]) == (src, dst) and udp[9] in (200, 201):
        count += 1
print(count)
PY
)
check "RTCP reports went out from the port above RTP ($rtcp)" test "$rtcp" -ge 1

path=$(event_field recorded path)
check "the recording is where recordings.path says" test -f "$path" -a "${path#"$WORK"/recordings/}" != "$path"
check "  readable by its owner only (0600)" equals 600 "$(stat -c %a "$path")"
check "  its SHA-256 is the event's" equals "$(event_field recorded sha256)" "$(sha256sum "$path" | cut -d' ' -f1)"
check "  its length is the event's, about the call's 2.5 s" test "$(event_field recorded duration_ms)" -ge 2000 -a "$(event_field recorded duration_ms)" -le 4000
check "  frontline recording check reads it back" "$FRONTLINE" recording check "$path" --wav "$WORK/recording.wav"
check "  the left channel is the caller" equals "440 880" "$(tones_of wav "$WORK/recording.wav" --channel 0 440 880 1000 1500)"
check "  the right channel is the agent" equals "1000 1500" "$(tones_of wav "$WORK/recording.wav" --channel 1 440 880 1000 1500)"
check "  the event belongs to the call" equals 1 "$(sql "SELECT COUNT(*) FROM interaction_events e JOIN interactions i ON i.id = e.interaction_id WHERE e.kind = 'recorded' AND i.external_id LIKE 'sip:%' AND i.status = 'ended'")"
check "the call's quality is recorded when its media ends (README \"Call quality\"): good, over the whole call" \
  eventually_equals "good 1" "SELECT json_extract(payload_json, '\$.grade') || ' ' || json_extract(payload_json, '\$.final') FROM interaction_events WHERE kind = 'call_quality'"
check "  an E-model MOS for a clean call (4.0-4.5): $(event_field call_quality mos)" \
  python3 -c "import sys; sys.exit(0 if 4.0 <= float('$(event_field call_quality mos)') <= 4.5 else 1)"
check "  the interaction keeps it: grade, MOS x 100, worst grade" equals "good good" \
  "$(sql "SELECT quality_grade || ' ' || worst_grade FROM interactions WHERE external_id LIKE 'sip:%' AND mos_x100 BETWEEN 400 AND 450")"
check "the caller's voice is analysed for the emotion index (README \"Emotion index\"): its speech segments scored" \
  eventually_equals 1 "SELECT COUNT(*) FROM interaction_events WHERE kind = 'emotion_scored' AND json_extract(payload_json, '$.voice.segments') >= 1"
check "  a voice without words gives arousal and no index" equals "0 1 1" \
  "$(sql "SELECT json_extract(payload_json, '$.enough') || ' ' || (json_extract(payload_json, '$.index') IS NULL) || ' ' ||
    (json_extract(payload_json, '$.arousal') >= 0) FROM interaction_events
    WHERE kind = 'emotion_scored' AND json_extract(payload_json, '$.voice.segments') >= 1 LIMIT 1")"
# The PBX's speech-to-text of the same call, posted after it (by its SIP Call-ID): the
# customer's words give the call an index; the voice analysed before is kept beside it.
call_id=$(sql "SELECT substr(external_id, 5, instr(external_id, ';') - 5) FROM interactions WHERE external_id LIKE 'sip:%;from-tag=%' ORDER BY offered_us LIMIT 1")
transcript() {
  python3 -c 'import json, sys; print(json.dumps({"event": "transcript", "callId": sys.argv[1], "speaker": sys.argv[2], "text": sys.argv[3]}))' "$call_id" "$1" "$2" |
    curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @- "http://127.0.0.1:$CTI_PORT/api/v1/cti/test-token-7f3a-5c21"
}
check "the call's transcript is posted by its SIP Call-ID: 200" equals "200 200" \
  "$(transcript customer "Thank you so much, the engineer was brilliant and the heater works perfectly.") $(transcript agent "Glad to hear it")"
check "  the call now has an index from the customer's words, its voice kept (README \"Emotion index\")" equals "1 1 1 1" \
  "$(sql "SELECT json_extract(payload_json, '$.enough') || ' ' || (json_extract(payload_json, '$.index') > 20) || ' ' ||
    json_extract(payload_json, '$.sources.transcript') || ' ' || (json_extract(payload_json, '$.voice.segments') >= 1)
    FROM interaction_events e JOIN interactions i ON i.id = e.interaction_id
    WHERE e.kind = 'emotion_scored' AND i.external_id LIKE 'sip:$call_id;%' ORDER BY e.ts_us DESC, e.seq DESC LIMIT 1")"
check "a damaged recording is refused, naming the file" bash -c "head -c 300 '$path' > '$WORK/cut.opus'; ! '$FRONTLINE' recording check '$WORK/cut.opus' 2> '$WORK/cut.txt' && grep -q 'cut.opus' '$WORK/cut.txt'"

# 2. The caller holds us and resumes.
start_capture hold
check "hold and resume: SIPp exits 0 (200s answered recvonly, then sendrecv)" sipp_run hold -sf "$SCENARIOS/voice_hold.xml" -m 1
check "hold and resume: the call's recording is reported" eventually_equals 2 "SELECT COUNT(*) FROM interaction_events WHERE kind = 'recorded'"
stop_capture
hold_port=$(sipp_media_port hold)
read -r packets gap <<< "$(python3 "$TONES" gaps "$WORK/hold.pcap" --to-port "$hold_port")"
check "no RTP while held: a pause of about 1.2 s ($gap ms) in $packets packets" test "$gap" -ge 900 -a "$gap" -le 2500
check "  and RTP before and after it (about 2 s of the 3.2 s call: $packets packets)" test "$packets" -ge 70 -a "$packets" -le 140
check "the caller's hold and resume are recorded" equals "held resumed" \
  "$(sql "SELECT group_concat(kind, ' ') FROM (SELECT e.kind FROM interaction_events e WHERE e.kind IN ('held', 'resumed') AND json_extract(e.payload_json, '\$.by') = 'caller' ORDER BY e.ts_us)")"

check "serve stops cleanly" stop_serve
finish
