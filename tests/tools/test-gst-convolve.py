#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""tools/gst-convolve on generated files.

  - a VP8 + Vorbis WebM (320x240, 90 frames, 3 s) blurred with stride 2
    into WebM: exit 0, a progress line, an output that plays with
    160x120 video, its audio and all 90 frames; the same into Ogg (Theora);
  - .mp4 where no H.264 encoder is installed: exit 1 and what to install
    (the Debian packages of the encoders encodebin can use);
  - Ctrl-C (SIGINT) in the middle of a long file: exit 0 and an output that
    plays, with fewer frames than the input, in place of the existing one;
    a second Ctrl-C, SIGTERM, Ctrl-C at the start: the existing output
    untouched;
  - progress on a 250-frame file: monotone, never ahead of the frames,
    100 % only on the last line; none of "time left" after Ctrl-C;
  - the output: never the input (same path, symlinks, hard links), an
    existing file replaced only with -y/--overwrite, a failed run leaves
    it as it was, never a temporary .part file left, a missing folder
    named;
  - bad values (an unknown property, a value that does not parse or is out
    of range, a kernel the element refuses, values it refuses together
    such as regions with a stride above 1): exit 2 and a message naming
    the property and the value, before any file is written;
  - other bad arguments: exit 1 (no such input), exit 2 (an unknown
    extension), each with its message.

