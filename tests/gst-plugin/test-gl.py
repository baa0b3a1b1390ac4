#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""glvideoconvolve against videoconvolve on the same frames.

Two pipelines get the same random RGBA frames (random alpha too):
    appsrc ! videoconvolve PROPS ! appsink
    appsrc ! glupload ! glvideoconvolve PROPS ! gldownload ! appsink
and every output must have the same caps (size, pixel-aspect-ratio) and
differ by at most 1 in every sample, alpha included, and not at all where
the README's rule says the result is exact (integer kernel, divisor and
bias, no gradient magnitude); each check prints the count of samples that
differ and the worst difference.

Configurations: every preset of the element's enum, random integer and
fractional kernels (1x1 to 7x7, random divisor, bias, absolute, stride,
dilation, padding, border, border-value), random separable ones (2x2 to
9x9, integer and fractional, and a 41x41 box: two passes, which the log
must show), kernels of more taps than one shader takes (up to 64x50, summed
in up to four parts by two shaders, which the log must show), every border
mode with padding larger than a small frame, stride and dilation alone, all
of them applied while playing (each frame is made after a set of property
changes, sizes changing with them: a live change and a renegotiation per
frame), then fresh pipelines for the start-up path. Also: the identity
passes frames through, and live changes out of it and back are made; the
properties are videoconvolve's, with the same specs (n-threads kept without
changing a frame), but rows of the shared table the element does not
implement, which gst-launch refuses as unknown; GstPreset files save and
load the element's settings; a refused kernel, or settings with no output
size, give videoconvolve's error text; settings with no output, set while
playing, refuse the next frame, and the kernel set after them convolves
once the flow restarts; with --readme, the README's gst-launch lines with
glupload run as written (for a window, fakesink).

The GL API is the environment's (GST_GL_API=opengl3 or gles2, set by
meson); the renderer (GL_RENDERER) is printed. Without a GL context (no
display, no GL plugin) the test prints SKIP and exits 77.
Options: --cases N (random kernels, default 40), --seed S.
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

import numpy as np

DEBUG_LOG = tempfile.NamedTemporaryFile(prefix="test-gl-", suffix=".log",
                                        delete=False).name
# The GL context logs its renderer at INFO: read back from this file.
# and the element which passes it takes (one, or two for separable).
os.environ["GST_DEBUG"] = "glcontext:4,glvideoconvolve:4"
os.environ["GST_DEBUG_FILE"] = DEBUG_LOG

import gi  # noqa: E402

gi.require_version("Gst", "1.0")
gi.require_version("GstVideo", "1.0")
gi.require_version("GstBase", "1.0")
from gi.repository import GLib, Gst, GstBase, GstVideo  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "../pylib"))
from vccheck import check, gst_launch_lines, summary  # noqa: E402
from vccheck import check_presets  # noqa: E402

SKIP = 77
PULL_TIMEOUT = 20 * Gst.SECOND
# False with --no-float-targets: the context renders into no float texture
# (OpenGL ES 2.0), so separable kernels run in one pass and a kernel of
# more than 1024 non-zero taps is refused.
FLOAT_TARGETS = True
NO_FLOAT_TARGET = re.compile(r"kernel (\d+)x(\d+) has more than 1024 "
                             r"non-zero taps, .* cannot render into one")
W, H = 67, 45
BORDERS = ["constant", "replicate", "reflect", "symmetric", "wrap"]
# What a configuration is reset to before its own values (kernel first: a
# kernel after a preset drops the preset's values).
DEFAULTS = [("kernel", "<<1>>"), ("divisor", "0"), ("bias", "0"),
            ("absolute", "false"), ("stride-x", "1"), ("stride-y", "1"),
            ("dilation-x", "1"), ("dilation-y", "1"), ("padding-x", "-1"),
            ("padding-y", "-1"), ("border", "replicate"),
            ("border-value", "0"), ("regions", "<>"), ("roi-meta", "")]


