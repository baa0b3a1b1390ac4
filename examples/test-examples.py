#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Runs the GStreamer examples and checks what they make:
  - live-changes (C) and live_changes.py: exit 0, the stride and kernel
    changes reported at frames 30 and 60, a WebM that decodes to 90 frames
    of 320x240, bright blurred bars before the kernel change and a dark
    edge map after it;
  - animate_bias.py: the frame means follow the controller's ramp of bias
    (0 to 200 over 3 s), within 1.

usage: test-examples.py live-changes live_changes.py animate_bias.py
"""
import os
import re
import subprocess
import sys
import tempfile

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstApp", "1.0")
from gi.repository import Gst, GstApp  # noqa: E402,F401

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "../tests/pylib"))
from vccheck import check, decoded_frames, summary  # noqa: E402


def frames_luma(path):
    """Mean luma of every decoded frame, and the frame size."""
    means, size = [], None
    for sample in decoded_frames(Gst, path, "video/x-raw,format=GRAY8"):
        s = sample.get_caps().get_structure(0)
        size = (s.get_value("width"), s.get_value("height"))
        buf = sample.get_buffer()
        ok, m = buf.map(Gst.MapFlags.READ)
        means.append(sum(m.data) / len(m.data))
        buf.unmap(m)
    return means, size


def main():
    Gst.init(None)
    with tempfile.TemporaryDirectory() as tmp:
        for name, cmd in (("C", [sys.argv[1]]),
                          ("Python", ["/usr/bin/python3", sys.argv[2]])):
            out = os.path.join(tmp, name + ".webm")
            p = subprocess.run(cmd + [out, "90"], capture_output=True,
                               text=True, timeout=120)
            check(p.returncode == 0 and "frame 30: stride 2" in p.stdout and
                  "frame 60: an edge kernel" in p.stdout,
                  f"{name} example: exit 0, changes at frames 30 and 60",
                  p.stdout + p.stderr)
            means, size = frames_luma(out)
            check(len(means) == 90 and size == (320, 240),
                  f"{name} example: 90 frames of 320x240 ({len(means)}, "
                  f"{size})")
            if len(means) == 90:
                before = sum(means[:60]) / 60
                after = sum(means[62:]) / 28
                check(before > 80 and after < before / 3,
                      f"{name} example: blurred bars, then an edge map "
                      f"(mean luma {before:.0f}, then {after:.0f})")
        p = subprocess.run(["/usr/bin/python3", sys.argv[3], "90"],
                           capture_output=True, text=True, timeout=120)
        got = [(int(n), float(m)) for n, m in
               re.findall(r"frame (\d+): mean ([0-9.]+)", p.stdout)]
        base = got[0][1] if got else 0
        check(p.returncode == 0 and len(got) == 6 and
              all(abs(m - base - 200 * n / 90) <= 1 for n, m in got),
              f"animate_bias.py: the means follow the ramp of bias ({got})",
              p.stdout + p.stderr)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
