#!/usr/bin/env bash
# Read + reassemble benchmark: msnscope against cat, libpcap (tcpdump) and tshark on the same
# generated capture, in the same run. Prints a Markdown table and keeps it in bench/out/.
#
#   bench/run.sh                      # 1 GB capture, 10,000 concurrent flows
#   SIZE=100M bench/run.sh            # smaller, e.g. for the memory-vs-size check
#   RUNS=5 CORES=0 bench/run.sh       # 5 runs each (best is kept), pinned to core 0
#
# Needs: JDK 17, Maven; installs tshark, tcpdump and GNU time with apt-get when missing (as root).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size=${SIZE:-1G}
flows=${FLOWS:-10000}
runs=${RUNS:-3}
cores=${CORES:-0}            # taskset CPU list for every tool ("one core"); empty = unpinned
work=${WORK:-$root/bench/work}
out=$root/bench/out
mkdir -p "$work" "$out"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need tshark || ! need tcpdump || [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tshark tcpdump time >/dev/null
  else
    echo "bench: tshark, tcpdump and GNU time are needed (apt-get install tshark tcpdump time)" >&2
    exit 1
  fi
fi

build_and_generate
jar=$root/cli/target/msnscope.jar
packets=$(java -jar "$jar" read --stats --format jsonl --layer tcp "$cap" | sed -n 's/.*"packets":\([0-9]*\).*/\1/p')


declare -a names cmds
names+=("tshark -r FILE -q");                         cmds+=("$(declare -f pin); cores='$cores'; pin tshark -r '$cap' -q")
names+=("cat FILE > /dev/null");                      cmds+=("$(declare -f pin); cores='$cores'; pin cat '$cap'")
names+=("tcpdump -r FILE -w /dev/null (libpcap)");    cmds+=("$(declare -f pin); cores='$cores'; pin tcpdump -r '$cap' -w /dev/null")
names+=("msnscope read --stats --layer tcp FILE");    cmds+=("$(declare -f pin); cores='$cores'; pin '$root/msnscope' read --stats --layer tcp '$cap'")

report=$out/read-tcp-$size-$(date -u +%Y%m%dT%H%M%SZ).md
{
  echo "Capture: $(basename "$cap"), $bytes bytes, $packets packets, $flows concurrent flows; runs: best of $runs; cores: ${cores:-all}"
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo
  echo "| command | seconds | MB/s | packets/s | peak RSS MB | vs tshark -q |"
  echo "|---|---:|---:|---:|---:|---:|"
} > "$report"
tshark_s=""
for i in "${!names[@]}"; do
  echo "bench: ${names[$i]}" >&2
  read -r s kb < <(measure "$runs" "${cmds[$i]}")
  [ "${names[$i]}" = "tshark -r FILE -q" ] && tshark_s=$s
  awk -v n="${names[$i]}" -v s="$s" -v kb="$kb" -v b="$bytes" -v p="$packets" -v ts="$tshark_s" 'BEGIN{
    s2 = (s < 0.005 ? 0.005 : s);
    ratio = (ts == "" ? "" : sprintf("%.2fx", ts / s2));
    printf "| `%s` | %.2f | %.0f | %.0f | %.0f | %s |\n", n, s, b/1e6/s2, p/s2, kb/1024, ratio }' >> "$report"
done
cat "$report"
