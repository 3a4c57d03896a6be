#!/usr/bin/env bash
# Resource bounds under pressure (docs/robustness.md): the pressure capture (1,000,000 flows,
# 100,000 half-open switchboard sessions, 100,000 unfinished P2P transfers by default) decoded by
# `read --format jsonl` under -Xmx256m with the launcher's serial collector, for each thread count
# in THREADS. Prints per run: exit code, anomaly counts, wall time, peak RSS and, from the GC log,
# the largest heap left after a full collection (the live set). Keeps a Markdown report in bench/out/.
#
#   bench/pressure.sh                                        # full size, threads 1 and 2
#   FLOWS=200000 SESSIONS=70000 TRANSFERS=3000 bench/pressure.sh
#
# Needs JDK 17, Maven and GNU time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
flows=${FLOWS:-1000000}
sessions=${SESSIONS:-100000}
transfers=${TRANSFERS:-100000}
threads=${THREADS:-1 2}
heap=${HEAP:-256m}
work=${WORK:-$root/bench/work}
out=$root/bench/out
mkdir -p "$work" "$out"

echo "bench: building" >&2
# shellcheck disable=SC2086
(cd "$root" && mvn -q -B -ntp ${MVN_FLAGS:-} -DskipTests -pl cli,testkit -am package)
cap=$work/pressure-$flows-$sessions-$transfers.pcap
if [ ! -f "$cap" ]; then
  echo "bench: generating $cap" >&2
  java -jar "$root/testkit/target/msnscope-testkit.jar" pressure --flows "$flows" --sessions "$sessions" \
    --transfers "$transfers" --out "$cap"
fi

report=$out/pressure-$(date -u +%Y%m%dT%H%M%SZ).md
{
  echo "Capture: $(basename "$cap"), $(stat -c %s "$cap") bytes; -Xmx$heap -XX:+UseSerialGC"
  echo "Machine: $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| threads | exit | flow_table_full | msnp_expectation_limit | p2p_transfer_limit | wall s | peak RSS MB | live heap MB (max after full GC) |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
} > "$report"
for t in $threads; do
  echo "bench: --threads $t" >&2
  gc=$work/pressure-gc-$t.log
  tf=$(mktemp)
  codes=$(mktemp)
  set +e
  /usr/bin/time -o "$tf" -f "%e %M" java -XX:+UseSerialGC -Xmx"$heap" -XX:-HeapDumpOnOutOfMemoryError \
    -Xlog:gc:file="$gc" -jar "$root/cli/target/msnscope.jar" read --format jsonl --threads "$t" "$cap" \
    | grep -o '"code":"[a-z0-9_]*"' | sort | uniq -c > "$codes"
  rc=${PIPESTATUS[0]}
  set -e
  read -r secs rss < "$tf"
  count() { awk -v c="\"code\":\"$1\"" '$2 == c {n = $1} END {print n + 0}' "$codes"; }
  live=$(awk '/Pause Full/ { match($0, /->[0-9]+M/); a = substr($0, RSTART + 2, RLENGTH - 3) + 0; if (a > m) m = a }
    END { print m + 0 }' "$gc")
  echo "| $t | $rc | $(count flow_table_full) | $(count msnp_expectation_limit) | $(count p2p_transfer_limit) | $secs | $((rss / 1024)) | $live |" >> "$report"
  rm -f "$tf" "$codes"
done
cat "$report"
