#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# libFuzzer runs of the two fuzz targets (tests/fuzz/): fuzz-core (random
# configurations and planes, every fast path against the reference) and
# fuzz-element (random property strings, caps and frames in a GstHarness),
# built with clang, ASan and UBSan into ./build-fuzz.
#
# Usage: bash scripts/fuzz.sh [SECONDS per target, default 30] [TARGET...]
#   .ci/run:          bash scripts/fuzz.sh 30
#   a long local run: bash scripts/fuzz.sh 1800
# New inputs go to a temporary folder; the committed corpus
# (tests/fuzz/corpus/TARGET) is read, never written. A finding stops the run
# with a non-zero status and is kept in fuzz-findings/: add it to the corpus
# as finding-NAME with the fix (the tests fuzz-TARGET-corpus replay it).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/apt-missing.sh

seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(core element)
builddir=build-fuzz

bash scripts/install-deps.sh
install_missing fuzz -- clang libclang-rt-14-dev

if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
ninja -C "$builddir" $(printf 'tests/fuzz/fuzz-%s ' "${targets[@]}") >/dev/null

work=$(mktemp -d "${TMPDIR:-/tmp}/vc-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p fuzz-findings
status=0
for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  log="$work/$t.log"
  # GStreamer keeps global state until exit: no leak report at exit for the
  # element (the test suite's ASan run checks the element's leaks).
  leaks=1
  [ "$t" = element ] && leaks=0
  set +e
  ASAN_OPTIONS="detect_leaks=$leaks:abort_on_error=1" \
  UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
    "$builddir/tests/fuzz/fuzz-$t" -max_total_time="$seconds" \
    -print_final_stats=1 -detect_leaks=$leaks -artifact_prefix="fuzz-findings/$t-" \
    "$work/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  corpus=$(ls "$work/$t" | wc -l)
  if [ $rc -ne 0 ]; then
    status=1
    echo "fuzz-$t: FINDING after ${execs:-?} executions (exit $rc):"
    grep -E "ERROR|runtime error|SUMMARY|^fuzz-|Test unit written" "$log" | head -20
  else
    echo "fuzz-$t: ${execs:-0} executions in ${seconds} s, $corpus new corpus inputs, no finding"
  fi
done
exit $status
