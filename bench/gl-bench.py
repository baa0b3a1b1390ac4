#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""glvideoconvolve's speed on this machine's GL, beside videoconvolve's.

Prints the GL renderer (GL_RENDERER, GL_VERSION of the context GStreamer
made), then frames per second for each kernel, through
    videotestsrc ! RGBA WxH ! glupload ! glvideoconvolve K ! gldownload !
        fakesink
(the download makes the GPU finish every frame), the same without the
filter (upload and download alone: subtract it), and videoconvolve on the
same frames in system memory:
    videotestsrc ! RGBA WxH ! videoconvolve K ! fakesink

    python3 bench/gl-bench.py [--frames N] [--size 1920x1080]
                              [--api opengl3|gles2]

From the build tree (GST_PLUGIN_PATH_1_0 is set to build/gst-plugin and
build/gst-plugin/gl when unset); a GPU needs a display, a software
renderer can run under xvfb-run -a. Each figure is the median of --runs.
"""
import argparse
import os
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, "..", "build", "gst-plugin")
LOG = tempfile.NamedTemporaryFile(prefix="gl-bench-", suffix=".log",
                                  delete=False).name
os.environ.setdefault("GST_PLUGIN_PATH_1_0",
                      BUILD + ":" + os.path.join(BUILD, "gl"))
os.environ["GST_DEBUG"] = "glcontext:4"
os.environ["GST_DEBUG_FILE"] = LOG
os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="gl-bench-"))

import gi  # noqa: E402

gi.require_version("Gst", "1.0")
from gi.repository import Gst  # noqa: E402

KERNELS = ["preset=gaussian3", "preset=gaussian7", "preset=sobel",
           'kernel="<<1,2,3,2,1>,<2,3,4,3,2>,<3,4,5,4,3>,<2,3,4,3,2>,'
           '<1,2,3,2,1>>"',
           "preset=box5 dilation-x=3 dilation-y=3",
           "preset=gaussian5 stride-x=2 stride-y=2"]


def run(desc, frames):
    """Frames per second of one pipeline, from PLAYING to EOS."""
    pipe = Gst.parse_launch(desc)
    pipe.set_state(Gst.State.PAUSED)
    pipe.get_state(Gst.CLOCK_TIME_NONE)
    start = time.monotonic()
    pipe.set_state(Gst.State.PLAYING)
    msg = pipe.get_bus().timed_pop_filtered(
        Gst.CLOCK_TIME_NONE, Gst.MessageType.EOS | Gst.MessageType.ERROR)
    elapsed = time.monotonic() - start
    pipe.set_state(Gst.State.NULL)
    if msg.type == Gst.MessageType.ERROR:
        sys.exit(f"{desc}: {msg.parse_error()[0].message}")
    return frames / elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frames", type=int, default=100)
    ap.add_argument("--size", default="1920x1080")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--api", help="GST_GL_API for the context")
    args = ap.parse_args()
    if args.api:
        os.environ["GST_GL_API"] = args.api
    Gst.init(None)
    w, h = args.size.split("x")
    src = (f"videotestsrc num-buffers={args.frames} ! "
           f"video/x-raw,format=RGBA,width={w},height={h},framerate=30/1")
    lines = [("upload + download alone", f"{src} ! glupload ! gldownload ! "
              "fakesink sync=false")]
    for k in KERNELS:
        lines.append((f"glvideoconvolve {k}", f"{src} ! glupload ! "
                      f"glvideoconvolve {k} ! gldownload ! fakesink "
                      "sync=false"))
        lines.append((f"videoconvolve {k}", f"{src} ! videoconvolve {k} ! "
                      "fakesink sync=false"))
    run(lines[0][1], args.frames)      # the context, before the figures
    with open(LOG, errors="replace") as f:
        for line in f:
            for key in ("GL_RENDERER:", "GL_VERSION:"):
                if key in line:
                    print(f"{key} {line.split(key, 1)[1].strip()}")
    print(f"{args.size} RGBA, {args.frames} frames, median of {args.runs}")
    for what, desc in lines:
        fps = statistics.median(run(desc, args.frames)
                                for _ in range(args.runs))
        print(f"{fps:8.1f} frames/s {1000 / fps:8.2f} ms/frame  {what}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
