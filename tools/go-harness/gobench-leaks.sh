#!/usr/bin/env bash
# For each script (default: every GoBench kernel in core/src/test/resources/gobench), the goroutines Lockscope
# has blocked at the end of the run and its leak/deadlock alerts, next to the goroutines real Go still has
# blocked at the end (tools/go-harness), run by run: the leak check of issue 15, one line per kernel.
#
#   tools/go-harness/gobench-leaks.sh [-runs 1] [-scale 50] [-duration 20] [SCRIPT.json ...]
#
# -duration (scenario ms, both sides) keeps runs short: the kernels act in their first few ms. -scale 50 keeps
# their 0.5-2 ms gaps above a loaded machine's stalls. A line reads SAME when every run has the same goroutines
# blocked at the same sites as Lockscope, else DIFF with both sides. Needs core/target/lockscope-cli.jar and
# $JAVA_HOME/bin/java (default /usr/lib/jvm/temurin-25-jdk-amd64). Exit status: 0 all SAME, 3 some DIFF.
set -euo pipefail

usage() { echo "usage: $0 [-runs 1] [-scale 50] [-duration 20] [SCRIPT.json ...]" >&2; exit 2; }
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=1
scale=50
duration=20
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    -runs) [ $# -ge 2 ] || usage; runs=$2; shift 2 ;;
    -scale) [ $# -ge 2 ] || usage; scale=$2; shift 2 ;;
    -duration) [ $# -ge 2 ] || usage; duration=$2; shift 2 ;;
    -*) usage ;;
    *) files+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"); shift ;;
  esac
done
[ ${#files[@]} -gt 0 ] || files=("$root"/core/src/test/resources/gobench/*.json)
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
jar="$root/core/target/lockscope-cli.jar"
[ -f "$jar" ] || { echo "Lockscope: $jar not found (mvn -o -q -B package -pl core -DskipTests)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && GOPROXY=off go build -o "$tmp/go-harness" ./tools/go-harness)
echo "gobench-leaks: -runs $runs -scale $scale -duration $duration; $(go version | cut -d' ' -f3-4), $(nproc) CPUs"
status=0
for f in "${files[@]}"; do
  n=$(basename "$f" .json)
  "$java_home/bin/java" -jar "$jar" run "$f" --duration "$duration" --out "$tmp/$n.jsonl" > /dev/null
  for i in $(seq 1 "$runs"); do
    "$tmp/go-harness" "$f" -scale "$scale" -duration "$duration" > "$tmp/$n.go.$i.json"
  done
  python3 - "$tmp" "$n" "$runs" <<'PY' || status=3
import json, sys
tmp, n, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
names, sites, open_waits, alerts = {}, {}, {}, []
for line in open(f"{tmp}/{n}.jsonl").read().splitlines()[1:]:
    e = json.loads(line)
    k = e["e"]
    if k == "site":
        sites[e["site"]] = e["label"]
    elif k == "spawn":
        names[e["g"]] = e["name"]
    elif k == "request":
        open_waits[(e["g"], e["lock"])] = sites[e["site"]]
    elif k == "acquire":
        open_waits.pop((e["g"], e["lock"]), None)
    elif k == "wait":
        open_waits[(e["g"], None)] = sites[e["site"]]
    elif k == "wake":
        open_waits.pop((e["g"], None), None)
    elif k == "alert" and e["kind"] in ("leak", "deadlock") and e["g"]:
        for g in e["g"][:1] if e["kind"] == "leak" else e["g"]:
            if names[g] not in alerts:
                alerts.append(names[g])
blocked = {names[g]: s for (g, _), s in open_waits.items()}
gos = [json.load(open(f"{tmp}/{n}.go.{i}.json"))["blockedAtEnd"] for i in range(1, runs + 1)]
same = sum(1 for g in gos if g == blocked)
fmt = lambda b: "; ".join(f"{k} at {v}" for k, v in sorted(b.items())) or "none"
print(f"{'SAME' if same == runs else 'DIFF'} {n} ({same}/{runs} runs): Lockscope blocked at the end: {fmt(blocked)}"
      f" [alerts: {', '.join(sorted(alerts)) or 'none'}]")
for i, g in enumerate(gos):
    if g != blocked:
        print(f"    real Go run {i + 1}: {fmt(g)}")
sys.exit(0 if same == runs else 3)
PY
done
exit $status
