#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The ABI check (run by .ci/run): builds the shared core into BUILDDIR
# (default build-abi, the plain configuration), writes its ABI with abidw
# (the public headers' types only) and compares it with abidiff against the
# baseline committed in core/abi/libvideoconvolve.abi. Any difference fails:
# the baseline is the ABI that libvideoconvolve.so.N promises.
#
# Changing the ABI on purpose:
# - compatible (a new function, a field added at the end of VcConfig,
#   which struct_size covers): run `bash scripts/abi-check.sh --update` and
#   commit the new baseline with the change;
# - incompatible (a removed or changed function, a field moved or added in
#   the middle of a struct, a changed enum value): bump soversion in
#   core/meson.build and the node in core/videoconvolve.map, then --update
#   and commit the three together.
set -euo pipefail
cd "$(dirname "$0")/.."

update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
builddir=${1:-build-abi}
baseline=core/abi/libvideoconvolve.abi

[ -d "$builddir" ] || meson setup "$builddir" >/dev/null
meson compile -C "$builddir" videoconvolve:shared_library >/dev/null
lib=$(ls -d "$builddir"/core/libvideoconvolve.so.*.*[0-9])
current="$builddir/libvideoconvolve.abi"
abidw --headers-dir core/include/videoconvolve --drop-private-types \
  --no-corpus-path --no-comp-dir-path --short-locs \
  --out-file "$current" "$lib"

if [ "$update" -eq 1 ]; then
  cp "$current" "$baseline"
  echo "abi-check: wrote $baseline ($(basename "$lib")): commit it"
  exit 0
fi

status=0
abidiff --no-show-locs "$baseline" "$current" || status=$?
if [ "$status" -eq 0 ]; then
  echo "abi-check: $(basename "$lib") matches $baseline"
  exit 0
fi
# abidiff's exit status is a bit set: 4 an ABI change, 8 an incompatible one.
if [ $((status & 8)) -ne 0 ]; then
  kind="an incompatible ABI change"
elif [ $((status & 4)) -ne 0 ]; then
  kind="an ABI change"
else
  echo "abi-check: abidiff failed (status $status)" >&2
  exit 1
fi
cat >&2 <<EOT
abi-check: $kind against $baseline (abidiff status $status, above).
If it is on purpose: for a compatible addition run
  bash scripts/abi-check.sh --update
and commit the baseline; for an incompatible change first bump soversion
in core/meson.build and the node in core/videoconvolve.map (see the top of
scripts/abi-check.sh).
EOT
exit 1
