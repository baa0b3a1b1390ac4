# SPDX-License-Identifier: LGPL-2.1-or-later
"""What the project's Python tests share: "ok"/"FAIL" lines with the
counts, and decoding a video file's frames.

Imported by path: sys.path.insert(0, <this folder>), e.g.
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "pylib"))
"""
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
