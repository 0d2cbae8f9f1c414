#!/usr/bin/env bash
# Draws core's package graph from the compiled classes (jdeps) as docs/architecture.svg (Graphviz) and prints the
# edge list. The picture is the transitive reduction (tred): an arrow a -> c is left out when a -> b -> c shows it. Build first: mvn -q -DskipTests compile -pl core. Needs jdeps (JDK 25) and dot (apt-get install graphviz).
set -euo pipefail
cd "$(dirname "$0")/.."
jdk=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
classes=core/target/classes
[ -d "$classes" ] || { echo "no $classes: build first (mvn -q -DskipTests compile -pl core)" >&2; exit 1; }
edges=$("$jdk/bin/jdeps" -verbose:package -filter:none -e 'dev\.lockscope\..*' "$classes" \
    | awk '$1 ~ /^dev\.lockscope\./ && $2 == "->" && $3 ~ /^dev\.lockscope\./ { print $1, $3 }' \
    | sed 's/dev\.lockscope\.//g' | awk '$1 != $2' | sort -u)
echo "$edges"
{
    echo 'digraph core {'
    echo '  rankdir=BT; node [shape=box, style="rounded,filled", fillcolor="#eef3fb", fontname="DejaVu Sans", fontsize=11];'
    echo '  edge [color="#7a8aa0", arrowsize=0.6];'
    echo '  { rank=same; model; util; }'
    echo "$edges" | awk '{ printf "  \"%s\" -> \"%s\";\n", $1, $2 }'
    echo '}'
} > /tmp/lockscope-packages.dot
command -v dot >/dev/null || { echo "no dot: apt-get install graphviz" >&2; exit 1; }
tred /tmp/lockscope-packages.dot | dot -Tsvg -o docs/architecture.svg
echo "wrote docs/architecture.svg" >&2
