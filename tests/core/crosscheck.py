#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Randomized cross-check of the videoconvolve core against NumPy.

Generates random configurations (every border mode, odd/even/non-square
kernels, integer and float kernels, stride, dilation, explicit and "same"
padding, forced output sizes, u8/u16, interleaved layouts, divisor, bias,
absolute, gradient magnitude, plus configurations the core must refuse),
runs them all through the C batch driver vc-batch (see the top of
vc-batch.c for its file formats) and compares every output sample with an
independent NumPy computation of the formula in
core/include/videoconvolve/convolve.h:

    P   = numpy.pad (plane, ((top, bottom), (left, right)), mode)
    acc = sum over m, n of K[m, n] * P[m*dy :: sy, n*dx :: sx]  (float64)

then magnitude, divisor, absolute, bias, round half away from zero and the
clamp (border_value is rounded and clamped like a sample, as the header
says). Exact (0 difference) when the kernel is integer, the divisor is 1
(given or auto), there is no kernel2 and the bias is an integer; otherwise
at most 1. Bytes of the destination outside the processed components must
still hold the driver's canary 0xA5. Also checked: the refusals (status
code), the resolved padding, vc_plan_execute_carry (exact), and
vc_axis_output_size / vc_axis_input_range.

NumPy 1.24 (Debian 12) has known numpy.pad bugs for padding larger than the
frame (see pad_plane); there the periodic definition of the border modes is
used instead, and counted in the summary.

Needs Debian's python3-numpy: run it with /usr/bin/python3. Under a
sanitizer build the driver stops at the first UBSan report (UBSAN_OPTIONS
is set unless given); anything the driver writes to stderr fails the run.
For valgrind: --wrapper "valgrind --error-exitcode=99 --leak-check=full".

Each case is generated from its own generator seeded with (seed, index),
so a failure printed as "seed=S case=I" reproduces with
    crosscheck.py --driver DRIVER --seed S --only I
