#!/usr/bin/env bash
# Takes docs/lab.png: starts the lab with `mvn javafx:run` under a virtual X display (Xvfb, 1280x720 like a common
# projector; LAB_SCREEN=1920x1080 for another size), waits until its window is up, lets the live article run reach
# the stall, and grabs the screen with ImageMagick's `import`. Settings are fresh, so alert pop-ups are in their
# default state (off: alerts go to the docked alert strip), and the window fills the screen.
# Needs Xvfb and ImageMagick (apt-get install -y xvfb imagemagick), and a built tree (mvn -DskipTests install).
# Usage: docs/screenshot.sh [seconds of the run to wait after the window is up, default 9] [output, default docs/lab.png]
# LOCKSCOPE_SCREENSHOT_SETTINGS adds lines to the settings file, e.g. 'theme=dark', 'theme=projector' or 'fontScale=1.3'.
# LOCKSCOPE_START picks what the lab starts on: a built-in scenario, or lesson:NAME.
set -euo pipefail
cd "$(dirname "$0")/.."
WAIT=${1:-9}
OUT=${2:-docs/lab.png}
export LAB_SCREEN=${LAB_SCREEN:-1280x720}
source tools/lab-display.sh

lab_display_start "${LOCKSCOPE_SCREENSHOT_SETTINGS:-}"
lab_start -Dlockscope.start="${LOCKSCOPE_START:-article}"
lab_wait_started || { echo "the lab did not start:"; tail -20 "$LAB_HOME/run.log"; exit 1; }
sleep "$WAIT"
DISPLAY=$LAB_DISPLAY import -window root "$OUT"
echo "wrote $OUT"
grep -iE 'exception|error' "$LAB_HOME/run.log" | head -5 || true
