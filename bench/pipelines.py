#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Times whole gst-launch pipelines: videoconvolve beside its GStreamer peers.

Each line is one element between `videotestsrc ! CAPS` and `fakesink`; its
cost per frame is the median wall time of the pipeline minus the median of
the same pipeline with `identity`, divided by the frame count. Lines that
are compared with each other form a group whose runs go round robin
(identity, each element, its peer, identity, ...), so that all of them see
the same moments of a noisy machine. Single-thread lines are pinned to one core with taskset, the way the
project's outside checks time the element. Compare ratios within a run, not
absolute times across runs: these machines are shared.

usage: bench/pipelines.py [--build build] [--frames N] [--runs R] [--quick]
                          [--only TEXT] [--cpu]
--cpu takes each pipeline's CPU time (user + system, of gst-launch and its
threads) instead of its wall time: on a host whose cores other jobs share,
time spent waiting for a core then does not count.
Needs gstreamer1.0-opencv for the peers (cvsmooth, cvsobel); without it the
peer columns stay empty.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

HD = "video/x-raw,format=RGB,width=1920,height=1080"
HD_GRAY = "video/x-raw,format=GRAY8,width=1920,height=1080"
UHD_RGBX = "video/x-raw,format=RGBx,width=3840,height=2160"



def dense_kernel(n):
    """A fixed dense n x n integer kernel in [-8, 8], centre-heavy (sum > 0):
    the same every run, so runs compare."""
    def value(r, c):
        v = ((r * n + c) * 37 + 11) % 17 - 8
        return v + (4 * n if (r, c) == (n // 2, n // 2) else 0)
    return "<" + ",".join("<" + ",".join(str(value(r, c)) for c in range(n)) + ">"
                          for r in range(n)) + ">"


RANDOM5 = dense_kernel(5)
RANDOM7 = dense_kernel(7)

# Eight faces' worth of rectangles, 1.6 % of a 1080p frame.
REGIONS8 = "<%s>" % ",".join("<%d,%d,64,64>" % (100 + 200 * i, 100 + 200 * (i % 3))
                             for i in range(8))

# Groups of lines timed together, round robin: (caps, pinned, lines), each
# line (name, element, peer or None).
D5 = "videoconvolve kernel=\"%s\"" % RANDOM5
GROUPS = [
    (HD, True, [
        ("gaussian3, 1080p RGB", "videoconvolve preset=gaussian3 n-threads=1",
         "cvsmooth type=gaussian kernel-width=3 kernel-height=3"),
        ("gaussian5, 1080p RGB", "videoconvolve preset=gaussian5 n-threads=1",
         "cvsmooth type=gaussian kernel-width=5 kernel-height=5"),
        ("box5, 1080p RGB", "videoconvolve preset=box5 n-threads=1",
         "cvsmooth type=blur kernel-width=5 kernel-height=5"),
        ("sobel-x (absolute), 1080p RGB", "videoconvolve preset=sobel-x n-threads=1",
         "cvsobel x-order=1 y-order=0 aperture-size=3"),
    ]),
    (HD, True, [
        ("dense 5x5, 1080p RGB", D5 + " n-threads=1", None),
        ("dense 5x5 dilation 3, 1080p RGB",
         D5 + " dilation-x=3 dilation-y=3 n-threads=1", None),
        ("dense 5x5 stride 2, 1080p RGB", D5 + " stride-x=2 stride-y=2 n-threads=1",
         None),
        ("dense 7x7, 1080p RGB", "videoconvolve kernel=\"%s\" n-threads=1" % RANDOM7,
         None),
    ]),
    (HD, False, [
        ("dense 5x5, 1080p RGB, 1 thread", D5 + " n-threads=1", None),
        ("dense 5x5, 1080p RGB, 2 threads", D5 + " n-threads=2", None),
    ]),
    (HD_GRAY, True, [
        ("gaussian3, 1080p GRAY8", "videoconvolve preset=gaussian3 n-threads=1",
         "cvsmooth type=gaussian kernel-width=3 kernel-height=3"),
    ]),
    (HD_GRAY, True, [
        ("gaussian3, 1080p GRAY8, whole frame",
         "videoconvolve preset=gaussian3 n-threads=1", None),
        ("gaussian3, 1080p GRAY8, 8 regions of 64x64",
         "videoconvolve preset=gaussian3 n-threads=1 regions=%s" % REGIONS8,
         None),
        ("sigma 20, 1080p GRAY8, whole frame",
         "videoconvolve preset=gaussian sigma=20 n-threads=1", None),
        ("sigma 20, 1080p GRAY8, 8 regions of 64x64",
         "videoconvolve preset=gaussian sigma=20 n-threads=1 regions=%s"
         % REGIONS8, None),
    ]),
    (UHD_RGBX, True, [
        ("gaussian5, 4K RGBx, 1 thread", "videoconvolve preset=gaussian5 n-threads=1",
         None),
    ]),
    (UHD_RGBX, False, [
        ("gaussian5, 4K RGBx, 2 threads", "videoconvolve preset=gaussian5 n-threads=2",
         None),
    ]),
] + [
    # What cameras and decoders give, taken as they are: the same work
    # should cost about the same on each (samples per frame: 1.5 x 1080p
    # for 4:2:0, 2 x for 4:2:2).
    ("video/x-raw,format=%s,width=1920,height=1080" % f, True, [
        ("gaussian3, 1080p %s" % f, "videoconvolve preset=gaussian3 n-threads=1",
         None),
        ("dense 5x5, 1080p %s" % f, D5 + " n-threads=1", None),
    ]) for f in ("I420", "YUY2", "I420_10LE", "P010_10LE")
]


def pipeline_command(caps, element, frames, pin):
    cmd = ["gst-launch-1.0", "-q", "videotestsrc", "num-buffers=%d" % frames,
           "pattern=colors", "!", caps, "!"] + element_args(element) + [
           "!", "fakesink", "sync=false"]
    return (["taskset", "-c", "0"] if pin else []) + cmd


def run_seconds(cmd, env, cpu=False):
    """The wall time of cmd, or with cpu its CPU time (user + system)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit("pipeline failed (%d): %s\n%s" % (
            proc.returncode, " ".join(cmd), out[-600:]))
    return usage.ru_utime + usage.ru_stime if cpu else seconds


def line_ms(caps, elements, frames, runs, pin, env, cpu=False):
    """ms per frame of each element over the same pipeline with identity.
    The runs go round robin (identity, each element, identity, ...) so
    that all of them see the same moments of a noisy machine."""
    cmds = [pipeline_command(caps, e, frames, pin) for e in ["identity"] + elements]
    times = [[] for _ in cmds]
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            times[i].append(run_seconds(cmd, env, cpu))
    base = statistics.median(times[0])
    return [(statistics.median(t) - base) * 1000 / frames for t in times[1:]]


def element_args(element):
    # gst-launch takes the element and its properties as separate words;
    # a kernel value is one word (no spaces inside).
    name, *props = element.split(" ")
    return [name] + [p.replace('"', "") for p in props]


def has_element(name, env):
    return subprocess.run(["gst-inspect-1.0", name], env=env,
                          capture_output=True).returncode == 0


def cpu_line():
    """The CPU the figures come from, as vc-bench prints it."""
    used = ["sse4_1", "avx2", "fma", "avx512f", "avx512bw", "avx512vl",
            "avx512_vnni", "asimd"]
    info = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if not line.strip():
                    break           # the first processor only
                key, _, value = line.partition(":")
                info.setdefault(key.strip(), value.strip())
    except OSError:
        pass
    flags = info.get("flags", info.get("Features"))
    return "# cpu: %s; family %s, model %s; simd flags:%s" % (
        info.get("model name", "unknown"), info.get("cpu family", "unknown"),
        info.get("model", "unknown"),
        "".join(" " + f for f in used if f in flags.split()) if flags
        else " unknown")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build", help="meson build directory")
    ap.add_argument("--frames", type=int, default=100)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true",
                    help="a smoke run: 10 frames, 1 run, the first line only")
    ap.add_argument("--only", help="only the groups with a line containing TEXT")
    ap.add_argument("--cpu", action="store_true",
                    help="CPU time (user + system) instead of wall time")
    a = ap.parse_args()
    if a.quick:
        a.frames, a.runs = 10, 1
    if not shutil.which("taskset"):
        sys.exit("taskset (util-linux) is needed to pin pipelines to one core")
    env = dict(os.environ)
    env["GST_PLUGIN_PATH"] = os.path.abspath(os.path.join(a.build, "gst-plugin"))
    if not has_element("videoconvolve", env):
        sys.exit("videoconvolve not found in %s/gst-plugin: build first" % a.build)
    peers = has_element("cvsmooth", env)

    print("# pipelines: %d frames, median of %d runs (round robin), minus the "
          "same pipeline with identity; 'pinned' = taskset -c 0; %s time" % (
              a.frames, a.runs, "CPU" if a.cpu else "wall"))
    print(cpu_line())
    print("| work | videoconvolve ms/frame | frames/s | peer | peer ms/frame | x peer |")
    print("| --- | --- | --- | --- | --- | --- |")
    for caps, pin, lines in GROUPS[:1] if a.quick else GROUPS:
        if a.only and not any(a.only in name for name, _, _ in lines):
            continue
        elements = []
        for _, element, peer in lines:
            elements.append(element)
            if peer and peers:
                elements.append(peer)
        ms = dict(zip(elements, line_ms(caps, elements, a.frames, a.runs, pin, env,
                                            a.cpu)))
        for name, element, peer in lines:
            mine = ms[element]
            label = name + (", pinned" if pin else "")
            line = "| %s | %.2f | %.0f |" % (label, mine, 1000 / mine if mine > 0 else 0)
            if peer and peers:
                line += " `%s` | %.2f | %.2f |" % (
                    peer, ms[peer], mine / ms[peer] if ms[peer] > 0 else 0)
            else:
                line += " | | |"
            print(line, flush=True)


if __name__ == "__main__":
    main()
