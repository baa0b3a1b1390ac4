#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""What scripts/demo.sh's two composite pictures show, against what its
comments and the README say of them. The pipelines are the demo's own:
its functions scene, formats and presets, taken from the script and run
by bash, each frame pulled into NumPy.
  - formats.png: four 240x180 cells; GRAY8, I420 and YUY2 grey (no
    colour), I420 and YUY2 alike and GRAY8 close to them, RGB in colour;
  - presets.png: the scene then every preset but custom, in the element's
    order; a cell with a picture for each, any others black; the demo and the
    README give that number of presets.

usage: test-demo.py scripts/demo.sh README.md
"""
import os
import re
import subprocess
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstApp", "1.0")
from gi.repository import Gst, GstApp  # noqa: E402,F401
import numpy as np  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "../pylib"))
from vccheck import check, summary  # noqa: E402


def demo_pipeline(script, function):
    """The description the demo's FUNCTION prints."""
    functions = subprocess.run(
        ["sed", "-n", "/^scene() {/,/^}/p; /^formats() {/,/^}/p; "
         "/^presets() {/,/^}/p", script],
        capture_output=True, text=True, check=True).stdout
    return subprocess.run(["bash", "-c", f"{functions}\n{function}"],
                          capture_output=True, text=True,
                          check=True).stdout.strip()


def frame(description):
    """The first frame of a pipeline, as an H x W x 3 RGB array."""
    pipe = Gst.parse_launch(f"{description} ! videoconvert ! "
                            "video/x-raw,format=RGB ! appsink name=out")
    pipe.set_state(Gst.State.PLAYING)
    sample = pipe.get_by_name("out").try_pull_sample(30 * Gst.SECOND)
    pipe.set_state(Gst.State.NULL)
    if sample is None:
        return None
    s = sample.get_caps().get_structure(0)
    w, h = s.get_value("width"), s.get_value("height")
    buf = sample.get_buffer()
    ok, m = buf.map(Gst.MapFlags.READ)
    rows = np.frombuffer(m.data, np.uint8).reshape(h, -1)
    rgb = rows[:, :w * 3].reshape(h, w, 3).astype(int)
    buf.unmap(m)
    return rgb


def cells(rgb, w=240, h=180):
    return [rgb[y:y + h, x:x + w] for y in range(0, rgb.shape[0], h)
            for x in range(0, rgb.shape[1], w)]


def spread(cell):
    """Mean over pixels of max - min of R, G, B: 0 for grey."""
    return float((cell.max(2) - cell.min(2)).mean())


def preset_nicks():
    convolve = Gst.ElementFactory.make("videoconvolve")
    enum = convolve.find_property("preset").default_value
    return [v.value_nick for v in
            sorted(enum.__enum_values__.values(), key=int)]


def main():
    Gst.init(None)
    script, readme = sys.argv[1], sys.argv[2]

    rgb = frame(demo_pipeline(script, "formats"))
    check(rgb is not None and rgb.shape == (180, 960, 3),
          "formats: a 960x180 picture")
    if rgb is not None:
        gray8, rgb_cell, i420, yuy2 = cells(rgb)
        grey = [spread(c) for c in (gray8, i420, yuy2)]
        check(max(grey) == 0, f"formats: GRAY8, I420, YUY2 grey ({grey})")
        check(spread(rgb_cell) > 5, "formats: RGB's edges in colour "
              f"(colour spread {spread(rgb_cell):.1f})")
        alike = float(np.abs(i420 - yuy2).mean())
        close = float(np.abs(gray8 - i420).mean())
        check(alike < 0.5 and close < 4 and gray8.mean() > 20,
              f"formats: I420 and YUY2 alike ({alike:.2f}), GRAY8 close "
              f"({close:.2f}), an edge map (mean {gray8.mean():.1f})")

    presets = demo_pipeline(script, "presets")
    shown = re.findall(r"textoverlay text=(\S+)", presets)
    named = [n for n in preset_nicks() if n != "custom"]
    check(shown == ["original"] + named,
          f"presets: the scene, then the {len(named)} presets but custom, "
          "in the element's order", f"{shown}\n{named}")
    rgb = frame(presets)
    check(rgb is not None and rgb.shape == (720, 960, 3),
          "presets: a 960x720 picture")
    if rgb is not None:
        means = [round(float(c.mean()), 1) for c in cells(rgb)]
        check(min(means[:len(shown)]) > 10 and
              all(m == 0 for m in means[len(shown):]),
              f"presets: {len(shown)} cells with a picture, the rest black "
              f"({means})")
    for path in (script, readme):
        with open(path, encoding="utf-8") as f:
            text = " ".join(f.read().replace("#", " ").split())
        check(f"{len(named)} named presets" in text,
              f"{os.path.basename(path)} says \"{len(named)} named presets\"")
    return summary()


if __name__ == "__main__":
    sys.exit(main())
