# SPDX-License-Identifier: LGPL-2.1-or-later
"""What the project's Python tests share: "ok"/"FAIL" lines with the
counts, decoding a video file's frames, and the GstPreset round trip both
elements have.

Imported by path: sys.path.insert(0, <this folder>), e.g.
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "pylib"))
"""
import os
import sys

counts = {"passed": 0, "failed": 0}


def check(ok, what, detail="", tail=15):
    """Prints "ok    what" or "FAIL  what" and the last lines of detail."""
    if ok:
        counts["passed"] += 1
        print(f"ok    {what}")
    else:
        counts["failed"] += 1
        print(f"FAIL  {what}")
        for line in str(detail).strip().splitlines()[-tail:]:
            print(f"      | {line}")
    sys.stdout.flush()
    return ok


def summary():
    """The closing line; the exit status for sys.exit ()."""
    print(f"{counts['passed']} passed, {counts['failed']} failed")
    return 1 if counts["failed"] else 0


def gst_launch_lines(path):
    """The gst-launch-1.0 lines of a Markdown file's sh blocks, each with
    its continuation lines joined."""
    commands, block, current = [], False, ""
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith("```"):
                block = line.strip() == "```sh" and not block
                continue
            if not block:
                continue
            if current or line.lstrip().startswith("gst-launch-1.0"):
                current += line.rstrip("\\").strip() + " "
                if not line.endswith("\\"):
                    commands.append(current.strip())
                    current = ""
    return commands


def decoded_frames(Gst, path, caps="video/x-raw"):
    """The decoded frames of a file, as GstSamples of `caps`."""
    pipe = Gst.parse_launch(
        f"filesrc location={path} ! decodebin ! videoconvert ! {caps} ! "
        "appsink name=sink sync=false")
    sink = pipe.get_by_name("sink")
    pipe.set_state(Gst.State.PLAYING)
    try:
        while True:
            sample = sink.try_pull_sample(5 * Gst.SECOND)
            if sample is None:
                return
            yield sample
    finally:
        pipe.set_state(Gst.State.NULL)


def check_presets(Gst, factory, folder, settings=None):
    """GstPreset on elements of `factory`: named settings saved by one
    element load into another, in $XDG_DATA_HOME (`folder`, set before
    GLib reads it): a kernel with stride-x, bias and border, and a preset
    with a refinement (sobel with a bias). With `settings` (property
    names), the file holds exactly those."""
    a = Gst.ElementFactory.make(factory)
    Gst.util_set_object_arg(a, "kernel", "<<1,2,3>,<4,5,6>>")
    a.set_property("stride-x", 2)
    a.set_property("bias", 10.5)
    Gst.util_set_object_arg(a, "border", "symmetric")
    check(a.save_preset("mine"), f"{factory} GstPreset: save_preset ('mine')")
    sobel = Gst.ElementFactory.make(factory)
    Gst.util_set_object_arg(sobel, "preset", "sobel")
    sobel.set_property("bias", 3)
    check(sobel.save_preset("edges"), "save_preset ('edges'): sobel, bias 3")
    b = Gst.ElementFactory.make(factory)
    check(sorted(b.get_preset_names()) == ["edges", "mine"],
          f"both names listed: {b.get_preset_names()}")
    check(b.load_preset("mine"), "load_preset ('mine') on another element")

    def kernel(el):
        return [[float(x) for x in row] for row in el.get_property("kernel")]

    got = (kernel(b), b.get_property("stride-x"), b.get_property("bias"),
           b.get_property("border").value_nick,
           b.get_property("preset").value_nick, b.get_name())
    check(got[:5] == ([[1, 2, 3], [4, 5, 6]], 2, 10.5, "symmetric", "custom")
          and got[5] != a.get_name(),
          f"kernel, stride-x, bias, border and preset come back, the name "
          f"stays ({got})")
    check(b.load_preset("edges") and
          b.get_property("preset").value_nick == "sobel" and
          b.get_property("bias") == 3 and
          kernel(b) == [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
          "a preset with a refinement comes back as the preset (sobel, "
          "magnitude kept) with its bias")
    path = os.path.join(folder, "gstreamer-1.0", "presets",
                        type(b).__gtype__.name + ".prs")
    check(os.path.exists(path), f"the presets file is {path}")
    if settings is None:
        return
    keys = set()
    if os.path.exists(path):
        with open(path) as f:
            keys = {line.split("=")[0] for line in f if "=" in line}
    # The file's header has these two; each preset the settings.
    keys -= {"version", "element-name"}
    check(keys == set(settings), f"the presets file has the element's "
          f"settings, {len(keys)} of them", sorted(keys ^ set(settings)))
