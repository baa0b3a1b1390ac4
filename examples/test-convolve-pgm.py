#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Runs examples/convolve-pgm on random PGM images and checks its output
against NumPy: a 3x3 kernel given as text and the gaussian5 preset with
"same" replicate padding, 8 and 16 bits, then stride 2 (the output size).
usage: test-convolve-pgm.py PATH-TO-convolve-pgm
"""
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "../tests/pylib"))
from vccheck import check, summary  # noqa: E402


def write_pgm(path, img, maxval):
    with open(path, "wb") as f:
        f.write(b"P5\n%d %d\n%d\n" % (img.shape[1], img.shape[0], maxval))
        f.write(img.astype(">u2" if maxval > 255 else "u1").tobytes())


def read_pgm(path):
    with open(path, "rb") as f:
        data = f.read()
    fields = data.split(maxsplit=4)
    w, h, maxval = int(fields[1]), int(fields[2]), int(fields[3])
    body = fields[4]
    dt = ">u2" if maxval > 255 else "u1"
    return np.frombuffer(body, dtype=dt).reshape(h, w).astype(np.int64), maxval


def expected(img, k, divisor, maxval, stride=1):
    kh, kw = k.shape
    p = np.pad(img.astype(np.float64), ((kh // 2, (kh - 1) - kh // 2),
                                        (kw // 2, (kw - 1) - kw // 2)),
               mode="edge")
    acc = np.zeros(img.shape)
    for m in range(kh):
        for n in range(kw):
            acc += k[m, n] * p[m:m + img.shape[0], n:n + img.shape[1]]
    v = acc / divisor
    out = np.clip(np.sign(v) * np.floor(np.abs(v) + 0.5), 0, maxval)
    return out[::stride, ::stride].astype(np.int64)


def main():
    tool = sys.argv[1]
    rng = np.random.default_rng(5)
    g5 = np.outer([1, 4, 6, 4, 1], [1, 4, 6, 4, 1])
    with tempfile.TemporaryDirectory() as tmp:
        src, out = os.path.join(tmp, "in.pgm"), os.path.join(tmp, "out.pgm")
        for maxval in (255, 1023, 65535):
            img = rng.integers(0, maxval + 1, (23, 37))
            write_pgm(src, img, maxval)
            for args, k, div, stride in (
                    (["1,2,1;2,4,2;1,2,1"], np.array([[1, 2, 1], [2, 4, 2],
                                                      [1, 2, 1]]), 16, 1),
                    (["gaussian5"], g5, 256, 1),
                    (["gaussian5", "stride=2"], g5, 256, 2)):
                p = subprocess.run([tool, src, out] + args,
                                   capture_output=True, text=True)
                what = f"{' '.join(args)} on a {maxval} PGM"
                if p.returncode != 0:
                    check(False, f"{what}: exit {p.returncode}: {p.stderr}")
                    continue
                got, got_max = read_pgm(out)
                want = expected(img, k, div, maxval, stride)
                check(got_max == maxval and got.shape == want.shape and
                      np.array_equal(got, want),
                      f"{what}: {got.shape[1]}x{got.shape[0]}, maxval "
                      f"{got_max}, equal to NumPy")
        p = subprocess.run([tool, src, out, "1,2;3"], capture_output=True,
                           text=True)
        check(p.returncode != 0 and "differ" in p.stderr,
              "a ragged kernel is refused with a message")
    return summary()


if __name__ == "__main__":
    sys.exit(main())
