#!/usr/bin/env bash
# GUI check under Xvfb: the workspace's splits persist between runs, and the light theme
# and a HiDPI scale apply. A first run writes the layout file on close; the splits are
# then changed in that file (a wider left column); a second run (light theme,
# ui.scale = 1.25) must draw the regions where the file says, on a light background.
#   layout_theme.sh FRONTLINE_BINARY ARTIFACT_DIR
set -euo pipefail
source "$(dirname "$0")/lib.sh"
frontline=$1
artifacts=$2
mkdir -p "$artifacts"
gui_work layout-theme
"$frontline" demo-data --db "$work/demo.db" --customers 500 --seed 2 >/dev/null
base=$(console_toml agent-01 demo.db)
printf '%s\n' "$base" > "$work/dark.toml"
printf '%s\n[ui]\ntheme = "light"\nscale = 1.25\n' "$base" > "$work/light.toml"

cat > "$work/session.sh" <<'SESSION'
set -u
source "$GUI_LIB"
run() {  # run CONFIG SHOT
  dump="$WORK/$2.json"
  "$FRONTLINE" --config "$WORK/$1" --ui-dump "$dump" --layout "$WORK/layout.ini" 2>>"$WORK/console.log" &
  pid=$!
  wait_for "Agent agent-01: Available" 20
  sleep 0.5
  import -window root "$ARTIFACTS/$2.png"
  kill "$pid"  # SIGTERM: the window closes and ImGui saves the layout
  wait "$pid" 2>/dev/null
}
run dark.toml layout-first
# The agent dragged the left splitter to 40 % of the width: as the layout file records it.
sed -i 's/^Splits=[0-9.]*,/Splits=0.4000,/' "$WORK/layout.ini"
run light.toml layout-second
exit 0
SESSION
run_session "$work/session.sh" 1600x1000

rect() {  # rect DUMP TITLE: "x y w h" of the window
  sqlite3 :memory: "SELECT json_extract(value, '$.rect[0]') || ' ' || json_extract(value, '$.rect[1]') || ' ' ||
    json_extract(value, '$.rect[2]') || ' ' || json_extract(value, '$.rect[3]')
    FROM json_each(readfile('$1'), '$.windows') WHERE json_extract(value, '$.title') = '$2'"
}
expect "the first run saved the workspace's splits" grep -q '^\[Frontline\]\[AgentWorkspace\]' "$work/layout.ini"
first=$(rect "$work/layout-first.json" Queue)
second=$(rect "$work/layout-second.json" Queue)
echo "Queue region: first run $first, second run $second (x y width height)"
set -- $first
first_width=$3
set -- $second
second_width=$3
expect "the second run draws the left column 40 % wide, as the layout file says ($second_width px)" \
  test "$second_width" -ge 620 -a "$second_width" -le 660
expect "the first run drew it at the default 26 % ($first_width px)" test "$first_width" -ge 390 -a "$first_width" -le 430
pixel() { convert "$1" -format '%[fx:int(255*(r+g+b)/3)]' -crop 1x1+1396+400 info:; }
dark=$(pixel "$artifacts/layout-first.png")
light=$(pixel "$artifacts/layout-second.png")
echo "background brightness: dark theme $dark, light theme $light (0-255)"
expect "the dark theme has a dark background" test "$dark" -lt 60
expect "the light theme has a light background" test "$light" -gt 190
expect "the layout file is rewritten on close" grep -q '^Splits=0.4000,' "$work/layout.ini"
exit $fail
