/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* No peer: the bench was built without OpenCV. */
#include "vc-bench-peer.h"

bool
vc_bench_peer_available (void)
{
  return false;
}

const char *
vc_bench_peer_name (void)
{
  return "none (build with libopencv-dev installed for OpenCV beside)";
}

const char *
vc_bench_peer_work_name (VcBenchPeerKind kind)
{
  return "";
}

double
vc_bench_peer_time (VcBenchPeerKind kind, const double *kernel, int size,
    int dilation, int stride, int preset_size, const VcBenchPeerFrame * f,
    int n)
{
  return -1.0;
}
