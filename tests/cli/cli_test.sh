#!/usr/bin/env bash
# The command line as a user meets it: help for every subcommand, demo-data writing a
# store once (and refusing to overwrite), clear errors for bad dates and bad config
# lines, and `serve` starting on a store and stopping on SIGTERM.
#   cli_test.sh FRONTLINE_BINARY
set -uo pipefail
frontline=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() {  # check NAME COMMAND...: the command must succeed
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); echo "ok: $name"; else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

for sub in "" serve demo-data sync "central init" import report "replay export" "emotion score"; do
  out=$("$frontline" $sub --help 2>&1)
  check "--help for '${sub:-console}' exits 0 and describes options" test $? -eq 0 -a -n "$(echo "$out" | grep -- '--')"
done

out=$("$frontline" demo-data --db "$work/a.db" --customers 200 --seed 3 --as-of 2026-06-01 2>&1)
check "demo-data succeeds" test $? -eq 0
check "demo-data reports what it wrote" grep -q "200 customers" <<<"$out"
check "demo-data leaves no partial file" test ! -e "$work/a.db.partial"
check "the store holds 200 customers" test "$(sqlite3 "$work/a.db" 'SELECT COUNT(*) FROM customers')" = 200

"$frontline" demo-data --db "$work/b.db" --customers 200 --seed 3 --as-of 2026-06-01 >/dev/null 2>&1
check "same seed and date give the same orders" test \
  "$(sqlite3 "$work/a.db" 'SELECT group_concat(number || total_minor) FROM orders')" = \
  "$(sqlite3 "$work/b.db" 'SELECT group_concat(number || total_minor) FROM orders')"

before=$(stat -c %Y "$work/a.db")
out=$("$frontline" demo-data --db "$work/a.db" --customers 10 2>&1)
code=$?
check "demo-data refuses an existing file (exit 1)" test $code -eq 1
check "and says so" grep -q "already exists" <<<"$out"
check "and leaves it untouched" test "$(stat -c %Y "$work/a.db")" = "$before"

out=$("$frontline" demo-data --db "$work/c.db" --as-of 2026-13-01 2>&1)
check "a bad --as-of date exits 2" test $? -eq 2
check "and names the date" grep -q "2026-13-01" <<<"$out"

printf '[store]\npath = "a.db"\n\n[agent]\nrole = "boss"\n' > "$work/bad.toml"
out=$("$frontline" serve --config "$work/bad.toml" 2>&1)
check "serve with a bad config exits 2" test $? -eq 2
check "and names file, line and key" grep -q "bad.toml:5: agent.role" <<<"$out"

printf '[store]\npath = "a.db"\n[smtp]\nlisten = "127.0.0.1:0"\n[lmtp]\nlisten = "127.0.0.1:0"\n[cti]\nlisten = "127.0.0.1:0"\n[sip]\nlisten = "127.0.0.1:0"\n' > "$work/good.toml"
"$frontline" serve --config "$work/good.toml" > "$work/serve.log" 2>&1 &
pid=$!
# serve_says PATTERN: serve's log gets a line matching PATTERN within 30 s (while serve
# runs); otherwise says what it waited for and shows the log.
serve_says() {
  for _ in $(seq 1 300); do
    grep -q "$1" "$work/serve.log" && return 0
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
  done
  echo "   waited for a line matching '$1' in serve's log, which holds:"
  sed 's/^/   | /' "$work/serve.log"
  return 1
}
check "serve reports its listeners" serve_says "listening: SMTP 127.0.0.1:"
check "serve says it is ready" serve_says "ready; waiting"
# The store's counts come after the listeners open and after "ready" (never delaying
# them), from their own thread.
check "serve reports the store it opened" serve_says "200 customers"
kill -TERM $pid
wait $pid
check "serve stops cleanly on SIGTERM" test $? -eq 0

