#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Installs what videoconvolve needs to build and test on Debian 12.
# Skips packages that are already installed; needs root (or sudo).
set -euo pipefail
. "$(dirname "$0")/apt-missing.sh"

PACKAGES=(
  # build
  gcc meson ninja-build pkg-config
  # core: SIMD fast paths
  liborc-0.4-dev liborc-0.4-dev-bin
  # the element
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  # gst-launch, videotestsrc/videoconvert, and pngenc/vp8enc/webmmux (demo)
  gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  # textoverlay: the labels of the demo's preset grid
  gstreamer1.0-x
  # tests: libcheck, the C test harness of the core's tests (GstCheck,
  # which the element's tests use, is libcheck plus GStreamer's helpers)
  check
  # tests: the independent NumPy oracle (Debian's python3 at /usr/bin) and
  # the element driven from Python
  python3 python3-numpy python3-gi python3-gst-1.0 gir1.2-gstreamer-1.0
  gir1.2-gst-plugins-base-1.0
  # the ABI check of the shared core (abidw, abidiff)
  abigail-tools
  # the face recipe: facedetect (OpenCV) and its Haar cascades
  gstreamer1.0-opencv opencv-data
  # glvideoconvolve: GStreamer's GL elements (glupload, gldownload) and, for
  # its test, an X server in memory with Mesa's software GL (llvmpipe);
  # xvfb-run needs xauth
  gstreamer1.0-gl libgl1-mesa-dri xvfb xauth
)

install_missing install-deps -- "${PACKAGES[@]}"
