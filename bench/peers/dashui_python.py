"""Peer for `make bench`: CPython's json (and orjson when installed) on a
dashui answer, every extension merged into a dict keyed by its number.
Usage: python3 dashui_python.py json|orjson FILE [RUNS] -> "min_ms median_ms"
"""
import statistics
import sys
import time

parser, path = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 30
if parser == "orjson":
    import orjson
    loads = orjson.loads
else:
    import json
    loads = json.loads

with open(path, "rb") as handle:
    data = handle.read()
# json.loads takes the text as Python gets it from a socket: bytes, decoded.
payload = data if parser == "orjson" else data.decode("utf-8")


def once():
    state = {}
    answer = loads(payload)
    extensions = answer.get("extensions") or []
    if isinstance(extensions, dict):
        extensions = [extensions]
    for ext in extensions:
        previous = state.get(ext["extension"])
        if previous is None:
            state[ext["extension"]] = ext
        else:
            previous.update(ext)
    return len(state)


for _ in range(2):
    once()
samples = []
for _ in range(runs):
    start = time.perf_counter_ns()
    once()
    samples.append((time.perf_counter_ns() - start) / 1e6)
print(f"{min(samples):.3f} {statistics.median(samples):.3f}")
