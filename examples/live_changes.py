#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""live_changes.py: videoconvolve from Python (PyGObject), the counterpart
of live-changes.c: the kernel set as a Gst.ValueArray of Gst.ValueArray,
then the stride and the kernel changed while playing, with videoscale
keeping the caps the encoder started with (`keep_caps`).

    python3 examples/live_changes.py OUT.webm [FRAMES]

Nested Python lists are not a GValue GStreamer can take as an array; the
helper `kernel_value` turns them into one (ints or floats). A string works
too: Gst.util_set_object_arg(convolve, "kernel", "<<1,2,1>,<2,4,2>,<1,2,1>>").
"""
import sys

import gi

gi.require_version("Gst", "1.0")
from gi.repository import Gst  # noqa: E402


def kernel_value(rows):
    """[[1, 2, 1], [2, 4, 2], [1, 2, 1]] -> the kernel property's value."""
    return Gst.ValueArray([Gst.ValueArray([float(v) for v in row])
                           for row in rows])


def keep_caps(width, height):
    """What goes after videoconvolve so that the encoder's caps never change.

    A change of stride, padding, dilation or kernel size changes
    videoconvolve's output size, and a stride its pixel aspect ratio; an
    encoder or a muxer cannot take new caps in the middle of a stream.
    videoscale brings every frame back to one size. The pixel aspect ratio
    is fixed too: with only the size fixed, videoscale keeps the display
    aspect ratio by changing the pixel aspect ratio, and the caps change
    all the same."""
    return (f"videoscale ! video/x-raw,width={width},height={height},"
            "pixel-aspect-ratio=1/1")


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: live_changes.py OUT.webm [FRAMES]")
    frames = int(sys.argv[2]) if len(sys.argv) > 2 else 90
    Gst.init(None)
    pipeline = Gst.parse_launch(
        f"videotestsrc name=src num-buffers={frames} pattern=smpte ! "
        "video/x-raw,width=320,height=240,framerate=30/1 ! "
        f"videoconvolve name=convolve ! {keep_caps(320, 240)} ! "
        "videoconvert ! "
        f"vp8enc deadline=1 ! webmmux ! filesink location={sys.argv[1]}")
    convolve = pipeline.get_by_name("convolve")
    convolve.set_property("kernel", kernel_value([[1, 2, 1], [2, 4, 2],
                                                  [1, 2, 1]]))
    count = [0]

    def on_frame(pad, info):
        # The stride and then the kernel change at exact frames; the
        # element takes each at the next frame.
        if count[0] == frames // 3:
            convolve.set_property("stride-x", 2)
            convolve.set_property("stride-y", 2)
            print(f"frame {count[0]}: stride 2")
        elif count[0] == 2 * frames // 3:
            convolve.set_property("kernel", kernel_value(
                [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]))
            convolve.set_property("absolute", True)
            print(f"frame {count[0]}: an edge kernel")
        count[0] += 1
        return Gst.PadProbeReturn.OK

    pipeline.get_by_name("src").get_static_pad("src").add_probe(
        Gst.PadProbeType.BUFFER, on_frame)
    pipeline.set_state(Gst.State.PLAYING)
    msg = pipeline.get_bus().timed_pop_filtered(
        Gst.CLOCK_TIME_NONE, Gst.MessageType.EOS | Gst.MessageType.ERROR)
    pipeline.set_state(Gst.State.NULL)
    if msg.type == Gst.MessageType.ERROR:
        err, _ = msg.parse_error()
        sys.exit(f"live_changes.py: {err.message}")
    print(f"wrote {sys.argv[1]}: {count[0]} frames, 320x240")


if __name__ == "__main__":
    main()
