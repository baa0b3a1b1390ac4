#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Writes the seed corpus of the fuzz targets (tests/fuzz/corpus/*/seed-*):
one input per kind of case the targets should start from, in the byte
layouts that fuzz-core.c's parse () and fuzz-element.c read. Findings are
added to the same folders by hand (finding-*), never by this script.

usage: tests/fuzz/make-seeds.py   (from anywhere; rewrites the seed-* files)
"""
import os
import random
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
ISAS = ["reference", "c", "orc", "avx2", "avx512", "avx2-vnni", "avx512-vnni"]

def coef(v):
    """A coefficient in parse ()'s encoding."""
    if float(v).is_integer() and -8 <= v <= 8:
        return bytes([0, int(v) + 8])
    for shift in range(6):
        n = v * (1 << shift)
        if float(n).is_integer() and -16 <= n <= 16:
            return bytes([2, int(n) + 16, shift])
    return bytes([3]) + struct.pack("<d", v)


def core_case(kernel, kernel2=None, stride=(1, 1), dilation=(1, 1),
              pad=(-1, -1, -1, -1), border=1, divisor=0, bias=0,
              absolute=False, center=None, u16=False, bits=0, shift=0,
              size=(33, 17), layout=(1, 0, 1), isa="avx512", seed=1):
    kh, kw = len(kernel), len(kernel[0])
    flags = (1 if kernel2 else 0) | (8 if absolute else 0)
    if center is not None:
        flags |= 16 | (32 if center == 128 else 0)
    if bits or shift:
        flags |= 64
    out = bytes([kh, kw, flags])
    for m in range(kh):
        for n in range(kw):
            out += coef(kernel[m][n])
            if kernel2:
                out += coef(kernel2[m][n])
    out += bytes([stride[0], stride[1], dilation[0], dilation[1]])
    out += bytes([p + 2 for p in pad])
    out += bytes([border + 1])
    out += bytes([0]) + struct.pack("<H", 0)       # border_value 0
    out += bytes([0, divisor + 4])                 # divisor (0: auto)
    out += bytes([0]) + struct.pack("<H", bias + 300)
    if center is not None and center != 128:
        out += struct.pack("<H", center)
    out += bytes([2 if u16 else 0, 1])             # type; no raw type
    if flags & 64:
        out += bytes([bits, shift])
    ps, off, comps = layout
    out += bytes([size[0], size[1], ps - 1, off, comps - 1])
    out += bytes([ISAS.index(isa)])
    rng = random.Random(seed)
    samples = size[0] * size[1] * ps * (2 if u16 else 1) * 2
    return out + bytes(rng.randrange(256) for _ in range(samples))


def core_seeds():
    g3 = [[1, 2, 1], [2, 4, 2], [1, 2, 1]]
    sx = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]
    sy = [list(r) for r in zip(*sx)]
    rng = random.Random(7)
    d5 = [[rng.randrange(-8, 9) for _ in range(5)] for _ in range(5)]
    # 32-bit sums (direct-int) with int8 coefficients: the VNNI quads.
    d7 = [[rng.randrange(7, 9) for _ in range(7)] for _ in range(7)]
    seeds = {
        "gaussian3-rgb": core_case(g3, layout=(3, 0, 3)),
        "gaussian3-rgbx-avx2": core_case(g3, layout=(4, 0, 3), isa="avx2"),
        "sobel-magnitude": core_case(sx, kernel2=sy, divisor=1),
        "sobel-x-absolute-orc": core_case(sx, divisor=1, absolute=True,
                                          isa="orc"),
        "dense5-dilation2": core_case(d5, dilation=(2, 2)),
        "dense5-stride2-c": core_case(d5, stride=(2, 2), isa="c"),
        "box3-u16": core_case([[1] * 3] * 3, u16=True),
        "chroma-center-yuy2": core_case(sx, center=128, divisor=1,
                                        layout=(2, 1, 1)),
        "p010-uv": core_case(g3, u16=True, bits=10, shift=6, center=512,
                             layout=(2, 0, 2)),
        "i420-10-reference": core_case(g3, u16=True, bits=10, isa="reference"),
        "reals": core_case([[0.1, 0.25, 0.3], [0.7, -0.45, 1.1]]),
        "constant-padding": core_case(g3, pad=(2, 3, 5, 1), border=0),
        "wrap-large-padding": core_case(g3, pad=(9, 9, 20, 20), border=4,
                                        size=(5, 3)),
        "dense7-quads-avx512-vnni": core_case(d7, isa="avx512-vnni",
                                              layout=(3, 0, 3)),
        "dense7-quads-dilation2-avx2-vnni": core_case(
            d7, dilation=(1, 2), isa="avx2-vnni"),
        "dense7-stride2-pairs-avx512-vnni": core_case(
            d7, stride=(1, 2), isa="avx512-vnni"),
        "kernel-refused": bytes([0, 3, 0]),
    }
    return seeds


def element_case(fmt, w, h, frames, text):
    """fuzz-element.c's layout: width, height, frames, then the format's
    name on a line of its own before the property lines."""
    return bytes([w - 1, h - 1, frames - 1]) + (fmt + "\n" + text).encode()


def element_seeds():
    return {
        "identity-i420": element_case("I420", 17, 9, 2, ""),
        "sobel-yuy2": element_case("YUY2", 32, 24, 3, "preset=sobel\n"),
        "gaussian-stride-change": element_case(
            "RGB", 31, 23, 4,
            "preset=gaussian5\n--\nstride-x=2\nstride-y=3\npadding-x=0\n"),
        "kernel-string": element_case(
            "GRAY8", 20, 20, 2, 'kernel=<<1,2,1>,<2,4,2>,<1,2,1>>\n'
            'border=constant\nborder-value=50\n--\nkernel=<<1>>\n'),
        "p010-channels": element_case(
            "P010_10LE", 16, 12, 2, "preset=emboss\nchannels=all\n--\n"
            "channels=luma\n"),
        "threads-dilation": element_case(
            "RGBA", 64, 48, 3, "preset=box5\nn-threads=3\ndilation-x=2\n--\n"
            "dilation-y=4\n"),
        "refused-kernel": element_case("NV12", 8, 8, 1,
                                       "kernel=<<1,2>,<1>>\n"),
        "padding-over-limit": element_case("GRAY16_LE", 64, 60, 1,
                                           "padding-x=20000\n"),
        "no-output-size": element_case(
            "Y444_10LE", 3, 3, 1, "kernel=<<1,1,1,1,1>>\npadding-x=0\n"),
    }


def main():
    for target, seeds in (("core", core_seeds()),
                          ("element", element_seeds())):
        folder = os.path.join(HERE, "corpus", target)
        os.makedirs(folder, exist_ok=True)
        for name in os.listdir(folder):
            if name.startswith("seed-"):
                os.remove(os.path.join(folder, name))
        for name, data in seeds.items():
            with open(os.path.join(folder, "seed-" + name), "wb") as f:
                f.write(data)
        print(f"{target}: {len(seeds)} seeds in {folder}")


if __name__ == "__main__":
    main()
