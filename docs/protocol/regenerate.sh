#!/usr/bin/env bash
# Rewrites the inventories in docs/protocol/ from the samples with `msnscope grammar`: one Markdown and
# one JSON inventory per sample, both for all samples decoded together, and one diff. GrammarSamplesTest checks
# that the files are what the command prints; run this (or the test with MSNSCOPE_UPDATE_BASELINES=1)
# after a change that alters them, and review the diff.
set -euo pipefail
export LC_ALL=C # the samples in byte order, as the test lists them
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
out=docs/protocol
captures=()
for dir in samples/*/; do
  [ -f "${dir}scenario.scn" ] || continue
  name=$(basename "$dir")
  capture=$(ls "${dir}"capture.*)
  captures+=("$capture")
  ./msnscope grammar --format md --out "$out/$name.md" "$capture"
  ./msnscope grammar --format json --out "$out/$name.json" "$capture"
done
./msnscope grammar --format md --out "$out/all-samples.md" "${captures[@]}"
./msnscope grammar --format json --out "$out/all-samples.json" "${captures[@]}"
# the worked example of --diff: MSNP8's Passport login against MSNP15's SSO, ADL and GCF
./msnscope grammar --diff --out "$out/diff-msnp8-msnp15.md" samples/msnp8-login/capture.pcap samples/msnp15-sso-gcf/capture.pcap
echo "wrote $(( ${#captures[@]} * 2 + 2 )) inventories and one diff in $out"
