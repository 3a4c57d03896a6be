#!/usr/bin/env bash
# MSNP decode benchmark: msnscope's full decode (JSON Lines, and --stats without output) against
# tshark's MSN dissector and tshark's plain read, on the same generated MSNP capture, in the same
# run. Prints a Markdown table and keeps it in bench/out/.
#
#   bench/msnp.sh                     # 1 GB capture, 10,000 concurrent sessions
#   SIZE=200M RUNS=3 bench/msnp.sh    # smaller and repeated
#
# tshark's dissector lists only the first text line of each segment and runs at a few MB/s, so it
# is timed once (RUNS does not apply to it). Needs JDK 17, Maven, tshark and GNU time (installed
# with apt-get when missing, as root).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size=${SIZE:-1G}
flows=${FLOWS:-10000}
runs=${RUNS:-1}
cores=${CORES:-}             # taskset CPU list; empty = unpinned
work=${WORK:-$root/bench/work}
out=$root/bench/out
mkdir -p "$work" "$out"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

need_tshark_and_time

build_and_generate
counts=$("$root/msnscope" read --format jsonl "$cap" | sed -n 's/.*"type":"\([a-z_]*\)".*/\1/p' | sort | uniq -c \
  | awk '{printf "%s%s %s", (NR>1?", ":""), $1, $2}')


report=$out/msnp-$size-$(date -u +%Y%m%dT%H%M%SZ).md
{
  echo "Capture: $(basename "$cap"), $bytes bytes, $flows concurrent sessions; msnscope events: $counts"
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo); runs: best of $runs (tshark -Y msnms: 1)"
  echo
  echo "| command | seconds | MB/s | peak RSS MB |"
  echo "|---|---:|---:|---:|"
} > "$report"
p="$(declare -f pin); cores='$cores'; pin"
echo "bench: tshark -q" >&2
read -r s kb < <(measure "$runs" "$p tshark -r '$cap' -q"); row "tshark -r FILE -q" "$s" "$kb" "$bytes"; tq=$s
echo "bench: msnscope --stats" >&2
read -r s kb < <(measure "$runs" "$p '$root/msnscope' read --stats '$cap'"); row "msnscope read --stats FILE" "$s" "$kb" "$bytes"; ms=$s
echo "bench: msnscope jsonl" >&2
read -r s kb < <(measure "$runs" "$p '$root/msnscope' read --format jsonl '$cap' > /dev/null"); row "msnscope read --format jsonl FILE > /dev/null" "$s" "$kb" "$bytes"; mj=$s
echo "bench: tshark -Y msnms (slow)" >&2
read -r s kb < <(measure 1 "$p tshark -r '$cap' -Y msnms -T fields -e frame.number -e _ws.col.Info > /dev/null"); row "tshark -r FILE -Y msnms -T fields -e frame.number -e _ws.col.Info" "$s" "$kb" "$bytes"; tf=$s
awk -v tq="$tq" -v ms="$ms" -v mj="$mj" -v tf="$tf" 'BEGIN{
  printf "\nmsnscope --stats vs tshark -q: %.2fx; msnscope jsonl vs tshark -Y msnms: %.1fx\n", tq/ms, tf/mj }' >> "$report"
cat "$report"
