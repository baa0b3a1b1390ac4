#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The aarch64 leg: cross-builds into ./build-aarch64 (or the directory
# given as $1) and runs the tests that need no real time under
# qemu-aarch64: the core's (every SIMD table the target has, ORC's
# programs, the NumPy cross-check) and the element's formats, seed,
# negotiation, chroma and gst-launch checks. Case counts are cut for the
# emulator (qemu runs the tests 10 to 30 times slower than the host): 1000
# random plans per table in core-paths (the suite's default: 2000), 1000
# configurations in the NumPy cross-check (3000), and VCT_QUICK=1 for
# element-formats (no 385x289 frame) and element-seed (the 7x5 frame only);
# the tests are the same.
#   bash scripts/test-aarch64.sh [BUILDDIR]
set -euo pipefail
cd "$(dirname "$0")/.."

builddir="${1:-build-aarch64}"
deps=build-aarch64-deps
start=$(date +%s)

bash scripts/install-cross-deps.sh "$deps"
if [ -f "$builddir/build.ninja" ]; then
  meson setup --reconfigure "$builddir" >/dev/null
else
  meson setup "$builddir" --cross-file "$deps/paths.ini" \
    --cross-file cross/aarch64-linux-gnu.ini -Dcrosscheck_cases=1000
fi
ninja -C "$builddir"

# gst-launch-1.0 and gst-inspect-1.0 of the target, from the sysroot.
sysroot="$PWD/$deps/sysroot"
export VC_GST_LAUNCH="qemu-aarch64 $sysroot/usr/bin/gst-launch-1.0"
export VC_GST_INSPECT="qemu-aarch64 $sysroot/usr/bin/gst-inspect-1.0"
export VCT_QUICK=1

status=0
log="$builddir/meson-logs/testlog-aarch64.json"
run() {
  meson test -C "$builddir" --print-errorlogs --no-rebuild "$@" || status=1
  cat "$builddir/meson-logs/testlog.json" >> "$log"
}
rm -f "$log"
run core-seed core-params core-errors core-abi core-exports core-simd \
  core-simd-orc-emulate core-paths-orc-emulate core-orc-programs \
  core-numpy-crosscheck element-formats element-seed element-negotiation \
  element-chroma element-launch
run core-paths --test-args 1000

/usr/bin/python3 scripts/meson-summary.py "$log" aarch64
echo "aarch64 leg: $(( $(date +%s) - start )) s"
exit $status