"""

import argparse
import math
import os
import shlex
import subprocess
import sys
import tempfile
import time

import numpy as np

DEFAULT_SEED = 20261122
CANARY = 0xA5
MAX_DIMENSION = 65536
MAX_PADDED_EXTENT = 4 * MAX_DIMENSION
# Output samples x taps x components a case may cost (keeps the run short).
WORK_BUDGET = 2_000_000

BORDERS = ["constant", "replicate", "reflect", "symmetric", "wrap"]
NUMPY_MODE = {
    "constant": "constant",
    "replicate": "edge",
    "reflect": "reflect",
    "symmetric": "symmetric",
    "wrap": "wrap",
}
STATUS_NAMES = [
    "VC_OK", "VC_ERROR_ARGUMENT", "VC_ERROR_KERNEL", "VC_ERROR_KERNEL_VALUE",
    "VC_ERROR_STRIDE", "VC_ERROR_DILATION", "VC_ERROR_PADDING",
    "VC_ERROR_BORDER", "VC_ERROR_VALUE", "VC_ERROR_SAMPLE_TYPE",
    "VC_ERROR_FRAME_SIZE", "VC_ERROR_OUTPUT_SIZE", "VC_ERROR_PLANE",
    "VC_ERROR_ROWS", "VC_ERROR_NO_MEMORY",
]
STATUS_CODE = {name: code for code, name in enumerate(STATUS_NAMES)}

# The order of the keys in a case line (vc-batch accepts any order).
KEYS = ["idx", "type", "w", "h", "kh", "kw", "sy", "sx", "dy", "dx", "pt",
        "pb", "pl", "pr", "ow", "oh", "border", "bv", "div", "bias", "abs",
        "center", "bits", "shift", "comps", "sps", "soff", "spad", "dps", "doff", "dpad", "k", "k2"]


# --------------------------------------------------------------------------
# Formatting


def fmt_num(v):
    """A double as text that strtod reads back bit-exactly."""
    v = float(v)
    if math.isfinite(v) and v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(v)  # shortest round-trip form; nan, inf, -inf


def fmt_list(values):
    return ",".join(fmt_num(v) for v in values)


def case_line(c):
    out = []
    for key in KEYS:
        v = c[key]
        if key == "k" and c.get("sigma") is not None:
            v = "gaussian:" + fmt_num(c["sigma"])
        elif key in ("k", "k2"):
            v = "none" if v is None else fmt_list(v)
        elif key in ("bv", "div", "bias", "center"):
            v = fmt_num(v)
        out.append(f"{key}={v}")
    return " ".join(out)


def sample_bytes(c):
    return 2 if c["type"] == "u16" else 1


def storage_max(c):
    """The largest stored word."""
    return 65535 if c["type"] == "u16" else 255


def sample_max(c):
    """The largest sample: 2^bits - 1 (bits 0, or invalid: the word's)."""
    if 0 < c["bits"] < 16:
        return (1 << c["bits"]) - 1
    return storage_max(c)


def data_shift(c):
    """sample_shift where it is valid, for making input words."""
    return c["shift"] if 0 <= c["shift"] < 16 else 0


def source_bytes(c):
    if c["w"] < 0 or c["h"] < 0:
        return 0
    return c["h"] * (c["w"] * c["sps"] + c["spad"]) * sample_bytes(c)


# --------------------------------------------------------------------------
# Geometry (the header's formulas, written independently of the core)


def resolve_axis(size, k, d, a, b):
    """Resolved padding (a, b): VC_PAD_SAME (-1) on both sides is "same"."""
    if a == -1 and b == -1:
        total = d * (k - 1)
        return total // 2, total - total // 2
    return a, b


def out_extent(size, a, b, k, d, s):
    return (size + a + b - d * (k - 1) - 1) // s + 1  # floor division


def formula_axis(c, axis):
    """(pad_a, pad_b, out) of the header's formula, without ow/oh."""
    keys = (("w", "kw", "dx", "sx", "pl", "pr") if axis == "w" else
            ("h", "kh", "dy", "sy", "pt", "pb"))
    size, k, d, s, a, b = (c[key] for key in keys)
    a, b = resolve_axis(size, k, d, a, b)
    return a, b, out_extent(size, a, b, k, d, s)


def geometry(c):
    """Resolved padding (top, bottom, left, right) and output size. A
    forced size (ow/oh > 0) replaces the formula's; when it is larger, the
    bottom/right padding grows until the last output has all its taps."""
    res = {}
    for axis, forced, size, k, d, s in (
            ("h", c["oh"], c["h"], c["kh"], c["dy"], c["sy"]),
            ("w", c["ow"], c["w"], c["kw"], c["dx"], c["sx"])):
        a, b, out = formula_axis(c, axis)
        if forced:
            out = forced
            need = (out - 1) * s + d * (k - 1) + 1
            b = max(b, need - size - a)
        res[axis] = (a, b, out)
    (t, b, oh), (l, r, ow) = res["h"], res["w"]
    return (t, b, l, r), ow, oh


# --------------------------------------------------------------------------
# Random configurations


def pick(rng, items, weights=None):
    if weights is None:
        return items[int(rng.integers(len(items)))]
    p = np.asarray(weights, dtype=float)
    return items[int(rng.choice(len(items), p=p / p.sum()))]


def frame_side(rng):
    r = rng.random()
    if r < 0.35:
        return int(rng.integers(1, 9))
    if r < 0.70:
        return int(rng.integers(9, 33))
    if r < 0.90:
        return int(rng.integers(33, 65))
    return int(rng.integers(65, 101))


def kernel_side(rng):
    if rng.random() < 0.9:
        return int(rng.integers(1, 10))
    return int(rng.integers(10, 16))


def box_side(rng):
    """A side of a large box: from the box-running path's threshold (11)
    up to the largest kernel side, 255; sometimes 1 (a 1 x N box)."""
    r = rng.random()
    if r < 0.15:
        return 1
    if r < 0.75:
        return int(rng.integers(11, 41))
    return int(rng.integers(41, 256))


def gaussian_row(sigma):
    """preset=gaussian's row for sigma, as the README states the rule:
    round(48 exp(-i^2 / (2 sigma^2))) for |i| <= ceil(3 sigma) up to
    sigma 2; above, three boxes of odd widths (boxes for Gauss)."""
    if sigma <= 2.0:
        r = math.ceil(3.0 * sigma)
        i = np.arange(-r, r + 1, dtype=float)
        return np.floor(48.0 * np.exp(-i * i / (2.0 * sigma * sigma)) + 0.5)
    wl = int(math.floor(math.sqrt(4.0 * sigma * sigma + 1.0)))
    wl -= 1 - wl % 2
    m = (12.0 * sigma * sigma - 3 * wl * wl - 12 * wl - 9) / (-4.0 * wl - 4)
    m = min(3, max(0, int(math.floor(m + 0.5))))
    row = np.ones(1)
    for w in [wl] * m + [wl + 2] * (3 - m):
        row = np.convolve(row, np.ones(w))
    return row


def gaussian_sigma(rng):
    """A sigma of preset=gaussian, 0.3 to 40, log-uniform."""
    return float(np.exp(rng.uniform(math.log(0.3), math.log(40.0))))


def stride(rng):
    r = rng.random()
    if r < 0.55:
        return 1
    if r < 0.97:
        return int(rng.integers(2, 6))
    if r < 0.99:
        return int(rng.integers(6, 200))
    return MAX_DIMENSION  # one output sample on that axis


def dilation(rng):
    return 1 if rng.random() < 0.55 else int(rng.integers(2, 6))


def padding(rng, size, k, d):
    """(a, b) for one axis: "same", zero or explicit 0..2*size per side."""
    r = rng.random()
    if r < 0.30:
        return -1, -1
    if r < 0.45:
        return 0, 0

    def one():
        if rng.random() < 0.6:
            return int(rng.integers(0, d * (k - 1) + 2))
        return int(rng.integers(0, min(2 * size, MAX_DIMENSION) + 1))

    a = one()
    b = a if rng.random() < 0.3 else one()
    return a, b


KERNEL_KINDS = [
    # (name, weight); see make_kernel
    ("int_small", 16), ("int_pos", 8), ("box", 6), ("int_sum1", 14),
    ("int_zero_sum", 12), ("int_wide", 6), ("delta", 6), ("float_uniform", 10),
    ("float_pos", 8), ("gauss", 6), ("dyadic", 10), ("extreme", 1),
    ("int_separable", 8),
]


def make_kernel(rng, kind, kh, kw):
    n = kh * kw
    if kind == "int_small":
        k = rng.integers(-3, 4, n).astype(float)
    elif kind == "int_pos":
        k = rng.integers(0, 6, n).astype(float)
    elif kind == "box":
        k = np.full(n, float(pick(rng, [1.0, 1.0, 2.0, -1.0])))
    elif kind in ("int_sum1", "int_zero_sum"):
        k = rng.integers(-2, 3, n).astype(float)
        j = int(rng.integers(n))
        k[j] += (1.0 if kind == "int_sum1" else 0.0) - k.sum()
    elif kind == "int_wide":
        k = rng.integers(-50, 51, n).astype(float)
    elif kind == "delta":
        k = np.zeros(n)
        k[int(rng.integers(n))] = 1.0
    elif kind == "float_uniform":
        k = rng.uniform(-1.0, 1.0, n)
    elif kind == "float_pos":
        k = rng.uniform(0.0, 1.0, n)
    elif kind == "gauss":
        sy, sx = rng.uniform(0.3, 3.0, 2)
        y = np.arange(kh) - (kh - 1) / 2
        x = np.arange(kw) - (kw - 1) / 2
        g = np.exp(-(y[:, None] / sy) ** 2 / 2 - (x[None, :] / sx) ** 2 / 2)
        k = (g / g.sum()).ravel()
    elif kind == "int_separable":
        # Column x row of integers, the column non-negative and small (the
        # fused separable paths, whose sums may leave 16 bits).
        col = rng.integers(0, 10, kh).astype(float)
        row = rng.integers(-20, 41, kw).astype(float)
        k = np.outer(col, row).ravel()
    elif kind == "dyadic":
        # Multiples of 1/64: every sum is exact, in any order.
        k = rng.integers(-64, 65, n) / 64.0
    elif kind == "extreme":
        # Huge, all of one sign (no cancellation): results clamp.
        k = rng.uniform(0.0, 1.0, n) * 1e300
    else:
        raise AssertionError(kind)
    return [float(v) for v in k]


def is_integer_kernel(k):
    return all(v == math.floor(v) and abs(v) < 2**31 for v in k)


def gen_valid(rng, idx):
    c = {"idx": idx}
    c["type"] = "u8" if rng.random() < 0.55 else "u16"
    # Fewer significant bits (10-bit video), low (I420_10LE) or high
    # (P010_10LE) in the word.
    c["bits"] = c["shift"] = 0
    if c["type"] == "u16" and rng.random() < 0.5:
        c["bits"] = 10 if rng.random() < 0.6 else int(rng.integers(1, 17))
        c["shift"] = (16 - c["bits"] if rng.random() < 0.5 else
                      int(rng.integers(0, 17 - c["bits"])))
    maxv = sample_max(c)
    r = rng.random()
    c["center"] = (0.0 if r < 0.7 else float((maxv + 1) // 2) if r < 0.9
                   else float(rng.uniform(-maxv, 2 * maxv)))
    c["w"] = frame_side(rng)
    c["h"] = c["w"] if rng.random() < 0.2 else frame_side(rng)
    if rng.random() < 0.02:
        # Long and thin, up to the largest frame side.
        long, short = ("w", "h") if rng.random() < 0.5 else ("h", "w")
        c[long] = int(rng.integers(200, MAX_DIMENSION + 1))
        c[short] = int(rng.integers(1, 4))
    c["kh"] = kernel_side(rng)
    c["kw"] = c["kh"] if rng.random() < 0.25 else kernel_side(rng)
    # Large boxes (the running sums of the box-running path), on frames
    # small enough for the oracle's work budget.
    big_box = rng.random() < 0.15
    # preset=gaussian's kernels, made by the driver from sigma (the line
    # says k=gaussian:SIGMA), against this file's own rule.
    sigma = gaussian_sigma(rng) if not big_box and rng.random() < 0.08 \
        else None
    if sigma is not None:
        c["kh"] = c["kw"] = len(gaussian_row(sigma))
    if big_box or sigma is not None:
        if big_box:
            c["kh"], c["kw"] = box_side(rng), box_side(rng)
        while (c["w"] * c["h"] * c["kh"] * c["kw"] > WORK_BUDGET // 2 and
               max(c["w"], c["h"]) > 1):
            axis = "w" if c["w"] >= c["h"] else "h"
            c[axis] = max(1, c[axis] // 2)
    c["sy"], c["sx"] = stride(rng), stride(rng)
    c["dy"], c["dx"] = dilation(rng), dilation(rng)
    c["ow"] = c["oh"] = 0
    # Padding: retry until the output is at least 1x1; "same" always is.
    for attempt in range(20):
        c["pt"], c["pb"] = padding(rng, c["h"], c["kh"], c["dy"])
        c["pl"], c["pr"] = padding(rng, c["w"], c["kw"], c["dx"])
        _, ow, oh = geometry(c)
        if ow >= 1 and oh >= 1:
            break
    else:
        c["pt"] = c["pb"] = c["pl"] = c["pr"] = -1
    if rng.random() < 0.015:
        # Padding up to the limit on one side, with a large stride.
        key, skey = pick(rng, [("pt", "sy"), ("pb", "sy"), ("pl", "sx"),
                               ("pr", "sx")])
        pair = {"pt": "pb", "pb": "pt", "pl": "pr", "pr": "pl"}[key]
        c[key] = int(rng.integers(1000, MAX_DIMENSION + 1))
        c[pair] = max(c[pair], 0)
        c[skey] = int(rng.integers(500, MAX_DIMENSION + 1))

    c["ow"] = c["oh"] = 0
    if rng.random() < 0.10:
        # Forced output size: smaller drops rows/columns, larger extends
        # the bottom/right padding; also where the formula gives < 1.
        for axis, key in (("w", "ow"), ("h", "oh")):
            if rng.random() < 0.6:
                k, d, a, b = ("kw", "dx", "pl", "pr") if axis == "w" else (
                    "kh", "dy", "pt", "pb")
                if c[k] > 1 and rng.random() < 0.3:
                    # Kernel reach beyond the unpadded frame: the formula
                    # gives < 1, the forced size makes it valid.
                    c[a] = c[b] = 0
                    c[d] = max(c[d], c[axis] // (c[k] - 1) + 1)
                out = formula_axis(c, axis)[2]
                # (a forced size is at most MAX_DIMENSION, like any size)
                c[key] = int(rng.integers(1, min(max(out, 1) + 12,
                                                 MAX_DIMENSION + 1)))
    c["border"] = pick(rng, BORDERS)
    r = rng.random()
    if c["border"] != "constant" and r < 0.5:
        c["bv"] = 0.0  # ignored anyway; sometimes not 0 to prove that
    elif r < 0.65:
        c["bv"] = float(rng.integers(0, maxv + 1))
    elif r < 0.75:
        c["bv"] = float(pick(rng, [0, maxv]))
    elif r < 0.88:
        c["bv"] = float(rng.uniform(-0.6, maxv + 0.6))  # non-integer
    else:
        c["bv"] = float(pick(rng, [-1.0, -1000.5, maxv + 1.0, maxv * 3.7,
                                   -0.5, 0.5, maxv - 0.5, maxv + 0.49]))

    kind = "box" if big_box else pick(rng, [k for k, _ in KERNEL_KINDS],
                                      [w for _, w in KERNEL_KINDS])
    c["sigma"] = sigma
    if sigma is not None:
        kind = "sigma"
        row = gaussian_row(sigma)
        c["k"] = [float(v) for v in np.outer(row, row).ravel()]
    else:
        c["k"] = make_kernel(rng, kind, c["kh"], c["kw"])
    c["kind"] = kind
    c["k2"] = None
    if sigma is None and rng.random() < 0.15:
        if c["kh"] == c["kw"] and rng.random() < 0.5:
            kk = np.array(c["k"]).reshape(c["kh"], c["kw"])
            c["k2"] = [float(v) for v in kk.T.ravel()]  # sobel-like
        else:
            kind2 = kind if rng.random() < 0.5 else pick(
                rng, [k for k, _ in KERNEL_KINDS if k != "extreme"])
            c["k2"] = make_kernel(rng, kind2, c["kh"], c["kw"])

    r = rng.random()
    if r < 0.45:
        c["div"] = 1.0
    elif r < 0.75:
        c["div"] = 0.0
    elif r < 0.85:
        c["div"] = float(rng.integers(2, 65))
    elif r < 0.93:
        c["div"] = float(rng.uniform(0.05, 50.0))
    elif r < 0.99:
        c["div"] = -float(rng.uniform(0.05, 50.0))
    else:
        c["div"] = float(pick(rng, [1e-300, -1e-300, 1e300, 3e-8]))

    r = rng.random()
    if r < 0.55:
        c["bias"] = 0.0
    elif r < 0.85:
        c["bias"] = float(rng.integers(-(maxv // 2), maxv // 2 + 1))
    elif r < 0.995:
        c["bias"] = float(rng.uniform(-maxv / 4, maxv / 4))
    else:
        c["bias"] = float(pick(rng, [1e300, -1e300, 0.5, -0.5]))
    c["abs"] = 1 if rng.random() < 0.3 else 0

    # Interleaved layouts.
    sps = 1 if rng.random() < 0.5 else int(rng.integers(2, 5))
    soff = int(rng.integers(0, sps))
    comps = int(rng.integers(1, sps - soff + 1))
    dps = comps if rng.random() < 0.5 else int(rng.integers(comps, 5))
    doff = int(rng.integers(0, dps - comps + 1))
    c.update(comps=comps, sps=sps, soff=soff, dps=dps, doff=doff)
    c["spad"] = 0 if rng.random() < 0.5 else int(rng.integers(1, 8))
    c["dpad"] = 0 if rng.random() < 0.5 else int(rng.integers(1, 8))
    c["data_kind"] = pick(rng, ["full", "small", "extremes"], [0.6, 0.2, 0.2])
    # The one limit a configuration of valid fields can still break: a
    # padded extent over VC_MAX_PADDED_EXTENT (a forced output size with a
    # large stride extends the padding that far).
    (t, b, l, r), _, _ = geometry(c)
    if max(c["h"] + t + b, c["w"] + l + r) > MAX_PADDED_EXTENT:
        c["expect"] = "VC_ERROR_PADDING"
    else:
        c["expect"] = "ok"
    return c


def work(c):
    """Rough cost of a case for the oracle and the driver."""
    (t, b, l, r), ow, oh = geometry(c)
    taps = c["kh"] * c["kw"] * (2 if c["k2"] is not None else 1)
    padded = (c["h"] + t + b) * (c["w"] + l + r)
    return max(ow, 0) * max(oh, 0) * taps * c["comps"] + padded * c["comps"]


def make_output_size_error(rng, c):
    """Makes one axis (or both) too short for the kernel's reach."""
    axes = pick(rng, [("h",), ("w",), ("h", "w")], [0.45, 0.45, 0.1])
    for axis in axes:
        size, kk, dd, ss, pa, pb = {
            "h": ("h", "kh", "dy", "sy", "pt", "pb"),
            "w": ("w", "kw", "dx", "sx", "pl", "pr"),
        }[axis]
        c[size] = int(rng.integers(1, 21))
        deficit = 1 if rng.random() < 0.5 else int(rng.integers(2, 4))
        d = int(rng.integers(1, 6))
        k = max(c[kk], -(-(c[size] + deficit - 1) // d) + 1)
        k += int(rng.integers(0, 3))
        reach = d * (k - 1) + 1
        total = reach - deficit - c[size]  # >= 0 by construction
        if rng.random() < 0.25:
            total = int(rng.integers(0, total + 1))  # even shorter
        a = int(rng.integers(0, total + 1))
        c[kk], c[dd], c[pa], c[pb] = k, d, a, total - a
        c[ss] = int(rng.integers(1, 6))  # stride > 1: floor, not truncation
    c["ow"] = c["oh"] = 0
    c["k"] = make_kernel(rng, c["kind"], c["kh"], c["kw"])
    if c["k2"] is not None:
        c["k2"] = make_kernel(rng, "int_small", c["kh"], c["kw"])
    c["expect"] = "VC_ERROR_OUTPUT_SIZE"
    _, ow, oh = geometry(c)
    assert ow < 1 or oh < 1, c


def make_invalid(rng, c):
    """One invalid field on an otherwise valid configuration."""
    fault = pick(rng, ["kernel_size", "kernel_value", "kernel2_value",
                       "stride", "dilation", "padding", "border", "value",
                       "sample_type", "sample_bits", "frame_size",
                       "forced_size"])
    if fault == "kernel_size":
        side = pick(rng, [0, 256, -3])
        if rng.random() < 0.5:
            c["kh"] = side
        else:
            c["kw"] = side
        n = max(c["kh"], 0) * max(c["kw"], 0)
        c["k"] = [1.0] * n
        c["k2"] = None if c["k2"] is None else [0.0] * n
        c["expect"] = "VC_ERROR_KERNEL"
    elif fault in ("kernel_value", "kernel2_value"):
        if fault == "kernel2_value" and c["k2"] is None:
            c["k2"] = make_kernel(rng, "int_small", c["kh"], c["kw"])
        key = "k" if fault == "kernel_value" else "k2"
        c[key][int(rng.integers(len(c[key])))] = pick(
            rng, [math.nan, math.inf, -math.inf])
        c["expect"] = "VC_ERROR_KERNEL_VALUE"
    elif fault in ("stride", "dilation"):
        key = pick(rng, ["sy", "sx"] if fault == "stride" else ["dy", "dx"])
        c[key] = pick(rng, [0, -1, -7, MAX_DIMENSION + 1])
        c["expect"] = "VC_ERROR_" + fault.upper()
    elif fault == "padding":
        key = pick(rng, ["pt", "pb", "pl", "pr"])
        pair = {"pt": "pb", "pb": "pt", "pl": "pr", "pr": "pl"}[key]
        r = rng.random()
        if r < 0.4:
            c[key] = pick(rng, [-2, -100, MAX_DIMENSION + 1])
        else:
            # "same" on one side only
            c[key] = -1
            c[pair] = int(rng.integers(0, 4))
        c["expect"] = "VC_ERROR_PADDING"
    elif fault == "border":
        c["border"] = pick(rng, [5, -1, 99])
        c["expect"] = "VC_ERROR_BORDER"
    elif fault == "value":
        key = pick(rng, ["bv", "div", "bias", "center"])
        c[key] = pick(rng, [math.nan, math.inf, -math.inf])
        c["expect"] = "VC_ERROR_VALUE"
    elif fault == "sample_type":
        c["type"] = pick(rng, [2, -1, 7])
        c["expect"] = "VC_ERROR_SAMPLE_TYPE"
    elif fault == "sample_bits":
        width = 16 if c["type"] == "u16" else 8
        r = rng.random()
        if r < 0.3:
            c["bits"] = pick(rng, [-1, width + 1, 99])
        elif r < 0.6:
            c["shift"] = pick(rng, [-1, 16, 40] if width == 16 else [1, 3, -2])
        else:  # bits and shift fit alone but not together
            c["bits"] = int(rng.integers(2, width + 1))
            c["shift"] = width - c["bits"] + 1
            if width == 8:
                c["shift"] = 1
        c["expect"] = "VC_ERROR_SAMPLE_TYPE"
    elif fault == "frame_size":
        key = pick(rng, ["w", "h"])
        c[key] = pick(rng, [0, -4, MAX_DIMENSION + 1])
        if c[key] > MAX_DIMENSION:  # keep the input buffer small
            other = "h" if key == "w" else "w"
            c[other] = 1
            c["sps"], c["soff"], c["comps"], c["spad"] = 1, 0, 1, 0
            c["dps"], c["doff"] = 1, 0
        c["expect"] = "VC_ERROR_FRAME_SIZE"
    elif fault == "forced_size":
        c[pick(rng, ["ow", "oh"])] = pick(rng, [-1, -50, MAX_DIMENSION + 1])
        c["expect"] = "VC_ERROR_OUTPUT_SIZE"


def gen_case(seed, idx):
    rng = np.random.default_rng([seed, idx])
    r = rng.random()
    for attempt in range(50):
        c = gen_valid(rng, idx)
        if c["expect"] != "ok":
            if r < 0.06:
                continue  # the faults below need a valid configuration
        elif work(c) > WORK_BUDGET:
            continue
        break
    if r < 0.06 and c["sigma"] is not None:
        c["sigma"], c["kind"] = None, "int_pos"  # k stays, as numbers
    if r < 0.02:
        make_invalid(rng, c)
    elif r < 0.06:
        make_output_size_error(rng, c)
    # The source buffer: every sample random, also those the core must not
    # read (other components, row padding).
    nbytes = source_bytes(c)
    if nbytes:
        count = nbytes // sample_bytes(c)
        maxv = sample_max(c)
        dt = np.dtype("=u2") if sample_bytes(c) == 2 else np.dtype("u1")
        if c["data_kind"] == "full":
            # Any word, stray bits around the sample's included.
            data = rng.integers(0, storage_max(c) + 1, count)
        elif c["data_kind"] == "small":
            data = (rng.integers(0, min(maxv, 1023) + 1, count) <<
                    data_shift(c)) & storage_max(c)
            if maxv == 255:
                data = rng.integers(0, 16, count)
        else:
            data = rng.choice([0, (maxv << data_shift(c)) & storage_max(c)],
                              count)
        c["data"] = data.astype(dt).tobytes()
    else:
        c["data"] = b""
    return c


# --------------------------------------------------------------------------
# The oracle


def round_half_away(v):
    return np.sign(v) * np.floor(np.abs(v) + 0.5)


def sample_value(v, maxv):
    """border_value as the core takes it: a sample (rounded, clamped)."""
    return float(min(max(round_half_away(np.float64(v)), 0.0), maxv))


def correlate(P, K, dy, dx, sy, sx, oh, ow):
    acc = np.zeros((oh, ow) + P.shape[2:])
    for m in range(K.shape[0]):
        for n in range(K.shape[1]):
            if K[m, n] == 0.0:
                continue
            y0, x0 = m * dy, n * dx
            acc += K[m, n] * P[y0:y0 + (oh - 1) * sy + 1:sy,
                               x0:x0 + (ow - 1) * sx + 1:sx]
    return acc


def border_index(p, n, border):
    """Input index of padded positions p (relative to the frame), the
    periodic definitions of the border modes: the meaning numpy.pad gives
    them, written out."""
    inside = (p >= 0) & (p < n)
    if border == "replicate":
        q = np.clip(p, 0, n - 1)
    elif border == "reflect":
        if n == 1:
            q = np.zeros_like(p)  # numpy: a single sample reflects to itself
        else:
            q = np.mod(p, 2 * n - 2)
            q = np.where(q < n, q, 2 * n - 2 - q)
    elif border == "symmetric":
        q = np.mod(p, 2 * n)
        q = np.where(q < n, q, 2 * n - 1 - q)
    elif border == "wrap":
        q = np.mod(p, n)
    else:
        raise AssertionError(border)
    return np.where(inside, p, q)


def pad_plane(planes, border, pads, value, stats):
    """numpy.pad of (H, W, comps) planes, checked against border_index.

    NumPy 1.24 (Debian 12) pads "wrap" wrongly when one side's padding
    exceeds the frame and the two sides differ (numpy issues #22464,
    #24436; fixed in NumPy 2), and "reflect"/"symmetric" wrongly after
    more than two reflections (numpy issue #25926). The contract means the
    periodic extension, so where numpy.pad disagrees with border_index in
    exactly that regime, border_index is used (and counted)."""
    (t, b), (l, r) = pads
    if border == "constant":
        return np.pad(planes, (pads[0], pads[1], (0, 0)), mode="constant",
                      constant_values=value)
    P = np.pad(planes, (pads[0], pads[1], (0, 0)), mode=NUMPY_MODE[border])
    h, w = planes.shape[:2]
    rows = border_index(np.arange(-t, h + b), h, border)
    cols = border_index(np.arange(-l, w + r), w, border)
    Q = planes[rows][:, cols]
    if not np.array_equal(P, Q):
        known_bug = max(t, b) > h or max(l, r) > w
        if not known_bug:
            raise AssertionError(
                f"oracle: numpy.pad mode {NUMPY_MODE[border]} with padding "
                f"{pads} on {h}x{w} disagrees with the periodic definition "
                f"outside numpy's known-bug regime")
        stats["numpy_pad_bug"] += 1
    return Q


def oracle(c, stats):
    """Expected vc_plan_execute output (oh, ow, comps) as float64 integers,
    the unrounded v (for messages) and the expected carry output."""
    (t, b, l, r), ow, oh = geometry(c)
    maxv = sample_max(c)
    bps = sample_bytes(c)
    dt = np.dtype("=u2") if bps == 2 else np.dtype("u1")
    row = c["w"] * c["sps"] + c["spad"]
    src = np.frombuffer(c["data"], dtype=dt).reshape(c["h"], row)
    planes = src[:, :c["w"] * c["sps"]].reshape(c["h"], c["w"], c["sps"])
    samples = planes[:, :, c["soff"]:c["soff"] + c["comps"]]
    # A word is the sample times 2^shift; sums are taken of P - center.
    planes = samples.astype(np.float64) / 2.0 ** c["shift"] - c["center"]
    P = pad_plane(planes, c["border"], ((t, b), (l, r)),
                  sample_value(c["bv"], maxv) - c["center"], stats)
    K = np.array(c["k"]).reshape(c["kh"], c["kw"])
    with np.errstate(all="ignore"):
        acc = correlate(P, K, c["dy"], c["dx"], c["sy"], c["sx"], oh, ow)
        if c["k2"] is not None:
            K2 = np.array(c["k2"]).reshape(c["kh"], c["kw"])
            acc2 = correlate(P, K2, c["dy"], c["dx"], c["sy"], c["sx"], oh, ow)
            acc = np.sqrt(acc * acc + acc2 * acc2)
        div = c["div"]
        if div == 0.0:
            s = math.fsum(c["k"])
            div = s if s != 0.0 else 1.0
        v = acc / div
        if c["abs"]:
            v = np.abs(v)
        v = (v + c["bias"]) + c["center"]
        out = np.clip(round_half_away(v), 0.0, maxv)
    # vc_plan_execute_carry: the input sample under the centre tap,
    # clamped into the frame.
    ys = np.clip(np.arange(oh) * c["sy"] + (c["kh"] // 2) * c["dy"] - t, 0,
                 c["h"] - 1)
    xs = np.clip(np.arange(ow) * c["sx"] + (c["kw"] // 2) * c["dx"] - l, 0,
                 c["w"] - 1)
    carry = samples[ys][:, xs]
    return out, v, carry


def exact_class(c):
    """True when the header promises a bit-exact result."""
    if c["k2"] is not None or not is_integer_kernel(c["k"]):
        return False
    if c["bias"] != math.floor(c["bias"]):
        return False
    div = c["div"]
    if div == 0.0:
        s = math.fsum(c["k"])
        div = s if s != 0.0 else 1.0
    return div == 1.0


# --------------------------------------------------------------------------
# Running the driver and comparing


class Result:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.driver_errors = 0
        self.stats = {"numpy_pad_bug": 0, "exact": 0, "lsb": 0, "error": 0}


def report(args, res, c, reason):
    """One line per failed configuration: the seed and index reproduce it
    (--seed S --only I), the config is the case line given to vc-batch."""
    res.failed += 1
    print(f"FAIL seed={args.seed} case={c['idx']}: {reason} | config: "
          f"{case_line(c)} data={c['data_kind']}", flush=True)


def write_batch(cases, directory, tag):
    paths = {name: os.path.join(directory, f"{tag}.{name}")
             for name in ("cases", "in", "out", "status")}
    with open(paths["cases"], "w") as f:
        f.write("vc-batch-cases 1\n")
        for c in cases:
            f.write(case_line(c) + "\n")
    with open(paths["in"], "wb") as f:
        for c in cases:
            f.write(c["data"])
    return paths


def run_driver(args, cases, directory, tag):
    """Starts the driver on cases; returns the process and its files."""
    paths = write_batch(cases, directory, tag)
    cmd = shlex.split(args.wrapper or "") + [
        args.driver, paths["cases"], paths["in"], paths["out"],
        paths["status"]]
    env = dict(os.environ)
    # UBSan only reports and goes on by default: make it stop the driver so
    # the case is known (anything on stderr fails the run anyway).
    env.setdefault("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env)
    return proc, paths


def collect(proc, paths, timeout):
    """Waits for the driver; returns (status lines, output bytes, exit
    status, stderr)."""
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        err = (err or b"") + b"\n[crosscheck: driver timed out]"
    lines = []
    if os.path.exists(paths["status"]):
        with open(paths["status"], "r", errors="replace") as f:
            lines = f.read().splitlines()
    data = b""
    if os.path.exists(paths["out"]):
        with open(paths["out"], "rb") as f:
            data = f.read()
    return lines, data, proc.returncode, err.decode(errors="replace")


def axis_args_ok(size, k, s, d, a, b):
    if not (1 <= size <= MAX_DIMENSION and 1 <= k <= 255
            and 1 <= s <= MAX_DIMENSION and 1 <= d <= MAX_DIMENSION):
        return False
    if a == -1 and b == -1:
        return d * (k - 1) <= 2 * MAX_DIMENSION
    return 0 <= a <= MAX_DIMENSION and 0 <= b <= MAX_DIMENSION


def check_axis(c, token):
    """Checks the AXIS token: vc_axis_output_size () against the formula
    and vc_axis_input_range () by what it means."""
    axes = [("width", c["w"], c["kw"], c["sx"], c["dx"], c["pl"], c["pr"]),
            ("height", c["h"], c["kh"], c["sy"], c["dy"], c["pt"], c["pb"])]
    if not all(axis_args_ok(*ax[1:]) for ax in axes):
        return [] if token == "-" else [f"AXIS {token!r} for arguments out "
                                        f"of range"]
    parts = token.split(",")
    if len(parts) != 6:
        return [f"malformed AXIS token {token!r}"]
    reasons = []
    for n, (name, size, k, s, d, a, b) in enumerate(axes):
        a, b = resolve_axis(size, k, d, a, b)

        def f(x):
            return out_extent(x, a, b, k, d, s)
        out = f(size)
        got = int(parts[n])
        if got != out:
            reasons.append(f"vc_axis_output_size ({name}) = {got}, "
                           f"expected {out}")
            continue
        lo, hi = parts[2 + 2 * n:4 + 2 * n]
        if out < 1:
            if (lo, hi) != ("-", "-"):
                reasons.append(f"driver printed an input range for {name} "
                               f"output {out}")
            continue
        lo, hi = int(lo), int(hi)
        ok = (1 <= lo <= size <= hi and f(lo) == out and f(hi) == out
              and (lo == 1 or f(lo - 1) != out) and f(hi + 1) != out)
        if not ok:
            reasons.append(f"vc_axis_input_range ({name}, out {out}) = "
                           f"[{lo}, {hi}]: not the input sizes with that "
                           f"output (this input is {size})")
    return reasons


def check_buffer(c, what, blob, ow, oh, exp, v, exact, shift=0):
    """Checks one destination buffer: canary outside the components and
    the samples against exp. Returns a list of reasons."""
    reasons = []
    bps = sample_bytes(c)
    row_bytes = (ow * c["dps"] + c["dpad"]) * bps
    raw = np.frombuffer(blob, dtype=np.uint8).reshape(oh, row_bytes)
    mask = np.zeros((oh, row_bytes), dtype=bool)
    inner = mask[:, :ow * c["dps"] * bps].reshape(oh, ow, c["dps"] * bps)
    inner[:, :, c["doff"] * bps:(c["doff"] + c["comps"]) * bps] = True
    bad = (~mask) & (raw != CANARY)
    if bad.any():
        y, x = np.argwhere(bad)[0]
        reasons.append(f"{what}: {int(bad.sum())} bytes outside the "
                       f"processed components were written, first at row "
                       f"{y} byte {x} (0x{raw[y, x]:02x})")
    dt = np.dtype("=u2") if bps == 2 else np.dtype("u1")
    samples = np.frombuffer(blob, dtype=dt).reshape(oh, row_bytes // bps)
    got = samples[:, :ow * c["dps"]].reshape(oh, ow, c["dps"])
    got = got[:, :, c["doff"]:c["doff"] + c["comps"]].astype(np.int64)
    if shift:
        low = got & ((1 << shift) - 1)
        if low.any():
            y, x, ci = (int(i) for i in np.argwhere(low)[0])
            reasons.append(f"{what}: {int((low != 0).sum())} samples have "
                           f"bits below sample_shift {shift} set, first at "
                           f"out[y={y}][x={x}] component {ci}: "
                           f"0x{int(got[y, x, ci]):04x}")
        got = got >> shift
    diff = np.abs(got - exp.astype(np.int64))
    limit = 0 if exact else 1
    if diff.max() > limit:
        where = np.argwhere(diff > limit)
        y, x, ci = (int(i) for i in where[0])
        detail = "" if v is None else f" (unrounded {float(v[y, x, ci])!r})"
        cls = "exact" if exact else "1-LSB"
        reasons.append(
            f"{what}: {len(where)} of {diff.size} samples differ by more "
            f"than {limit} ({cls} class, max {int(diff.max())}); first at "
            f"out[y={y}][x={x}] component {ci}: core {int(got[y, x, ci])}, "
            f"numpy {int(exp[y, x, ci])}{detail}")
    return reasons


def check_ok(c, expected, fields, blob, carry_blob):
    """Compares one planned case. Returns None or a failure reason."""
    tag = fields[1]
    ow, oh, nbytes = (int(x) for x in fields[2:5])
    pads = tuple(int(x) for x in fields[5:9])
    reasons = []
    if tag == "bad":
        reasons.append("driver: " + " ".join(fields[10:]))
    if c["expect"] != "ok":
        reasons.insert(0, f"core accepted the configuration ({ow}x{oh} "
                          f"output), expected {c['expect']}")
        return "; ".join(reasons)
    reasons += check_axis(c, fields[9])
    (t, b, l, r), eow, eoh = geometry(c)
    if (ow, oh) != (eow, eoh):
        reasons.append(f"output size {ow}x{oh}, expected {eow}x{eoh}")
        return "; ".join(reasons)
    if pads != (t, b, l, r):
        reasons.append(f"resolved padding top,bottom,left,right {pads}, "
                       f"expected {(t, b, l, r)}")
    row_bytes = (ow * c["dps"] + c["dpad"]) * sample_bytes(c)
    if nbytes != oh * row_bytes or len(blob) != nbytes or len(
            carry_blob) != nbytes:
        reasons.append(f"output is {nbytes} bytes ({len(blob)} and "
                       f"{len(carry_blob)} read), expected {oh * row_bytes}")
        return "; ".join(reasons)
    exp, v, carry = expected
    reasons += check_buffer(c, "vc_plan_execute", blob, ow, oh, exp, v,
                            exact_class(c), c["shift"])
    reasons += check_buffer(c, "vc_plan_execute_carry", carry_blob, ow, oh,
                            carry, None, True)
    return "; ".join(reasons) if reasons else None


def run_chunk(args, res, cases, directory, tag):
    """Runs cases through the driver, restarting after a crash."""
    pending = list(cases)
    restarts = 0
    expected = {}
    while pending:
        proc, paths = run_driver(args, pending, directory,
                                 f"{tag}-{restarts}")
        # Compute the oracle while the driver runs (once per case).
        for c in pending:
            if c["idx"] in expected:
                continue
            if c["expect"] == "ok":
                expected[c["idx"]] = oracle(c, res.stats)
                res.stats["exact" if exact_class(c) else "lsb"] += 1
            else:
                expected[c["idx"]] = None
                res.stats["error"] += 1
        lines, data, rc, err = collect(proc, paths, args.timeout)
        pos = 0
        done = 0
        for line, c in zip(lines, pending):
            fields = line.split()
            if len(fields) < 2 or fields[0] != str(c["idx"]):
                report(args, res, c, f"unexpected status line {line!r}")
                done += 1
                continue
            tag_ = fields[1]
            if tag_ in ("ok", "bad"):
                if len(fields) < 10:
                    report(args, res, c, f"short status line {line!r}")
                    done += 1
                    continue
                nbytes = int(fields[4])
                blob = data[pos:pos + nbytes]
                carry_blob = data[pos + nbytes:pos + 2 * nbytes]
                pos += 2 * nbytes
                reason = check_ok(c, expected.get(c["idx"]), fields, blob,
                                  carry_blob)
            elif tag_ in ("error", "bad-error"):
                code = int(fields[2])
                name = STATUS_NAMES[code] if 0 <= code < len(
                    STATUS_NAMES) else f"status {code}"
                msg = " ".join(fields[5:])
                reason = None
                if c["expect"] == "ok":
                    _, ow, oh = geometry(c)
                    reason = (f"core refused a valid configuration (numpy: "
                              f"{ow}x{oh} output): {name}: {msg}")
                elif code != STATUS_CODE[c["expect"]]:
                    reason = f"core said {name}, expected {c['expect']}: {msg}"
                elif tag_ == "bad-error":
                    reason = f"driver: inconsistent error: {msg}"
                else:
                    axis = check_axis(c, fields[4])
                    if axis:
                        reason = "; ".join(axis)
            else:
                reason = f"unknown status {line!r}"
            if reason:
                report(args, res, c, reason)
            else:
                res.passed += 1
            done += 1
        if not args.keep_dir:
            for p in paths.values():
                if os.path.exists(p):
                    os.unlink(p)
        if rc == 0 and err.strip():
            # Sanitizer or valgrind reports that did not change the exit
            # status: the driver itself prints nothing on success.
            tail = " / ".join(err.strip().splitlines()[:12])
            print(f"crosscheck: the driver wrote to stderr: {tail}",
                  flush=True)
            res.driver_errors += 1
        if rc == 0 and done == len(pending):
            return
        if rc == 0:
            # The driver finished but printed fewer lines than cases.
            for c in pending[done:]:
                report(args, res, c, "no status line from the driver")
            return
        tail = " / ".join(err.strip().splitlines()[:12])
        if done < len(pending):
            report(args, res, pending[done],
                   f"driver exited with status {rc} while running this "
                   f"case: {tail}")
            done += 1
        else:
            print(f"crosscheck: driver exited with status {rc} after all "
                  f"cases: {tail}", flush=True)
            res.driver_errors += 1
        pending = pending[done:]
        restarts += 1
        if restarts > 10:
            for c in pending:
                report(args, res, c, "not run: the driver keeps failing")
            return


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--driver", required=True, help="path to vc-batch")
    ap.add_argument("--cases", type=int, default=3000,
                    help="number of random configurations (default 3000)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED,
                    help=f"random seed (default {DEFAULT_SEED})")
    ap.add_argument("--only", default=None,
                    help="comma-separated case indices to run (with --seed)")
    ap.add_argument("--chunk", type=int, default=500,
                    help="cases per driver run (default 500)")
    ap.add_argument("--timeout", type=float, default=600.0,
                    help="seconds one driver run may take (default 600)")
    # (meson test sets MESON_EXE_WRAPPER in a cross build: qemu-aarch64)
    ap.add_argument("--wrapper", default=os.environ.get("MESON_EXE_WRAPPER"),
                    help='command to run the driver under, e.g. "valgrind '
                         '--error-exitcode=99 --leak-check=full -q" '
                         '(default: $MESON_EXE_WRAPPER)')
    ap.add_argument("--keep-dir", default=None,
                    help="keep the driver's files (cases, input, output, "
                         "status) in this directory")
    args = ap.parse_args()

    if args.cases < 0 or args.chunk < 1:
        ap.error("--cases must be >= 0 and --chunk >= 1")
    if args.only:
        try:
            indices = [int(x) for x in args.only.split(",") if x.strip()]
        except ValueError:
            ap.error(f"--only {args.only!r}: expected indices like 3,17,42")
    else:
        indices = list(range(args.cases))
    if not os.access(args.driver, os.X_OK):
        ap.error(f"--driver {args.driver!r} is not an executable file")
    print(f"crosscheck: seed {args.seed}, {len(indices)} cases, driver "
          f"{args.driver}, numpy {np.__version__}", flush=True)
    start = time.monotonic()
    res = Result()
    if args.keep_dir:
        os.makedirs(args.keep_dir, exist_ok=True)
        directory = args.keep_dir
        tmp = None
    else:
        tmp = tempfile.TemporaryDirectory(prefix="vc-crosscheck-")
        directory = tmp.name
    n_sigma = 0
    try:
        for n, first in enumerate(range(0, len(indices), args.chunk)):
            cases = [gen_case(args.seed, i)
                     for i in indices[first:first + args.chunk]]
            n_sigma += sum(1 for c in cases if c["sigma"] is not None)
            run_chunk(args, res, cases, directory, f"chunk{n}")
    finally:
        if tmp is not None:
            tmp.cleanup()
    elapsed = time.monotonic() - start
    st = res.stats
    print(f"crosscheck: {st['exact']} exact-class, {st['lsb']} 1-LSB-class, "
          f"{st['error']} must-refuse configurations; numpy.pad bug worked "
          f"around in {st['numpy_pad_bug']}; {n_sigma} preset=gaussian "
          f"kernels from sigma; {elapsed:.1f} s", flush=True)
    if res.driver_errors:
        print(f"crosscheck: {res.driver_errors} driver run(s) failed or "
              f"reported errors outside a case (see above)", flush=True)
    print(f"crosscheck: {res.passed} passed, {res.failed} failed", flush=True)
    ok = (res.failed == 0 and res.driver_errors == 0
          and res.passed == len(indices))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
