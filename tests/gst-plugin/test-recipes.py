#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The README's gst-launch recipes, run as written.

Every `gst-launch-1.0 ...` line of the README's sh blocks (continuation
lines joined) is run with only what a machine without hardware needs
changed:
  - `v4l2src` becomes a simulated webcam: videotestsrc giving YUY2 640x480,
    the packed 4:2:2 format webcams send;
  - `location=in.mp4` becomes a short VP8 file made here (decodebin gives
    I420 from it, as an H.264 or VP9 decoder would);
  - `autovideosink` becomes fakesink, files are written into a temporary
    folder, and every videotestsrc gets num-buffers, so that each line ends.
Checks: each line exits 0 and writes its files; on the camera and file
lines videoconvolve gets the source's own format (YUY2, I420) with no
videoconvert in front of it; progressreport shows progress. Lines with
glupload are left to the GL test (element-gl-*), which runs them under
Xvfb.

Run by meson (test "element-recipes") as /usr/bin/python3 README.md, with
GST_PLUGIN_PATH_1_0 = the build tree's gst-plugin dir + a private folder of
system plugins (also decodebin, matroska and vpx here). Each check prints
"ok" or "FAIL"; the last line is "N passed, N failed".
"""
import os
import re
import subprocess
import sys
import tempfile

CAMERA = ("videotestsrc num-buffers=10 ! "
          "video/x-raw,format=YUY2,width=640,height=480,framerate=30/1")

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "../pylib"))
from vccheck import check, gst_launch_lines, summary  # noqa: E402


def readme_commands(path):
    """The README's gst-launch-1.0 lines. GL lines need a GL context:
    element-gl-opengl3 and -gles2 run them (test-gl.py --readme), under
    Xvfb."""
    return [c for c in gst_launch_lines(path) if "glupload" not in c]


def runnable(command, media, folder):
    cmd = command.replace("v4l2src", CAMERA)
    cmd = cmd.replace("location=in.mp4", f"location={media}")
    cmd = re.sub(r"filesink location=(\S+)",
                 lambda m: f"filesink location={os.path.join(folder, m.group(1))}",
                 cmd)
    cmd = cmd.replace("autovideosink", "fakesink")
    cmd = re.sub(r"videotestsrc(?! num-buffers)", "videotestsrc num-buffers=10",
                 cmd)
    return cmd.replace("gst-launch-1.0", "gst-launch-1.0 -v", 1)


def sink_format(output):
    """The format of the caps on videoconvolve's sink pad (gst-launch -v)."""
    m = re.search(r"GstVideoConvolve:videoconvolve\d+\.GstPad:sink: caps = "
                  r"video/x-raw, format=\(string\)(\w+)", output)
    return m.group(1) if m else None


def main():
    readme = sys.argv[1]
    commands = readme_commands(readme)
    check(len(commands) >= 3, f"the README has gst-launch recipes "
          f"({len(commands)} found)")
    with tempfile.TemporaryDirectory() as tmp:
        media = os.path.join(tmp, "in.webm")
        made = subprocess.run(
            ["gst-launch-1.0", "-q", "videotestsrc", "num-buffers=20", "!",
             "video/x-raw,width=320,height=240,framerate=30/1", "!", "vp8enc",
             "deadline=1", "!", "webmmux", "!", "filesink",
             f"location={media}"], capture_output=True, text=True, timeout=60)
        check(made.returncode == 0, "a VP8 file to stand in for in.mp4",
              made.stdout + made.stderr)
        for command in commands:
            cmd = runnable(command, media, tmp)
            p = subprocess.run(["sh", "-c", cmd], capture_output=True,
                               text=True, timeout=120)
            out = p.stdout + p.stderr
            check(p.returncode == 0, f"runs: {command}", f"{cmd}\n{out}")
            for name in re.findall(r"filesink location=(\S+)", command):
                path = os.path.join(tmp, name)
                size = os.path.getsize(path) if os.path.exists(path) else 0
                check(size > 1000, f"writes {name} ({size} bytes)")
            if "progressreport" in command:
                check("progressreport0 (" in out, "shows progress lines",
                      out)
            source = ("v4l2src" if "v4l2src" in command else
                      "decodebin" if "decodebin" in command else None)
            if source is None or "videoconvolve" not in command:
                continue
            want = "YUY2" if source == "v4l2src" else "I420"
            between = command.split(source, 1)[1].split("videoconvolve", 1)[0]
            check("videoconvert" not in between,
                  f"no videoconvert between {source} and videoconvolve")
            got = sink_format(out)
            check(got == want, f"{source}: videoconvolve takes the source's "
                  f"{want} as it is (got {got})", out)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
