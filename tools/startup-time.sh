#!/usr/bin/env bash
# Measures the lab's start: runs `mvn javafx:run` (the README's command) under a virtual display RUNS times and
# prints the line the lab writes once its whole window is up:
#   lockscope: First frame 1836 ms after launch, whole window 2604 ms.
# "after launch" is the app JVM's uptime (Maven's own start is not counted). Build first (mvn -DskipTests
# package); needs Xvfb. Usage: tools/startup-time.sh [runs, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

n=99
while [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1600x1000x24 >/dev/null 2>&1 &
XVFB=$!
HOME_DIR=$(mktemp -d)
APP=
cleanup() {
    [ -n "$APP" ] && kill -TERM -- "-$APP" 2>/dev/null || true
    kill "$XVFB" 2>/dev/null || true
    rm -rf "$HOME_DIR"
}
trap cleanup EXIT
sleep 1
for i in $(seq "$RUNS"); do
    printf 'window=0,0,1600,1000\nnotifications=false\n' > "$HOME_DIR/settings.properties"
    DISPLAY=":$n" setsid mvn -B -q -o javafx:run -Dlockscope.home="$HOME_DIR" >"$HOME_DIR/run.log" 2>&1 &
    APP=$!
    for _ in $(seq 120); do   # up to 60 s for Maven and the app
        grep -q '^lockscope: ' "$HOME_DIR/run.log" && break
        sleep 0.5
    done
    kill -TERM -- "-$APP" 2>/dev/null || true
    wait "$APP" 2>/dev/null || true
    APP=
    grep '^lockscope: ' "$HOME_DIR/run.log" || echo "run $i: no start-up line (see the app's output)"
    sleep 1
done
