#!/usr/bin/env bash
# Takes docs/lab.png: starts the lab with `mvn javafx:run` under a virtual X display (Xvfb, 1600x1000), waits
# for the live article run to reach the stall, and grabs the screen with ImageMagick's `import`.
# Needs Xvfb and ImageMagick (apt-get install -y xvfb imagemagick), and a built tree (mvn -DskipTests package).
# Usage: docs/screenshot.sh [seconds to wait, default 16] [output, default docs/lab.png]
# LOCKSCOPE_SCREENSHOT_SETTINGS adds lines to the settings file, e.g. 'theme=dark' or 'fontScale=1.3'.
# LOCKSCOPE_START picks what the lab starts on: a built-in scenario, or lesson:NAME (docs/lessons.png).
set -euo pipefail
cd "$(dirname "$0")/.."
WAIT=${1:-25}
OUT=${2:-docs/lab.png}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

# A free display number, so that several checkouts can take screenshots at once.
n=99
while [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
DISPLAY_NUM=":$n"

HOME_DIR=$(mktemp -d)   # fresh settings: default layout, the window filling the screen
printf 'window=0,0,1600,1000\nnotifications=false\n%s\n' "${LOCKSCOPE_SCREENSHOT_SETTINGS:-}" > "$HOME_DIR/settings.properties"
Xvfb "$DISPLAY_NUM" -screen 0 1600x1000x24 >/dev/null 2>&1 &
XVFB=$!
APP=
cleanup() {
    # mvn forks the app's JVM: end the whole process group started below.
    [ -n "$APP" ] && kill -TERM -- "-$APP" 2>/dev/null || true
    kill "$XVFB" 2>/dev/null || true
    rm -rf "$HOME_DIR"
}
trap cleanup EXIT
sleep 1
DISPLAY=$DISPLAY_NUM setsid mvn -B -q -o javafx:run -Dlockscope.home="$HOME_DIR" \
    -Dlockscope.start="${LOCKSCOPE_START:-article}" >"$HOME_DIR/run.log" 2>&1 &
APP=$!
sleep "$WAIT"
DISPLAY=$DISPLAY_NUM import -window root "$OUT"
echo "wrote $OUT"
grep -iE 'exception|error' "$HOME_DIR/run.log" | head -5 || true
