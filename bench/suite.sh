#!/usr/bin/env bash
# The speed suite (docs/performance.md, "Speed (part 8)"): generates three captures with the testkit
# and runs, side by side in one run, cat, msnscope's read --stats, read --format jsonl, extract,
# read --stats with one and two decoder threads (when read --help lists --threads) and tshark's MSN
# dissector on each. Reports seconds, MB/s, packets/s and peak RSS, the ratios the targets name, and
# whether every msnscope command ran under -Xmx512m without an OutOfMemoryError. Prints a Markdown
# table and keeps it in bench/out/.
#
#   nice -n -10 bench/suite.sh        # 1 GB captures (a), (b), (c); about 20-30 minutes
#   SIZE=4G CAPTURES="a c" bench/suite.sh   # memory independent of size (tshark skipped unless TSHARK=1)
#   RUNS=3 TSHARK=0 bench/suite.sh    # best of 3 runs, without tshark
#
# The captures (kept in bench/work/ for later runs):
#   (a) bulk-SIZE-FLOWS.pcap      MSNP over FLOWS (10,000) concurrent sessions
#   (b) bulk-web-SIZE-FLOWS.pcap  the same sessions, MSNP 5% of the bytes among web traffic (--web-share 0.95)
#   (c) bulk-p2p-SIZE-P2P_FLOWS.pcap  switchboards (64) relaying P2P file data (--p2p true)
# Environment: SIZE (1G), FLOWS (10000), P2P_FLOWS (64), RUNS (1), CAPTURES ("a b c"), TSHARK (1 at
# 1G, else 0), XMX (512m: the heap every msnscope command runs with), CORES (taskset list, empty =
# unpinned), MVN_FLAGS (extra Maven flags for the build, e.g. "-o -Dmaven.repo.local=DIR"), WORK.
# Needs JDK 17 and Maven; installs tshark and GNU time with apt-get when missing (as root).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size=${SIZE:-1G}
flows=${FLOWS:-10000}
p2p_flows=${P2P_FLOWS:-64}
runs=${RUNS:-1}
captures=${CAPTURES:-a b c}
if [ "$size" = 1G ]; then tshark_on=${TSHARK:-1}; else tshark_on=${TSHARK:-0}; fi
xmx=${XMX:-512m}
cores=${CORES:-}
work=${WORK:-$root/bench/work}
out=$root/bench/out
mkdir -p "$work" "$out"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

need_tshark_and_time

echo "bench: building" >&2
# shellcheck disable=SC2086
(cd "$root" && mvn -q -B -ntp ${MVN_FLAGS:-} -DskipTests -pl cli,testkit -am package) >&2
kit=$root/testkit/target/msnscope-testkit.jar
msn=$root/msnscope
threads=0
if "$msn" read --help 2>/dev/null | grep -q -- '--threads'; then threads=1; fi

# capture_file a|b|c: generates the capture once (kept for later runs) and prints its path
capture_file() {
  local f opts
  case $1 in
    a) f=$work/bulk-$size-$flows.pcap; opts=(--flows "$flows") ;;
    b) f=$work/bulk-web-$size-$flows.pcap; opts=(--flows "$flows" --web-share 0.95) ;;
    c) f=$work/bulk-p2p-$size-$p2p_flows.pcap; opts=(--flows "$p2p_flows" --p2p true) ;;
    *) echo "bench: unknown capture '$1' (a, b or c)" >&2; exit 2 ;;
  esac
  if [ ! -f "$f" ]; then
    echo "bench: generating $f" >&2
    java -jar "$kit" bulk --bytes "$size" --seed 1 "${opts[@]}" --out "$f.tmp" >&2
    mv "$f.tmp" "$f"
  fi
  echo "$f"
}

packets_of() {
  if command -v capinfos >/dev/null 2>&1; then
    capinfos -c -M "$1" | awk -F: '/Number of packets/{gsub(/[ ,]/, "", $2); print $2}'
  else
    "$msn" read --stats "$1" | awk '/^packets/{gsub(/,/, "", $2); print $2}'
  fi
}

# timed N BEFORE CMD: best-of-N wall time of CMD (BEFORE runs untimed before each run), that run's
# peak RSS, and a check: "ok", "exit_N" or "OutOfMemoryError". Prints "seconds kilobytes check".
timed() {
  local n=$1 before=$2 cmd=$3 best="" bestrss="" t rss rc check=ok tf ef
  tf=$(mktemp)
  ef=$(mktemp)
  for _ in $(seq "$n"); do
    bash -c "$before"
    rc=0
    /usr/bin/time -o "$tf" -f "%e %M" bash -c "$cmd" >/dev/null 2>"$ef" || rc=$?
    read -r t rss < <(tail -n 1 "$tf")
    if [ "$rc" != 0 ]; then check="exit_$rc"; fi
    if grep -q OutOfMemoryError "$ef"; then check=OutOfMemoryError; fi
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; bestrss=$rss; fi
  done
  rm -f "$tf" "$ef"
  echo "$best $bestrss $check"
}

