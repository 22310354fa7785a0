#!/usr/bin/env bash
# Idle cost in a real terminal (BENCHMARKS.md): the board at 120x40 against
# `switchboard sim` in another process with 10 calls up and no other change,
# measured by ../shared/tools/measure_tui.sh (script -q -f around it), then
# htop the same way. Prints one line per program: bytes/min, CPU s/min, RSS.
# Usage: bench/idle.sh [SECONDS] [BINARY]
# IDLE_EXTENSIONS (default 20) and IDLE_VIEW (board or wallboard) choose the
# list, the wall grid (150 extensions: compact tiles at 120x40) or the
# wallboard; IDLE_HTOP=0 skips htop.
set -euo pipefail
SECONDS_TO_RUN=${1:-60}
BINARY=${2:-.build/release/switchboard}
MEASURE=${MEASURE_TUI:-../shared/tools/measure_tui.sh}
OUT=${BENCH_OUT:-.build-bench}/idle
mkdir -p "$OUT"
PORT=$((20000 + RANDOM % 20000))
"$BINARY" sim --port "$PORT" --no-traffic --poll-block 30 --extensions "${IDLE_EXTENSIONS:-20}" > "$OUT/sim.out" 2>&1 &
SIM=$!
trap 'kill $SIM 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "http://127.0.0.1:$PORT" "$OUT/sim.out" 2>/dev/null && break; sleep 0.1; done
for ext in 201 202 203 204 205 206 207 208 209 210; do
  curl -s -X POST "http://127.0.0.1:$PORT/_sim/calls?extension=$ext&from=1555000$ext&state=connected" > /dev/null
done
export SWITCHBOARD_PASSWORD=switchboard-demo
"$MEASURE" -o "$OUT/board" "$SECONDS_TO_RUN" -- "$BINARY" --server "http://127.0.0.1:$PORT" --user receptionist \
  --log-file "$OUT/board.log" --config /dev/null --view "${IDLE_VIEW:-board}" > "$OUT/board.line"
rm -f "$OUT/htop.line"
if [ "${IDLE_HTOP:-1}" = 1 ] && command -v htop > /dev/null; then
  "$MEASURE" -o "$OUT/htop" "$SECONDS_TO_RUN" -- htop > "$OUT/htop.line"
fi
cat "$OUT"/*.line
