#!/usr/bin/env bash
# Ringside's ITCH 5.0 reader beside a C++ ITCH parser (github.com/B-Bekele/ITCH-Parser), in interleaved rounds on
# the same bytes: the AAPL hour (shared/data/itch/AAPL_2012-06-21.itch50.gz) decompressed, REPEATS times over.
#
#   latency-tests/itch-peer-bench.sh PEER_CHECKOUT [ROUNDS]      (REPEATS=40 by default; WORK=/tmp/ringside-itch-peer)
#   BASELINE_JAR=OTHER/ringside.jar latency-tests/itch-peer-bench.sh ...   also runs another build's reader each round
#   (a build with io.ringside.latency.jmh.ItchFullPass in it), to measure a change against its parent.
#
# PEER_CHECKOUT is a checkout of the peer, which this project does not carry:
#   git clone https://github.com/B-Bekele/ITCH-Parser /tmp/itch-peer
# It is built here with g++ -O2 (its CMake build fetches GoogleTest and Google Benchmark, which its parser does not
# need). Ringside runs from latency-tests/target/ringside.jar: build it first with
#   mvn -B -o -q -pl latency-tests -am package -DskipTests
#
# Each round runs each once, who goes first moving round by round. The peer parses one file of the hour
# concatenated REPEATS times (ITCH's framing is a 2-byte length per message and no file header, so the copies frame
# correctly) and times itself from its first read to its last message. Ringside reads the hour REPEATS times,
# rewinding the mapped file in between, because it refuses a timestamp before the previous message's and every copy
# after the first starts back at 09:30 (io.ringside.latency.jmh.ItchFullPass: warm-up passes, then one timed pass).
# Both count every message of every type; both files are read once first so both are in the page cache.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEER="${1:?usage: $0 PEER_CHECKOUT [ROUNDS]   (git clone https://github.com/B-Bekele/ITCH-Parser PEER_CHECKOUT)}"
ROUNDS="${2:-5}"
REPEATS="${REPEATS:-40}"
WORK="${WORK:-${TMPDIR:-/tmp}/ringside-itch-peer}"
JAR="$ROOT/latency-tests/target/ringside.jar"

[ -f "$PEER/src/parser.cpp" ] || { echo "$PEER/src/parser.cpp: not a checkout of B-Bekele/ITCH-Parser" >&2; exit 1; }
[ -f "$JAR" ] || { echo "$JAR missing: mvn -B -o -q -pl latency-tests -am package -DskipTests" >&2; exit 1; }
GZ=""
dir="$ROOT"
while [ "$dir" != "/" ]; do
  if [ -f "$dir/shared/data/itch/AAPL_2012-06-21.itch50.gz" ]; then GZ="$dir/shared/data/itch/AAPL_2012-06-21.itch50.gz"; break; fi
  dir="$(dirname "$dir")"
done
[ -n "$GZ" ] || { echo "shared/data/itch/AAPL_2012-06-21.itch50.gz not found above $ROOT" >&2; exit 1; }

mkdir -p "$WORK"
PEER_BIN="$WORK/itch_parser"
echo "building the peer: g++ -O2 -std=c++17 -o $PEER_BIN $PEER/src/main.cpp $PEER/src/parser.cpp" >&2
g++ -O2 -std=c++17 -o "$PEER_BIN" "$PEER/src/main.cpp" "$PEER/src/parser.cpp"

HOUR="$WORK/AAPL_2012-06-21.itch50"             # the date in the name is the reader's trading date
MANY="$WORK/AAPL_2012-06-21.x$REPEATS.itch50"
gzip -dc "$GZ" > "$HOUR"
: > "$MANY"
for ((i = 0; i < REPEATS; i++)); do cat "$HOUR" >> "$MANY"; done
cat "$HOUR" "$MANY" > /dev/null

peer() {
  local out
  out="$("$PEER_BIN" "$MANY")"
  local total rate
  total="$(awk '$1 == "Total" { print $2 }' <<<"$out")"
  rate="$(awk '/messages\/sec/ { print $1 }' <<<"$out")"
  echo "$total $rate"
}

ringside() {
  local out
  out="$(java --add-opens java.base/jdk.internal.misc=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
    --add-opens java.base/java.nio=ALL-UNNAMED -XX:+UseG1GC -Xms512m -Xmx1g \
    -cp "$1" io.ringside.latency.jmh.ItchFullPass "$HOUR" "$REPEATS")"
  sed -E 's/.*messages=([0-9]+) .*msgs_per_s=([0-9]+) bytes_per_msg=([0-9.]+).*/\1 \2 \3/' <<<"$out"
}

# One run of runner $1: sets COUNT, RATE and ALLOC (bytes per message; - for the peer).
run() {
  local v
  case "$1" in
    peer) v=($(peer)); COUNT="${v[0]}"; RATE="${v[1]}"; ALLOC=- ;;
    ringside) v=($(ringside "$JAR")); COUNT="${v[0]}"; RATE="${v[1]}"; ALLOC="${v[2]}" ;;
    baseline) v=($(ringside "$BASELINE_JAR")); COUNT="${v[0]}"; RATE="${v[1]}"; ALLOC="${v[2]}" ;;
  esac
}

RUNNERS=(peer ringside)
[ -n "${BASELINE_JAR:-}" ] && RUNNERS+=(baseline)
declare -A RATES
printf '%-6s %-9s' round first
for name in "${RUNNERS[@]}"; do printf ' %14s' "$name"; done
printf ' %12s\n' ringside_B/msg
for ((r = 1; r <= ROUNDS; r++)); do
  declare -A rate=()
  n=${#RUNNERS[@]}
  for ((k = 0; k < n; k++)); do
    name="${RUNNERS[$(((r - 1 + k) % n))]}"   # who goes first moves round by round
    run "$name"
    if [ "$COUNT" != "$((92083 * REPEATS))" ]; then
      echo "round $r: $name counted $COUNT messages, not $((92083 * REPEATS))" >&2; exit 1
    fi
    rate[$name]="$RATE"
    RATES[$name]="${RATES[$name]:-} $RATE"
    [ "$name" = ringside ] && alloc="$ALLOC"
  done
  printf '%-6s %-9s' "$r" "${RUNNERS[$(((r - 1) % n))]}"
  for name in "${RUNNERS[@]}"; do printf ' %14.0f' "${rate[$name]}"; done
  printf ' %12s\n' "$alloc"
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf 'messages per run: %s (the hour, 92,083 messages, x %s); msgs/s, medians:' "$((92083 * REPEATS))" "$REPEATS"
declare -A MEDIAN
for name in "${RUNNERS[@]}"; do
  MEDIAN[$name]="$(median ${RATES[$name]})"
  printf ' %s %.0f' "$name" "${MEDIAN[$name]}"
done
printf '\nratio of medians, ringside/peer: %.2f' "$(awk -v a="${MEDIAN[ringside]}" -v b="${MEDIAN[peer]}" 'BEGIN { print a / b }')"
[ -n "${BASELINE_JAR:-}" ] && printf '; ringside/baseline: %.2f' \
  "$(awk -v a="${MEDIAN[ringside]}" -v b="${MEDIAN[baseline]}" 'BEGIN { print a / b }')"
printf '\n'
