#!/usr/bin/env bash
# Runs a room scenario on the real Go runtime (tools/go-harness) and, when the Lockscope CLI jar has been built,
# in the simulator too, and prints Add/Broadcast wait p50/p99/max side by side.
#
#   tools/go-harness/compare.sh SCENARIO.json [-scale 1.0]
#
# The jar is core/target/lockscope-cli.jar, built with
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -q -DskipTests package
# Without it (or when its `run ... --json` does not give JSON) only the Go figures are shown.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 SCENARIO.json [-scale 1.0]" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
scenario=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
jar="$root/core/target/lockscope-cli.jar"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "real Go: go run ./tools/go-harness $scenario $*" >&2
(cd "$root" && go run ./tools/go-harness "$scenario" "$@") > "$tmp/go.json"

: > "$tmp/sim.json"
if [ ! -f "$jar" ]; then
  echo "Lockscope: $jar not found, skipping the simulator (build it with mvn -q -DskipTests package)" >&2
elif ! "$java_home/bin/java" -jar "$jar" run "$scenario" --json > "$tmp/sim.json" 2> "$tmp/sim.err"; then
  echo "Lockscope: the CLI failed, skipping the simulator:" >&2
  sed 's/^/  /' "$tmp/sim.err" >&2
  : > "$tmp/sim.json"
fi

python3 - "$tmp/sim.json" "$tmp/go.json" <<'PY'
import json, sys

def load(path, who):
    text = open(path).read()
    if not text.strip():
        return None
    try:
        return json.loads(text)
    except ValueError:
        first = text.strip().splitlines()[0][:80]
        print(f"{who}: output is not JSON (starts with {first!r}), skipping it", file=sys.stderr)
        return None

sim, real = load(sys.argv[1], "Lockscope"), load(sys.argv[2], "real Go")

def get(d, op, stat):
    try:
        return d["ops"][op]["waitMs"][stat]
    except (TypeError, KeyError):
        return None

def fmt(v):
    return "-" if v is None else f"{v:g}"

print(f"scenario: {real['scenario']}")
print(f"{'figure':<22}{'Lockscope':>12}{'real Go':>12}{'diff':>10}")
for op in ("Add", "Broadcast"):
    for stat in ("p50", "p99", "max"):
        s, r = get(sim, op, stat), get(real, op, stat)
        diff = "-" if s is None or r is None else f"{r - s:+.3f}"
        print(f"{op + ' wait ' + stat:<22}{fmt(s):>12}{fmt(r):>12}{diff:>10}")
PY
