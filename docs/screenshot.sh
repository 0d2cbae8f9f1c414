#!/usr/bin/env bash
# Takes docs/lab.png: starts the lab with `mvn javafx:run` under a virtual X display (Xvfb, 1600x1000), waits
# for the live article run to reach the stall, and grabs the screen with ImageMagick's `import`.
# Needs Xvfb and ImageMagick (apt-get install -y xvfb imagemagick), and a built tree (mvn -DskipTests package).
# Usage: docs/screenshot.sh [seconds to wait, default 25] [output, default docs/lab.png]
# LOCKSCOPE_SCREENSHOT_SETTINGS adds lines to the settings file, e.g. 'theme=dark' or 'fontScale=1.3'.
# LOCKSCOPE_START picks what the lab starts on: a built-in scenario, or lesson:NAME (docs/lessons.png).
set -euo pipefail
cd "$(dirname "$0")/.."
WAIT=${1:-25}
OUT=${2:-docs/lab.png}
source tools/lab-display.sh

lab_display_start "${LOCKSCOPE_SCREENSHOT_SETTINGS:-}"
lab_start -Dlockscope.start="${LOCKSCOPE_START:-article}"
sleep "$WAIT"
DISPLAY=$LAB_DISPLAY import -window root "$OUT"
echo "wrote $OUT"
grep -iE 'exception|error' "$LAB_HOME/run.log" | head -5 || true
