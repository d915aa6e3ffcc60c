# Shared by the voice tests (voice_test.sh, baresip_test.sh, pulse_test.sh): the tones a WAV
# or a capture holds, the fields of the console's events, tcpdump on loopback, SIPp callers.
# Source it after lib.sh; do not run it.
TONES="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/tones.py"
CAPTURE_PID=""

tone_runs() {  # tone_runs TONES-ARGS...: "FREQ DURATION" for each run of a tone of 0.5 s or more
  python3 "$TONES" "$@" | awk '$1 != "-" && $3 - $2 >= 0.5 { printf "%s %.1f\n", $1, $3 - $2 }'
}
tones_of() {  # tones_of TONES-ARGS...: the tones heard, in order, one line
  tone_runs "$@" | awk '{ printf "%s%s", (NR > 1 ? " " : ""), $1 } END { print "" }'
}
durations_near_one_second() {  # every run 0.7-1.2 s (100 ms windows; the edges are mixed)
  local runs
  runs=$(tone_runs "$@")
  echo "$runs" | awk 'NF && ($2 < 0.7 || $2 > 1.2) { bad = 1 } NF { n++ } END { exit bad || n < 2 }' ||
    { echo "   runs: $runs"; return 1; }
}
event_field() {  # event_field KIND FIELD: of the latest event of that kind
  sql "SELECT json_extract(payload_json, '\$.$2') FROM interaction_events WHERE kind = '$1' ORDER BY ts_us DESC LIMIT 1"
}

start_capture() {  # start_capture NAME: tcpdump on loopback, UDP, until stop_capture
  tcpdump -i lo -U -n -w "$WORK/$1.pcap" udp > "$WORK/$1-tcpdump.log" 2>&1 &
  CAPTURE_PID=$!
  for _ in $(seq 1 100); do
    grep -q "listening on" "$WORK/$1-tcpdump.log" && return 0
    sleep 0.1
  done
  echo "   tcpdump did not start listening:"; cat "$WORK/$1-tcpdump.log"
  return 1
}
stop_capture() {
  kill -INT "$CAPTURE_PID" 2>/dev/null
  wait "$CAPTURE_PID" 2>/dev/null
  CAPTURE_PID=""
}
sipp_run() {  # sipp_run NAME [SIPP ARGS...]: in $WORK (rtp_stream reads customer.wav there)
  local name=$1
  shift
  (cd "$WORK" && timeout 60 sipp 127.0.0.1:"$SIP_PORT" -i 127.0.0.1 -p 0 -nostdin -timeout 30 -timeout_error \
    -trace_err -error_file "$WORK/$name.errors.log" -trace_msg -message_file "$WORK/$name.messages.log" "$@" \
    > "$WORK/$name.out" 2>&1)
  local code=$?
  [ $code -eq 0 ] || { echo "   sipp exit $code"; tail -5 "$WORK/$name.errors.log" 2>/dev/null; }
  return $code
}
sipp_media_port() {  # the port in SIPp's first offer
  sed -n 's/^ *m=audio \([0-9]*\) .*/\1/p' "$WORK/$1.messages.log" | head -1
}
our_media_port() {  # the port in our first answer
  sed -n 's/^ *m=audio \([0-9]*\) .*/\1/p' "$WORK/$1.messages.log" | sed -n 2p
}
