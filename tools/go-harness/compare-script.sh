#!/usr/bin/env bash
# Runs a script scenario in the Lockscope simulator and N times on the real Go runtime (tools/go-harness), and
# prints every compared figure side by side: per operation (Lockscope's summary: wait count/p50/max/mean, hold
# count/max/mean, waiting/holding at the end), per site (waits: count, total, max, open at the end), each
# goroutine's exit time or the site it is blocked at, and the goroutine counts. Lockscope's per-site figures,
# exits and blocked goroutines are read from the trace of the same run (`run --out`).
#
#   tools/go-harness/compare-script.sh SCENARIO.json [-runs 3] [-scale 1.0] [-duration MS]
#
# -duration runs both sides for MS scenario ms instead of the file's durationMs (lockscope run --duration).
#
# A Go run is "beyond" on a figure in milliseconds when it differs from Lockscope by more than 3 % + 5 ms, on a
# count, exit state or blocked site when it differs at all; the "beyond" column counts such runs. The verdict
# (exit status 3 = FAIL) takes the median of the runs for figures in milliseconds, since a single run can be
# stalled by a loaded machine (each run reports how late its sleeps and starts came: maxLateMs), and every run
# for counts and states. Exit status: 0 OK, 3 FAIL, 2 bad usage, 1 a side failed. Needs core/target/lockscope-cli.jar (mvn -o -q -B package -pl core -DskipTests) and
# $JAVA_HOME/bin/java (default /usr/lib/jvm/temurin-25-jdk-amd64).
set -euo pipefail

