#!/usr/bin/env bash
# Measures the lab's start: runs `mvn javafx:run` (the README's command) under a virtual display RUNS times and
# prints the line the lab writes once its whole window is up:
#   lockscope: First frame 1836 ms after launch, whole window 2604 ms.
# "after launch" is the app JVM's uptime (Maven's own start is not counted). Build first (mvn -DskipTests
# package); needs Xvfb. Usage: tools/startup-time.sh [runs, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
source tools/lab-display.sh

lab_display_start
for i in $(seq "$RUNS"); do
    lab_start
    lab_wait_started || true
    lab_stop
    grep '^lockscope: ' "$LAB_HOME/run.log" || echo "run $i: no start-up line (see the app's output)"
    sleep 1
done