# The central store on its embedded default (an SQLite file): init, sync, sync again.
printf '[agent]\nid = "demo"\n[store]\npath = "a.db"\n[central]\nurl = "sqlite://central.db"\n' > "$work/sync.toml"
out=$("$frontline" sync --once --config "$work/sync.toml" 2>&1)
check "sync before central init fails" test $? -ne 0
check "and says to run central init" grep -q "frontline central init" <<<"$out"
out=$("$frontline" central init --config "$work/sync.toml" 2>&1)
check "central init succeeds" test $? -eq 0
check "central init reports the schema" grep -q "at schema 7 (was 0)" <<<"$out"
events=$(sqlite3 "$work/a.db" "SELECT COUNT(*) FROM interaction_events WHERE origin = 'demo'")
out=$("$frontline" sync --once --config "$work/sync.toml" 2>&1)
check "sync --once succeeds" test $? -eq 0
check "sync reports what it pushed ($out)" grep -q "pushed $events events, pulled 0, 0 pending" <<<"$out"
check "the central store holds every event once" \
  test "$(sqlite3 "$work/central.db" 'SELECT COUNT(DISTINCT seq) FROM central_events')" = "$events"
out=$("$frontline" sync --once --config "$work/sync.toml" 2>&1)
check "a second sync pushes nothing" grep -q "pushed 0 events" <<<"$out"

printf 'id,name,country,customer_since,phones\n9001,Ada Lovelace,GB,2021-03-04,020 7946 0958\n' > "$work/customers.csv"
out=$("$frontline" import --config "$work/sync.toml" --customers "$work/customers.csv" 2>&1)
check "import succeeds" test $? -eq 0
check "import reports what it wrote" grep -q "1 customers, 1 new addresses, 0 orders" <<<"$out"
printf 'id,name,country,customer_since\n9002,Bob,GB,2021-02-30\n' > "$work/bad.csv"
out=$("$frontline" import --config "$work/sync.toml" --customers "$work/bad.csv" 2>&1)
check "import of a bad file fails" test $? -eq 1
check "and names file, line and column" grep -q "bad.csv:2: customer_since: '2021-02-30' is not a date" <<<"$out"
check "and imports nothing" test "$(sqlite3 "$work/central.db" 'SELECT COUNT(*) FROM customers WHERE id = 9002')" = 0

# The report: figures from the store the sync wrote, errors that name what is wrong.
today=$(date +%F)
out=$("$frontline" report --config "$work/sync.toml" --from "$today" --to "$today" --by queue 2>&1)
check "report succeeds" test $? -eq 0
check "report's header names each metric and its unit" \
  grep -q "^queue,channel,offered,answered,abandoned,short_abandoned,missed,service_level_pct" <<<"$out"
out=$("$frontline" report --config "$work/sync.toml" --from 2026-02-30 --to "$today" 2>&1)
check "report with a bad date exits 2" test $? -eq 2
check "and names it" grep -q "must be dates as YYYY-MM-DD, not '2026-02-30'" <<<"$out"
out=$("$frontline" report --config "$work/sync.toml" --from "$today" --to "$today" --by weekday 2>&1)
check "report by an unknown dimension exits 2" test $? -eq 2
check "and lists the dimensions" grep -q "must be agent, queue, priority, category, day or interval" <<<"$out"
out=$("$frontline" report --config "$work/sync.toml" --from "$today" --to "$today" --by priority --format json 2>&1)
check "report as JSON is a list" grep -q "^\[" <<<"$out"