usage() { echo "usage: $0 SCENARIO.json [-runs 3] [-scale 1.0] [-duration MS]" >&2; exit 2; }
[ $# -ge 1 ] || usage
root=$(cd "$(dirname "$0")/../.." && pwd)
scenario=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
runs=3
scale=1
duration=
while [ $# -gt 0 ]; do
  case "$1" in
    -runs) [ $# -ge 2 ] || usage; runs=$2; shift 2 ;;
    -scale) [ $# -ge 2 ] || usage; scale=$2; shift 2 ;;
    -duration) [ $# -ge 2 ] || usage; duration=$2; shift 2 ;;
    *) usage ;;
  esac
done
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
jar="$root/core/target/lockscope-cli.jar"
if [ ! -f "$jar" ]; then
  echo "Lockscope: $jar not found (build it with mvn -o -q -B package -pl core -DskipTests)" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$java_home/bin/java" -jar "$jar" run "$scenario" --json --out "$tmp/sim.jsonl" ${duration:+--duration "$duration"} > "$tmp/sim.json"
(cd "$root" && GOPROXY=off go build -o "$tmp/go-harness" ./tools/go-harness)
for i in $(seq 1 "$runs"); do
  "$tmp/go-harness" "$scenario" -scale "$scale" ${duration:+-duration "$duration"} > "$tmp/go.$i.json"
done
echo "real Go: go-harness $(basename "$scenario") -scale $scale${duration:+ -duration $duration}, $runs runs; $(go version | cut -d' ' -f3-4), $(nproc) CPUs" >&2

python3 - "$tmp" "$runs" <<'PY'
import json, sys

tmp, runs = sys.argv[1], int(sys.argv[2])
sim = json.load(open(f"{tmp}/sim.json"))
gos = [json.load(open(f"{tmp}/go.{i}.json")) for i in range(1, runs + 1)]

alerts = {}  # kind -> goroutine names the alert is about (its first goroutine), in trace order
panics = []  # "NAME: message"

def trace_figures(path):
    """Per-site waits, exits and blocked goroutines from a Lockscope trace (docs/trace-format.md)."""
    sites, names, exits = {}, {}, {}
    open_waits = {}  # (g, lock or None) -> (site label, start ns)
    end = None
    lines = open(path).read().splitlines()
    for line in lines[1:]:
        e = json.loads(line)
        kind, t = e["e"], e["t"]
        if kind == "site":
            sites[e["site"]] = e["label"]
        elif kind == "spawn":
            names[e["g"]] = e["name"]
            exits.setdefault(e["name"], None)
        elif kind == "exit":
            exits[names[e["g"]]] = t / 1e6
        elif kind == "request":
            open_waits[(e["g"], e["lock"])] = (sites[e["site"]], t)
        elif kind == "acquire":
            close_wait(open_waits.pop((e["g"], e["lock"]), None), t)
        elif kind == "wait":
            open_waits[(e["g"], None)] = (sites[e["site"]], t)
        elif kind == "wake":
            close_wait(open_waits.pop((e["g"], None), None), t)
        elif kind == "alert" and e["kind"] in ("leak", "deadlock", "global-deadlock") and e["g"]:
            # a leak is about its first goroutine (the others could have completed its wait); a deadlock's
            # goroutines are the cycle's
            for g in e["g"][:1] if e["kind"] == "leak" else e["g"]:
                if names[g] not in alerts.setdefault(e["kind"], []):
                    alerts[e["kind"]].append(names[g])
        elif kind == "panic":
            panics.append(f"{names[e['g']]}: {e['text']}")
        elif kind == "end":
            end = t
    blocked = {}
    for (g, _), (label, start) in open_waits.items():
        per_site.setdefault(label, {"count": 0, "totalMs": 0, "maxMs": 0, "waitingAtEnd": 0})["waitingAtEnd"] += 1
        blocked[names[g]] = label
    return exits, blocked

per_site = {}
def close_wait(w, t):
    if w is None:
        return
    label, start = w
    s = per_site.setdefault(label, {"count": 0, "totalMs": 0, "maxMs": 0, "waitingAtEnd": 0})
    d = (t - start) / 1e6
    s["count"] += 1
    s["totalMs"] = round(s["totalMs"] + d, 6)
    s["maxMs"] = max(s["maxMs"], d)

exits, blocked = trace_figures(f"{tmp}/sim.jsonl")

rows = []  # (figure, kind, lockscope value, [go values])
def row(name, kind, s, gs):
    rows.append((name, kind, s, gs))

def dig(d, *keys):
    for k in keys:
        if d is None or k not in d:
            return None
        d = d[k]
    return d

ops = sorted(set(sim["ops"]) | {op for g in gos for op in g["ops"]})
for op in ops:
    for part, stats in (("waitMs", ("count", "p50", "max", "mean")), ("holdMs", ("count", "max", "mean"))):
        for st in stats:
            kind = "count" if st == "count" else "ms"
            row(f"{op} {part[:4]} {st}", kind, dig(sim, "ops", op, part, st), [dig(g, "ops", op, part, st) for g in gos])
    for st in ("waitingAtEnd", "holdingAtEnd"):
        row(f"{op} {st}", "count", dig(sim, "ops", op, st), [dig(g, "ops", op, st) for g in gos])
for label in sorted(set(per_site) | {l for g in gos for l in g["sites"]}):
    for st, kind in (("count", "count"), ("totalMs", "ms"), ("maxMs", "ms"), ("waitingAtEnd", "count")):
        row(f"site {label}: {st}", kind, dig(per_site, label, st), [dig(g, "sites", label, st) for g in gos])
for name in sorted(set(exits) | {n for g in gos for n in g["exitMs"]}):
    row(f"{name} exit (ms)", "ms-or-null", exits.get(name), [g["exitMs"].get(name) for g in gos])
    row(f"{name} blocked at end", "same", blocked.get(name), [g["blockedAtEnd"].get(name) for g in gos])
for st in ("max", "total"):
    row(f"goroutines {st}", "count", sim["goroutines"][st], [g["goroutines"][st] for g in gos])

def beyond(kind, s, v):
    if kind == "ms" or (kind == "ms-or-null" and s is not None and v is not None):
        if s is None or v is None:
            return s != v
        return abs(v - s) > 0.03 * abs(s) + 5
    return s != v

def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.3f}".rstrip("0").rstrip(".")
    return str(v)

