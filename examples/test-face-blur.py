#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Runs face_blur.py on its drawn face and checks what it makes: exit 0,
one face reported, and the PNG equal to the drawn face outside the face's
rectangle, blurred inside it (samples changed, the picture smoother).
Run again on a PNG of the drawn face given as IN: the same output. Exits
77 (skipped) where facedetect or its cascade is missing.

usage: test-face-blur.py face_blur.py
"""
import importlib.util
import os
import re
import subprocess
import sys
import tempfile

import gi
import numpy as np

gi.require_version("Gst", "1.0")
gi.require_version("GstApp", "1.0")
from gi.repository import Gst, GstApp  # noqa: E402,F401

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "../tests/pylib"))
from vccheck import check, decoded_frames, summary  # noqa: E402

CASCADE = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml"


def load_example(path):
    spec = importlib.util.spec_from_file_location("face_blur", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def picture(path):
    """The first frame of a picture file as RGB rows."""
    for sample in decoded_frames(Gst, path, "video/x-raw,format=RGB"):
        s = sample.get_caps().get_structure(0)
        w, h = s.get_value("width"), s.get_value("height")
        buf = sample.get_buffer()
        ok, m = buf.map(Gst.MapFlags.READ)
        stride = len(m.data) // h
        rows = np.frombuffer(m.data, np.uint8).reshape(h, stride)
        img = rows[:, :w * 3].reshape(h, w, 3).copy()
        buf.unmap(m)
        return img
    return None


def write_png(img, path):
    h, w = img.shape[:2]
    pipe = Gst.parse_launch(
        f"appsrc name=src format=time caps=video/x-raw,format=RGB,width={w},"
        f"height={h},framerate=1/1 ! videoconvert ! pngenc ! "
        f"filesink location={path}")
    src = pipe.get_by_name("src")
    pipe.set_state(Gst.State.PLAYING)
    buf = Gst.Buffer.new_wrapped(img.tobytes())
    buf.pts = 0
    src.emit("push-buffer", buf)
    src.emit("end-of-stream")
    pipe.get_bus().timed_pop_filtered(10 * Gst.SECOND, Gst.MessageType.EOS |
                                      Gst.MessageType.ERROR)
    pipe.set_state(Gst.State.NULL)


def check_run(example, out, face, extra, name):
    p = subprocess.run(["/usr/bin/python3", example, out] + extra,
                       capture_output=True, text=True, timeout=120)
    faces = [tuple(map(int, m)) for m in
             re.findall(r"^face (\d+),(\d+),(\d+),(\d+)$", p.stdout, re.M)]
    check(p.returncode == 0 and len(faces) == 1,
          f"{name}: exit 0, one face ({faces})", p.stdout + p.stderr)
    got = picture(out) if p.returncode == 0 else None
    if not faces or got is None:
        check(False, f"{name}: an output picture")
        return
    x, y, w, h = faces[0]
    inside = np.zeros(face.shape[:2], bool)
    inside[y:y + h, x:x + w] = True
    same_outside = np.array_equal(got[~inside], face[~inside])
    changed = np.count_nonzero(np.any(got[inside] != face[inside], axis=1))

    def roughness(img):
        """Mean squared step between neighbours: a blur lowers it."""
        return (np.diff(img[inside].reshape(h, w, 3).astype(int),
                        axis=1) ** 2).mean()
    check(same_outside, f"{name}: outside the face {x},{y},{w},{h} the "
          "picture is the input")
    check(changed > w * h // 4 and roughness(got) < roughness(face) / 2,
          f"{name}: inside it blurred ({changed} of {w * h} pixels changed, "
          f"roughness {roughness(got):.2f} against {roughness(face):.2f})")


def main():
    Gst.init(None)
    if Gst.ElementFactory.find("facedetect") is None or \
            not os.path.exists(CASCADE):
        print("facedetect or its cascade is missing (Debian: "
              "gstreamer1.0-opencv, opencv-data): skipped")
        return 77
    example = sys.argv[1]
    face = load_example(example).draw_face()
    with tempfile.TemporaryDirectory() as tmp:
        check_run(example, os.path.join(tmp, "drawn.png"), face, [],
                  "drawn face")
        write_png(face, os.path.join(tmp, "in.png"))
        check_run(example, os.path.join(tmp, "file.png"), face,
                  [os.path.join(tmp, "in.png")], "face from a PNG file")
    return summary()


if __name__ == "__main__":
    sys.exit(main())
