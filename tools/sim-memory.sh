#!/usr/bin/env bash
# Runs `switchboard sim` under load for a while and samples its memory, to
# show it stays flat: a long-poll client, history and directory queries.
# Usage: tools/sim-memory.sh [MINUTES] [BINARY] -- prints a TSV of samples.
set -euo pipefail
minutes=${1:-60}
binary=${2:-.build/release/switchboard}
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

"$binary" sim --port "$port" --extensions 1000 --speed 10 > "$work/sim.out" 2>&1 &
sim=$!
for _ in $(seq 50); do curl -s -o /dev/null "$base/_sim/state" && break; sleep 0.2; done

# A board's worth of traffic: log in, first request, then long polls; now and
# then the directory and a history page.
(
  while kill -0 "$sim" 2>/dev/null; do
    jar="$work/jar"; rm -f "$jar"
    curl -s -c "$jar" -b "$jar" -H 'login: receptionist' -H 'password: switchboard-demo' "$base/appserver/rest/user/null" > /dev/null
    curl -s -c "$jar" -b "$jar" "$base/presence/dashui?firstRequest=true" > /dev/null
    for _ in $(seq 100); do
      curl -s -c "$jar" -b "$jar" -m 45 "$base/presence/dashui" > /dev/null || true
      curl -s -c "$jar" -b "$jar" "$base/presence/rest/directory" > /dev/null
      curl -s -c "$jar" -b "$jar" "$base/presence/rest/callhistory/1001" > /dev/null
    done
  done
) &

printf 'minute\trss_kb\tthreads\tfds\n'
for minute in $(seq 0 "$minutes"); do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$sim/status")
  threads=$(awk '/Threads/ {print $2}' "/proc/$sim/status")
  fds=$(ls "/proc/$sim/fd" | wc -l)
  printf '%s\t%s\t%s\t%s\n' "$minute" "$rss" "$threads" "$fds"
  [ "$minute" -lt "$minutes" ] && sleep 60
done
