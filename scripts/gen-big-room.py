#!/usr/bin/env python3
"""Writes core/src/main/resources/scenarios/big-room.json: 500 members m000..m499 at 1 ms.

Run once from the repository root; the output is committed, so the build does not need Python.
"""
import json
import pathlib

scenario = {
    "name": "big-room",
    "kind": "room",
    "seed": 1,
    "durationMs": 120000,
    "lock": "go-rwmutex",
    "strategy": "goroutine-per-send",
    "broadcast": {"periodMs": 10},
    "members": [{"name": f"m{i:03d}", "latencyMs": 1} for i in range(500)],
}
# One member per line keeps the file short and diffable.
text = json.dumps({k: v for k, v in scenario.items() if k != "members"}, indent=2)[:-2]
text += ',\n  "members": [\n'
text += ",\n".join("    " + json.dumps(m) for m in scenario["members"])
text += "\n  ]\n}\n"
json.loads(text)  # sanity check
pathlib.Path("core/src/main/resources/scenarios/big-room.json").write_text(text)
