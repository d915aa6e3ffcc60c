#!/usr/bin/env bash
# Telephony benchmark (prints figures; not a test). Runs `frontline serve` with
# auto-answer on a store of CUSTOMERS customers (the store_bench one when present), then:
#   SIP:  SIPp's built-in uac scenario (INVITE, 200, ACK, BYE) at increasing call rates,
#         reporting calls/s achieved and failed calls at each, the calls the store holds,
#         and the wire-to-view latency p50/p99 (INVITE bytes received -> CustomerView
#         ready for the UI); then Kamailio (tests/bench/peers/kamailio.sh) at the same rate,
#         with an accounting row per INVITE and BYE in SQLite and without a database;
#   SMTP: smtp_load, 10 concurrent sessions, emails/s accepted with 250 after commit; then
#         Postfix's smtp-source against Frontline and against Postfix (peers/postfix.sh).
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
media = false  # signalling only, as the proxy it is compared with; the media path has its own bench
[desk]
auto_answer = true
TOML
start_serve() {
  "$frontline" serve --config "$dir/telephony-bench.toml" > "$dir/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do grep -q "ready; waiting" "$dir/serve.log" && break; sleep 0.2; done
  # (serve prints each listener on stdout and in its log: the first line is enough)
  sip_port=$(sed -n 's/.*listening: SIP udp 127.0.0.1:\([0-9]*\).*/\1/p' "$dir/serve.log" | head -1)
  smtp_port=$(sed -n 's/.*listening: SMTP 127.0.0.1:\([0-9]*\).*/\1/p' "$dir/serve.log" | head -1)
}
stop_serve() {
  kill "$pid"
  wait "$pid"
}

start_serve
head -1 "$dir/serve.log"
stop_serve
source "$(dirname "$0")/peers/kamailio.sh"
kamailio_port=15060

# sipp_at NAME PORT RATE: SIPp's uac scenario at RATE calls/s for $seconds s; sets ok,
# failed, elapsed, code (SIPp's statistics file: a header line, then one cumulative line
# per period).
sipp_at() {
  local name=$1 port=$2 rate=$3 start end
  start=$(date +%s.%N)
  timeout $((seconds * 4 + 60)) sipp 127.0.0.1:"$port" -sn uac -i 127.0.0.1 -p 0 -nostdin -r "$rate" \
    -m $((rate * seconds)) -l $((rate * 2)) -timeout $((seconds * 4)) -trace_stat -stf "$dir/sipp-$name-$rate.csv" \
    > "$dir/sipp-$name-$rate.out" 2>&1
  code=$?
  end=$(date +%s.%N)
  column() { awk -F';' -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i } END { print $c }' "$dir/sipp-$name-$rate.csv"; }
  ok=$(column "SuccessfulCall(C)")
  failed=$(column "FailedCall(C)")
  elapsed=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
}
sip_calls() { sqlite3 "$store" "SELECT COUNT(*) FROM interactions WHERE external_id LIKE 'sip:%'"; }
sip_calls_whole() {  # recorded with all their times (ended; wrapped up by the next start's recovery)
  sqlite3 "$store" "SELECT COUNT(*) FROM interactions WHERE external_id LIKE 'sip:%' AND status IN ('ended', 'wrapped')
                    AND answered_us >= offered_us AND ended_us >= answered_us AND talk_us IS NOT NULL"
}

# One serve per rate, so that each rate's wire-to-view latency is its own; Kamailio at the
# same rate right after it, with its accounting rows in SQLite and without a database.
for rate in $rates; do
  before=$(sip_calls)
  before_whole=$(sip_calls_whole)
  start_serve
  sipp_at frontline "$sip_port" "$rate"
  stop_serve
  stored=$(($(sip_calls) - before))
  whole=$(($(sip_calls_whole) - before_whole))
  latency=$(sed -n 's/.*wire-to-view latency over [0-9]* calls: //p' "$dir/serve.log")
  fl_rate=$(awk -v ok="$ok" -v t="$elapsed" 'BEGIN { printf "%.1f", ok / t }')
  awk -v r="$rate" -v ok="$ok" -v f="$failed" -v t="$elapsed" -v c="$code" -v st="$stored" -v w="$whole" -v l="$latency" 'BEGIN {
    printf "SIP at %d calls/s offered: Frontline %d calls completed, %d failed, %.1f s = %.0f calls/s (sipp exit %d); stored %d calls, %d with all their times; wire-to-view %s\n",
           r, ok, f, t, ok / t, c, st, w, l }'
  for mode in acc none; do
    if ! kamailio_start "$dir/kamailio-$mode" "$kamailio_port" "$mode"; then
      echo "SIP at $rate calls/s: Kamailio ($mode) did not start"
      continue
    fi
    rows_before=$(kamailio_rows "$dir/kamailio-$mode")
    sipp_at "kamailio-$mode" "$kamailio_port" "$rate"
    kamailio_stop
    rows=$(($(kamailio_rows "$dir/kamailio-$mode") - rows_before))
    what="no database"
    [ "$mode" = acc ] && what="acc rows in SQLite: $rows ($((rows / 2)) calls)"
    awk -v r="$rate" -v ok="$ok" -v f="$failed" -v t="$elapsed" -v c="$code" -v w="$what" -v fl="$fl_rate" -v m="$mode" 'BEGIN {
      printf "SIP at %d calls/s offered: Kamailio (%s) %d calls completed, %d failed, %.1f s = %.0f calls/s (sipp exit %d); %s; Frontline / Kamailio (%s) calls/s achieved: %.2f\n",
             r, m, ok, f, t, ok / t, c, w, m, (ok > 0 ? fl / (ok / t) : 0) }'
  done
done
start_serve
echo "SMTP:"
"$smtp_load" 127.0.0.1 "$smtp_port" 10 300
stop_serve

# SMTP beside Postfix: Postfix's own smtp-source (10 sessions, 3,000 messages of 2,000
# bytes) against Frontline and against Postfix holding every message in its hold queue,
# alternating, two rounds each; what each server stored is counted, not what the client saw.
source "$(dirname "$0")/peers/postfix.sh"
postfix_port=10025
emails() { sqlite3 "$store" "SELECT COUNT(*) FROM email_messages WHERE from_address = 'bench@smtp-source.example'"; }
smtp_source() {  # smtp_source PORT: prints the seconds it took
  local start end
  start=$(date +%s.%N)
  smtp-source -s 10 -m 3000 -l 2000 -f bench@smtp-source.example -t support@frontline.example 127.0.0.1:"$1" \
    > "$dir/smtp-source.out" 2>&1
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }'
}
for round in 1 2; do
  before=$(emails)
  start_serve
  fl_time=$(smtp_source "$smtp_port")
  stop_serve
  fl_stored=$(($(emails) - before))
  if postfix_start "$dir/postfix" "$postfix_port"; then
    pf_time=$(smtp_source "$postfix_port")
    pf_held=$(postfix_held)
    postfix_stop
  else
    pf_time=0
    pf_held=0
  fi
  awk -v r="$round" -v ft="$fl_time" -v fs="$fl_stored" -v pt="$pf_time" -v ps="$pf_held" 'BEGIN {
    fr = fs / ft; pr = (pt > 0 ? ps / pt : 0)
    printf "SMTP round %d (smtp-source, 10 sessions, 2,000-byte messages): Frontline stored %d in %.2f s = %.0f msgs/s; Postfix held %d in %.2f s = %.0f msgs/s; Frontline / Postfix %.2f\n",
           r, fs, ft, fr, ps, pt, pr, (pr > 0 ? fr / pr : 0) }'
done
