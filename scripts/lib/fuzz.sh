# Runs every libFuzzer target of the fuzz preset for SECONDS each, seeded from tests/data
# and assets, as a regression check: a crash, a leak, a sanitizer report or a timeout
# fails, and libFuzzer writes the input that did it to build/fuzz/artifacts/. Source it.
#   run_fuzz_targets SECONDS
run_fuzz_targets() {
  local seconds=$1 bin="$FRONTLINE_ROOT/build/fuzz/tests/fuzz" work="$FRONTLINE_ROOT/build/fuzz"
  local -A seeds=(
    [fuzz_sip_message]="tests/data/sip/messages"
    [fuzz_smtp_session]="tests/data/smtp"
    [fuzz_http_cti]="tests/data/http"
    [fuzz_email]="tests/data/email"
    [fuzz_csv_import]="tests/data/csv"
    [fuzz_config]="assets/config"
    [fuzz_media]="tests/data/media"
  )
  mkdir -p "$work/artifacts"
  local target failed=0
  for target in fuzz_sip_message fuzz_smtp_session fuzz_http_cti fuzz_email fuzz_csv_import fuzz_config fuzz_media; do
    # The corpus grows across runs in build/fuzz/corpus; the seeds in the tree stay as they are.
    mkdir -p "$work/corpus/$target"
    say "fuzz: $target for $seconds s (seeds: ${seeds[$target]})"
    if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "$bin/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="$work/artifacts/$target-" "$work/corpus/$target" "$FRONTLINE_ROOT/${seeds[$target]}" \
      > "$work/$target.log" 2>&1; then
      echo "fuzz: $target FAILED; its log ($work/$target.log) ends:" >&2
      tail -40 "$work/$target.log" >&2
      failed=1
    else
      grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$work/$target.log" | tr '\n' ' '
      echo
    fi
  done
  return $failed
}
