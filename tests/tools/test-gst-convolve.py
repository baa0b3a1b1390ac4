#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""tools/gst-convolve on generated files.

  - a VP8 + Vorbis WebM (320x240, 90 frames, 3 s) blurred with stride 2
    into WebM: exit 0, a progress line, an output that plays with
    160x120 video, its audio and all 90 frames; the same into Ogg (Theora);
  - .mp4 where no H.264 encoder is installed: exit 1 and what to install;
  - Ctrl-C (SIGINT) in the middle of a long file: exit 0 and an output that
    plays, with fewer frames than the input;
  - bad values (an unknown property, a value that does not parse or is out
    of range, a kernel the element refuses): exit 2 and a message naming
    the property and the value, before any file is written;
  - other bad arguments: exit 1 (no such input), exit 2 (an unknown
    extension), each with its message.

usage: test-gst-convolve.py PATH-TO-gst-convolve  (GST_PLUGIN_PATH_1_0 must
reach the videoconvolve plugin; the system's plugins are used for the rest)
"""
import os
import signal
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstPbutils", "1.0")
gi.require_version("GstApp", "1.0")
from gi.repository import Gst, GstApp, GstPbutils  # noqa: E402,F401

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "../pylib"))
from vccheck import check, decoded_frames, summary  # noqa: E402


def make_input(path, frames, size="320x240", audio=True):
    w, h = size.split("x")
    cmd = ["gst-launch-1.0", "-q", "videotestsrc", f"num-buffers={frames}", "!",
           f"video/x-raw,width={w},height={h},framerate=30/1", "!", "vp8enc",
           "deadline=1", "!", "m."]
    if audio:
        samples = frames * 44100 // 30
        cmd += ["audiotestsrc", f"num-buffers={samples // 1024}", "!",
                "audio/x-raw,rate=44100", "!", "audioconvert", "!",
                "vorbisenc", "!", "m."]
    cmd += ["webmmux", "name=m", "!", "filesink", f"location={path}"]
    subprocess.run(cmd, check=True, capture_output=True)


def discover(path):
    """(width, height, has audio, duration s) of a file, or None."""
    try:
        info = GstPbutils.Discoverer.new(10 * Gst.SECOND).discover_uri(
            Gst.filename_to_uri(path))
    except gi.repository.GLib.Error:
        return None
    video = info.get_video_streams()
    if not video:
        return None
    return (video[0].get_width(), video[0].get_height(),
            len(info.get_audio_streams()) > 0, info.get_duration() / Gst.SECOND)


def count_frames(path):
    return sum(1 for _ in decoded_frames(Gst, path))


def run(tool, *args, timeout=120):
    return subprocess.run([tool] + list(args), capture_output=True, text=True,
                          timeout=timeout)


# Values gst-launch refuses too, each with the words its message must hold:
# exit 2 before anything is written.
BAD_VALUES = [
    ("preset=sobell", ["preset", "sobell", "gaussian5"]),
    ("kernel=hello", ["kernel", "hello"]),
    ("stride-x=0", ["stride-x", '"0"', "1 to 65536"]),
    ("dilation-y=abc", ["dilation-y", "abc"]),
    ("kernel=<<1,2,1>,<2,4,2>,<1,2,1>", ["kernel", "<<1,2,1>,<2,4,2>,<1,2,1>"]),
    ("sharpness=3", ["sharpness", "stride-x"]),
    ("n-threads=65", ["n-threads", "65", "0 to 64"]),
    ("bias=1e9", ["bias", "1e9"]),
    # Refused by the element itself, in its own words.
    ("kernel=<<1,2>,<3>>", ["kernel=<<1,2>,<3>>", "ragged"]),
    ("kernel=<>", ["kernel=<>", "empty"]),
    ("kernel=<<1,nan>>", ["kernel=<<1,nan>>", "nan"]),
]


def check_bad_values(tool, src, tmp):
    """Each bad value: exit 2 naming property and value, no output file;
    an existing output left as it was."""
    kept = os.path.join(tmp, "kept.webm")
    for arg, words in BAD_VALUES:
        out = os.path.join(tmp, "bad.webm")
        p = run(tool, src, out, "preset=sobel", arg)
        check(p.returncode == 2 and all(w in p.stderr for w in words)
              and not os.path.exists(out),
              f"{arg}: exit 2, the message names {words}, no output file "
              f"({p.returncode})", p.stderr)
        with open(kept, "wb") as f:
            f.write(b"precious")
        p = run(tool, src, kept, arg)
        with open(kept, "rb") as f:
            data = f.read()
        check(p.returncode == 2 and data == b"precious",
              f"{arg}: exit 2, the existing output untouched "
              f"({p.returncode}, {len(data)} bytes)", p.stderr)


def main():
    tool = sys.argv[1]
    Gst.init(None)
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in.webm")
        make_input(src, 90)
        for ext in ("webm", "ogv"):
            out = os.path.join(tmp, "out." + ext)
            p = run(tool, src, out, "preset=gaussian5", "stride-x=2",
                    "stride-y=2")
            check(p.returncode == 0 and "%" in p.stderr and "done" in p.stderr,
                  f".{ext}: exit 0 with a progress line",
                  p.stdout + p.stderr)
            d = discover(out)
            check(d is not None and d[:3] == (160, 120, True) and
                  abs(d[3] - 3.0) < 0.2,
                  f".{ext}: plays, 160x120 video and audio, 3 s ({d})")
            n = count_frames(out)
            check(n == 90, f".{ext}: 90 frames decoded ({n})")

        has_h264 = bool(Gst.ElementFactory.list_filter(
            Gst.ElementFactory.list_get_elements(
                Gst.ELEMENT_FACTORY_TYPE_ENCODER, Gst.Rank.MARGINAL),
            Gst.Caps.from_string("video/x-h264"), Gst.PadDirection.SRC,
            False))
        p = run(tool, src, os.path.join(tmp, "out.mp4"), "preset=sobel")
        if has_h264:
            check(p.returncode == 0, ".mp4 with an H.264 encoder installed",
                  p.stderr)
        else:
            check(p.returncode == 1 and "no encoder" in p.stderr and
                  "install" in p.stderr,
                  ".mp4 without an H.264 encoder: exit 1, what to install",
                  p.stderr)

        # Ctrl-C once the first progress line shows frames done: on any
        # machine, long before the 3000th frame.
        long_src = os.path.join(tmp, "long.webm")
        make_input(long_src, 3000, "160x120", audio=False)
        out = os.path.join(tmp, "cut.webm")
        proc = subprocess.Popen(
            [tool, long_src, out, "kernel=<<1,1,1,1,1,1,1,1,1,1,1>>",
             "n-threads=1"], stderr=subprocess.PIPE, text=True, bufsize=0)
        seen = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            seen += proc.stderr.read(1)
            if " frames |" in seen and "\r0 frames" not in seen[-30:]:
                break
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
        err = seen + err
        d = discover(out)
        n = count_frames(out) if d else 0
        check(proc.returncode == 0 and "interrupted" in err and d is not None
              and 0 < n < 3000,
              f"Ctrl-C: exit 0, the file is finished and plays ({n} of 3000 "
              f"frames)", err)

        check_bad_values(tool, src, tmp)
        p = run(tool, os.path.join(tmp, "missing.webm"),
                os.path.join(tmp, "x.webm"))
        check(p.returncode == 1 and "no such file" in p.stderr,
              "a missing input: exit 1, 'no such file'", p.stderr)
        p = run(tool, src, os.path.join(tmp, "x.avi"))
        check(p.returncode == 2 and ".webm" in p.stderr,
              "an unknown extension: exit 2 and the known ones", p.stderr)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
