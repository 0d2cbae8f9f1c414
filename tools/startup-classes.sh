#!/usr/bin/env bash
# Regenerates app/src/main/resources/dev/lockscope/app/startup-classes.txt, the classes StartupWarmup loads
# ahead of the FX thread: starts the lab once under a virtual display with class-load logging, and keeps the
# classes loaded from jars and directories (not the JDK's shared archive) from the window's build until the
# whole window is up, in load order, grouped by package. Build first (mvn -DskipTests package); needs Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=app/src/main/resources/dev/lockscope/app/startup-classes.txt
WORK=$(mktemp -d)
n=99
while [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1600x1000x24 >/dev/null 2>&1 &
XVFB=$!
APP=
cleanup() {
    [ -n "$APP" ] && kill -TERM -- "-$APP" 2>/dev/null || true
    kill "$XVFB" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
sleep 1
printf 'window=0,0,1600,1000\nnotifications=false\n' > "$WORK/settings.properties"
# An empty list, so that the run logs the loads as the FX thread makes them.
mv app/target/classes/dev/lockscope/app/startup-classes.txt "$WORK/old.txt"
DISPLAY=":$n" JDK_JAVA_OPTIONS="-Xlog:class+load=info:file=$WORK/load-%p.log" setsid mvn -B -q -o javafx:run \
    -Dlockscope.home="$WORK" >"$WORK/run.log" 2>&1 &
APP=$!
for _ in $(seq 120); do
    grep -q '^lockscope: ' "$WORK/run.log" && break
    sleep 0.5
done
kill -TERM -- "-$APP" 2>/dev/null || true
wait "$APP" 2>/dev/null || true
APP=
mv "$WORK/old.txt" app/target/classes/dev/lockscope/app/startup-classes.txt
whole=$(sed -n 's/.*whole window \([0-9]*\) ms.*/\1/p' "$WORK/run.log")
[ -n "$whole" ] || { echo "the lab did not report its start"; exit 1; }
# Maven's JVM logs too (JDK_JAVA_OPTIONS reaches every java launch): the app's log is the one with the window.
log=$(grep -l 'dev.lockscope.app.lab.LabWindow ' "$WORK"/load-*.log)
python3 - "$log" "$whole" "$OUT" <<'PY'
import re, sys
log, whole_ms, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
names, started = [], False
for line in open(log):
    m = re.match(r'\[([\d.]+)s\]\[info\]\[class,load\] (\S+) source: (\S+)', line)
    if not m:
        continue
    t, name, source = float(m.group(1)), m.group(2), m.group(3)
    started = started or name == 'dev.lockscope.app.lab.LabWindow'
    if started and t * 1000 <= whole_ms and source.startswith(('file:', 'jrt:')) and '/0x' not in name:
        names.append(name)
groups = []
for name in names:
    package, simple = name.rsplit('.', 1)
    if groups and groups[-1][0] == package:
        groups[-1][1].append(simple)
    else:
        groups.append((package, [simple]))
with open(out, 'w') as f:
    for package, simples in groups:
        f.write(package + ' ' + ' '.join(simples) + '\n')
print(f"{out}: {len(names)} classes")
PY