class Chain:
    """appsrc ! ELEMENT ! appsink, fed one frame at a time."""

    def __init__(self, gl, w, h, props=""):
        middle = (f"glupload name=up ! glvideoconvolve name=f {props} ! "
                  "gldownload"
                  if gl else f"videoconvolve name=f {props}")
        self.pipe = Gst.parse_launch(
            "appsrc name=src format=time caps=video/x-raw,format=RGBA,"
            f"width={w},height={h},framerate=30/1,pixel-aspect-ratio=1/1 ! "
            f"{middle} ! appsink name=sink sync=false "
            "caps=video/x-raw,format=RGBA")
        self.src = self.pipe.get_by_name("src")
        self.sink = self.pipe.get_by_name("sink")
        self.element = self.pipe.get_by_name("f")
        self.pts = 0
        self.pipe.set_state(Gst.State.PLAYING)

    def set(self, pairs):
        for name, value in pairs:
            Gst.util_set_object_arg(self.element, name, value)

    def error(self):
        msg = self.pipe.get_bus().pop_filtered(Gst.MessageType.ERROR)
        return msg.parse_error()[0].message if msg else None

    def feed(self, frame):
        """Pushes one frame, 1/30 s after the last."""
        buf = Gst.Buffer.new_wrapped(frame.tobytes())
        buf.pts = self.pts
        buf.duration = Gst.SECOND // 30
        self.pts += buf.duration
        self.src.emit("push-buffer", buf)

    def push(self, frame):
        """The output for one frame: (array h x w x 4, (w, h, par)), or the
        error text."""
        self.feed(frame)
        # Waits for the frame or an error, whichever comes first.
        for _ in range(PULL_TIMEOUT // (Gst.SECOND // 10)):
            sample = self.sink.emit("try-pull-sample", Gst.SECOND // 10)
            error = None if sample else self.error()
            if sample or error:
                break
        if sample is None:
            return error or "no frame"
        info = GstVideo.VideoInfo.new_from_caps(sample.get_caps())
        ok, m = sample.get_buffer().map(Gst.MapFlags.READ)
        stride = info.stride[0]
        rows = np.frombuffer(m.data, np.uint8)[:stride * info.height]
        out = rows.reshape(info.height, stride)[:, :info.width * 4].copy()
        sample.get_buffer().unmap(m)
        return (out.reshape(info.height, info.width, 4),
                (info.width, info.height, f"{info.par_n}/{info.par_d}"))

    def restart(self):
        """Flushes the chain and plays it again, its errors dropped: the
        data flow after a refused frame, without going through READY."""
        self.src.send_event(Gst.Event.new_flush_start())
        self.src.send_event(Gst.Event.new_flush_stop(True))
        self.pipe.set_state(Gst.State.PLAYING)
        while self.error():
            pass

    def close(self):
        self.pipe.set_state(Gst.State.NULL)


def integral(text):
    return all(float(v) == int(float(v)) for v in re.findall(r"[-\d.e]+",
                                                              text))


def exact(cfg):
    """Whether the README's rule makes the GL output equal byte for byte:
    integer coefficients, divisor and bias (a float sum of integers is
    exact, and a quotient by an integer d lies at least 1/(2d) from a
    half), and no gradient magnitude (a square root in float)."""
    values = dict(cfg)
    # preset=gaussian's sums stay below 2^24 up to sigma 3 (boxes 5, 5
    # and 7: 255 * 175^2 < 2^24); from sigma 4 (7, 7, 9) they do not.
    return (values.get("preset") not in ("sobel", "prewitt", "scharr") and
            float(values.get("sigma", "0")) <= 3 and
            all(integral(values.get(k, "0"))
                for k in ("kernel", "divisor", "bias")))


def compare(what, cpu, gl, same=False):
    """Same caps, every sample within 1 (equal when `same`); says how many
    differ, the worst."""
    if isinstance(cpu, str) and cpu == gl:
        return check(True, f"{what}: both refuse it: {cpu[:60]}...")
    if isinstance(cpu, str) or isinstance(gl, str):
        return check(False, what, f"videoconvolve: {cpu}\nglvideoconvolve: "
                     f"{gl if isinstance(gl, str) else 'a frame'}")
    if cpu[1] != gl[1]:
        return check(False, what, f"caps {cpu[1]} (videoconvolve) vs {gl[1]}")
    diff = np.abs(cpu[0].astype(int) - gl[0].astype(int))
    worst = int(diff.max())
    where = np.argwhere(diff == worst)[0] if worst else None
    rule = "equal" if same else "within 1"
    return check(worst <= (0 if same else 1), f"{what}: {rule}, "
                 f"{cpu[1][0]}x{cpu[1][1]} par "
                 f"{cpu[1][2]}, {int((diff > 0).sum())} of {diff.size} "
                 f"samples differ, worst {worst}",
                 f"at row, column, channel {where}: videoconvolve "
                 f"{cpu[0][tuple(where)] if worst else ''} glvideoconvolve "
                 f"{gl[0][tuple(where)] if worst else ''}")


def kernel_text(rows):
    return "<" + ",".join("<" + ",".join(repr(v) for v in r) + ">"
                          for r in rows) + ">"


def random_config(rng):
    kh, kw = rng.randint(1, 7), rng.randint(1, 7)
    fractional = rng.random() < 0.5
    if fractional:
        rows = [[round(rng.uniform(-2, 2), 3) for _ in range(kw)]
                for _ in range(kh)]
    else:
        rows = [[rng.randint(-5, 5) for _ in range(kw)] for _ in range(kh)]
    cfg = [("kernel", kernel_text(rows)),
           ("stride-x", str(rng.choice([1, 1, 2, 3]))),
           ("stride-y", str(rng.choice([1, 1, 2, 3]))),
           ("dilation-x", str(rng.choice([1, 1, 2, 3]))),
           ("dilation-y", str(rng.choice([1, 1, 2, 3]))),
           ("padding-x", str(rng.choice([-1, -1, 0, 1, 4]))),
           ("padding-y", str(rng.choice([-1, -1, 0, 2, 5]))),
           ("border", rng.choice(BORDERS)),
           ("border-value", str(rng.choice([0, 77, 255.4, 300])))]
    if rng.random() < 0.5:
        cfg.append(("divisor", str(rng.choice([1, 3, 7.5, -4, 0.3]))))
    if rng.random() < 0.5:
        cfg.append(("bias", str(rng.choice([0, 64, 127.5, -30]))))
    if rng.random() < 0.4:
        cfg.append(("absolute", "true"))
    name = "fractional" if fractional else "integer"
    return f"{name} {kh}x{kw} " + " ".join(f"{k}={v}" for k, v in cfg[1:]), cfg


def separable_config(rng, i):
    """A kernel that is a column times a row: integer, fractional, or a
    box over the one-pass shader's 1024 taps."""
    if i == 0:
        return "box 41x41 (1681 taps)", [("kernel", kernel_text(
            [[1] * 41] * 41)), ("border", "reflect")]
    kh, kw = rng.randint(2, 9), rng.randint(2, 9)
    if i % 2:
        col = [rng.randint(-4, 6) or 1 for _ in range(kh)]
        row = [rng.randint(-4, 6) for _ in range(kw)]
        name = "integer"
    else:
        col = [round(rng.uniform(-1, 2), 2) or 1.0 for _ in range(kh)]
        row = [round(rng.uniform(-1, 2), 2) for _ in range(kw)]
        name = "fractional"
    rows = [[c * r for r in row] for c in col]
    cfg = [("kernel", kernel_text(rows)),
           ("stride-x", str(rng.choice([1, 2, 3]))),
           ("stride-y", str(rng.choice([1, 2, 3]))),
           ("dilation-x", str(rng.choice([1, 2]))),
           ("dilation-y", str(rng.choice([1, 3]))),
           ("padding-x", str(rng.choice([-1, 0, 6]))),
           ("padding-y", str(rng.choice([-1, 0, 7]))),
           ("border", rng.choice(BORDERS)),
           ("border-value", str(rng.choice([0, 90, 255])))]
    if rng.random() < 0.5:
        cfg.append(("bias", str(rng.choice([0, 64, -30]))))
    if rng.random() < 0.4:
        cfg.append(("absolute", "true"))
    return (f"separable {name} {kh}x{kw} " +
            " ".join(f"{k}={v}" for k, v in cfg[1:]), cfg)


def configurations(presets, cases, rng):
    for p in presets:
        yield f"preset={p}", [("preset", p)]
        yield f"preset={p} stride 2x3 border=wrap", [
            ("preset", p), ("stride-x", "2"), ("stride-y", "3"),
            ("border", "wrap")]
    for sigma in ("0.8", "3", "12"):
        yield f"preset=gaussian sigma={sigma}", [("preset", "gaussian"),
                                                 ("sigma", sigma)]
    for b in BORDERS:
        yield f"gaussian5 border={b} padding 9x7 border-value=200", [
            ("preset", "gaussian5"), ("border", b), ("padding-x", "9"),
            ("padding-y", "7"), ("border-value", "200")]
        yield f"sobel-x border={b} dilation 3x2 padding 0", [
            ("preset", "sobel-x"), ("border", b), ("dilation-x", "3"),
            ("dilation-y", "2"), ("padding-x", "0"), ("padding-y", "0")]
    for i in range(cases):
        yield random_config(rng)
    for i in range(cases // 2):
        yield separable_config(rng, i)
    yield from region_configs()


def region_configs():
    """regions (stride 1, padding -1: the output the size of the input), in
    one and two passes: overlapping, clipped at every edge and empty
    rectangles, borders the rectangles at the edges read, an even kernel
    (alpha from a neighbour), dilation, a gradient magnitude. roi-meta:
    test-element-gl-roi.c (glupload drops the metas, and Python cannot add
    them to a buffer after it)."""
    two = "<<3,2,20,11>,<15,8,30,30>>"
    edges = "<<-5,-5,12,60>,<60,40,20,20>,<30,0,9,3>,<9,9,0,5>>"
    box41 = kernel_text([[1] * 41] * 41)
    yield "regions overlapping, gaussian5 reflect", [
        ("preset", "gaussian5"), ("border", "reflect"), ("regions", two)]
    yield "regions at the edges, sobel wrap", [
        ("preset", "sobel"), ("border", "wrap"), ("regions", edges)]
    yield "regions, 2x2 constant 90", [
        ("kernel", "<<1,2>,<3,4>>"), ("border", "constant"),
        ("border-value", "90"), ("regions", two)]
    yield "regions, separable 5x7 dilation 3x2 symmetric", [
        ("kernel", kernel_text([[c * r for r in (1, -2, 3, 1, 4, 1, 2)]
                                for c in (2, 1, 3, 1, 1)])),
        ("dilation-x", "3"), ("dilation-y", "2"), ("border", "symmetric"),
        ("regions", edges)]
    yield "regions, box 41x41 (two passes) wrap", [
        ("kernel", box41), ("border", "wrap"), ("regions", two)]
    yield "regions, fractional 3x3 bias absolute", [
        ("kernel", "<<0.5,-1.25,2>,<1,0,-3>,<0.75,1,-0.5>>"),
        ("bias", "20.5"), ("absolute", "true"), ("regions", "<4,4,50,30>")]


def log_lines(key):
    with open(DEBUG_LOG, errors="replace") as f:
        return [line.split(key, 1)[1].strip() for line in f if key in line]


def gl_renderer():
    for key in ("GL_RENDERER:", "GL_VERSION:"):
        for line in log_lines(key)[:1]:
            print(f"      {key} {line}")


def probe_gl():
    """None when glupload gets a GL context, else why not."""
    if Gst.ElementFactory.find("glupload") is None:
        return "no glupload (Debian: gstreamer1.0-gl)"
    pipe = Gst.parse_launch("videotestsrc num-buffers=1 ! glupload ! "
                            "gldownload ! fakesink")
    pipe.set_state(Gst.State.PLAYING)
    msg = pipe.get_bus().timed_pop_filtered(
        10 * Gst.SECOND, Gst.MessageType.ERROR | Gst.MessageType.EOS)
    pipe.set_state(Gst.State.NULL)
    if msg is None:
        return "no answer from glupload in 10 s"
    if msg.type == Gst.MessageType.ERROR:
        return msg.parse_error()[0].message
    return None


def check_properties():
    """videoconvolve's properties, each with the same spec (n-threads
    included: kept, read back, and the frames the same whatever it is),
    but any row of the shared table the GL element does not implement yet,
    which it refuses as unknown."""
    cpu = Gst.ElementFactory.make("videoconvolve")
    gl = Gst.ElementFactory.make("glvideoconvolve")
    own = {"name", "parent", "qos", "context"}
    cpu_specs = {p.name: p for p in cpu.list_properties()}
    gl_specs = {p.name: p for p in gl.list_properties()}
    left_out = sorted(set(cpu_specs) - set(gl_specs))
    check(set(gl_specs) - own <= set(cpu_specs) and not left_out and
          len(gl_specs) - len(own) >= 15,
          f"glvideoconvolve has {len(gl_specs) - len(own)} of "
          f"videoconvolve's properties; left out: "
          f"{', '.join(left_out) or 'none'}",
          f"extra {sorted(set(gl_specs) - own - set(cpu_specs))}")
    same = []
    for name in sorted(set(gl_specs) - own):
        a, b = cpu_specs[name], gl_specs[name]
        for attr in ("minimum", "maximum", "default_value"):
            if getattr(a, attr, None) != getattr(b, attr, None):
                same.append(f"{name}.{attr}")
        if a.value_type != b.value_type or a.flags != b.flags:
            same.append(name)
    check(not same, "the same types, ranges, defaults and flags", same)
    for name in left_out:
        try:
            Gst.parse_launch(f"glvideoconvolve {name}=1 ! fakesink")
            error = ""
        except GLib.Error as e:
            error = e.message
        check(f'no property "{name}"' in error,
              f"{name}= is refused: {error}")


def check_n_threads(rng):
    """n-threads on glvideoconvolve: each value read back, at start and set
    while playing, and every frame videoconvolve's (gaussian5: exact)."""
    frame = np.frombuffer(rng.randbytes(W * H * 4), np.uint8)
    frame = frame.reshape(H, W, 4)
    cpu = Chain(False, W, H, "preset=gaussian5")
    want = cpu.push(frame)
    cpu.close()
    c = Chain(True, W, H, "preset=gaussian5 n-threads=3")
    for n in (3, 0, 1, 64):
        c.set([("n-threads", str(n))])
        got = c.push(frame)
        read = c.element.get_property("n-threads")
        check(read == n, f"n-threads={n} read back", read)
        compare(f"n-threads={n}", want, got, same=True)
    c.close()


def check_refused_kernel(frame):
    texts = []
    for gl in (False, True):
        c = Chain(gl, W, H)
        c.set([("kernel", "<<1,2>,<3>>")])
        texts.append(c.push(frame))
        c.close()
    check(all(isinstance(t, str) and "kernel is ragged" in t for t in texts)
          and texts[0] == texts[1], "a ragged kernel: videoconvolve's error",
          texts)


def check_refusal_recovers(rng):
    """Settings with no output for the caps, set while playing where the
    caps stay (a size below 1 maps to the input caps, which are the
    output's), refuse the next frame; a kernel set after them, the flow
    restarted without going through READY, convolves again, on both
    elements (and the same frame)."""
    frame = np.frombuffer(rng.randbytes(W * H * 4), np.uint8)
    frame = frame.reshape(H, W, 4)
    ones = "<" + ",".join(["<" + ",".join(["1"] * 100) + ">"] * 3) + ">"
    out = []
    for gl in (False, True):
        c = Chain(gl, W, H, 'kernel="<<1,2,1>>" padding-x=1 padding-y=0')
        first = c.push(frame)
        c.set([("kernel", ones)])
        refused = c.push(frame)
        c.set([("kernel", "<<1,2,1>>")])
        c.restart()
        out.append(c.push(frame))
        c.close()
        check(not isinstance(first, str) and isinstance(refused, str) and
              "output width would be -30" in refused,
              f"a 3x100 kernel set while playing: refused "
              f"({'GL' if gl else 'CPU'})", refused)
    compare("the kernel after the refused one", out[0], out[1], same=True)


def check_refused_regions(frame):
    """Regions on settings that change the size: refused at start, and at
    the next frame when set while playing, with videoconvolve's text (the
    sizes added while playing); a malformed value names the entry."""
    cases = [("at start", 'stride-x=2 regions="<1,2,3,4>"', [], "stride-x 2"),
             ("while playing", "padding-y=3 preset=box3",
              [("roi-meta", "face")], "(67x49 for 67x45 input)"),
             ("malformed", 'preset=box3 regions="<<1,2,3>>"', [],
              "regions")]
    for what, props, live, text in cases:
        texts = []
        for gl in (False, True):
            c = Chain(gl, W, H, props)
            if live:
                c.push(frame)
                c.set(live)
            texts.append(c.push(frame))
            c.close()
        check(all(isinstance(t, str) and text in t for t in texts) and
              texts[0] == texts[1], f"regions refused {what}: "
              f"videoconvolve's error", texts)


def check_passthrough(rng):
    """The identity passes frames through (as videoconvolve: GstBaseTransform
    passthrough, the input buffer itself), and a live change out of it and
    back is convolved, then passed through again."""
    frame = np.frombuffer(rng.randbytes(W * H * 4), np.uint8)
    frame = frame.reshape(H, W, 4)
    cpu, gl = Chain(False, W, H), Chain(True, W, H, "preset=identity")
    steps = [("identity", True), ("box3", False), ("identity", True),
             ("sharpen", False)]
    for preset, through in steps:
        for c in (cpu, gl):
            c.set([("preset", preset)])
        got = gl.push(frame)
        is_through = GstBase.BaseTransform.is_passthrough(gl.element)
        check(is_through == through, f"preset={preset}: passthrough "
              f"{is_through}")
        compare(f"preset={preset} after a live change", cpu.push(frame), got,
                same=True)
    cpu.close()
    gl.close()


def check_qos(frame):
    """A QoS event from downstream saying that frames up to 1 s are late:
    the next 40 frames (1/30 s apart), the 30 up to 1 s dropped and counted
    in frames-dropped, as videoconvolve does, the 10 after it made.
    glupload's QoS is off: it would drop them first."""
    counts = []
    for gl in (False, True):
        c = Chain(gl, W, H, "preset=box3")
        if gl:
            c.pipe.get_by_name("up").set_property("qos", False)
        c.push(frame)
        # earliest time = timestamp + jitter = 1 s
        c.element.get_static_pad("src").send_event(Gst.Event.new_qos(
            Gst.QOSType.UNDERFLOW, 1.5, Gst.SECOND // 2, Gst.SECOND // 2))
        for _ in range(40):
            c.feed(frame)
        out = 0
        while c.sink.emit("try-pull-sample", Gst.SECOND):
            out += 1
        counts.append((c.element.get_property("frames-dropped"), out))
        c.close()
    check(counts[0] == counts[1] == (30, 10), "QoS: 30 late frames dropped "
          f"and counted, 10 made (videoconvolve, glvideoconvolve: {counts})")


def refused_for_float_targets(what, cpu, gl):
    """Without float targets, whether glvideoconvolve refused a kernel of
    more than 1024 taps (checked: with the README's text, where
    videoconvolve made a frame)."""
    m = NO_FLOAT_TARGET.search(gl) if isinstance(gl, str) else None
    if FLOAT_TARGETS or m is None:
        return False
    check(not isinstance(cpu, str) and int(m[1]) * int(m[2]) > 1024,
          f"{what}: refused for a kernel of more than 1024 taps, no float "
          f"render target", gl)
    return True


def run_live(configs, rng):
    """One pipeline each, every configuration set while playing; the count
    of kernels refused for want of float targets."""
    cpu, gl = Chain(False, W, H), Chain(True, W, H)
    refused = 0
    for what, cfg in configs:
        frame = np.array([[rng.randrange(256) for _ in range(4)]
                          for _ in range(W * H)], np.uint8).reshape(H, W, 4)
        for c in (cpu, gl):
            c.set(DEFAULTS + cfg)
        got = cpu.push(frame), gl.push(frame)
        if refused_for_float_targets("live " + what, *got):
            refused += 1
            gl.restart()
            continue
        compare("live " + what, *got, exact(cfg))
    cpu.close()
    gl.close()
    return refused


def parts_configs(rng):
    """Kernels of more taps than one shader takes (summed in parts of their
    rows): two, two and four parts, integer and fractional, in regions,
    with stride, borders, divisor and bias, and a one-pass kernel between
    them (each set while playing, by run_live ())."""
    def kernel(h, w, frac=False):
        """No zero: every coefficient is a tap."""
        rows = (",".join(f"{rng.uniform(0.1, 2) * rng.choice((-1, 1)):.3f}"
                         if frac else str(rng.randint(1, 9) *
                                          rng.choice((-1, 1)))
                         for _ in range(w))
                for _ in range(h))
        return "<" + ",".join(f"<{r}>" for r in rows) + ">"
    return [("parts 33x32 in regions", [("kernel", kernel(33, 32)),
                                        ("regions",
                                         "<<5,5,20,10>,<40,20,30,30>>")]),
            ("parts 40x40 stride-x 2 wrap", [("kernel", kernel(40, 40)),
                                             ("stride-x", "2"),
                                             ("border", "wrap")]),
            ("box3 between parts", [("preset", "box3")]),
            ("parts 64x50 divisor bias reflect", [("kernel", kernel(64, 50)),
                                                  ("divisor", "3000"),
                                                  ("bias", "128"),
                                                  ("border", "reflect")]),
            ("parts 33x33 fractional absolute",
             [("kernel", kernel(33, 33, True)), ("absolute", "true")])]


def parts_built():
    """From the log: "PASSES KERNEL LINKED" for each kernel summed in
    parts, LINKED the shaders linked since the shaders built before."""
    built, linked = set(), 0
    for line in log_lines("glvideoconvolve"):
        if "fragment shader linked" in line:
            linked += 1
            continue
        m = re.search(r"(\d+) passes for a (\d+x\d+) kernel, in parts",
                      line)
        if m:
            built.add(f"{m[1]} {m[2]} {linked}")
        if re.search(r"pass(es)? for a", line):
            linked = 0
    return built


def run_fresh(configs, rng, sizes):
    """New pipelines: the configuration set before the first frame."""
    for (what, cfg), (w, h) in zip(configs, sizes):
        props = " ".join(f'{k}="{v}"' for k, v in cfg)
        frame = np.frombuffer(rng.randbytes(w * h * 4), np.uint8)
        frame = frame.reshape(h, w, 4)
        outs = []
        for gl in (False, True):
            c = Chain(gl, w, h, props)
            outs.append(c.push(frame))
            c.close()
        compare(f"fresh {w}x{h} {what}", *outs, exact(cfg))


def check_readme(readme):
    """The README's GL lines (with glupload) as written, but for a window:
    glimagesink and autovideosink become fakesink, videotestsrc gets
    num-buffers."""
    lines = [c for c in gst_launch_lines(readme) if "glupload" in c]
    check(len(lines) >= 2, f"the README has {len(lines)} GL recipes")
    for line in lines:
        cmd = re.sub(r"(glimagesink|autovideosink)", "fakesink", line)
        cmd = re.sub(r"videotestsrc(?! num-buffers)",
                     "videotestsrc num-buffers=5", cmd)
        p = subprocess.run(cmd, shell=True, capture_output=True, text=True,
                           timeout=120)
        check(p.returncode == 0 and "glvideoconvolve" in cmd,
              f"runs: {line}", p.stdout + p.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--readme", help="README.md, whose GL lines are run")
    ap.add_argument("--no-float-targets", action="store_true",
                    help="the context is OpenGL ES 2.0 (as Mesa's "
                    "MESA_GLES_VERSION_OVERRIDE=2.0 makes it), which the "
                    "test checks: no float render targets")
    args = ap.parse_args()
    global FLOAT_TARGETS
    FLOAT_TARGETS = not args.no_float_targets
    # GstPreset files go to $XDG_DATA_HOME: a folder of this run's own (set
    # before GLib reads it).
    preset_dir = tempfile.mkdtemp(prefix="vc-gl-presets.")
    os.environ["XDG_DATA_HOME"] = preset_dir
    Gst.init(None)
    why = probe_gl()
    if why:
        shutil.rmtree(preset_dir, ignore_errors=True)
        print(f"SKIP: no GL context ({why}); GST_GL_API="
              f"{os.environ.get('GST_GL_API', '')}")
        return SKIP
    print(f"GST_GL_API={os.environ.get('GST_GL_API', '(any)')}")
    gl_renderer()
    if not FLOAT_TARGETS:
        version = log_lines("GL_VERSION:")[:1]
        check(version and version[0].startswith("OpenGL ES 2.0"),
              "--no-float-targets: the context is OpenGL ES 2.0", version)
    rng = random.Random(args.seed)
    presets = [v.value_nick for v in Gst.ElementFactory.make(
        "videoconvolve").find_property("preset").enum_class.__enum_values__
        .values()]
    check(len(presets) >= 15, f"{len(presets)} presets", presets)
    check_properties()
    check_n_threads(rng)
    # The file holds the element's settings: its properties but GObject's
    # and GstBaseTransform's and GL's own, and the read-only count.
    own = {p.name for p in Gst.ElementFactory.make("glvideoconvolve")
           .list_properties()} - {"name", "parent", "qos", "context",
                                  "frames-dropped"}
    check_presets(Gst, "glvideoconvolve", preset_dir, own)
    shutil.rmtree(preset_dir, ignore_errors=True)
    check_passthrough(rng)
    check_qos(np.zeros((H, W, 4), np.uint8))
    configs = list(configurations(presets, args.cases, rng))
    run_live(configs, rng)
    refused = run_live(parts_configs(rng), rng)
    two = log_lines("two passes for a separable")
    one = log_lines("one pass for a")
    highp = log_lines("fragment shader linked (GLSL 3, its output highp)")
    check(bool(highp) == FLOAT_TARGETS, f"{len(highp)} shaders that write "
          f"sums into float textures linked with a highp output (GLSL 3)")
    if FLOAT_TARGETS:
        parts = parts_built()
        check({"2 33x32 2", "2 40x40 2", "4 64x50 2", "2 33x33 2"} <= parts,
              "kernels of more than 1024 taps: summed in parts of their "
              "rows, two shaders linked for any number of parts", parts)
        check(any("41x41" in t for t in two) and len(two) > 10 and one,
              f"separable kernels took two passes ({len(two)} shaders), "
              f"the others one ({len(one)})")
    else:
        check(refused == 4, "without float targets, the four kernels of "
              "more than 1024 taps refused", refused)
        check(not two and any("5x5" in t for t in one),
              f"without float targets, separable kernels in one pass "
              f"({len(one)} shaders, none of two passes)", two)
    sizes = [(W, H), (5, 4), (1, 1), (33, 2), (200, 120)] * 4
    run_fresh([c for c in configs if "border=" in c[0]][:20], rng, sizes)
    check_refused_kernel(np.zeros((H, W, 4), np.uint8))
    check_refused_regions(np.zeros((H, W, 4), np.uint8))
    check_refusal_recovers(rng)
    if args.readme:
        check_readme(args.readme)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