stamp=$(date -u +%Y%m%dT%H%M%SZ)
report=$out/suite-$size-$stamp.md
results=$(mktemp)   # capture key seconds kilobytes bytes packets check
load_before=$(uptime)
p=""                # one line: the command strings are split on '|' and newlines
if [ -n "$cores" ]; then p="taskset -c $cores"; fi
jopts="export MSNSCOPE_JAVA_OPTS='-Xmx$xmx ${MSNSCOPE_JAVA_OPTS:-}';"
for c in $captures; do
  cap=$(capture_file "$c")
  bytes=$(stat -c %s "$cap")
  pk=$(packets_of "$cap")
  cat "$cap" > /dev/null
  dir=$work/extract-$c
  # key|command as shown|command run|timed runs
  cmds=("cat|cat FILE > /dev/null|cat '$cap' > /dev/null|$runs"
        "stats|msnscope read --stats FILE|$jopts $p '$msn' read --stats '$cap'|$runs")
  if [ "$threads" = 1 ]; then
    cmds+=("t1|msnscope read --stats --threads 1 FILE|$jopts $p '$msn' read --stats --threads 1 '$cap'|$runs"
           "t2|msnscope read --stats --threads 2 FILE|$jopts $p '$msn' read --stats --threads 2 '$cap'|$runs")
  fi
  cmds+=("jsonl|msnscope read --format jsonl FILE > /dev/null|$jopts $p '$msn' read --format jsonl '$cap' > /dev/null|$runs"
         "extract|msnscope extract FILE --out DIR|$jopts $p '$msn' extract '$cap' --out '$dir'|$runs")
  if [ "$tshark_on" = 1 ]; then
    cmds+=("tshark|tshark -r FILE -Y msnms -T fields -e frame.number -e _ws.col.Info > /dev/null|$p tshark -r '$cap' -Y msnms -T fields -e frame.number -e _ws.col.Info > /dev/null|1")
  fi
  for entry in "${cmds[@]}"; do
    IFS='|' read -r key shown cmd n <<< "$entry"
    echo "bench: ($c) $shown" >&2
    read -r s kb check < <(timed "$n" "rm -rf '$dir'" "$cmd")
    case $key in cat|tshark) check=- ;; esac
    echo "$c $key $s $kb $bytes $pk $check $shown" >> "$results"
  done
  rm -rf "$dir"
done
load_after=$(uptime)

{
  echo "Suite $stamp: SIZE=$size, FLOWS=$flows, P2P_FLOWS=$p2p_flows, best of $runs (tshark: 1 run)"
  echo "Machine: $(nproc) cores ($(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -n 1)"
  echo "msnscope heap: -Xmx$xmx; decoder threads option: $([ "$threads" = 1 ] && echo yes || echo "no (read --help has no --threads)")"
  echo "Load before: ${load_before#*load average: }; after: ${load_after#*load average: }"
  echo
  echo "| capture | command | seconds | MB/s | packets/s | peak RSS MB | -Xmx$xmx |"
  echo "|---|---|---:|---:|---:|---:|---|"
  while read -r c key s kb b pk check shown; do
    awk -v c="$c" -v n="$shown" -v s="$s" -v kb="$kb" -v b="$b" -v pk="$pk" -v ck="$check" 'BEGIN{
      s2 = (s < 0.005 ? 0.005 : s);
      printf "| (%s) | `%s` | %.2f | %.1f | %.0f | %.0f | %s |\n", c, n, s, b/1e6/s2, pk/s2, kb/1024, ck }'
  done < "$results"
  echo
  echo "Ratios (the targets in docs/performance.md):"
  echo
  awk '{ t[$1 " " $2] = ($3 < 0.005 ? 0.005 : $3); b[$1] = $5; r[$1 " " $2] = $4 }
    function has(k) { return (k in t) }
    END {
      for (ci = 1; ci <= 3; ci++) {
        c = substr("abc", ci, 1)
        if (has(c " stats") && has(c " cat")) printf "- (%s) read --stats / cat: %.3f (MB/s %.0f vs %.0f)\n", c, t[c " cat"] / t[c " stats"], b[c]/1e6/t[c " stats"], b[c]/1e6/t[c " cat"]
        if (has(c " jsonl") && has(c " tshark")) printf "- (%s) read --format jsonl vs tshark -Y msnms: %.1fx\n", c, t[c " tshark"] / t[c " jsonl"]
        if (has(c " t1") && has(c " t2")) printf "- (%s) 2 threads / 1 thread (read --stats): %.2fx\n", c, t[c " t1"] / t[c " t2"]
      }
      if (has("a stats") && has("b stats")) printf "- (b) MB/s / (a) MB/s (read --stats): %.2f\n", (b["b"]/t["b stats"]) / (b["a"]/t["a stats"])
      max = 0
      for (k in r) if (k !~ / (cat|tshark)$/ && r[k] > max) { max = r[k]; mk = k }
      if (max > 0) printf "- peak RSS of msnscope: %.0f MB at most (%s)\n", max/1024, mk
    }' "$results"
  fails=$(awk '$7 != "ok" && $7 != "-" {print "(" $1 ") " $2 ": " $7}' "$results")
  if [ -z "$fails" ]; then
    echo "- every msnscope command under -Xmx$xmx: exit 0, no OutOfMemoryError"
  else
    echo "- under -Xmx$xmx, FAILED: $fails"
  fi
} > "$report"
rm -f "$results"
cat "$report"