usage: test-gst-convolve.py PATH-TO-gst-convolve  (GST_PLUGIN_PATH_1_0 must
reach the videoconvolve plugin; the system's plugins are used for the rest)
"""
import os
import re
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


def make_input(path, frames, size="320x240", audio=True, rate=30):
    w, h = size.split("x")
    cmd = ["gst-launch-1.0", "-q", "videotestsrc", f"num-buffers={frames}", "!",
           f"video/x-raw,width={w},height={h},framerate={rate}/1", "!",
           "vp8enc",
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
    ("kernel=<<1,2,1>,<2,4,2>,<1,2,1>",
     ["kernel", "<<1,2,1>,<2,4,2>,<1,2,1>"]),
    ("sharpness=3", ["sharpness", "stride-x"]),
    ("n-threads=65", ["n-threads", "65", "0 to 64"]),
    ("bias=1e9", ["bias", "1e9"]),
    # Refused by the element itself, in its own words.
    ("kernel=<<1,2>,<3>>", ["kernel=<<1,2>,<3>>", "ragged"]),
    ("kernel=<>", ["kernel=<>", "empty"]),
    ("kernel=<<1,nan>>", ["kernel=<<1,nan>>", "nan"]),
    # Each value taken alone, refused together by the element.
    ("stride-x=2 regions=<<1,2,10,8>>",
     ["stride-x=2 regions=<<1,2,10,8>>", "stride-x 2", "need an output"]),
    ("roi-meta=face stride-y=3",
     ["roi-meta=face stride-y=3", "stride-y 3", "need an output"]),
    ("preset=box5 regions=<<1,2,10,8>> padding-y=0",
     ["regions=<<1,2,10,8>> padding-y=0", "padding-y 0", "need an output"]),
]


def check_bad_values(tool, src, tmp):
    """Each bad value: exit 2 naming property and value, no output file;
    an existing output (even with -y) left as it was."""
    kept = os.path.join(tmp, "kept.webm")
    for arg, words in BAD_VALUES:
        out = os.path.join(tmp, "bad.webm")
        p = run(tool, src, out, "preset=sobel", *arg.split())
        check(p.returncode == 2 and all(w in p.stderr for w in words)
              and not os.path.exists(out),
              f"{arg}: exit 2, the message names {words}, no output file "
              f"({p.returncode})", p.stderr)
        write(kept, b"precious")
        p = run(tool, "-y", src, kept, *arg.split())
        data = read(kept)
        check(p.returncode == 2 and data == b"precious",
              f"{arg} with -y: exit 2, the existing output untouched "
              f"({p.returncode}, {len(data)} bytes)", p.stderr)


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def parts(folder):
    """The temporary files gst-convolve left in a folder."""
    return [n for n in os.listdir(folder) if n.endswith(".part")]


# A 25x25 kernel that is no product of a row and a column: slow enough on
# one thread (about 140 frames/s at 320x240 here) that finishing the file
# after Ctrl-C (the frames queued, up to a second of the input) takes
# about 2 s, time for a second signal.
SLOW_KERNEL = "kernel=<%s>" % ",".join(
    "<%s>" % ",".join(str(i * j % 7 + 1) for j in range(25))
    for i in range(25))


def start_long(tool, src, out):
    """gst-convolve on a long file, once its progress shows frames convolved
    and some of the file written (a percent above 0), however slow the
    machine (a sanitized build on a loaded one takes many seconds to get
    there): (process, what it printed so far)."""
    proc = subprocess.Popen(
        [tool, "-y", src, out, SLOW_KERNEL, "n-threads=1"],
        stderr=subprocess.PIPE, text=True, bufsize=0)
    seen = ""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        more = read_until(proc, " frames |", 60)
        if not more:
            break
        seen += more
        lines = progress_lines(seen)
        if lines and lines[-1][0] > 0 and lines[-1][1] > 0:
            break
    return proc, seen


def read_until(proc, text, seconds=30):
    """What the process prints until `text` (or it ends, or time is up)."""
    seen = ""
    deadline = time.monotonic() + seconds
    while text not in seen and time.monotonic() < deadline:
        c = proc.stderr.read(1)
        if not c:
            break
        seen += c
    return seen


def finish(proc, seen):
    """(exit status, all it printed) once it ends (killed after 60 s)."""
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    return proc.returncode, seen + err


def progress_lines(err):
    """[(percent, frames, line)] of the progress lines in what it printed."""
    found = []
    for line in re.split(r"[\r\n]", err):
        m = re.match(r"\s*([\d.]+) % \| (\d+) frames", line)
        if m:
            found.append((float(m.group(1)), int(m.group(2)), line))
    return found


def check_progress(tool, tmp):
    """On a 250-frame file, slowly (about 3 s): the percent never
    decreases, never runs ahead of the frames convolved (it is what the
    file has), is below 100 until the last line, 100 there."""
    frames = 250
    src = os.path.join(tmp, "progress.webm")
    make_input(src, frames, audio=False)
    p = run(tool, src, os.path.join(tmp, "progress-out.webm"), SLOW_KERNEL,
            "n-threads=1")
    lines = progress_lines(p.stderr)
    pcts = [pct for pct, _, _ in lines]
    ahead = [line for pct, n, line in lines if pct / 100 * frames > n + 1]
    check(p.returncode == 0 and len(lines) >= 2 and
          pcts == sorted(pcts) and max(pcts[:-1]) < 100 and
          lines[-1][:2] == (100.0, frames) and not ahead,
          f"progress: {len(lines)} lines, monotone, below 100 % until the "
          f"end, never ahead of the frames ({ahead[:1]})",
          "\n".join(line for _, _, line in lines))


def check_interrupts(tool, tmp):
    """Ctrl-C in the middle of a long file (1500 frames; any machine is far
    from its end at the first progress line): the file is finished and
    replaces the existing output; so it is when the signal comes twice at
    once (`timeout -s INT` sends it to the process and to its group). A
    second Ctrl-C, SIGTERM, or Ctrl-C before the first frame: exit 1, the
    existing output untouched. Never a .part file left."""
    long_src = os.path.join(tmp, "long.webm")
    make_input(long_src, 1500, "320x240", audio=False, rate=300)
    out = os.path.join(tmp, "cut.webm")
    write(out, b"precious")
    proc, seen = start_long(tool, long_src, out)
    proc.send_signal(signal.SIGINT)
    code, err = finish(proc, seen)
    d = discover(out)
    n = count_frames(out) if d else 0
    check(code == 0 and "interrupted" in err and d is not None and
          0 < n < 1500 and not parts(tmp),
          f"Ctrl-C: exit 0, the file is finished, plays and replaces the "
          f"existing output ({n} of 1500 frames)", err)
    after = progress_lines(err.split("interrupted:")[-1])
    check(not any("left" in line for _, _, line in after),
          f"Ctrl-C: no time left shown while the file is finished "
          f"({len(after)} progress lines after it)",
          "\n".join(line for _, _, line in after))
    write(out, b"precious")
    proc, seen = start_long(tool, long_src, out)
    proc.send_signal(signal.SIGINT)
    seen += read_until(proc, "finishing the file")
    proc.send_signal(signal.SIGINT)
    code, err = finish(proc, seen)
    n = count_frames(out) if code == 0 else 0
    check(code == 0 and 0 < n < 1500 and not parts(tmp),
          f"SIGINT twice at once, as from timeout -s INT: exit 0, the file "
          f"finished ({code}, {n} frames)", err)
    for what, signals in (("a second Ctrl-C", [signal.SIGINT] * 2),
                          ("SIGTERM", [signal.SIGTERM])):
        write(out, b"precious")
        proc, seen = start_long(tool, long_src, out)
        proc.send_signal(signals[0])
        seen += read_until(proc, "finishing the file")
        for sig in signals[1:]:
            # Past the tool's 0.2 s for one signal sent twice, with the tool
            # held (SIGSTOP), so that it cannot finish the file meanwhile
            # however long this process waits on a loaded machine.
            proc.send_signal(signal.SIGSTOP)
            time.sleep(0.3)
            proc.send_signal(sig)
            proc.send_signal(signal.SIGCONT)
        code, err = finish(proc, seen)
        check(code == 1 and "left as it was" in err and
              read(out) == b"precious" and not parts(tmp),
              f"{what}: exit 1, the existing output untouched, no .part "
              f"({code}, {parts(tmp)})", err)
    write(out, b"precious")
    proc = subprocess.Popen([tool, "-y", long_src, out], text=True,
                            stderr=subprocess.PIPE)
    proc.send_signal(signal.SIGINT)
    code, err = finish(proc, "")
    check(code != 0 and read(out) == b"precious" and not parts(tmp),
          f"Ctrl-C at the start: exit {code}, the existing output untouched, "
          f"no .part", err)


def check_same_file(tool, src, tmp):
    """Input and output one file (plain, symlink either way, hard link):
    exit 2 and the input intact, -y or not."""
    same = os.path.join(tmp, "same.webm")
    write(same, read(src))
    link = os.path.join(tmp, "same-link.webm")
    os.symlink(same, link)
    hard = os.path.join(tmp, "same-hard.webm")
    os.link(same, hard)
    cases = [("the same path", same, same), ("output a symlink", same, link),
             ("input a symlink", link, same), ("a hard link", hard, same)]
    for what, i, o in cases:
        for flags in ([], ["-y"]):
            p = run(tool, *flags, i, o, "preset=sobel")
            check(p.returncode == 2 and "same file" in p.stderr and
                  read(same) == read(src) and not parts(tmp),
                  f"same file in and out, {what} {flags}: exit 2, the input "
                  f"intact ({p.returncode}, {os.path.getsize(same)} bytes)",
                  p.stderr)


def check_existing_output(tool, src, tmp):
    """An existing output: refused without -y (naming it), replaced with -y
    or --overwrite, through a symlink its target replaced."""
    out = os.path.join(tmp, "exists.webm")
    write(out, b"precious")
    p = run(tool, src, out, "preset=sobel")
    check(p.returncode == 2 and "-y" in p.stderr and
          read(out) == b"precious",
          f"an existing output without -y: exit 2, '-y' named, untouched "
          f"({p.returncode})", p.stderr)
    for flag in ("-y", "--overwrite"):
        write(out, b"precious")
        os.chmod(out, 0o640)
        p = run(tool, src, out, flag, "preset=sobel")
        n = count_frames(out) if p.returncode == 0 else 0
        check(p.returncode == 0 and n == 90 and
              os.stat(out).st_mode & 0o777 == 0o640 and not parts(tmp),
              f"an existing output with {flag}: replaced by the 90 frames, "
              f"its mode kept ({p.returncode}, {n} frames, "
              f"{oct(os.stat(out).st_mode & 0o777)})", p.stderr)
    link = os.path.join(tmp, "exists-link.webm")
    os.symlink(out, link)
    write(out, b"precious")
    p = run(tool, "-y", src, link, "preset=sobel")
    check(p.returncode == 0 and os.path.islink(link) and
          count_frames(out) == 90,
          "-y on a symlink: the link stays, the file it names is replaced",
          p.stderr)


def check_failed_run(tool, tmp):
    """A run that fails once started (a kernel wider than the frame) and a
    missing output folder: the existing output untouched, no .part file;
    the folder named, an output under a file refused."""
    gray = os.path.join(tmp, "gray8.mkv")
    subprocess.run(["gst-launch-1.0", "-q", "videotestsrc", "num-buffers=10",
                    "!", "video/x-raw,format=GRAY8,width=64,height=48,"
                    "framerate=30/1", "!", "matroskamux", "!", "filesink",
                    f"location={gray}"], check=True, capture_output=True)
    out = os.path.join(tmp, "kept-on-error.webm")
    write(out, b"precious")
    p = run(tool, "-y", gray, out, "kernel=<<1,1,1,1,1,1,1>>",
            "dilation-x=20", "padding-x=0")
    check(p.returncode == 1 and "output width would be" in p.stderr and
          read(out) == b"precious" and not parts(tmp),
          f"a run that fails: exit 1, the element's message, the existing "
          f"output untouched, no .part left ({p.returncode}, {parts(tmp)})",
          p.stderr)
    missing = os.path.join(tmp, "no-such-folder")
    p = run(tool, gray, os.path.join(missing, "x.webm"))
    said = [line for line in p.stderr.splitlines() if " -> " not in line]
    check(p.returncode == 1 and any(missing in line for line in said) and
          not os.path.exists(missing),
          f"a missing output folder: exit 1, the folder named "
          f"({p.returncode})",
          p.stderr)
    under_file = os.path.join(gray, "x.webm")
    p = run(tool, gray, under_file)
    check(p.returncode == 1 and f"cannot write {under_file}" in p.stderr,
          f"an output under a file: exit 1, 'cannot write' ({p.returncode})",
          p.stderr)
    return gray


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
            # What encodebin can use on Debian 12: openh264enc and voaacenc
            # (plugins-bad) or x264enc (plugins-ugly); not libav's
            # avenc_aac, whose rank is none.
            words = ["no encoder", "install", "gstreamer1.0-plugins-bad",
                     "openh264enc", "voaacenc", "x264enc"]
            check(p.returncode == 1 and all(w in p.stderr for w in words)
                  and "libav" not in p.stderr,
                  ".mp4 without an H.264 encoder: exit 1, the packages and "
                  "encoders encodebin can use", p.stderr)

        check_progress(tool, tmp)
        check_interrupts(tool, tmp)
        check_bad_values(tool, src, tmp)
        check_same_file(tool, src, tmp)
        check_existing_output(tool, src, tmp)
        check_failed_run(tool, tmp)
        p = run(tool, os.path.join(tmp, "missing.webm"),
                os.path.join(tmp, "x.webm"))
        check(p.returncode == 1 and "no such file" in p.stderr,
              "a missing input: exit 1, 'no such file'", p.stderr)
        p = run(tool, "--help")
        check(p.returncode == 0 and all(
            w in p.stdout for w in ("-y, --overwrite", ".part", "SIGTERM",
                                    "Exit status: 0", "2 bad arguments")),
            "--help: exit 0, on stdout, -y, the .part file, the signals and "
            "the exit statuses", p.stdout + p.stderr)
        p = run(tool, "-x", src, os.path.join(tmp, "x.webm"))
        check(p.returncode == 2 and "-x" in p.stderr,
              "an unknown option: exit 2, named", p.stderr)
        p = run(tool, src, os.path.join(tmp, "x.avi"))
        check(p.returncode == 2 and ".webm" in p.stderr,
              "an unknown extension: exit 2 and the known ones", p.stderr)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
