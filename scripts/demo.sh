#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The videoconvolve demo: real GStreamer pipelines with the element from the
# build tree, on a built-in test scene (videotestsrc: SMPTE bars, a pinwheel
# and a moving ball; no camera, no download). Writes into ./demo-output/:
#
#   before.png        the scene's first frame, 480x360
#   gaussian.png      gaussian7, then gaussian7 with dilation 3: a wide blur
#   sobel.png         preset=sobel on the luma (GRAY8): a grey edge map
#   strided.png       preset=gaussian5 with stride 2: a blurred 240x180 copy
#   formats.png       preset=sobel straight on GRAY8 | RGB | I420 | YUY2
#                     frames (960x180): a grey edge map from each of the
#                     three luma routes (I420 and YUY2 alike; GRAY8, full
#                     range, 2 levels off on average), coloured edges from
#                     RGB (convolved per channel)
#   presets.png       the scene, then the scene through each of the 15
#                     named presets (all but custom), labelled: a 4x4 grid
#                     of 240x180 cells (960x720)
#   side-by-side.png  the first frame of the video below
#   side-by-side.webm 5 s of original | blur | edges (960x240, VP8)
#
# Installs the Debian packages (scripts/install-deps.sh), builds into
# ./build with meson + ninja if needed (their output goes to
# demo-output/build.log), then runs the pipelines with GST_PLUGIN_PATH_1_0
# pointing at build/gst-plugin (the system plugins stay available), printing
# each one. Usage, from anywhere in the clone: bash scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."

builddir=build
outdir=demo-output
start=$(date +%s)

mkdir -p "$outdir"
log="$outdir/build.log"
echo "demo: installing packages and building into $builddir/ (output in $log)"
{
  bash scripts/install-deps.sh
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir"
  fi
  ninja -C "$builddir"
} >"$log" 2>&1 || {
  echo "demo: the build failed; the end of $log:" >&2
  tail -n 30 "$log" >&2
  exit 1
}

# The element from the build tree; the system plugins (videotestsrc,
# compositor, pngenc, vp8enc, ...) are still found in their usual place.
export GST_PLUGIN_PATH_1_0="$PWD/$builddir/gst-plugin${GST_PLUGIN_PATH_1_0:+:$GST_PLUGIN_PATH_1_0}"

if ! gst-inspect-1.0 videoconvolve >/dev/null 2>&1; then
  echo "demo: the videoconvolve element is not found in $builddir/gst-plugin" >&2
  gst-inspect-1.0 videoconvolve >&2 || true
  exit 1
fi

rm -f "$outdir"/before.png "$outdir"/gaussian.png "$outdir"/sobel.png \
  "$outdir"/strided.png "$outdir"/formats.png "$outdir"/presets.png \
  "$outdir"/side-by-side.png \
  "$outdir"/side-by-side.webm

# launch WHAT DESCRIPTION...: one gst-launch-1.0 run, bounded in time,
# printed: WHAT (the pipeline with the test scene as <scene>), then the
# whole command (DEMO_QUIET=1 leaves that out).
launch() {
  echo "demo: $1"
  shift
  if [ -z "${DEMO_QUIET:-}" ]; then
    echo "  gst-launch-1.0 $*" | fold -w 100 -s | sed '2,$s/^/    /'
  fi
  timeout 60 gst-launch-1.0 -q "$@"
}

# The test scene at W x H: SMPTE bars, a pinwheel inset at the top left and
# an orange ball moving over them (videotestsrc pattern=ball with a
# transparent background), mixed by compositor, then as RGBx. Frames are
# numbered from 0 (animation-mode=frames), so the output does not depend on
# the machine's speed. interlace-mode is fixed at the end: the compositor
# may send its caps a second time without it, and a textoverlay downstream
# that has taken the first ones refuses those (not-negotiated, in about 1
# run of 7 of the preset grid, with or without videoconvolve). $3 is the number of frames. The description ends with
# the scene's output, so that "! element" can follow it.
scene() {
  local w=$1 h=$2 n=$3 p=$(($2 * 4 / 9))
  echo videotestsrc num-buffers=$n pattern=smpte animation-mode=frames ! \
    video/x-raw,width=$w,height=$h,framerate=30/1 ! scene.sink_0 \
    videotestsrc num-buffers=$n pattern=pinwheel animation-mode=frames ! \
    video/x-raw,width=$p,height=$p,framerate=30/1 ! scene.sink_1 \
    videotestsrc num-buffers=$n pattern=ball animation-mode=frames \
    background-color=0x00000000 foreground-color=0xffff8000 ! \
    video/x-raw,format=AYUV,width=$w,height=$h,framerate=30/1 ! scene.sink_2 \
    compositor name=scene background=black \
    sink_1::xpos=$((w / 40)) sink_1::ypos=$((h / 30)) ! \
    video/x-raw,width=$w,height=$h,framerate=30/1 ! videoconvert ! \
    video/x-raw,format=RGBx,interlace-mode=progressive
}

