#!/usr/bin/env bash
# Scale (BENCHMARKS.md): the board against `switchboard sim --extensions
# 10000` in another process: peak RSS (total, and private memory without the
# shared libraries' pages) and the time from start to the first full frame
# (the board logs it). Usage: bench/scale.sh [EXTENSIONS] [BINARY]
# SCALE_LATENCY=50 puts the simulator 50 ms away each way (100 ms a round trip).
set -euo pipefail
COUNT=${1:-10000}
BINARY=${2:-.build/release/switchboard}
MEASURE=${MEASURE_TUI:-../shared/tools/measure_tui.sh}
OUT=${BENCH_OUT:-.build-bench}/scale
mkdir -p "$OUT"
rm -f "$OUT/board.log"
PORT=$((20000 + RANDOM % 20000))
"$BINARY" sim --port "$PORT" --extensions "$COUNT" --seed 3 --latency "${SCALE_LATENCY:-0}" > "$OUT/sim.out" 2>&1 &
SIM=$!
trap 'kill $SIM 2>/dev/null || true' EXIT
for _ in $(seq 300); do grep -q "http://127.0.0.1:$PORT" "$OUT/sim.out" 2>/dev/null && break; sleep 0.1; done
export SWITCHBOARD_PASSWORD=switchboard-demo
"$MEASURE" -w 8 -o "$OUT/board" 10 -- "$BINARY" --server "http://127.0.0.1:$PORT" --user receptionist \
  --log-file "$OUT/board.log" --config /dev/null > "$OUT/board.line"
FIRST=$(grep -o 'first full frame.*' "$OUT/board.log" | head -1)
echo "$COUNT extensions: $(grep -o 'maxRSS [0-9]* KiB' "$OUT/board.line") | $FIRST"
