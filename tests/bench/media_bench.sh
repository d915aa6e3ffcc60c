#!/usr/bin/env bash
# Media benchmark (prints figures; not a test): `frontline serve` as a recording server for
# a PBX (auto-answer, recordings on, the null device), SIPp placing CALLS calls at once, each
# streaming PCMU audio for SECONDS seconds (rtp_stream). For each of RUNS runs, alternating:
#   media on:  serve's CPU time over the calls, the packets each call received and lost
#              (from its `recorded` event), the recordings written, the jitter buffer's delay;
#   media off: the same calls with sip.media = false (signalling and the store only), the
#              baseline the media path's cost is measured against.
# Prints each run and the medians: CPU per call in % of a core, with and without media.
#   media_bench.sh FRONTLINE SCENARIO_DIR [CALLS=100] [SECONDS=10] [RUNS=3]
set -uo pipefail
source "$(dirname "$0")/lib.sh"
frontline=$1
scenarios=$(cd "$2" && pwd)
calls=${3:-100}
seconds=${4:-10}
runs=${5:-3}
work=$(mktemp -d)
serve_pid=""
trap '[ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null; rm -rf "$work"' EXIT
tick=$(getconf CLK_TCK)

"$frontline" demo-data --db "$work/seed.db" --customers 1000 --seed 3 >/dev/null
sox -n -r 8000 -c 1 -e u-law "$work/customer.wav" synth 1 sine 440 : synth 1 sine 880
# The voice test's caller, speaking for SECONDS seconds (the tone pair looped).
sed -e "s/<pause milliseconds=\"2500\"\/>/<pause milliseconds=\"$((seconds * 1000))\"\/>/" \
  -e 's/customer.wav,1,0/customer.wav,-1,0/' "$scenarios/voice_call.xml" > "$work/caller.xml"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
sql() { sqlite3 "$work/run.db" "$@"; }

one_run() {  # one_run on|off: prints "CPU_SECONDS RECEIVED LOST LATE CONCEALED RECORDINGS BYTES BUFFER_MS_P50 BUFFER_MS_MAX FAILED"
  local media=$1
  rm -rf "$work/run.db"* "$work/recordings" "$work/frontline-central.db"
  cp "$work/seed.db" "$work/run.db"
  cat > "$work/frontline.toml" <<TOML
[agent]
id = "media-bench"
[store]
path = "run.db"
[smtp]
listen = ""
[lmtp]
listen = ""
[cti]
listen = ""
[sip]
listen = "127.0.0.1:0"
media = $([ "$media" = on ] && echo true || echo false)
rtp_ports = "30000-39999"
[recordings]
path = "recordings"
[desk]
auto_answer = true
TOML
  "$frontline" serve --config "$work/frontline.toml" > "$work/serve.log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 1 300); do grep -q "ready; waiting" "$work/serve.log" && break; sleep 0.1; done
  local port
  port=$(sed -n 's/.*listening: SIP udp 127.0.0.1:\([0-9]*\).*/\1/p' "$work/serve.log" | head -1)
  [ -n "$port" ] || { echo "serve did not start:" >&2; cat "$work/serve.log" >&2; return 1; }
  local before after
  before=$(cpu_ticks "$serve_pid")
  (cd "$work" && timeout $((seconds + 120)) sipp 127.0.0.1:"$port" -i 127.0.0.1 -p 0 -nostdin -sf caller.xml \
    -m "$calls" -l "$calls" -r "$calls" -timeout $((seconds + 60)) -trace_stat -stf sipp-stat.csv > sipp.out 2>&1)
  local failed
  failed=$(grep -c "Failed regexp\|Aborting call" "$work/sipp.out")
  if [ "$media" = on ]; then
    for _ in $(seq 1 300); do
      [ "$(sql "SELECT COUNT(*) FROM interaction_events WHERE kind = 'recorded'")" -ge "$calls" ] && break
      sleep 0.1
    done
  fi
  after=$(cpu_ticks "$serve_pid")
  kill "$serve_pid"
  wait "$serve_pid" 2>/dev/null
  serve_pid=""
  local cpu
  cpu=$(awk -v a="$after" -v b="$before" -v t="$tick" 'BEGIN { printf "%.2f", (a - b) / t }')
  if [ "$media" = on ]; then
    local q
    q=$(sql "SELECT COALESCE(SUM(json_extract(payload_json, '\$.quality.packets_received')), 0) || ' ' ||
               COALESCE(SUM(json_extract(payload_json, '\$.quality.packets_lost')), 0) || ' ' ||
               COALESCE(SUM(json_extract(payload_json, '\$.quality.late')), 0) || ' ' ||
               COALESCE(SUM(json_extract(payload_json, '\$.quality.concealed')), 0) || ' ' ||
               COUNT(*) || ' ' || COALESCE(SUM(json_extract(payload_json, '\$.bytes')), 0)
             FROM interaction_events WHERE kind = 'recorded'")
    local buffers
    buffers=$(sql "SELECT json_extract(payload_json, '\$.quality.buffer_ms') FROM interaction_events WHERE kind = 'recorded'" |
      sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR - 1) / 2) + 1], v[NR]; else print "- -" }')
    echo "$cpu $q $buffers $failed"
  else
    echo "$cpu - - - - - - - - $failed"
  fi
}

echo "media bench: $calls calls at once, each streaming PCMU for $seconds s, $runs runs alternating media on / off"
on_cpu=()
off_cpu=()
for run in $(seq 1 "$runs"); do
  read -r cpu received lost late concealed recordings bytes buf50 bufmax failed <<< "$(one_run on)"
  on_cpu+=("$cpu")
  echo "run $run, media on:  serve CPU $cpu s; received $received packets, lost $lost, late $late, concealed $concealed;" \
    "$recordings recordings, $bytes bytes; jitter buffer p50 $buf50 ms, max $bufmax ms; SIPp failures $failed"
  read -r cpu _ _ _ _ _ _ _ _ failed <<< "$(one_run off)"
  off_cpu+=("$cpu")
  echo "run $run, media off: serve CPU $cpu s; SIPp failures $failed"
done
median_on=$(printf '%s\n' "${on_cpu[@]}" | p50)
median_off=$(printf '%s\n' "${off_cpu[@]}" | p50)
awk -v on="$median_on" -v off="$median_off" -v n="$calls" -v s="$seconds" 'BEGIN {
  printf "median serve CPU: media on %.2f s, media off %.2f s over %d calls of %d s\n", on, off, n, s
  printf "CPU per call (%% of one core): with media and recording %.3f %%, signalling only %.3f %%, the media path %.3f %%\n",
    100 * on / (n * s), 100 * off / (n * s), 100 * (on - off) / (n * s) }'
