#!/usr/bin/env bash
# Microbenchmarks of the hot loops (module jmh): builds jmh/target/benchmarks.jar and runs JMH.
#
#   bench/jmh.sh                      # every benchmark, JMH's table printed and kept in bench/out/
#   bench/jmh.sh MsnpFrame            # only those whose name matches (a JMH regular expression)
#   QUICK=1 bench/jmh.sh              # one short iteration each (a smoke run, figures unreliable)
#   MVN_FLAGS="-o -Dmaven.repo.local=DIR" bench/jmh.sh    # extra Maven flags for the build
#
# The benchmarks generate their inputs with the testkit in memory (captures of 8 to 64 MB, the same
# kinds as bench/suite.sh), so nothing needs to be prepared. Pinned to core 0 unless CORES says otherwise.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cores=${CORES-0}
out=$root/bench/out
mkdir -p "$out"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

echo "bench: building the benchmarks" >&2
# shellcheck disable=SC2086
(cd "$root" && mvn -q -B -ntp ${MVN_FLAGS:-} -DskipTests -pl jmh -am package) >&2
args=()
if [ -n "${QUICK:-}" ]; then
  args=(-wi 1 -i 1 -w 1 -r 1)
fi
report=$out/jmh-$(date -u +%Y%m%dT%H%M%SZ).txt
pin java -jar "$root/jmh/target/benchmarks.jar" "${args[@]}" -rf text -rff "$report" "$@"
echo "bench: results in $report" >&2
cat "$report"
