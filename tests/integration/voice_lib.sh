# Shared by the voice tests (voice_test.sh, baresip_test.sh): the tones a WAV or a capture
# holds, and the fields of the console's events. Source it after lib.sh; do not run it.
TONES="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/tones.py"

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
