#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The recipe for size changes while recording (`keep_caps` of
live_changes.py, which live-changes.c and the README repeat), live:
stride, padding and dilation change while PLAYING, on I420, YUY2 and NV12,
into vp8enc ! webmmux and, where an H.264 encoder is installed, into it and
mp4mux. Each run must end with EOS and no error, and its file must decode
back to every frame at the recorded size. live-changes.c and the README
must write the recipe as keep_caps does.

usage: test-size-changes.py live_changes.py live-changes.c README.md
"""
import importlib.util
import os
import sys
import tempfile

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstApp", "1.0")
from gi.repository import Gst, GstApp  # noqa: E402,F401

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "../tests/pylib"))
from vccheck import check, decoded_frames, summary  # noqa: E402

FRAMES = 60
# At these source frames: new stride, padding, dilation; each changes the
# output size, the stride also the pixel aspect ratio.
CHANGES = {
    10: {"stride-x": 2},
    20: {"padding-x": 5, "padding-y": 2},
    30: {"dilation-x": 3, "dilation-y": 2},
    40: {"stride-y": 3, "padding-x": 0},
    50: {"stride-x": 1, "stride-y": 1, "padding-x": -1, "padding-y": -1},
}


def load_example(path):
    spec = importlib.util.spec_from_file_location("live_changes", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def h264_encoder():
    """The highest-ranked H.264 encoder into mp4mux, or None."""
    encoders = Gst.ElementFactory.list_filter(
        Gst.ElementFactory.list_get_elements(
            Gst.ELEMENT_FACTORY_TYPE_ENCODER, Gst.Rank.MARGINAL),
        Gst.Caps.from_string("video/x-h264"), Gst.PadDirection.SRC, False)
    if not encoders:
        return None
    name = max(encoders, key=lambda f: f.get_rank()).get_name()
    # mp4mux takes stream-format avc; h264parse converts where needed.
    if Gst.ElementFactory.find("h264parse"):
        return f"{name} ! h264parse ! mp4mux"
    return f"{name} ! mp4mux"


def record(fmt, keep, encode, path):
    """Runs the pipeline, changing settings at CHANGES; the bus's last
    word (EOS or an error's text) and the sizes videoconvolve made."""
    pipeline = Gst.parse_launch(
        f"videotestsrc name=src num-buffers={FRAMES} pattern=smpte ! "
        f"video/x-raw,format={fmt},width=320,height=240,framerate=30/1 ! "
        f"videoconvolve name=convolve preset=gaussian3 ! {keep} ! "
        f"videoconvert ! {encode} ! filesink location={path}")
    convolve = pipeline.get_by_name("convolve")
    count, sizes = [0], set()

    def on_frame(pad, info):
        for name, value in CHANGES.get(count[0], {}).items():
            convolve.set_property(name, value)
        count[0] += 1
        return Gst.PadProbeReturn.OK

    def on_output(pad, info):
        s = pad.get_current_caps().get_structure(0)
        sizes.add((s.get_value("width"), s.get_value("height")))
        return Gst.PadProbeReturn.OK

    pipeline.get_by_name("src").get_static_pad("src").add_probe(
        Gst.PadProbeType.BUFFER, on_frame)
    convolve.get_static_pad("src").add_probe(Gst.PadProbeType.BUFFER,
                                             on_output)
    pipeline.set_state(Gst.State.PLAYING)
    msg = pipeline.get_bus().timed_pop_filtered(
        60 * Gst.SECOND, Gst.MessageType.EOS | Gst.MessageType.ERROR)
    pipeline.set_state(Gst.State.NULL)
    if msg is None:
        return "no EOS within 60 s", sizes
    if msg.type == Gst.MessageType.ERROR:
        err, debug = msg.parse_error()
        return f"error: {err.message} ({debug})", sizes
    return "EOS", sizes


def decoded_sizes(path):
    """The size of every decoded frame of a file."""
    sizes = []
    for sample in decoded_frames(Gst, path):
        s = sample.get_caps().get_structure(0)
        sizes.append((s.get_value("width"), s.get_value("height")))
    return sizes


def main():
    Gst.init(None)
    example = load_example(sys.argv[1])
    keep = example.keep_caps(320, 240)
    print(f"the recipe: videoconvolve ! {keep}")
    for path, recipe in ((sys.argv[2], keep.split(" ! ", 1)[1]),
                         (sys.argv[3], example.keep_caps("W", "H"))):
        with open(path, encoding="utf-8") as f:
            check(recipe in f.read(), f"{os.path.basename(path)} writes "
                  f"the recipe as keep_caps does ({recipe})")
    outputs = [("webm", "vp8enc deadline=1 ! webmmux")]
    h264 = h264_encoder()
    if h264:
        outputs.append(("mp4", h264))
    else:
        print("skip  H.264 into mp4mux: no H.264 encoder installed "
              "(openh264enc: gstreamer1.0-plugins-bad; x264enc: "
              "gstreamer1.0-plugins-ugly)")
    with tempfile.TemporaryDirectory() as tmp:
        for ext, encode in outputs:
            for fmt in ("I420", "YUY2", "NV12"):
                path = os.path.join(tmp, f"{fmt}.{ext}")
                end, made = record(fmt, keep, encode, path)
                check(end == "EOS" and len(made) == 5,
                      f"{fmt} into {encode}: EOS and no error after 5 "
                      f"output sizes ({len(made)})", end)
                got = decoded_sizes(path) if end == "EOS" else []
                check(len(got) == FRAMES and set(got) == {(320, 240)},
                      f"{fmt} into {encode}: decodes to {FRAMES} frames "
                      f"of 320x240 ({len(got)}, {sorted(set(got))})")
    return summary()


if __name__ == "__main__":
    sys.exit(main())
