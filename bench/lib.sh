# Shared by the benchmark scripts (sourced): pinning and best-of-N timing.

# Runs a command on the CPUs in $cores (taskset), or unpinned when $cores is empty.
pin() { if [ -n "${cores:-}" ]; then taskset -c "$cores" "$@"; else "$@"; fi; }

# measure N COMMAND: best-of-N wall time and that run's peak RSS, printed as "seconds kilobytes".
measure() {
  local n=$1 best="" bestrss="" t rss tf
  tf=$(mktemp)
  for _ in $(seq "$n"); do
    /usr/bin/time -o "$tf" -f "%e %M" bash -c "$2" >/dev/null 2>&1
    read -r t rss < "$tf"
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; bestrss=$rss; fi
  done
  rm -f "$tf"
  echo "$best $bestrss"
}

# build_and_generate [EXTRA BULK OPTIONS]: builds the jars (extra Maven flags in $MVN_FLAGS) and generates $work/bulk-$size-$flows.pcap
# (bulk-p2p-... with --p2p true) once, kept for later runs; sets cap and bytes, and reads the file
# once so it is in the page cache.
build_and_generate() {
  echo "bench: building" >&2
  # shellcheck disable=SC2086
  (cd "$root" && mvn -q -B -ntp ${MVN_FLAGS:-} -DskipTests -pl cli,testkit -am package)
  local kit=$root/testkit/target/msnscope-testkit.jar
  local tag=bulk
  if [ "$*" = "--p2p true" ]; then tag=bulk-p2p; fi
  cap=$work/$tag-$size-$flows.pcap
  if [ ! -f "$cap" ]; then
    echo "bench: generating $cap" >&2
    java -jar "$kit" bulk --bytes "$size" --flows "$flows" --seed 1 "$@" --out "$cap"
  fi
  bytes=$(stat -c %s "$cap")
  cat "$cap" > /dev/null
}

# need_tshark_and_time: installs tshark and GNU time with apt-get when missing (as root), else stops.
need_tshark_and_time() {
  if ! command -v tshark >/dev/null 2>&1 || [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tshark time >/dev/null
    else
      echo "bench: tshark and GNU time are needed (apt-get install tshark time)" >&2
      exit 1
    fi
  fi
}

# row NAME SECONDS KILOBYTES BYTES: one Markdown table row (throughput over BYTES) appended to $report.
row() {
  awk -v n="$1" -v s="$2" -v kb="$3" -v b="$4" 'BEGIN{ s2 = (s < 0.005 ? 0.005 : s);
    printf "| `%s` | %.2f | %.1f | %.0f |\n", n, s, b/1e6/s2, kb/1024 }' >> "$report"
}