# Stills: frame 0 of the 480x360 scene through one filter each.
png() {
  echo videoconvert ! pngenc ! filesink location="$outdir/$1"
}
# The blur: gaussian7, then gaussian7 again with dilation 3. The dilated
# pass alone would reach as far (25 samples) but alias fine detail; the
# first pass removes that detail, and together they are a smooth Gaussian
# of sigma ~3.9 samples.
BLUR="videoconvolve preset=gaussian7 ! videoconvolve preset=gaussian7 dilation-x=3 dilation-y=3"
# The edges: Sobel gradient magnitude of the luma.
EDGES="videoconvert ! video/x-raw,format=GRAY8 ! videoconvolve preset=sobel"
S=$(scene 480 360 1)
launch "before.png   <scene>" $S ! $(png before.png)
launch "gaussian.png <scene> ! $BLUR" $S ! $BLUR ! $(png gaussian.png)
launch "sobel.png    <scene> ! $EDGES" $S ! $EDGES ! $(png sobel.png)
launch "strided.png  <scene> ! videoconvolve preset=gaussian5 stride-x=2 stride-y=2" \
  $S ! videoconvolve preset=gaussian5 stride-x=2 stride-y=2 ! $(png strided.png)

# preset=sobel on four formats, each fed to the element as it is: GRAY8,
# RGB, I420 (what decoders give) and YUY2 (what webcams give). On YUV the
# default channels=auto sets the chroma of an edge map to neutral, so the
# three luma routes give the same grey edge map; RGB is convolved per
# channel and keeps each channel's edges in its colour. The four are mixed
# as RGBx: left to itself, compositor mixes in its first input's format
# (GRAY8) and RGB's colours would be lost.
formats() {
  local f x=0 out=""
  for f in GRAY8 RGB I420 YUY2; do
    out="$out t. ! queue ! videoconvert ! video/x-raw,format=$f ! videoconvolve preset=sobel ! videoconvert ! mix.sink_$((x / 240))"
    x=$((x + 240))
  done
  echo $(scene 240 180 1) ! tee name=t $out compositor name=mix background=black \
    sink_1::xpos=240 sink_2::xpos=480 sink_3::xpos=720 ! \
    video/x-raw,format=RGBx,width=960,height=180
}
launch "formats.png  <scene> ! preset=sobel on GRAY8 | RGB | I420 | YUY2" \
  $(formats) ! $(png formats.png)

# The 240x180 scene, then each named preset on it (custom, the kernel
# property as set, is left out), labelled, in a 4x4 grid: 15 cells, the
# 16th black. textoverlay is in gstreamer1.0-x. The presets are the
# element's own, in its order, as gst-inspect-1.0 lists them.
presets() {
  local i=0 p out="" pads=""
  for p in original $(gst-inspect-1.0 videoconvolve |
      sed -n '/^  preset  *: /,/^  [a-z]/s/^  *([0-9]*): \([^ ]*\) .*/\1/p' |
      grep -vx custom); do
    local f="videoconvolve preset=$p !"
    [ "$p" = original ] && f=""
    out="$out t. ! queue ! $f videoconvert ! textoverlay text=$p valignment=top halignment=right shaded-background=true font-desc=Sans,16 ! mix.sink_$i"
    pads="$pads sink_$i::xpos=$((i % 4 * 240)) sink_$i::ypos=$((i / 4 * 180))"
    i=$((i + 1))
  done
  echo $(scene 240 180 1) ! tee name=t $out compositor name=mix background=black \
    $pads ! video/x-raw,width=960,height=720
}
launch "presets.png  <scene> ! each preset ! textoverlay, in a grid" \
  $(presets) ! $(png presets.png)

# The video: the 320x240 scene three times side by side (original | blur |
# edges), 150 frames at 30 fps = 5 s, VP8 in WebM. side-by-side.png is the
# first frame of the same pipeline.
side_by_side() {
  local n=$1
  echo $(scene 320 240 $n) ! tee name=t \
    t. ! queue ! mix.sink_0 \
    t. ! queue ! $BLUR ! mix.sink_1 \
    t. ! queue ! $EDGES ! videoconvert ! mix.sink_2 \
    compositor name=mix background=black sink_1::xpos=320 sink_2::xpos=640 ! \
    video/x-raw,width=960,height=240 ! videoconvert
}
launch "side-by-side.png  <scene> ! tee: as is | $BLUR | $EDGES ! compositor" \
  $(side_by_side 1) ! pngenc ! filesink location="$outdir/side-by-side.png"
launch "side-by-side.webm the same, 150 frames ! vp8enc ! webmmux" \
  $(side_by_side 150) ! video/x-raw,format=I420 ! \
  vp8enc deadline=1 cpu-used=8 threads=2 target-bitrate=1500000 ! \
  webmmux ! filesink location="$outdir/side-by-side.webm"

# What was written, with sizes.
png_size() {
  # width x height from the PNG IHDR chunk (big-endian at bytes 16..23)
  od -An -tu1 -j16 -N8 "$1" |
    awk '{ printf "%dx%d", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'
}
echo
echo "demo: wrote into $PWD/$outdir/ in $(( $(date +%s) - start )) s:"
for f in before.png gaussian.png sobel.png strided.png formats.png presets.png side-by-side.png; do
  printf '  %-18s %8d bytes  %s\n' "$f" "$(stat -c %s "$outdir/$f")" "$(png_size "$outdir/$f")"
done
printf '  %-18s %8d bytes  %s\n' side-by-side.webm \
  "$(stat -c %s "$outdir/side-by-side.webm")" "960x240, 150 frames (5 s), VP8"
