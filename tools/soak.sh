#!/usr/bin/env bash
# make soak (RELIABILITY.md): the board in tmux at 120x40 against
# `switchboard sim --extensions 1000 --speed 60 --chaos flaky` for
# SOAK_MINUTES (default 5). Every SOAK_SAMPLE seconds: RSS, open file
# descriptors, threads and CPU time of the board. At the end the chaos and
# the traffic stop; the board must still run, show `live`, and every row on
# its screen must agree with a fresh `switchboard status --json`.
# Memory, descriptors and threads must be flat after the first minute.
# Writes .build-soak/report.md; exits 1 when a check fails.
set -euo pipefail
MINUTES=${SOAK_MINUTES:-5}
SAMPLE=${SOAK_SAMPLE:-5}
BINARY=${1:-.build/release/switchboard}
OUT=.build-soak
mkdir -p "$OUT"; rm -f "$OUT"/*.tsv "$OUT"/report.md "$OUT"/board.log "$OUT"/journal.sqlite*
PORT=$((20000 + RANDOM % 20000))
"$BINARY" sim --port "$PORT" --extensions 1000 --speed 60 --chaos flaky --seed 11 > "$OUT/sim.out" 2>&1 &
SIM=$!
SOCK="soak_$$"
cleanup() { tmux -L "$SOCK" kill-server 2>/dev/null || true; kill "$SIM" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 300); do grep -q "http://127.0.0.1:$PORT" "$OUT/sim.out" 2>/dev/null && break; sleep 0.1; done
URL="http://127.0.0.1:$PORT"
tmux -L "$SOCK" -f /dev/null new-session -d -s soak -x 120 -y 40 \
  "env SWITCHBOARD_PASSWORD=switchboard-demo LANG=C.UTF-8 TERM=tmux-256color $BINARY --server $URL --user receptionist --config /dev/null --log-file $OUT/board.log --journal $OUT/journal.sqlite"
PID=""
for _ in $(seq 100); do PID=$(pgrep -f "^$BINARY --server $URL" | head -1 || true); [ -n "$PID" ] && break; sleep 0.1; done
[ -n "$PID" ] || { echo "board did not start"; exit 1; }
HZ=$(getconf CLK_TCK)
echo -e "seconds\trss_kib\tfds\tthreads\tcpu_s" > "$OUT/samples.tsv"
START=$(date +%s)
END=$((START + MINUTES * 60))
while [ "$(date +%s)" -lt "$END" ]; do
  [ -d "/proc/$PID" ] || { echo "board died"; exit 1; }
  rss=$(awk '/^VmRSS/{print $2}' "/proc/$PID/status")
  threads=$(awk '/^Threads/{print $2}' "/proc/$PID/status")
  fds=$(ls "/proc/$PID/fd" | wc -l)
  read -r -a stat < <(sed 's/.*) //' "/proc/$PID/stat")
  cpu=$(echo "scale=2; (${stat[11]} + ${stat[12]}) / $HZ" | bc)
  echo -e "$(( $(date +%s) - START ))\t$rss\t$fds\t$threads\t$cpu" >> "$OUT/samples.tsv"
  sleep "$SAMPLE"
done

# Quiet the system, let the board converge, then compare its screen.
curl -s -X POST "$URL/_sim/chaos?profile=none" > /dev/null
curl -s -X POST "$URL/_sim/traffic?paused=true" > /dev/null
live=no
for _ in $(seq 60); do
  if tmux -L "$SOCK" capture-pane -p -t soak | head -1 | grep -q "● live"; then live=yes; break; fi
  sleep 1
done
sleep 3  # one more long-poll round after the last change
tmux -L "$SOCK" capture-pane -p -t soak > "$OUT/screen.txt"
SWITCHBOARD_PASSWORD=switchboard-demo "$BINARY" status --json --server "$URL" --user receptionist --config /dev/null \
  --log-file "$OUT/status.log" > "$OUT/status.json"
alive=no; [ -d "/proc/$PID" ] && alive=yes
python3 - "$OUT" "$live" "$alive" "$MINUTES" <<'PY'
import json, os, re, sqlite3, statistics, sys
out, live, alive, minutes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
rows = [l.split("\t") for l in open(f"{out}/samples.tsv").read().split("\n")[1:] if l]
samples = [(int(s), int(r), int(f), int(t), float(c)) for s, r, f, t, c in rows]
state = {e["extension"]: e for e in json.load(open(f"{out}/status.json"))["extensions"]}
words = {"available": "available", "dnd": "dnd", "ringing": "ringing"}
def expected(e):
    if e["state"] in words: return words[e["state"]]
    return {"inbound": "inbound", "outbound": "outbound", "internal": "internal", "queue": "queue call"}.get(e["direction"], e["direction"])
mismatches, checked = [], 0
for line in open(f"{out}/screen.txt").read().split("\n")[2:]:
    m = re.match(r"│ (\d+) .*?[●○◌⊘] (available|ringing|inbound|outbound|internal|queue call|dnd)", line)
    if not m: continue
    number, word = m.groups()
    checked += 1
    if number in state and expected(state[number]) != word:
        mismatches.append(f"{number}: screen {word}, service {expected(state[number])}")
warm = [s for s in samples if s[0] >= 60] or samples
first, last = warm[: max(1, len(warm) // 5)], warm[-max(1, len(warm) // 5):]
rss_growth = (statistics.median(r for _, r, _, _, _ in last) - statistics.median(r for _, r, _, _, _ in first)) / 1024
fds = sorted({f for _, _, f, _, _ in warm}); threads = sorted({t for _, _, _, t, _ in warm})
cpu = samples[-1][4] - samples[0][4]
# Bounds: after the first minute the board holds its working set (1,000
# extensions, the directory, libcurl's connection, the allocator's arenas);
# heaptrack puts its whole heap at 6.6 MB at peak, so RSS moving by more than
# 4 MB after that is memory kept, not reused (per-request leaks too small to
# show here are HeapGrowthTests' job). Open files may differ by the one
# connection libcurl is reopening; threads none.
checks = {
    "board still running": alive == "yes",
    "shows live after the faults stop": live == "yes",
    f"screen agrees with the service ({checked} rows)": checked > 0 and not mismatches,
    f"RSS flat after the first minute (growth {rss_growth:+.1f} MB, bound 4 MB)": rss_growth <= 4,
    f"open descriptors flat ({fds[0]}..{fds[-1]}, bound 2)": fds[-1] - fds[0] <= 2,
    f"threads flat ({threads[0]}..{threads[-1]})": threads[-1] == threads[0],
}
with open(f"{out}/report.md", "w") as report:
    report.write(f"# Soak: {minutes} min, 1,000 extensions, --speed 60, --chaos flaky\n\n")
    report.write(f"RSS {samples[0][1]//1024}→{samples[-1][1]//1024} MB (max {max(r for _, r, _, _, _ in samples)//1024}), "
                 f"fds {fds[0]}..{fds[-1]}, threads {threads[0]}..{threads[-1]}, CPU {cpu:.2f} s in {samples[-1][0]} s "
                 f"({cpu / max(1, samples[-1][0]) * 3600:.1f} s/hour), {len(samples)} samples\n\n")
    journal = f"{out}/journal.sqlite"
    size = sum(os.path.getsize(journal + s) for s in ("", "-wal") if os.path.exists(journal + s))
    with sqlite3.connect(f"file:{journal}?mode=ro", uri=True) as db:
        calls = db.execute("SELECT count(*) FROM call").fetchone()[0]
        samples_kept = db.execute("SELECT count(*) FROM queue_sample").fetchone()[0]
    report.write(f"Journal: {size / 1048576:.1f} MB (file + WAL) after the run, {calls} calls, {samples_kept} queue samples\n\n")
    for name, ok in checks.items(): report.write(f"- {'PASS' if ok else 'FAIL'}: {name}\n")
    for m in mismatches[:20]: report.write(f"  - {m}\n")
print(open(f"{out}/report.md").read())
sys.exit(0 if all(checks.values()) else 1)
PY
