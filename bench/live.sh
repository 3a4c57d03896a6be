#!/usr/bin/env bash
# Live capture under load, on loopback: SESSIONS concurrent switchboard sessions (the testkit's
# `load`: real sockets, chat messages alternating between client and server) at increasing message
# rates, each captured and decoded by `msnscope live -i lo --format jsonl`, then by
# `tshark -i lo -f "tcp port 1863" -Y msnms` at the same rate, in the same run. For each rate: the
# packets captured, what the kernel and msnscope's queue dropped, the messages decoded against those
# sent, and msnscope's latency (capture timestamp to decoded: median, 99th percentile, maximum);
# for tshark, what it captured and dropped and how long after the capture ended it was still
# decoding. Then the rate at which drops begin, and the latency at half that rate.
#
# Needs root (capturing on lo), libpcap, tshark, JDK 17 and Maven. Writes bench/out/live.md. The
# measured processes run at nice -10, so other work on a shared machine disturbs them less.
#   bench/live.sh                       # SESSIONS=1000 SECONDS_PER_RATE=5 RATES="2500 5000 ... 160000"
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/out"
work="$here/work"
mkdir -p "$out" "$work"
# shellcheck source=lib.sh
source "$here/lib.sh"

sessions=${SESSIONS:-1000}
seconds=${SECONDS_PER_RATE:-5}
rates=${RATES:-"2500 5000 10000 20000 40000 80000 160000"}
report="$out/live.md"

if [ "$(id -u)" != 0 ]; then
  echo "bench: live capture on lo needs root" >&2
  exit 1
fi
need_tshark_and_time
echo "bench: building" >&2
(cd "$root" && mvn -q -B -ntp -DskipTests -pl cli,testkit -am package)
cli=$root/cli/target/msnscope.jar
kit=$root/testkit/target/msnscope-testkit.jar

# one_rate RATE: msnscope then tshark at RATE messages/s; appends a table row; sets drops
one_rate() {
  local rate=$1 err=$work/live-$1.err events=$work/live-$1.jsonl loadout=$work/load-$1.txt
  nice -n -10 java -jar "$cli" live -i lo --format jsonl > "$events" 2> "$err" &
  local pid=$!
  until grep -q "capturing on lo" "$err" 2>/dev/null; do sleep 0.1; done
  sleep 1 # the warm-up decode finishes
  nice -n -10 java -jar "$kit" load --sessions "$sessions" --rate "$rate" --seconds "$seconds" > "$loadout"
  sleep 2 # the last blocks reach the decoder
  kill -TERM "$pid" # as Ctrl-C: decodes what is queued (or gives up after 10 s, saying how much)
  wait "$pid" || true
  local summary sent achieved decoded
  summary=$(grep "msnscope: captured" "$err")
  sent=$(sed -E 's/.* sessions, ([0-9]+) messages in .*/\1/' "$loadout")
  achieved=$(sed -E 's/.*\(([0-9]+) messages\/s\).*/\1/' "$loadout")
  decoded=$(grep -c '"type":"message"' "$events" || true)
  rm -f "$events"
  local captured kdrop qdrop med p99 max
  captured=$(sed -E 's/.*MSN traffic ([0-9]+) packets.*/\1/' <<<"$summary")
  kdrop=$(sed -E 's/.*dropped by kernel ([0-9]+).*/\1/' <<<"$summary")
  qdrop=$(sed -E 's/.*decoder queue dropped ([0-9]+).*/\1/' <<<"$summary")
  med=$(sed -E 's/.*median ([0-9]+) ms.*/\1/' <<<"$summary")
  p99=$(sed -E 's/.*99% ([0-9]+) ms.*/\1/' <<<"$summary")
  max=$(sed -E 's/.*max ([0-9]+) ms.*/\1/' <<<"$summary")

  # tshark at the same rate: dumpcap writes a temporary file that tshark dissects behind it
  local terr=$work/tshark-$1.err tcount start_end tend
  nice -n -10 tshark -i lo -f "tcp port 1863" -Y msnms -T fields -e frame.number -a "duration:$((seconds + 3))" \
    > "$work/tshark-$1.out" 2> "$terr" &
  local tpid=$!
  until grep -q "Capturing on" "$terr" 2>/dev/null; do sleep 0.1; done
  nice -n -10 java -jar "$kit" load --sessions "$sessions" --rate "$rate" --seconds "$seconds" > /dev/null
  start_end=$(date +%s.%N)
  wait "$tpid" || true
  tend=$(date +%s.%N)
  tcount=$({ grep -Eo '^[0-9]+ packets captured' "$terr" || true; } | awk '{ print $1 + 0 }')
  local tdrop
  tdrop=$({ grep -Eo '[0-9]+ packets? dropped' "$terr" || true; } | awk '{ s += $1 } END { print s + 0 }')
  local tshown
  tshown=$(wc -l < "$work/tshark-$1.out")
  rm -f "$work/tshark-$1.out"
  # tshark stops capturing 3 s after the load began plus its duration; lag is past that stop
  local lag
  lag=$(awk -v a="$start_end" -v b="$tend" 'BEGIN{ l = b - a - 3; printf "%.1f", (l < 0 ? 0 : l) }')

  drops=$((kdrop + qdrop))
  printf '| %s | %s | %s | %s | %s / %s | %s | %s | %s | %s | %s | %s | %s |\n' "$rate" "$achieved" "$captured" \
    "$kdrop" "$decoded" "$sent" "$qdrop" "$med" "$p99" "$max" "$tcount" "$tdrop" "$lag" >> "$report"
  echo "bench: rate $rate: msnscope drops $drops (kernel $kdrop, queue $qdrop), decoded $decoded/$sent, latency $med/$p99/$max ms; tshark captured $tcount, dropped $tdrop, shown $tshown, still decoding ${lag}s after capture" >&2
}

{
  echo "# Live capture under load ($(date -u +%Y-%m-%d))"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo); the load generator, the kernel, msnscope and tshark share them (load average before the run: $(cut -d' ' -f1-3 /proc/loadavg))."
  echo "$sessions concurrent switchboard sessions on lo, $seconds s per rate; messages alternate client and server (one MSG with a 153-byte MIME payload each)."
  echo
  echo "| messages/s asked | sent/s | MSN packets captured | kernel drops | messages decoded / sent | queue drops | latency median ms | 99% ms | max ms | tshark captured | tshark dropped | tshark still decoding after capture, s |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "$report"

onset=""
for r in $rates; do
  one_rate "$r"
  if [ "$drops" -gt 0 ] && [ -z "$onset" ]; then
    onset=$r
    break
  fi
done
{
  echo
  if [ -n "$onset" ]; then
    half=$((onset / 2))
    echo "Drops begin at $onset messages/s. At half that rate:"
    echo
    echo "| messages/s asked | sent/s | MSN packets captured | kernel drops | messages decoded / sent | queue drops | latency median ms | 99% ms | max ms | tshark captured | tshark dropped | tshark still decoding after capture, s |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  else
    echo "No drops up to the highest rate tried."
  fi
} >> "$report"
if [ -n "$onset" ]; then
  one_rate "$half"
fi
cat "$report"
