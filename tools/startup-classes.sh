#!/usr/bin/env bash
# Regenerates app/src/main/resources/dev/lockscope/app/startup-classes.txt, the classes StartupWarmup loads
# ahead of the FX thread: starts the lab once under a virtual display with class-load logging, and keeps the
# classes loaded from jars and directories (not the JDK's shared archive) from the window's build until the
# whole window is up, in load order, grouped by package. Build first (mvn -DskipTests package); needs Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=app/src/main/resources/dev/lockscope/app/startup-classes.txt
source tools/lab-display.sh

lab_display_start
# An empty list, so that the run logs the loads as the FX thread makes them.
mv app/target/classes/dev/lockscope/app/startup-classes.txt "$LAB_HOME/old.txt"
JDK_JAVA_OPTIONS="-Xlog:class+load=info:file=$LAB_HOME/load-%p.log" lab_start
lab_wait_started || true
lab_stop
mv "$LAB_HOME/old.txt" app/target/classes/dev/lockscope/app/startup-classes.txt
whole=$(sed -n 's/.*whole window \([0-9]*\) ms.*/\1/p' "$LAB_HOME/run.log")
[ -n "$whole" ] || { echo "the lab did not report its start"; exit 1; }
# Maven's JVM logs too (JDK_JAVA_OPTIONS reaches every java launch): the app's log is the one with the window.
log=$(grep -l 'dev.lockscope.app.lab.LabWindow ' "$LAB_HOME"/load-*.log)
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
