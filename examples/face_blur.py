#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""face_blur.py: blurs the faces of a picture, and only them.

facedetect (gst-plugins-bad's OpenCV plugin, Debian's gstreamer1.0-opencv,
with its Haar cascades from opencv-data) attaches a
GstVideoRegionOfInterestMeta of type "face" to each frame for every face it
finds (and posts them on the bus); videoconvolve roi-meta=face convolves
inside those rectangles and leaves the rest of the frame as it is. No probe
is needed in between:

    ... ! videoconvert ! facedetect display=false ! \\
        videoconvolve roi-meta=face preset=box5 dilation-x=4 dilation-y=4 ! ...

    python3 examples/face_blur.py OUT.png [IN]

IN is any picture GStreamer decodes (PNG, JPEG...); without it the example
draws a face of its own (draw_face ()), which the frontal face cascade
finds. Prints each face facedetect reports, as x,y,width,height.
"""
import sys

import gi
import numpy as np

gi.require_version("Gst", "1.0")
from gi.repository import Gst  # noqa: E402

BLUR = "preset=box5 dilation-x=4 dilation-y=4"


def _ellipse(img, cx, cy, rx, ry, rgb):
    y, x = np.ogrid[:img.shape[0], :img.shape[1]]
    img[((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1] = rgb


def draw_face(width=320, height=240):
    """A drawn face on a dark background, as RGB rows (height x width x 3):
    skin, hair, brows, eyes, nose and mouth where the cascade looks."""
    img = np.full((height, width, 3), 40, np.uint8)
    cx, cy = width // 2, height // 2
    _ellipse(img, cx, cy, 70, 92, (200, 160, 135))
    _ellipse(img, cx, cy - 95, 72, 30, (50, 35, 25))
    for dx in (-28, 28):
        _ellipse(img, cx + dx, cy - 38, 22, 6, (70, 50, 40))
        _ellipse(img, cx + dx, cy - 20, 15, 8, (245, 245, 245))
        _ellipse(img, cx + dx, cy - 20, 7, 7, (30, 20, 20))
    _ellipse(img, cx, cy + 12, 9, 20, (175, 135, 110))
    _ellipse(img, cx, cy + 48, 28, 8, (120, 50, 50))
    return img


def source(path, img):
    """The pipeline's head: the picture at `path`, or `img` from appsrc."""
    if path:
        return f'filesrc location="{path}" ! decodebin ! videoconvert ! '
    h, w = img.shape[:2]
    return (f"appsrc name=src format=time caps=video/x-raw,format=RGB,"
            f"width={w},height={h},framerate=1/1 ! ")


def faces_of(message):
    """The faces of a facedetect message, as (x, y, width, height)."""
    st = message.get_structure()
    if st is None or not st.has_field("faces"):
        return []
    return [tuple(f.get_value(k) for k in ("x", "y", "width", "height"))
            for f in st.get_value("faces")]


def main():
    out = sys.argv[1]
    path = sys.argv[2] if len(sys.argv) > 2 else None
    Gst.init(None)
    img = None if path else draw_face()
    pipeline = Gst.parse_launch(
        source(path, img) + "video/x-raw,format=RGB ! "
        "facedetect display=false ! "
        f"videoconvolve roi-meta=face {BLUR} ! videoconvert ! pngenc ! "
        f'filesink location="{out}"')
    pipeline.set_state(Gst.State.PLAYING)
    if img is not None:
        src = pipeline.get_by_name("src")
        buf = Gst.Buffer.new_wrapped(img.tobytes())
        buf.pts = 0
        src.emit("push-buffer", buf)
        src.emit("end-of-stream")
    bus = pipeline.get_bus()
    status = 0
    while True:
        msg = bus.timed_pop_filtered(
            30 * Gst.SECOND, Gst.MessageType.ELEMENT | Gst.MessageType.EOS |
            Gst.MessageType.ERROR)
        if msg is None or msg.type == Gst.MessageType.EOS:
            break
        if msg.type == Gst.MessageType.ERROR:
            err, _ = msg.parse_error()
            print(f"error: {err.message}", file=sys.stderr)
            status = 1
            break
        for face in faces_of(msg):
            print("face %d,%d,%d,%d" % face)
    pipeline.set_state(Gst.State.NULL)
    return status


if __name__ == "__main__":
    sys.exit(main())