def spread(vs):
    """min / median / max of numbers; the distinct values otherwise (exit states, blocked sites)."""
    if all(isinstance(v, (int, float)) for v in vs):
        s = sorted(vs)
        return [fmt(s[0]), fmt(s[(len(s) - 1) // 2]), fmt(s[-1])]
    distinct = sorted({fmt(v) for v in vs})
    return [", ".join(distinct), "", ""]

print(f"scenario: {sim['scenario']}  ({runs} Go runs; beyond: |Go - Lockscope| > 3 % + 5 ms for ms, any difference otherwise)")
width = max(len(r[0]) for r in rows) + 2
print(f"{'figure':<{width}}{'Lockscope':>12}{'Go min':>10}{'Go median':>11}{'Go max':>10}{'beyond':>9}")
failed = []         # figures whose Go median is beyond (ms), or that differ in any run (counts, states)
runs_beyond = set()  # runs with some figure beyond
for name, kind, s, gs in rows:
    hits = [i for i, v in enumerate(gs) if beyond(kind, s, v)]
    runs_beyond.update(hits)
    lo, mid, hi = spread(gs)
    numeric = kind in ("ms", "ms-or-null") and all(isinstance(v, (int, float)) for v in gs + [s])
    median = sorted(gs)[(len(gs) - 1) // 2] if numeric else None
    if (numeric and beyond(kind, s, median)) or (not numeric and hits):
        failed.append(name)
    mark = f"{len(hits)}/{runs}" if hits else ""
    if kind == "same":
        print(f"{name:<{width}}Lockscope: {fmt(s)}; Go: {lo}  {mark}")
    else:
        print(f"{name:<{width}}{fmt(s):>12}{lo:>10}{mid:>11}{hi:>10}{mark:>9}")
# Leaks side by side: what Lockscope's detectors call blocked forever (leak, deadlock), and which goroutines
# real Go still had blocked when durationMs ended, with what they block on.
said = ", ".join(f"{k}: {', '.join(v)}" for k, v in sorted(alerts.items())) or "none"
print(f"Lockscope leak/deadlock alerts (the goroutines each is about): {said}")
print(f"Lockscope blocked at the end: {', '.join(f'{n} at {blocked[n]}' for n in sorted(blocked)) or 'none'}")
outcomes = {}  # what a run had blocked at the end -> the runs that had it
for i, g in enumerate(gos):
    ends = ", ".join(f"{n} ({g.get('blockedOn', {}).get(n, '?')}) at {g['blockedAtEnd'][n]}" for n in sorted(g["blockedAtEnd"]))
    outcomes.setdefault(ends or "none", []).append(str(i + 1))
for ends, which in outcomes.items():
    print(f"real Go, {len(which)}/{runs} runs ({', '.join(which)}), still blocked at the end: {ends}")
flagged = sorted({n for v in alerts.values() for n in v})
same = sum(1 for g in gos if sorted(g["blockedAtEnd"]) == sorted(blocked))
print(f"leaks: Lockscope blocked at the end {sorted(blocked)}, of which alerted {flagged}; "
      f"real Go blocked at the end the same goroutines in {same}/{runs} runs")
if panics:
    print(f"Lockscope panics: {'; '.join(panics)}")
late = [g["maxLateMs"] for g in gos]
ls = sorted(late)
print(f"{'Go: most a sleep or start was late':<{width}}{'':>12}{fmt(ls[0]):>10}{fmt(ls[(len(ls) - 1) // 2]):>11}{fmt(ls[-1]):>10}")
for g in gos:
    for p in g["panics"]:
        print(f"real Go panic: {p}")
if runs_beyond:
    lates = ", ".join(fmt(late[i]) for i in sorted(runs_beyond))
    print(f"runs with a figure beyond: {len(runs_beyond)}/{runs}; in them a sleep or start was late by {lates} ms")
else:
    print(f"every figure of every run within 3 % + 5 ms (counts equal)")
if failed:
    print(f"FAIL: {len(failed)} figure(s) beyond in the median, or a count or state that differs: " + "; ".join(failed))
else:
    print("OK: every median within 3 % + 5 ms of Lockscope, every count and state equal in every run")
sys.exit(3 if failed else 0)
PY
