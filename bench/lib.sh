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
