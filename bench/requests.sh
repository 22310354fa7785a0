#!/usr/bin/env bash
# Requests a minute (BENCHMARKS.md, issue 23): the release board in tmux
# (160x50, the journal on, a fresh home) against `switchboard sim
# --extensions N` with its own traffic at speed 1; the simulator logs each
# request (--verbose) and each minute's are counted by kind.
# Usage: bench/requests.sh [EXTENSIONS] [MINUTES] [BINARY]
# REQUEST_SIM_ARGS=--no-traffic measures an idle account; REQUEST_HOME=DIR
# keeps the board's home (its journal) there, for a second start;
# REQUEST_CONFIG=FILE runs the board with that config (backfill_minutes = 1
# shows the periodic history reads within a few minutes).
set -euo pipefail
COUNT=${1:-300}
MINUTES=${2:-4}
BINARY=${3:-.build/release/switchboard}
OUT=${BENCH_OUT:-.build-bench}/requests-$COUNT
rm -rf "$OUT" && mkdir -p "$OUT"
HOME_DIR=${REQUEST_HOME:-$OUT/home}
mkdir -p "$HOME_DIR"
PORT=$((20000 + RANDOM % 20000))
SOCKET=bench-requests-$PORT
# shellcheck disable=SC2086
"$BINARY" sim --port "$PORT" --extensions "$COUNT" --seed 7 --speed 1 --verbose ${REQUEST_SIM_ARGS:-} > "$OUT/sim.log" 2>&1 &
SIM=$!
trap 'tmux -L "$SOCKET" kill-server 2>/dev/null || true; kill $SIM 2>/dev/null || true' EXIT
for _ in $(seq 300); do grep -q "http://127.0.0.1:$PORT" "$OUT/sim.log" 2>/dev/null && break; sleep 0.1; done
tmux -L "$SOCKET" new-session -d -s board -x 160 -y 50 \
  "HOME=$HOME_DIR XDG_STATE_HOME=$HOME_DIR XDG_DATA_HOME=$HOME_DIR SWITCHBOARD_PASSWORD=switchboard-demo $BINARY --server http://127.0.0.1:$PORT --user receptionist --config ${REQUEST_CONFIG:-/dev/null} --log-file $OUT/board.log"
start=$(date +%s)
seen=0
for minute in $(seq "$MINUTES"); do
  sleep $((start + minute * 60 - $(date +%s)))
  grep -- " -> " "$OUT/sim.log" | grep -v "/_sim/" > "$OUT/all.log" || true
  tail -n +$((seen + 1)) "$OUT/all.log" > "$OUT/minute.log"
  seen=$(wc -l < "$OUT/all.log")
  count() { grep -c -- "$1" "$OUT/minute.log" || true; }
  echo "$COUNT ext, minute $minute: $(wc -l < "$OUT/minute.log") requests (dashui $(count /presence/dashui), queue $(count /rest/queue/), conference $(count /rest/conference/), directory $(count /rest/directory), history $(count history), login $(count /appserver/))"
done
BOARD=$(pgrep -f "switchboard --server http://127.0.0.1:$PORT" | tail -1 || true)
[ -n "$BOARD" ] && echo "$COUNT ext, board RSS $(( $(ps -o rss= -p "$BOARD") / 1024 )) MB after $MINUTES min"
