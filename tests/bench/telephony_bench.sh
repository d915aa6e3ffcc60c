#!/usr/bin/env bash
# Telephony benchmark (prints figures; not a test). Runs `frontline serve` with
# auto-answer on a store of CUSTOMERS customers (the store_bench one when present), then:
#   SIP:  SIPp's built-in uac scenario (INVITE, 200, ACK, BYE) at increasing call rates,
#         reporting calls/s achieved and failed calls at each, and the wire-to-view
#         latency p50/p99 (INVITE bytes received -> CustomerView ready for the UI);
#   SMTP: smtp_load, 10 concurrent sessions, emails/s accepted with 250 after commit.
#   telephony_bench.sh FRONTLINE SMTP_LOAD BENCH_DIR [CUSTOMERS=1000000] [RATES="500 1000 1500"] [SECONDS=20]
set -uo pipefail
frontline=$1
smtp_load=$2
dir=$3
customers=${4:-1000000}
rates=${5:-"500 1000 1500"}
seconds=${6:-20}
mkdir -p "$dir"
store="$dir/bench-$customers.db"
if [ ! -f "$store" ]; then
  echo "telephony bench: writing a $customers-customer store to $store"
  "$frontline" demo-data --db "$store" --customers "$customers" --seed 1 --as-of 2026-06-01
fi
cat > "$dir/telephony-bench.toml" <<TOML
[agent]
id = "bench-console"
[store]
path = "$(basename "$store")"
[smtp]
listen = "127.0.0.1:0"
[lmtp]
listen = ""
[cti]
listen = ""
[sip]
listen = "127.0.0.1:0"
[desk]
auto_answer = true
TOML
start_serve() {
  "$frontline" serve --config "$dir/telephony-bench.toml" > "$dir/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do grep -q "ready; waiting" "$dir/serve.log" && break; sleep 0.2; done
  sip_port=$(sed -n 's/.*listening: SIP udp 127.0.0.1:\([0-9]*\).*/\1/p' "$dir/serve.log")
  smtp_port=$(sed -n 's/.*listening: SMTP 127.0.0.1:\([0-9]*\).*/\1/p' "$dir/serve.log")
}
stop_serve() {
  kill "$pid"
  wait "$pid"
}

start_serve
head -1 "$dir/serve.log"
stop_serve
# One serve per rate, so that each rate's wire-to-view latency is its own.
for rate in $rates; do
  start_serve
  calls=$((rate * seconds))
  start=$(date +%s.%N)
  timeout $((seconds * 4 + 60)) sipp 127.0.0.1:"$sip_port" -sn uac -i 127.0.0.1 -p 0 -nostdin -r "$rate" -m "$calls" \
    -l $((rate * 2)) -timeout $((seconds * 4)) -trace_stat -stf "$dir/sipp-$rate.csv" > "$dir/sipp-$rate.out" 2>&1
  code=$?
  end=$(date +%s.%N)
  # SIPp's statistics file: a header line, then one line per period; cumulative columns.
  column() { awk -F';' -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i } END { print $c }' "$dir/sipp-$rate.csv"; }
  ok=$(column "SuccessfulCall(C)")
  failed=$(column "FailedCall(C)")
  stop_serve
  latency=$(sed -n 's/.*wire-to-view latency over [0-9]* calls: //p' "$dir/serve.log")
  awk -v r="$rate" -v ok="$ok" -v f="$failed" -v s="$start" -v e="$end" -v c="$code" -v l="$latency" 'BEGIN {
    printf "SIP at %d calls/s offered: %d calls completed, %d failed, %.1f s = %.0f calls/s achieved (sipp exit %d); wire-to-view %s\n",
           r, ok, f, e - s, ok / (e - s), c, l }'
done
start_serve
echo "SMTP:"
"$smtp_load" 127.0.0.1 "$smtp_port" 10 300
stop_serve
