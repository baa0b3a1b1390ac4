#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The install test (run by .ci/run). It runs the README's commands for a
# prefix other than /usr (the block between <!-- install-prefix --> and
# <!-- /install-prefix --> in "Install") as written, from the top of a copy
# of the source with a temporary HOME: setup, install, the environment,
# gst-inspect, the example built through pkg-config and run. Then it checks
# what they installed and made, uninstalls and checks that nothing is left;
# last, that a --prefix=/usr setup would install the plugin into the
# pluginsdir gstreamer-1.0.pc names. Prints one line per check.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vc-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failed=0
check() {
  if eval "$2"; then echo "ok    $1"; else echo "FAIL  $1"; failed=$((failed + 1)); fi
}

block=$(sed -n '/^<!-- install-prefix -->$/,/^<!-- \/install-prefix -->$/p' \
  README.md | grep -v -e '^<!--' -e '^```' || true)
check "README.md has the commands for a prefix other than /usr" \
  '[ -n "$block" ]'

src="$tmp/src"
prefix="$tmp/home/.local"
lib="$prefix/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)"
mkdir -p "$src" "$tmp/home"
tar -C . --exclude=./.git --exclude='./build' --exclude='./build-*' \
  --exclude=./demo-output --exclude=./fuzz-findings -cf - . | tar -C "$src" -xf -
printf 'P5\n4 3\n255\n' >"$src/in.pgm"
printf '\000\020\040\060\100\120\140\160\200\220\240\260' >>"$src/in.pgm"
export GST_REGISTRY_1_0="$tmp/registry.bin"
check "the README's commands run as written (prefix=\$HOME/.local)" \
  '(cd "$src" && HOME="$tmp/home" bash -euo pipefail -c "$block") \
     >"$tmp/readme.log" 2>&1 || { tail -20 "$tmp/readme.log"; false; }'

check "the plugin, library, pkg-config file and headers are in the prefix" \
  '[ -f "$lib/gstreamer-1.0/libgstconvolution.so" ] &&
   [ -e "$lib/libvideoconvolve.so.2" ] &&
   [ -f "$lib/pkgconfig/videoconvolve-1.0.pc" ] &&
   [ -n "$(find "$prefix" -path "*videoconvolve-1.0/videoconvolve/convolve.h")" ]'
check "their gst-inspect-1.0 showed the installed element" \
  'grep -q "Filename.*$lib/gstreamer-1.0/libgstconvolution.so" "$tmp/readme.log"'
check "a pipeline runs with the installed element" \
  'GST_PLUGIN_PATH_1_0="$lib/gstreamer-1.0" gst-launch-1.0 -q videotestsrc \
     num-buffers=3 ! videoconvolve preset=sobel ! fakesink'
if pkg-config --exists gstreamer-gl-1.0; then
  check "the GL plugin is installed beside it, in a file of its own" \
    '[ -f "$lib/gstreamer-1.0/libgstglconvolution.so" ]'
fi
check "their convolve-pgm wrote a 2x2 image (4x3, stride 2)" \
  '[ "$(head -c 11 "$src/out.pgm" | tr "\n" " ")" = "P5 2 2 255 " ] &&
   [ "$(stat -c %s "$src/out.pgm")" -eq 15 ]'

ninja -C "$src/build-local" uninstall >/dev/null
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
