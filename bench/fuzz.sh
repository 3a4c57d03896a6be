#!/usr/bin/env bash
# Long coverage-guided fuzzing with Jazzer (docs/robustness.md, "Fuzzing").
#
#   bench/fuzz.sh [TARGET[,TARGET...]|all|list] [SECONDS]     (default: all, 300 seconds per target)
#
# Each target runs alone (Jazzer fuzzes one @FuzzTest per JVM) with JAZZER_FUZZ=1 for SECONDS.
# Its growing corpus is kept in MODULE/.cifuzz-corpus/CLASS/METHOD (not in git); a finding is
# written as crash-* into the target's Inputs directory under src/test/resources, where the
# normal test run (regression mode) replays it from then on: fix the parser, commit the file.
# Prints per target: seconds, executions, exec/s, coverage, corpus files, findings.
# Maven flags come from $MVN_FLAGS (e.g. "-o -Dmaven.repo.local=/tmp/m2"); full logs in $FUZZ_LOGS.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
logs=${FUZZ_LOGS:-$root/target/fuzz-logs}
mkdir -p "$logs"

# name module class method
targets=(
  "readers capture org.msnscope.capture.read.CaptureReaderFuzzTest readCapture"
  "pipeline decoder org.msnscope.decoder.DecoderFuzzTest captureFile"
  "streams decoder org.msnscope.decoder.DecoderFuzzTest tcpStreams"
  "net decoder org.msnscope.decoder.net.PacketDecoderFuzzTest decodePackets"
  "framer decoder org.msnscope.decoder.msnp.frame.MsnpFramerFuzzTest frame"
  "mime decoder org.msnscope.decoder.msnp.mime.MimeFuzzTest mime"
  "blocks decoder org.msnscope.decoder.msnp.mime.MimeFuzzTest headerBlocks"
  "xml decoder org.msnscope.decoder.msnp.mime.MimeFuzzTest xml"
  "msnobject decoder org.msnscope.decoder.msnp.command.MsnObjectFuzzTest parse"
  "p2p decoder org.msnscope.decoder.p2p.P2pFuzzTest switchboard"
  "slp decoder org.msnscope.decoder.p2p.P2pFuzzTest slp"
  "filecontext decoder org.msnscope.decoder.p2p.P2pFuzzTest fileContext"
  "msnftp decoder org.msnscope.decoder.p2p.P2pFuzzTest msnftp"
  "http decoder org.msnscope.decoder.http.HttpParserFuzzTest parse"
)

which=${1:-all}
seconds=${2:-300}
if [ "$which" = list ]; then
  for t in "${targets[@]}"; do echo "$t"; done
  exit 0
fi

run_one() {
  local name=$1 module=$2 class=$3 method=$4
  local simple=${class##*.} pkg=${class%.*}
  local inputs=$root/$module/src/test/resources/${pkg//.//}/${simple}Inputs/$method
  local corpus=$root/$module/.cifuzz-corpus/$class/$method
  local before after log=$logs/$name.log
  before=$({ find "$inputs" -name "crash-*" 2>/dev/null || true; } | wc -l)
  # jazzer.internal.arg.N are libFuzzer's arguments (the first is argv[0]); an explicit
  # -max_total_time wins over @FuzzTest's maxDuration
  # shellcheck disable=SC2086
  (cd "$root" && JAZZER_FUZZ=1 nice mvn -B -ntp ${MVN_FLAGS:-} test -pl "$module" \
      -Dtest="$simple#$method" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$seconds") > "$log" 2>&1 || true
  after=$({ find "$inputs" -name "crash-*" 2>/dev/null || true; } | wc -l)
  local done execs secs cov rate files
  done=$(grep -a '^#[0-9]*[[:space:]]*DONE' "$log" | tail -1 || true)
  execs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  secs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\2/p' "$log" | tail -1)
  if [ -z "$execs" ]; then # stopped by a finding: the last status line
    local last
    last=$(grep -a '^#[0-9]' "$log" | tail -1 || true)
    execs=$(echo "$last" | sed -n 's/^#\([0-9]*\).*/\1/p')
  fi
  cov=$(echo "${done:-$(grep -a '^#[0-9]' "$log" | tail -1 || true)}" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
  rate=$(echo "$done" | sed -n 's/.*exec\/s: \([0-9]*\).*/\1/p')
  if [ -z "$rate" ] && [ -n "$execs" ] && [ -n "$secs" ] && [ "$secs" -gt 0 ]; then rate=$((execs / secs)); fi
  files=$({ find "$corpus" -type f 2>/dev/null || true; } | wc -l)
  printf '%-12s %7s s %12s execs %8s exec/s  cov %6s  corpus %6s  findings %s\n' "$name" "${secs:-?}" \
      "${execs:-?}" "${rate:-?}" "${cov:-?}" "$files" "$((after - before))"
}

# compile once so that the runs only test (FUZZ_NO_BUILD=1 skips it, for a second run in parallel)
# shellcheck disable=SC2086
[ -n "${FUZZ_NO_BUILD:-}" ] || (cd "$root" && nice mvn -B -ntp -q ${MVN_FLAGS:-} install -DskipTests -pl capture,decoder -am >/dev/null \
  && nice mvn -B -ntp -q ${MVN_FLAGS:-} test-compile -pl capture,decoder >/dev/null)
for t in "${targets[@]}"; do
  set -- $t
  if [ "$which" = all ] || [[ ",$which," == *",$1,"* ]]; then
    run_one "$@"
  fi
done