# A training case: written masked from the store, errors that name what is wrong.
id=$(sqlite3 "$work/a.db" "SELECT id FROM interactions WHERE customer_id IS NOT NULL ORDER BY offered_us DESC LIMIT 1")
name=$(sqlite3 "$work/a.db" "SELECT c.display_name FROM interactions i JOIN customers c ON c.id = i.customer_id
  WHERE i.id = '$id'")
out=$("$frontline" replay export --config "$work/sync.toml" --interaction "$id" --out "$work/case.frontline" 2>&1)
check "replay export succeeds ($out)" test $? -eq 0
check "and says what it wrote and how to open it" grep -q "frontline --replay $work/case.frontline" <<<"$out"
check "the case holds no name of the customer ($name)" bash -c "! grep -qaF -- '$name' '$work/case.frontline'"
check "the case names its contact" test "$(sqlite3 "$work/case.frontline" \
  "SELECT value FROM site_settings WHERE key = 'case_interaction'")" = "$id"
out=$("$frontline" replay export --config "$work/sync.toml" --interaction no-such-contact --out "$work/x.frontline" 2>&1)
check "replay export of an unknown contact exits 1" test $? -eq 1
check "and names it" grep -q "no contact no-such-contact in" <<<"$out"

# The emotion index's scorer: one text per line on stdin.
out=$(printf 'Thank you, the engineer was brilliant!\nI am not happy, the parcel never arrived.\n我对这个答复很不满意。\nWhat time do you open?\n' |
  "$frontline" emotion score 2>&1)
check "emotion score succeeds" test $? -eq 0
check "and prints a line per text" test "$(wc -l <<<"$out")" -eq 4
check "praise is positive, with its words" grep -qP '^1\ten\t.*\tpositive\t.*brilliant' <<<"$out"
check "a negated feeling word is negative and said so" grep -qP '^2\ten\t.*\tnegative\t.*happy\(-[0-9.]+, negated\)' <<<"$out"
check "Chinese is scored as Chinese" grep -qP '^3\tzh\t.*\tnegative\t.*不满意' <<<"$out"
check "a plain question has no feeling words" grep -qP '^4\ten\t.*\tneutral\tno feeling words' <<<"$out"
out=$(echo "Great service, thanks!" | "$frontline" emotion score --json --lang en)
check "emotion score --json prints an object with index and evidence" \
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["index"] > 0 and d["evidence"] and d["language"] == "en"' "$out"
echo "x" | "$frontline" emotion score --lang fr >/dev/null 2>"$work/lang.err"
check "emotion score with an unknown --lang exits 2" test $? -eq 2
check "and names it" grep -q "'fr'" "$work/lang.err"
printf '[emotion]\nlexicons = "nowhere"\n' >"$work/emotion.toml"
echo "x" | "$frontline" emotion score --config "$work/emotion.toml" >/dev/null 2>"$work/lex.err"
check "emotion score without its lexicons exits 1" test $? -eq 1
check "and names the file and how to install it" grep -q "nowhere/node_modules/vader-sentiment/vader_lexicon.txt.*install_lexicons" "$work/lex.err"

# Rescoring a store's contacts, and again after our word lists change.
printf '[agent]\nid = "agent-07"\n[store]\npath = "a.db"\n' >"$work/rescore.toml"
out=$("$frontline" emotion rescore --config "$work/rescore.toml" 2>&1)
check "emotion rescore scores the demo store's emails" grep -qP 'rescore: .*a\.db: [1-9][0-9]* contacts scored' <<<"$out"
check "and each emotion_scored event names its lexicon" test \
  "$(sqlite3 "$work/a.db" "SELECT COUNT(*) FROM interaction_events WHERE kind = 'emotion_scored' AND length(json_extract(payload_json, '\$.lexicon')) = 64")" -gt 0
out=$("$frontline" emotion rescore --config "$work/rescore.toml" 2>&1)
check "a second rescore finds nothing to do" grep -q ": 0 contacts scored" <<<"$out"
mkdir -p "$work/words" && cp "$(dirname "$0")/../../assets/emotion/"*.tsv "$work/words/"
printf 'delivery\t-0.5\n' >>"$work/words/en-words.tsv"
printf '[emotion]\nwords = "words"\n' >>"$work/rescore.toml"
out=$("$frontline" emotion rescore --config "$work/rescore.toml" --since 2026-01-01 2>&1)
check "after a word list changes, rescore scores them again" grep -qP '\([1-9][0-9]* after a lexicon or scorer change' <<<"$out"
"$frontline" emotion rescore --config "$work/rescore.toml" --since yesterday >/dev/null 2>"$work/since.err"
check "a bad --since exits 2" test $? -eq 2
check "rescore writes as the console (agent-07), so that its sync carries the scores" test \
  "$(sqlite3 "$work/a.db" "SELECT group_concat(DISTINCT origin) FROM interaction_events WHERE kind = 'emotion_scored'")" = agent-07

# The trainers' corrections of the index, reported.
contact=$(sqlite3 "$work/a.db" "SELECT interaction_id FROM interaction_events WHERE kind = 'emotion_scored'
  AND json_extract(payload_json, '\$.index') < -20 LIMIT 1")
sqlite3 "$work/a.db" "INSERT INTO interaction_events (origin, seq, interaction_id, ts_us, kind, payload_json)
  VALUES ('trainer-01', 1, '$contact', 1764000000000000, 'emotion_corrected',
          '{\"index\": 40, \"was\": -30, \"note\": \"sarcasm, they were pleased\", \"by_name\": \"Tess\"}')"
out=$("$frontline" emotion corrections --config "$work/rescore.toml" 2>&1)
check "emotion corrections lists the trainer's correction with the estimate it replaced" \
  grep -qP "$contact .* Tess +-30 +\+40  sarcasm, they were pleased" <<<"$out"
check "and says how far the estimates were off" \
  grep -q "1 correction; over the 1 with an estimate, the trainers moved it 70.0 points on average and 1 were on the other side" <<<"$out"
out=$("$frontline" emotion corrections --config "$work/rescore.toml" --json --since 2026-12-01 2>&1)
check "emotion corrections --since leaves out older ones" test -z "$out"
out=$("$frontline" emotion corrections --config "$work/rescore.toml" --json 2>&1)
check "emotion corrections --json prints one object per correction" \
  test "$(sqlite3 :memory: "SELECT json_extract(value, '\$.trainer') || ' ' || json_extract(value, '\$.index') || ' ' ||
    json_extract(value, '\$.was') FROM json_each(json_array(json('$out')))")" = "Tess 40 -30"

# The customer's voice (emotion voice): synthetic calls made with sox, customer left, agent
# right. A calm first ten seconds (the baseline), four seconds of silence, then louder,
# higher and faster while the agent talks over it.
v="$work/voice"
mkdir -p "$v"
synth() { sox -n -r 8000 -c 1 -b 16 "$v/$1.wav" synth "$2" sine "$3" tremolo "$4" 90 vol "$5"; }
synth calm 10 150 4 0.08 && synth gap 4 100 4 0 && synth agitated 10 280 7 0.5 && synth quiet 18 100 4 0 &&
  synth talk 6 200 5 0.1 && synth steady 10 150 4 0.08
sox "$v/calm.wav" "$v/gap.wav" "$v/agitated.wav" "$v/customer.wav"
sox "$v/quiet.wav" "$v/talk.wav" "$v/agent.wav"
sox -M "$v/customer.wav" "$v/agent.wav" "$v/call.wav"
out=$("$frontline" emotion voice "$v/call.wav" 2>&1)
echo "$out" | sed 's/^/  | /'
arousal() { awk -v n="$1" '$1 == n && NF == 8 { print $8 }' <<<"$out"; }
check "emotion voice finds the two stretches of the customer's speech" grep -q "^2 segments" <<<"$out"
check "the calm start is the baseline: arousal under 0.2" awk -v a="$(arousal 1)" 'BEGIN { exit !(a < 0.2) }'
check "louder, higher and faster over the agent: arousal over 0.8" awk -v a="$(arousal 2)" 'BEGIN { exit !(a > 0.8) }'
check "the talk-over (6 s) and the silence (4 s) are found" grep -qE "talk-over 6\.[0-9] s, 1 silences" <<<"$out"
sox "$v/calm.wav" "$v/gap.wav" "$v/steady.wav" "$v/same.wav"
sox -M "$v/same.wav" "$v/quiet.wav" "$v/flat.wav"
out=$("$frontline" emotion voice "$v/flat.wav" 2>&1)
check "a voice that stays as it began stays calm (arousal under 0.2)" awk -v a="$(arousal 2)" 'BEGIN { exit !(a < 0.2) }'
"$frontline" emotion voice "$work/rescore.toml" >/dev/null 2>"$work/voice.err"
check "emotion voice on a file that is no recording exits 1 naming it" grep -q "rescore.toml" "$work/voice.err"

echo "$passed passed, $failed failed"
test $failed -eq 0
