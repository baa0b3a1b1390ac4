#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""animate_bias.py: a GstController fades `bias` from 0 to 200 over 3
seconds on a black picture (a fade to light grey), while a blur runs. Every
numeric videoconvolve property is controllable the same way; the values
are synchronised once per frame, at the frame's timestamp.

    python3 examples/animate_bias.py [FRAMES]

Prints the mean of each 15th output frame: it rises with the bias.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstController", "1.0")
from gi.repository import Gst, GstController  # noqa: E402


def main():
    frames = int(sys.argv[1]) if len(sys.argv) > 1 else 90
    Gst.init(None)
    pipeline = Gst.parse_launch(
        f"videotestsrc num-buffers={frames} pattern=black ! "
        "video/x-raw,format=GRAY8,width=160,height=120,framerate=30/1 ! "
        "videoconvolve name=convolve preset=gaussian5 ! fakesink name=sink")
    convolve = pipeline.get_by_name("convolve")

    # A linear ramp of bias: 0 at 0 s, 200 at 3 s. A control source gives
    # values in 0..1, which DirectControlBinding maps onto the property's
    # range; absolute mode takes the values as they are.
    source = GstController.InterpolationControlSource()
    source.set_property("mode", GstController.InterpolationMode.LINEAR)
    convolve.add_control_binding(
        GstController.DirectControlBinding.new_absolute(convolve, "bias",
                                                        source))
    source.set(0, 0.0)
    source.set(3 * Gst.SECOND, 200.0)

    def on_frame(pad, info):
        buf = info.get_buffer()
        n = buf.pts // (Gst.SECOND // 30)
        if n % 15 == 0:
            ok, m = buf.map(Gst.MapFlags.READ)
            print(f"frame {n}: mean {sum(m.data) / len(m.data):.1f}")
            buf.unmap(m)
        return Gst.PadProbeReturn.OK

    convolve.get_static_pad("src").add_probe(Gst.PadProbeType.BUFFER,
                                             on_frame)
    pipeline.set_state(Gst.State.PLAYING)
    msg = pipeline.get_bus().timed_pop_filtered(
        Gst.CLOCK_TIME_NONE, Gst.MessageType.EOS | Gst.MessageType.ERROR)
    pipeline.set_state(Gst.State.NULL)
    if msg.type == Gst.MessageType.ERROR:
        err, _ = msg.parse_error()
        sys.exit(f"animate_bias.py: {err.message}")


if __name__ == "__main__":
    main()
