#!/usr/bin/env bash
# make bench: every figure of BENCHMARKS.md in one run, the peers beside
# ours on the same bytes. The machine is shared and noisy: each figure is a
# minimum and a median over several runs, and ratios matter more than times.
set -euo pipefail
OUT=${BENCH_OUT:-.build-bench}
RUNS=${BENCH_RUNS:-30}
IDLE_SECONDS=${IDLE_SECONDS:-60}
BENCH=.build/release/switchboard-bench
mkdir -p "$OUT"

# orjson from PyPI into a private virtualenv (nothing installed system-wide).
PYTHON=python3
if ! python3 -c "import orjson" 2>/dev/null; then
  if [ ! -x "$OUT/venv/bin/python" ]; then python3 -m venv "$OUT/venv" && "$OUT/venv/bin/pip" -q install orjson || true; fi
  [ -x "$OUT/venv/bin/python" ] && PYTHON="$OUT/venv/bin/python"
fi

echo "| figure | subject | min | median | note |"
echo "| --- | --- | --- | --- | --- |"
"$BENCH" fixtures --out "$OUT" > /dev/null
for size in 100 1000 10000; do
  file="$OUT/dashui-$size.json"
  runs=$RUNS; [ "$size" = 10000 ] && runs=$((RUNS / 3 > 5 ? RUNS / 3 : 5))
  "$BENCH" decode --file "$file" --runs "$runs" | tail -n +2 | sed "s/dashui-$size.json/$size ext/"
  if command -v node > /dev/null; then
    read -r min median < <(node bench/peers/dashui_node.js "$file" "$runs")
    echo "| decode+fold | Node $(node --version) JSON.parse $size ext | $min ms | $median ms | merge into an object by extension |"
  fi
  read -r min median < <(python3 bench/peers/dashui_python.py json "$file" "$runs")
  echo "| decode+fold | CPython $(python3 -c 'import platform; print(platform.python_version())') json $size ext | $min ms | $median ms | merge into a dict by extension |"
  if "$PYTHON" -c "import orjson" 2>/dev/null; then
    read -r min median < <("$PYTHON" bench/peers/dashui_python.py orjson "$file" "$runs")
    echo "| decode+fold | CPython orjson $("$PYTHON" -c 'import orjson; print(orjson.__version__)') $size ext | $min ms | $median ms | merge into a dict by extension |"
  else
    echo "| decode+fold | CPython orjson $size ext | - | - | orjson not installed (pip install orjson) |"
  fi
done
"$BENCH" render | tail -n +2
"$BENCH" latency --changes "${LATENCY_CHANGES:-300}" | tail -n +2
"$BENCH" clicktocall | tail -n +2
"$BENCH" journal --calls 10000 | tail -n +2
"$BENCH" names | tail -n +2

line=$(bash bench/idle.sh "$IDLE_SECONDS" | head -2)
board=$(echo "$line" | grep -- '--server' || true)
htop=$(echo "$line" | grep '^htop' || true)
field() { echo "$1" | grep -o "$2" | head -1; }
echo "| idle 120x40, 10 calls ticking | switchboard | $(field "$board" '[0-9]* B/min') | $(field "$board" 'schedstat [0-9.]*' | sed 's/schedstat //') CPU-s/min | $(field "$board" 'maxRSS [0-9]* KiB'); targets ≤ 4.5 KB/min, < 1 CPU-s/hour |"
for variant in "grid 150 board" "wallboard 20 wallboard"; do
  set -- $variant
  other=$(IDLE_EXTENSIONS=$2 IDLE_VIEW=$3 IDLE_HTOP=0 bash bench/idle.sh "$IDLE_SECONDS" | grep -- '--server' || true)
  echo "| idle 120x40, 10 calls ticking | switchboard, the $1 ($2 ext) | $(field "$other" '[0-9]* B/min') | $(field "$other" 'schedstat [0-9.]*' | sed 's/schedstat //') CPU-s/min | target ≤ 4.5 KB/min |"
done
if [ -n "$htop" ]; then
  echo "| idle 120x40 | htop | $(field "$htop" '[0-9]* B/min') | $(field "$htop" 'schedstat [0-9.]*' | sed 's/schedstat //') CPU-s/min | $(field "$htop" 'maxRSS [0-9]* KiB') |"
fi
# Requests a minute with traffic (issue 23: within max_requests_per_minute, 120).
for size in ${REQUEST_SIZES:-20 300 1000 10000}; do
  bash bench/requests.sh "$size" "${REQUEST_MINUTES:-4}" | sed 's/^/| requests | /; s/$/ | | | target ≤ 120 a minute from minute 2 |/'
done
REQUEST_SIM_ARGS=--no-traffic bash bench/requests.sh 20 3 | sed 's/^/| requests, idle | /; s/$/ | | | target ≤ 45 in the first 3 minutes |/'
far=$(SCALE_LATENCY=50 bash bench/scale.sh 10000)
echo "| first frame over a link | 10,000 extensions, 100 ms round trip | first full frame $(field "$far" 'ms=[0-9]*' | sed 's/ms=//') ms | | target ≤ 400 ms (3 round trips + 100) |"
scale=$(bash bench/scale.sh 10000)
echo "| scale | 10,000 extensions | $(field "$scale" 'maxRSS [0-9]* KiB') | first full frame $(field "$scale" 'ms=[0-9]*' | sed 's/ms=//') ms | targets < 30 MB, < 300 ms |"
