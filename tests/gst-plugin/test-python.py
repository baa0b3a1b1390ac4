#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""videoconvolve driven from Python (PyGObject + GStreamer), with a NumPy oracle.

(a) The kernel property as Gst.ValueArray of Gst.ValueArray, set and read
    back; preset and kernel interplay; a refused kernel stops the pipeline.
(b) A second, independent oracle through the element itself:
    appsrc (GRAY8 / GRAY16_LE, random frames of odd sizes) ! videoconvolve
    (random kernel, stride, dilation, padding incl. -1, border mode,
    divisor 1) ! appsink, compared with numpy.pad + strided sums, round half
    away from zero, clamp. Exact for integer kernels.

Run by meson (test "element-python") as /usr/bin/python3 with
GST_PLUGIN_PATH_1_0 = the build tree's gst-plugin dir + a private folder of
the system plugins the tests use, and a registry file of its own. Options: --cases N (oracle configurations, default 50), --seed S.
Each check prints "ok" or "FAIL"; the last line is "N passed, N failed".
"""
import argparse
import os
import random
import re
import shutil
import sys
import tempfile

import numpy as np

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstVideo", "1.0")
gi.require_version("GstApp", "1.0")
from gi.repository import GLib, GObject, Gst, GstApp, GstVideo  # noqa: E402,F401

PULL_TIMEOUT = 10 * Gst.SECOND

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "../pylib"))
from vccheck import check, check_presets, summary  # noqa: E402


# ---------------------------------------------------------------------------
# helpers

def value_array(rows):
    """A kernel as Gst.ValueArray of Gst.ValueArray; each Python number keeps
    its type (int -> gint, float -> gdouble)."""
    return Gst.ValueArray([Gst.ValueArray(list(r)) for r in rows])


def read_kernel(el):
    k = el.get_property("kernel")
    return [[float(x) for x in row] for row in k]


def preset_nick(el):
    return el.get_property("preset").value_nick


class GLibWarnings:
    """Collects GLib-GObject / GStreamer warnings and criticals printed while
    a property is set (PyGObject turns the GLib warning into a Python
    Warning; GStreamer criticals go to the log handler)."""

    def __init__(self):
        self.messages = []

    def __enter__(self):
        import warnings
        self._catch = warnings.catch_warnings(record=True)
        self._records = self._catch.__enter__()
        warnings.simplefilter("always")
        self._ids = [
            GLib.log_set_handler(dom, GLib.LogLevelFlags.LEVEL_WARNING |
                                 GLib.LogLevelFlags.LEVEL_CRITICAL,
                                 self._handler, None)
            for dom in ("GLib-GObject", "GStreamer")]
        return self

    def _handler(self, domain, level, message, _data):
        self.messages.append(f"{domain}: {message}")

    def __exit__(self, *exc):
        for dom, i in zip(("GLib-GObject", "GStreamer"), self._ids):
            GLib.log_remove_handler(dom, i)
        self._catch.__exit__(*exc)
        self.messages += [str(r.message) for r in self._records]
        return False


def set_kernel(el, rows):
    """Sets `kernel` from Python; returns the warnings it caused."""
    with GLibWarnings() as w:
        el.set_property("kernel", value_array(rows))
    return w.messages


# ---------------------------------------------------------------------------
# (a) properties

def test_properties():
    print("# (a) the kernel property from Python")
    el = Gst.ElementFactory.make("videoconvolve", None)
    if not check(el is not None, "Gst.ElementFactory.make('videoconvolve')",
                 "the element is not found: is GST_PLUGIN_PATH_1_0 set?"):
        return False

    check(read_kernel(el) == [[1.0]] and preset_nick(el) == "custom",
          "defaults: kernel <<1>>, preset custom",
          f"kernel {read_kernel(el)}, preset {preset_nick(el)}")

    floats = [[0.0625, 0.125, 0.0625], [0.125, 0.25, 0.125],
              [0.0625, 0.125, 0.0625]]
    w = set_kernel(el, floats)
    k = el.get_property("kernel")
    check(read_kernel(el) == floats and not w and
          isinstance(k, Gst.ValueArray) and
          all(isinstance(r, Gst.ValueArray) for r in k),
          "kernel = Gst.ValueArray of Gst.ValueArray of floats, read back "
          "as the same",
          f"read back {k!r} = {read_kernel(el)}; warnings {w}")

    odd = [[-1.5, 2.25, 1e-3, 7.0, -0.0]]
    w = set_kernel(el, odd)
    check(read_kernel(el) == odd and not w,
          "kernel = one row of 5 floats (1x5), read back",
          f"read back {read_kernel(el)}; warnings {w}")

    tall = [[1.5], [-2.5], [3.0]]
    w = set_kernel(el, tall)
    check(read_kernel(el) == tall and not w,
          "kernel = 3 rows of 1 float (3x1), read back",
          f"read back {read_kernel(el)}; warnings {w}")

    ints = [[1, 2, 1], [2, 4, 2], [1, 2, 1]]
    set_kernel(el, [[9.0]])
    w = set_kernel(el, ints)
    check(read_kernel(el) == [[float(x) for x in r] for r in ints] and not w,
          "kernel = Gst.ValueArray of Gst.ValueArray of ints, read back as "
          "doubles",
          f"read back {read_kernel(el)} (the previous kernel was [[9.0]]); "
          f"warnings: {w}")

    # (A GstValueArray must hold values of one type, nested arrays included,
    # so ints and floats cannot be mixed in one Python kernel at all.)
    set_kernel(el, [[9.0]])
    w = set_kernel(el, [[-3, 0, 5]])
    check(read_kernel(el) == [[-3.0, 0.0, 5.0]] and not w,
          "kernel = one row of ints (1x3), read back as doubles",
          f"read back {read_kernel(el)} (the previous kernel was [[9.0]]); "
          f"warnings: {w}")

    # The string form, as on gst-launch, accepts integers.
    Gst.util_set_object_arg(el, "kernel", "<<1,2,1>,<2,4,2>,<1,2,1>>")
    check(read_kernel(el) == [[1, 2, 1], [2, 4, 2], [1, 2, 1]],
          "Gst.util_set_object_arg (kernel, '<<1,2,1>,<2,4,2>,<1,2,1>>')",
          f"read back {read_kernel(el)}")

    # presets
    Gst.util_set_object_arg(el, "preset", "sobel-x")
    check(preset_nick(el) == "sobel-x" and
          read_kernel(el) == [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]] and
          el.get_property("absolute") is True and
          el.get_property("divisor") == 1.0,
          "preset=sobel-x sets kernel, divisor 1, absolute",
          f"preset {preset_nick(el)}, kernel {read_kernel(el)}, absolute "
          f"{el.get_property('absolute')}, divisor {el.get_property('divisor')}")
    Gst.util_set_object_arg(el, "preset", "gaussian3")
    check(preset_nick(el) == "gaussian3" and
          read_kernel(el) == [[1, 2, 1], [2, 4, 2], [1, 2, 1]],
          "preset=gaussian3 sets its kernel",
          f"preset {preset_nick(el)}, kernel {read_kernel(el)}")
    set_kernel(el, [[0.5, 0.5]])
    check(preset_nick(el) == "custom" and read_kernel(el) == [[0.5, 0.5]],
          "preset=gaussian3 then kernel (floats): preset back to custom",
          f"preset {preset_nick(el)}, kernel {read_kernel(el)}")
    Gst.util_set_object_arg(el, "preset", "box3")
    Gst.util_set_object_arg(el, "kernel", "<<1,2,3>>")
    check(preset_nick(el) == "custom" and read_kernel(el) == [[1, 2, 3]],
          "preset=box3 then kernel (string): preset back to custom",
          f"preset {preset_nick(el)}, kernel {read_kernel(el)}")
    Gst.util_set_object_arg(el, "preset", "custom")
    check(preset_nick(el) == "custom" and read_kernel(el) == [[1, 2, 3]],
          "preset=custom keeps the kernel as set",
          f"preset {preset_nick(el)}, kernel {read_kernel(el)}")

    # A kernel the element refuses (ragged, or NaN): the previous kernel
    # stays readable, and the pipeline does not start, naming the problem.
    for rows, text in (([[1.0, 2.0], [1.0]], "ragged"),
                       ([[1.0, float("nan")]], "nan")):
        el = Gst.ElementFactory.make("videoconvolve", None)
        set_kernel(el, [[0.25, 0.5, 0.25]])
        set_kernel(el, rows)
        check(read_kernel(el) == [[0.25, 0.5, 0.25]],
              f"refused kernel {rows}: the previous kernel stays",
              f"read back {read_kernel(el)}")
        pipe = Gst.Pipeline.new(None)
        src = Gst.ElementFactory.make("videotestsrc", None)
        src.set_property("num-buffers", 2)
        sink = Gst.ElementFactory.make("fakesink", None)
        for e in (src, el, sink):
            pipe.add(e)
        src.link(el)
        el.link(sink)
        ret = pipe.set_state(Gst.State.PLAYING)
        msg = pipe.get_bus().timed_pop_filtered(
            PULL_TIMEOUT, Gst.MessageType.ERROR | Gst.MessageType.EOS)
        err = msg.parse_error()[0].message if (
            msg and msg.type == Gst.MessageType.ERROR) else None
        pipe.set_state(Gst.State.NULL)
        check(ret == Gst.StateChangeReturn.FAILURE or
              (err is not None and text in err),
              f"refused kernel {rows}: the pipeline fails with '{text}'",
              f"state change {ret.value_nick}, error {err!r}")
        check(err is not None and text in err,
              f"refused kernel {rows}: the bus error names it",
              f"error {err!r}")
    return True


# ---------------------------------------------------------------------------
# (b) the NumPy oracle

NP_MODE = {"constant": "constant", "replicate": "edge", "reflect": "reflect",
           "symmetric": "symmetric", "wrap": "wrap"}


def round_half_away(v):
    return np.sign(v) * np.floor(np.abs(v) + 0.5)


def resolve_pad(pad, k, d):
    if pad < 0:
        total = d * (k - 1)
        return total // 2, total - total // 2
    return pad, pad


def oracle(img, cfg, maxval):
    """numpy.pad + strided sums: the README formula, independently."""
    k = np.asarray(cfg["kernel"], dtype=np.float64 if cfg["float"] else np.int64)
    kh, kw = k.shape
    sy, sx = cfg["stride_y"], cfg["stride_x"]
    dy, dx = cfg["dilation_y"], cfg["dilation_x"]
    top, bottom = resolve_pad(cfg["padding_y"], kh, dy)
    left, right = resolve_pad(cfg["padding_x"], kw, dx)
    mode = NP_MODE[cfg["border"]]
    src = img.astype(np.int64)
    if mode == "constant":
        bv = int(min(max(round_half_away(cfg["border_value"]), 0), maxval))
        p = np.pad(src, ((top, bottom), (left, right)), mode="constant",
                   constant_values=bv)
    else:
        p = np.pad(src, ((top, bottom), (left, right)), mode=mode)
    h, w = img.shape
    ho = (h + top + bottom - dy * (kh - 1) - 1) // sy + 1
    wo = (w + left + right - dx * (kw - 1) - 1) // sx + 1
    if ho < 1 or wo < 1:
        return None
    acc = np.zeros((ho, wo), dtype=k.dtype)
    for m in range(kh):
        for n in range(kw):
            y0, x0 = m * dy, n * dx
            acc += k[m, n] * p[y0:y0 + (ho - 1) * sy + 1:sy,
                               x0:x0 + (wo - 1) * sx + 1:sx]
    v = acc.astype(np.float64) / 1.0          # divisor 1
    if cfg["absolute"]:
        v = np.abs(v)
    v = v + cfg["bias"]
    return np.clip(round_half_away(v), 0, maxval).astype(np.int64)


def random_config(rng, fmt, float_kernel):
    """A configuration with an output of at least 1x1."""
    maxval = 255 if fmt == "GRAY8" else 65535
    while True:
        h = rng.randrange(1, 48, 2)
        w = rng.randrange(1, 64, 2)
        kh, kw = rng.randint(1, 7), rng.randint(1, 7)
        if float_kernel:
            kernel = [[round(rng.uniform(-3, 3), 3) for _ in range(kw)]
                      for _ in range(kh)]
        else:
            kernel = [[rng.randint(-4, 4) for _ in range(kw)]
                      for _ in range(kh)]
        if all(v == 0 for r in kernel for v in r):
            kernel[0][0] = 1

        def pad(size):
            return -1 if rng.random() < 0.35 else rng.randint(0, min(2 * size, 40))
        # Most cases use frames small enough (and a bias of half the range
        # when the kernel has negative taps) that few outputs clamp, so the
        # sums themselves are compared; the rest use the full sample range.
        l1 = sum(abs(v) for r in kernel for v in r)
        limited = rng.random() < 0.7
        amplitude = max(1, int(maxval // max(1.0, l1))) if limited else maxval
        bias = rng.choice([0, 0, rng.randint(-50, 50) * (maxval // 255)])
        if limited and any(v < 0 for r in kernel for v in r):
            bias = maxval // 2
        cfg = {
            "format": fmt, "amplitude": amplitude, "width": w, "height": h, "kernel": kernel,
            "float": float_kernel,
            "stride_x": rng.randint(1, 4), "stride_y": rng.randint(1, 4),
            "dilation_x": rng.randint(1, 4), "dilation_y": rng.randint(1, 4),
            "padding_x": pad(w), "padding_y": pad(h),
            "border": rng.choice(list(NP_MODE)),
            "border_value": rng.choice([0, maxval, rng.randint(0, maxval),
                                        rng.uniform(0, maxval), 65535.0]),
            "absolute": rng.random() < 0.3,
            "bias": bias,
            "n_threads": rng.choice([0, 1, 2, 3]),
        }
        ho = oracle(np.zeros((h, w), dtype=np.int64), cfg, maxval)
        if ho is not None:
            return cfg


def describe(cfg):
    k = cfg["kernel"]
    return (f"{cfg['format']} {cfg['width']}x{cfg['height']} (0..{cfg['amplitude']}) kernel "
            f"{len(k)}x{len(k[0])} {k} stride {cfg['stride_x']},{cfg['stride_y']} "
            f"dilation {cfg['dilation_x']},{cfg['dilation_y']} padding "
            f"{cfg['padding_x']},{cfg['padding_y']} border {cfg['border']}"
            + (f" border-value {cfg['border_value']:g}"
               if cfg["border"] == "constant" else "")
            + (" absolute" if cfg["absolute"] else "")
            + (f" bias {cfg['bias']}" if cfg["bias"] else "")
            + f" n-threads {cfg['n_threads']}")


def frame_to_buffer(img, info, pts):
    """One frame into a buffer laid out like GstVideoInfo (rows padded to
    the stride GstVideo uses: 4 bytes)."""
    stride = info.stride[0]
    bps = 2 if info.finfo.format == GstVideo.VideoFormat.GRAY16_LE else 1
    data = np.zeros(info.size, dtype=np.uint8)
    rows = data[:stride * img.shape[0]].reshape(img.shape[0], stride)
    # pattern in the padding bytes, so that reading them would show
    rows[:, img.shape[1] * bps:] = 0xA5
    rows[:, :img.shape[1] * bps] = img.astype("<u2" if bps == 2 else np.uint8) \
        .view(np.uint8).reshape(img.shape[0], -1)
    buf = Gst.Buffer.new_wrapped(data.tobytes())
    buf.pts = pts
    buf.duration = Gst.SECOND // 30
    return buf


def buffer_to_frame(sample):
    caps = sample.get_caps()
    info = GstVideo.VideoInfo.new_from_caps(caps)
    buf = sample.get_buffer()
    w, h = info.width, info.height
    stride, offset = info.stride[0], info.offset[0]
    meta = GstVideo.buffer_get_video_meta(buf)
    if meta is not None:
        stride, offset = meta.stride[0], meta.offset[0]
    bps = 2 if info.finfo.format == GstVideo.VideoFormat.GRAY16_LE else 1
    ok, mi = buf.map(Gst.MapFlags.READ)
    if not ok:
        raise RuntimeError("cannot map the output buffer")
    try:
        raw = np.frombuffer(mi.data, dtype=np.uint8)
        if raw.size < offset + stride * (h - 1) + w * bps:
            raise RuntimeError(f"output buffer of {raw.size} bytes is too small "
                               f"for {w}x{h}, stride {stride}")
        rows = np.stack([raw[offset + y * stride: offset + y * stride + w * bps]
                         for y in range(h)])
        dt = np.dtype("<u2") if bps == 2 else np.dtype(np.uint8)
        return rows.copy().view(dt).reshape(h, w).astype(np.int64)
    finally:
        buf.unmap(mi)


def run_element(cfg, frames):
    """Pushes frames through appsrc ! videoconvolve ! appsink; returns the
    pulled frames (or raises with the bus error)."""
    fmt, w, h = cfg["format"], cfg["width"], cfg["height"]
    caps = Gst.Caps.from_string(
        f"video/x-raw,format={fmt},width={w},height={h},framerate=30/1,"
        "pixel-aspect-ratio=1/1")
    info = GstVideo.VideoInfo.new_from_caps(caps)

    pipe = Gst.Pipeline.new(None)
    src = Gst.ElementFactory.make("appsrc", None)
    conv = Gst.ElementFactory.make("videoconvolve", None)
    sink = Gst.ElementFactory.make("appsink", None)
    src.set_property("caps", caps)
    src.set_property("format", Gst.Format.TIME)
    sink.set_property("sync", False)
    conv.set_property("kernel", value_array(
        [[float(v) for v in r] for r in cfg["kernel"]]))
    for prop in ("stride_x", "stride_y", "dilation_x", "dilation_y",
                 "padding_x", "padding_y", "n_threads"):
        conv.set_property(prop.replace("_", "-"), cfg[prop])
    Gst.util_set_object_arg(conv, "border", cfg["border"])
    conv.set_property("border-value", float(cfg["border_value"]))
    conv.set_property("divisor", 1.0)
    conv.set_property("bias", float(cfg["bias"]))
    conv.set_property("absolute", cfg["absolute"])
    for e in (src, conv, sink):
        pipe.add(e)
    src.link(conv)
    conv.link(sink)

    out = []
    try:
        pipe.set_state(Gst.State.PLAYING)
        for i, img in enumerate(frames):
            src.emit("push-buffer", frame_to_buffer(img, info, i * Gst.SECOND // 30))
        src.emit("end-of-stream")
        for _ in frames:
            sample = sink.emit("try-pull-sample", PULL_TIMEOUT)
            if sample is None:
                break
            out.append((buffer_to_frame(sample), sample.get_caps()))
        msg = pipe.get_bus().pop_filtered(Gst.MessageType.ERROR)
        if msg is not None:
            err, dbg = msg.parse_error()
            raise RuntimeError(f"{err.message} ({dbg})")
        if len(out) != len(frames):
            raise RuntimeError(f"pulled {len(out)} of {len(frames)} frames")
    finally:
        pipe.set_state(Gst.State.NULL)
    return out


def test_oracle(n_cases, seed):
    print(f"# (b) appsrc ! videoconvolve ! appsink against NumPy: {n_cases} "
          f"integer-kernel configurations (exact) + {max(1, n_cases // 5)} "
          f"decimal-kernel ones (within 1), seed {seed}")
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    cases = [(i % 2 == 0 and "GRAY8" or "GRAY16_LE", False)
             for i in range(n_cases)]
    cases += [(i % 2 == 0 and "GRAY8" or "GRAY16_LE", True)
              for i in range(max(1, n_cases // 5))]
    for i, (fmt, float_kernel) in enumerate(cases):
        cfg = random_config(rng, fmt, float_kernel)
        maxval = 255 if fmt == "GRAY8" else 65535
        frames = [nrng.integers(0, cfg["amplitude"] + 1,
                                size=(cfg["height"], cfg["width"]),
                                dtype=np.int64) for _ in range(2)]
        what = f"case {i + 1}: {describe(cfg)}"
        try:
            got = run_element(cfg, frames)
        except Exception as e:  # noqa: BLE001 - reported as a failed check
            check(False, what, f"element error: {e}")
            continue
        problems = []
        clamped = total = 0
        for f, (img, (out, caps)) in enumerate(zip(frames, got)):
            want = oracle(img, cfg, maxval)
            clamped += int(np.count_nonzero((want == 0) | (want == maxval)))
            total += want.size
            if out.shape != want.shape:
                problems.append(f"frame {f}: output {out.shape[1]}x{out.shape[0]}"
                                f", NumPy {want.shape[1]}x{want.shape[0]}")
                continue
            diff = np.abs(out - want)
            tol = 1 if float_kernel else 0
            if diff.max() > tol:
                y, x = np.unravel_index(np.argmax(diff), diff.shape)
                problems.append(
                    f"frame {f}: {np.count_nonzero(diff > tol)} of {diff.size} "
                    f"samples differ by more than {tol}; first worst at "
                    f"(row {y}, col {x}): element {out[y, x]}, NumPy {want[y, x]}")
            # input PAR 1/1: output PAR = stride-x / stride-y
            ok, par_n, par_d = caps.get_structure(0).get_fraction(
                "pixel-aspect-ratio")
            if not ok or par_n * cfg["stride_y"] != par_d * cfg["stride_x"]:
                problems.append(f"frame {f}: output pixel-aspect-ratio "
                                f"{par_n}/{par_d}, expected stride-x/stride-y "
                                f"= {cfg['stride_x']}/{cfg['stride_y']}")
        check(not problems, what + (" (within 1)" if float_kernel else " (exact)")
              + f" -> {got[0][0].shape[1]}x{got[0][0].shape[0]}, "
              f"{100 * clamped // max(1, total)}% clamped",
              "\n".join(problems))


def test_readme_table(readme):
    """The README's property table against the element's property specs:
    every property listed, with its type, range and default."""
    el = Gst.ElementFactory.make("videoconvolve")
    rows = {}
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    table = text.split("| property | type | default | meaning |", 1)[1]
    for line in table.splitlines()[2:]:
        if not line.startswith("| `"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        for name in re.findall(r"`([a-z-]+)`", cells[0]):
            rows[name] = (cells[1], cells[2].strip("`"))
    own = [p for p in el.list_properties()
           if p.owner_type.name == "GstVideoConvolve"]
    check(sorted(rows) == sorted(p.name for p in own),
          f"the README table lists exactly the element's properties "
          f"({len(rows)} rows)", f"README: {sorted(rows)}\nelement: "
          f"{sorted(p.name for p in own)}")
    kinds = {GObject.TYPE_INT: "int", GObject.TYPE_UINT: "uint",
             GObject.TYPE_DOUBLE: "double", GObject.TYPE_UINT64: "uint64",
             GObject.TYPE_BOOLEAN: "boolean"}
    for p in own:
        if p.name not in rows:
            continue
        kind, default = rows[p.name]
        vt = p.value_type
        if vt.is_a(GObject.TYPE_ENUM):
            want_kind = "enum"
            got_default = p.default_value.value_nick
        elif vt.name == "GstValueArray":
            want_kind = "GstValueArray"
            got_default = "<<1>>" if p.name == "kernel" else "<>"
        elif vt.fundamental == GObject.TYPE_STRING:
            want_kind = "string"
            got_default = f'"{p.default_value or ""}"'
        else:
            want_kind = kinds.get(vt.fundamental, vt.name)
            d = p.default_value
            got_default = str(d).lower() if isinstance(d, bool) else \
                f"{d:g}" if isinstance(d, float) else str(d)
        ok = kind.startswith(want_kind)
        m = re.search(r"(-?[0-9.e]+)\.\.(-?[0-9.e]+)", kind)
        if m and hasattr(p, "minimum"):
            ok &= (float(m.group(1)) == p.minimum and
                   float(m.group(2)) == p.maximum)
        elif hasattr(p, "minimum") and want_kind != "uint64":
            ok = False          # the README must give the range
        ok &= default == got_default
        check(ok, f"README row {p.name}: {kind}, default {default}",
              f"element: {want_kind} "
              f"{getattr(p, 'minimum', '')}..{getattr(p, 'maximum', '')}, "
              f"default {got_default}")


def test_preset_roi_meta():
    """A preset saved with roi-meta unset clears it where it is loaded
    (check_presets () saved "mine" with the default)."""
    el = Gst.ElementFactory.make("videoconvolve")
    el.set_property("roi-meta", "face")
    check(el.load_preset("mine") and el.get_property("roi-meta") == "",
          f"load_preset ('mine') sets roi-meta back to \"\" "
          f"({el.get_property('roi-meta')!r})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=50)
    ap.add_argument("--seed", type=int, default=20260122)
    ap.add_argument("--readme", help="README.md, whose property table is "
                    "checked")
    args = ap.parse_args()

    # GstPreset files go to $XDG_DATA_HOME: a folder of this run's own (set
    # before GLib reads it).
    presets = tempfile.mkdtemp(prefix="vc-presets.")
    os.environ["XDG_DATA_HOME"] = presets
    Gst.init(None)
    print(f"# GStreamer {Gst.version_string()}, NumPy {np.__version__}")
    if test_properties():
        if args.readme:
            test_readme_table(args.readme)
        check_presets(Gst, "videoconvolve", presets)
        test_preset_roi_meta()
        test_oracle(args.cases, args.seed)
    shutil.rmtree(presets, ignore_errors=True)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
