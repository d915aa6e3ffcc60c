# Shared by scripts/test, scripts/demo and scripts/bench. Source it; do not run it.
FRONTLINE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

say() { printf '\n== %s\n' "$*"; }

# Installs every package in scripts/lib/packages.txt that is not installed yet.
install_packages() {  # install_packages [LIST]: scripts/lib/packages.txt unless another list is named
  local list=${1:-$FRONTLINE_ROOT/scripts/lib/packages.txt}
  local -a wanted=() missing=()
  mapfile -t wanted < <(grep -Ev '^\s*(#|$)' "$list")
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "all ${#wanted[@]} Debian packages present"
    return 0
  fi
  say "installing Debian packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "missing packages and not root: apt-get install -y ${missing[*]}" >&2
      return 1
    fi
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# The emotion index's published lexicons (assets/emotion/package.json, pinned with integrity
# hashes by its package-lock.json) installed from npm with the machine's Node.js into
# FRONTLINE_LEXICONS, where the console reads them at run time (emotion.lexicons). Nothing
# of theirs is copied into the repository.
FRONTLINE_LEXICONS=${FRONTLINE_LEXICONS:-/usr/local/share/frontline/lexicons}
install_lexicons() {
  local dir=$FRONTLINE_LEXICONS src=$FRONTLINE_ROOT/assets/emotion
  if cmp -s "$src/package-lock.json" "$dir/package-lock.json" && [ -f "$dir/node_modules/.package-lock.json" ]; then
    say "emotion lexicons present in $dir"
    return 0
  fi
  if ! command -v npm >/dev/null; then
    echo "the emotion lexicons come from npm, and npm is not installed (Node.js with npm is needed)" >&2
    return 1
  fi
  say "installing the emotion lexicons from npm into $dir"
  local sudo=""
  if [ "$(id -u)" -ne 0 ] && ! mkdir -p "$dir" 2>/dev/null; then sudo="sudo"; fi
  $sudo mkdir -p "$dir"
  $sudo cp "$src/package.json" "$src/package-lock.json" "$dir/"
  (cd "$dir" && $sudo npm ci --ignore-scripts --omit=dev --no-audit --no-fund --loglevel=error)
}

# configure_and_build PRESET [TARGET...]
configure_and_build() {
  local preset=$1
  shift
  cmake --preset "$preset" -S "$FRONTLINE_ROOT" >/dev/null
  if [ $# -gt 0 ]; then
    cmake --build --preset "$preset" --target "$@"
  else
    cmake --build --preset "$preset"
  fi
}
