#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# valgrind memcheck on real pipelines: frames of a new size (stride,
# explicit padding, dilation with padding 0) from videoconvolve through
# videoconvert into pngenc, which compresses every byte of its rows (the
# x of RGBx becomes alpha). A byte the element never wrote would reach a
# conditional jump in zlib: memcheck must report no use of uninitialised
# values. Also odd widths: packed 4:2:2 (a last pair half past the width)
# and formats with row padding.
#
# Run by meson (test "element-valgrind") with the build tree's plugin, a
# private plugin folder and a registry of its own; by hand:
#
#   GST_PLUGIN_PATH_1_0=$PWD/build/gst-plugin bash tests/gst-plugin/test-valgrind.sh
#
# Argument: meson's b_sanitize. Exit 77 (meson: skipped) without valgrind
# or in a sanitizer build, which valgrind cannot run.
set -euo pipefail
export LC_ALL=C

if [ "${1:-none}" != none ]; then
  echo "SKIP: built with b_sanitize=$1; valgrind cannot run a sanitizer build"
  exit 77
fi
if ! command -v valgrind >/dev/null; then
  echo "SKIP: valgrind is not installed (Debian: apt-get install valgrind)"
  exit 77
fi

# format:width:height:properties, one pipeline branch each.
cases=(
  "RGBx:64:48:stride-x=2 stride-y=2"
  "BGRx:64:48:stride-x=2 stride-y=2"
  "xRGB:64:48:stride-x=2 stride-y=2"
  "xBGR:64:48:stride-x=2 stride-y=2"
  "RGBx:65:49:preset=gaussian3 padding-x=3 padding-y=2 border=constant"
  "xBGR:65:49:preset=box3 dilation-x=2 dilation-y=2 padding-x=0 padding-y=0"
  "YUY2:65:49:preset=gaussian3 stride-x=2 stride-y=2"
  "UYVY:65:49:preset=box3 padding-x=1 padding-y=0"
  "RGB:65:49:stride-x=2 stride-y=2"
  "I420:65:49:preset=gaussian3 stride-x=2 stride-y=2"
)

pipeline=()
for c in "${cases[@]}"; do
  IFS=: read -r format width height props <<<"$c"
  # shellcheck disable=SC2206 # the properties are separate words
  pipeline+=(videotestsrc num-buffers=3
    ! "video/x-raw,format=$format,width=$width,height=$height"
    ! videoconvolve $props ! videoconvert ! pngenc ! fakesink)
  echo "branch: $format ${width}x$height videoconvolve $props ! videoconvert ! pngenc"
done

# The registry is made outside valgrind (scanning plugins is slow there).
gst-inspect-1.0 videoconvolve >/dev/null
gst-inspect-1.0 pngenc >/dev/null

log=$(mktemp "${TMPDIR:-/tmp}/vc-valgrind.XXXXXX")
trap 'rm -f "$log"' EXIT
status=0
valgrind -q --error-exitcode=99 --leak-check=no --track-origins=yes \
  --log-file="$log" gst-launch-1.0 -q "${pipeline[@]}" || status=$?
cat "$log"
uninit=$(grep -c 'uninitialised' "$log" || true)
echo "valgrind: exit status $status, $uninit reports of uninitialised values"
[ "$status" -eq 0 ] && [ "$uninit" -eq 0 ]
