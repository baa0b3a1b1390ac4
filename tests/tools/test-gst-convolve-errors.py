#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""tools/gst-convolve never hangs on an error: each configuration below
fails once the pipeline runs (at linking, at negotiation while the
pipeline prerolls, or for want of a video stream), and each is run RUNS
times (200; VC_ERROR_RUNS), two at a time, each under a 20 s timeout:

  - GRAY16 64x64 with padding-x=23000 padding-y=23000 (no frame size
    videoconvolve and videoconvert have in common);
  - GRAY8 64x48 with kernel=<<1,1,1,1,1,1,1>> dilation-x=20 padding-x=0
    (an output width below 1, refused by the element while prerolling);
  - the same on a VP8 + Vorbis WebM (audio flowing when the error comes);
  - an audio-only file (no video stream: nothing would reach the muxer).

Every run must end with exit 1 and the error's message, leave no output
file and no temporary .part file. A configuration stops at its third hang.

usage: test-gst-convolve-errors.py PATH-TO-gst-convolve  (GST_PLUGIN_PATH_1_0
must reach the videoconvolve plugin; the system's plugins are used for the
rest)
"""
import concurrent.futures
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "../pylib"))
from vccheck import check, summary  # noqa: E402

RUNS = int(os.environ.get("VC_ERROR_RUNS", "200"))
TIMEOUT = 20


def launch(*pipeline):
    subprocess.run(["gst-launch-1.0", "-q"] + " ".join(pipeline).split(),
                   check=True, capture_output=True)


def make_inputs(tmp):
    """{name: path} of the small files the configurations read."""
    paths = {n: os.path.join(tmp, n) for n in
             ("gray16.png", "gray8.mkv", "av.webm", "audio.webm")}
    launch("videotestsrc num-buffers=1 !",
           "video/x-raw,format=GRAY16_BE,width=64,height=64 ! pngenc !",
           f"filesink location={paths['gray16.png']}")
    launch("videotestsrc num-buffers=10 !",
           "video/x-raw,format=GRAY8,width=64,height=48,framerate=30/1 !",
           f"matroskamux ! filesink location={paths['gray8.mkv']}")
    launch("videotestsrc num-buffers=30 !",
           "video/x-raw,width=64,height=48,framerate=30/1 !",
           "vp8enc deadline=1 ! m. audiotestsrc num-buffers=40 !",
           "audioconvert ! vorbisenc ! m. webmmux name=m !",
           f"filesink location={paths['av.webm']}")
    launch("audiotestsrc num-buffers=40 ! audioconvert ! vorbisenc !",
           f"webmmux ! filesink location={paths['audio.webm']}")
    return paths


DILATED = ["kernel=<<1,1,1,1,1,1,1>>", "dilation-x=20", "padding-x=0"]
CONFIGS = [
    ("GRAY16 64x64, padding 23000", "gray16.png",
     ["padding-x=23000", "padding-y=23000"],
     "with padding-x=23000 padding-y=23000 and videoconvert have no frame "
     "size in common"),
    ("GRAY8 64x48, 7 taps dilated 20", "gray8.mkv", DILATED,
     "output width would be"),
    ("VP8 + Vorbis 64x48, 7 taps dilated 20", "av.webm", DILATED,
     "output width would be"),
    ("audio only", "audio.webm", ["preset=sobel"], "no video stream"),
]


def one_run(tool, src, args, out):
    """(exit status or "hang", stderr, output file left, .part files left)."""
    folder = os.path.dirname(out)
    try:
        p = subprocess.run([tool, src, out] + args, capture_output=True,
                           text=True, timeout=TIMEOUT)
        code, err = p.returncode, p.stderr
    except subprocess.TimeoutExpired as e:
        code, err = "hang", str(e.stderr)
    left = [n for n in os.listdir(folder) if n.endswith(".part")]
    made = os.path.exists(out)
    if made:
        os.unlink(out)
    return code, err, made, left


def run_config(pool, tool, tmp, src, args):
    """Results of RUNS runs, each in its own folder; at most 3 hangs."""
    results, hangs, futures = [], 0, []
    for i in range(RUNS):
        folder = os.path.join(tmp, f"run{i}")
        os.makedirs(folder, exist_ok=True)
        futures.append(pool.submit(one_run, tool, src, args,
                                   os.path.join(folder, "out.webm")))
    for f in futures:
        if hangs >= 3:
            f.cancel()
            continue
        results.append(f.result())
        hangs += results[-1][0] == "hang"
    return results


def main():
    tool = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_inputs(tmp)
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            for what, name, args, words in CONFIGS:
                start = time.monotonic()
                results = run_config(pool, tool, tmp, paths[name], args)
                seconds = time.monotonic() - start
                hangs = sum(r[0] == "hang" for r in results)
                bad = [r for r in results if r[0] != 1 or words not in r[1]
                       or r[2] or r[3]]
                check(len(results) == RUNS and not bad,
                      f"{what}: {len(results)}/{RUNS} runs, {hangs} hangs, "
                      f"{len(bad)} other than exit 1 with '{words}', no "
                      f"output, no .part ({seconds:.1f} s)",
                      bad[0][1] + f"\n(exit {bad[0][0]}, output left "
                      f"{bad[0][2]}, .part {bad[0][3]})" if bad else "")
    return summary()


if __name__ == "__main__":
    sys.exit(main())
