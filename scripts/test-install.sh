#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The install test (run by .ci/run): installs into a temporary prefix, loads
# the installed plugin, builds examples/convolve-pgm.c against the installed
# library through its pkg-config file, uninstalls and checks that nothing is
# left; then checks that a --prefix=/usr setup would install the plugin into
# the pluginsdir gstreamer-1.0.pc names. Prints one line per check.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vc-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"
failed=0
check() {
  if eval "$2"; then echo "ok    $1"; else echo "FAIL  $1"; failed=$((failed + 1)); fi
}

meson setup "$tmp/build" --prefix="$prefix" >/dev/null
ninja -C "$tmp/build" install >"$tmp/install.log" 2>&1 || { tail -20 "$tmp/install.log"; exit 1; }
plugin=$(find "$prefix" -name libgstconvolution.so)
pc=$(find "$prefix" -name videoconvolve-1.0.pc)
check "the plugin is installed under the prefix ($plugin)" '[ -n "$plugin" ]'
check "the library, its soname link and the headers are installed" \
  '[ -n "$(find "$prefix" -name "libvideoconvolve.so.1")" ] &&
   [ -n "$(find "$prefix" -path "*videoconvolve-1.0/videoconvolve/convolve.h")" ]'

export GST_REGISTRY_1_0="$tmp/registry.bin"
# (The output to a file first: with pipefail, grep -q closing the pipe early
# would fail gst-inspect-1.0 with SIGPIPE.)
check "gst-inspect-1.0 finds the installed element (GST_PLUGIN_PATH_1_0)" \
  'GST_PLUGIN_PATH_1_0="$(dirname "$plugin")" gst-inspect-1.0 videoconvolve \
     >"$tmp/inspect.txt" && grep -q "Filename.*$prefix" "$tmp/inspect.txt"'
check "a pipeline runs with the installed element" \
  'GST_PLUGIN_PATH_1_0="$(dirname "$plugin")" gst-launch-1.0 -q videotestsrc \
     num-buffers=3 ! videoconvolve preset=sobel ! fakesink'

check "examples/convolve-pgm.c builds against pkg-config videoconvolve-1.0" \
  'cc -o "$tmp/convolve-pgm" examples/convolve-pgm.c \
     $(PKG_CONFIG_PATH="$(dirname "$pc")" pkg-config --cflags --libs videoconvolve-1.0)'
printf 'P5\n4 3\n255\n' >"$tmp/in.pgm"
printf '\000\020\040\060\100\120\140\160\200\220\240\260' >>"$tmp/in.pgm"
check "and runs with the installed libvideoconvolve.so.1" \
  'LD_LIBRARY_PATH="$(dirname "$(find "$prefix" -name libvideoconvolve.so.1)")" \
     "$tmp/convolve-pgm" "$tmp/in.pgm" "$tmp/out.pgm" box3 >/dev/null &&
   [ "$(head -c 11 "$tmp/out.pgm" | tr "\n" " ")" = "P5 4 3 255 " ]'

ninja -C "$tmp/build" uninstall >/dev/null
check "ninja uninstall leaves no file in the prefix" \
  '[ -z "$(find "$prefix" -type f 2>/dev/null)" ]'

# Where a system install goes (no build needed: meson's install plan).
meson setup "$tmp/system" --prefix=/usr >/dev/null
want=$(pkg-config --variable=pluginsdir gstreamer-1.0)
check "with --prefix=/usr the plugin goes to GStreamer's pluginsdir ($want)" \
  'meson introspect --installed "$tmp/system" >"$tmp/installed.json" &&
   grep -q "\"$want/libgstconvolution.so\"" "$tmp/installed.json"'

echo "install test: $failed failed"
[ "$failed" -eq 0 ]
