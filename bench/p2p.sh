#!/usr/bin/env bash
# Transfer reassembly benchmark: a generated capture whose switchboards carry P2Pv1 file data
# (1-16 MB objects in 1202-byte chunks, the documented switchboard size), decoded with --stats, as
# JSON Lines and by extract (every object written to disk), against tshark's plain read of the same
# file and msnscope's MSNP decode speed on the part-2 capture of the same size, in the same run.
#
#   bench/p2p.sh                       # 1 GB of transfer capture, 64 concurrent switchboards
#   SIZE=200M RUNS=3 bench/p2p.sh
#
# Needs JDK 17, Maven, tshark and GNU time (installed with apt-get when missing, as root).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size=${SIZE:-1G}
flows=${FLOWS:-64}
msnp_flows=${MSNP_FLOWS:-10000}
runs=${RUNS:-1}
cores=${CORES:-}
work=${WORK:-$root/bench/work}
out=$root/bench/out
mkdir -p "$work" "$out"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

need_tshark_and_time

# the part-2 MSNP capture of the same size, for the speed the target is relative to
flows_p2p=$flows
flows=$msnp_flows build_and_generate
msnp_cap=$cap; msnp_bytes=$bytes
flows=$flows_p2p
build_and_generate --p2p true
extract_dir=$work/extract-$$
trap 'rm -rf "$extract_dir"' EXIT

report=$out/p2p-$size-$(date -u +%Y%m%dT%H%M%SZ).md
{
  echo "Capture: $(basename "$cap"), $bytes bytes, $flows concurrent switchboards; part-2 capture: $(basename "$msnp_cap"), $msnp_bytes bytes"
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo); runs: best of $runs"
  echo
  echo "| command | seconds | MB/s | peak RSS MB |"
  echo "|---|---:|---:|---:|"
} > "$report"
p="$(declare -f pin); cores='$cores'; pin"
echo "bench: tshark -q" >&2
read -r s kb < <(measure "$runs" "$p tshark -r '$cap' -q"); row "tshark -r P2P -q" "$s" "$kb" "$bytes"; tq=$s
echo "bench: msnscope --stats (part-2 capture)" >&2
read -r s kb < <(measure "$runs" "$p '$root/msnscope' read --stats '$msnp_cap'"); row "msnscope read --stats MSNP" "$s" "$kb" "$msnp_bytes"; m2=$s
echo "bench: msnscope --stats" >&2
read -r s kb < <(measure "$runs" "$p '$root/msnscope' read --stats '$cap'"); row "msnscope read --stats P2P" "$s" "$kb" "$bytes"; ps=$s
echo "bench: msnscope jsonl" >&2
read -r s kb < <(measure "$runs" "$p '$root/msnscope' read --format jsonl '$cap' > /dev/null"); row "msnscope read --format jsonl P2P > /dev/null" "$s" "$kb" "$bytes"; pj=$s
echo "bench: msnscope extract" >&2
read -r s kb < <(measure "$runs" "rm -rf '$extract_dir'; $p '$root/msnscope' extract '$cap' --out '$extract_dir'"); row "msnscope extract P2P --out DIR" "$s" "$kb" "$bytes"; pe=$s
written=$(du -sb "$extract_dir" | cut -f1)
awk -v tq="$tq" -v m2="$m2" -v ps="$ps" -v pe="$pe" -v b="$bytes" -v b2="$msnp_bytes" -v w="$written" 'BEGIN{
  printf "\nP2P --stats speed / part-2 MSNP --stats speed: %.2f (target >= 0.5); extract / part-2: %.2f; msnscope --stats vs tshark -q: %.2fx; extract wrote %d bytes\n",
    (b/ps)/(b2/m2), (b/pe)/(b2/m2), tq/ps, w }' >> "$report"
cat "$report"
