#!/usr/bin/env bash
# Replay frame benchmark (prints figures; not a test), the real window under Xvfb: a
# trainer's replay of the demo store's busiest call (holds, a note typed in steps, a
# complaint), opened from an exported case file. Frames drawn back to back
# (--continuous-redraw) while the replay plays at 8x (the desk folded again at every event
# crossed), against the same replay paused in the same run: p50 / p99 and their ratio.
#   replay_frames_bench.sh FRONTLINE
set -euo pipefail
frontline=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/lib.sh"  # percentiles, p50
"$frontline" demo-data --db "$work/store.db" --customers 5000 --seed 3 >/dev/null
id=$(sqlite3 "$work/store.db" "SELECT e.interaction_id FROM interaction_events e JOIN interactions i ON i.id = e.interaction_id
  WHERE i.channel = 'voice' GROUP BY e.interaction_id ORDER BY COUNT(*) DESC, MAX(e.ts_us) - MIN(e.ts_us) DESC LIMIT 1")
printf '[store]\npath = "store.db"\n' > "$work/frontline.toml"
"$frontline" replay export --config "$work/frontline.toml" --interaction "$id" --out "$work/case.frontline" | head -1
cat > "$work/session.sh" <<'SESSION'
set -u
dump="$WORK/dump.json"
rm -f "$dump"
"$FRONTLINE" --replay "$WORK/case.frontline" --ui-dump "$dump" --layout "$WORK/layout.ini" --continuous-redraw \
  --frame-stats "$WORK/$STATS" 2>/dev/null &
pid=$!
for _ in $(seq 1 300); do grep -q "Playhead after" "$dump" 2>/dev/null && break; sleep 0.1; done
wid=$(xdotool search --sync --name '^Frontline' | head -1)
press() {  # press LABEL: the button the UI dump lists with LABEL
  local at
  at=$(sqlite3 -separator " " :memory: "SELECT json_extract(b.value, '$.rect[0]') + 5,
    json_extract(b.value, '$.rect[1]') + 5 FROM json_each(readfile('$dump'), '$.windows') w,
    json_each(w.value, '$.buttons') b WHERE json_extract(b.value, '$.label') = '$1'")
  xdotool mousemove --window "$wid" ${at% *} ${at#* }
  sleep 0.2
  xdotool click 1
}
if [ "$MODE" = playing ]; then
  press "speed 8x"
  sleep 0.3
  press "Play (Space)"
  for _ in $(seq 1 30); do grep -q "8x playing" "$dump" && break; sleep 0.1; done
  grep -q "8x playing" "$dump" || echo "the replay did not start playing at 8x" >&2
fi
sleep 6
kill "$pid"
wait "$pid" 2>/dev/null
exit 0
SESSION
for mode in paused playing; do
  FRONTLINE=$frontline WORK=$work MODE=$mode STATS="$mode.txt" xvfb-run -a -s "-screen 0 1600x1000x24" bash "$work/session.sh"
done
awk '$1 == "frame_us" { print $2 }' "$work/playing.txt" | percentiles "replay frame time, playing at 8x"
awk '$1 == "frame_us" { print $2 }' "$work/paused.txt" | percentiles "replay frame time, paused (baseline)"
a=$(awk '$1 == "frame_us" { print $2 }' "$work/playing.txt" | p50)
b=$(awk '$1 == "frame_us" { print $2 }' "$work/paused.txt" | p50)
awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "replay frame time ratio (playing / paused), p50: %.2f\n", a / b }'
