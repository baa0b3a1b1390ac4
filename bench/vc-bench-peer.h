/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The bench's peer: the same work through OpenCV (vc-bench-peer-opencv.cpp,
 * built when libopencv-dev is installed) or nothing (vc-bench-peer-none.c). */
#ifndef VC_BENCH_PEER_H
#define VC_BENCH_PEER_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum
{
  VC_PEER_GAUSSIAN,             /* cv::GaussianBlur, size from the preset */
  VC_PEER_BOX,                  /* cv::blur of the box's side */
  VC_PEER_SOBEL,                /* cv::Sobel x and y, cv::magnitude */
  VC_PEER_FILTER2D,             /* cv::filter2D with the same kernel */
} VcBenchPeerKind;

typedef struct
{
  int planes, bytes;
  uint8_t *in[3], *out[3];
  int width[3], height[3], channels[3];
} VcBenchPeerFrame;

bool vc_bench_peer_available (void);
const char *vc_bench_peer_name (void);
const char *vc_bench_peer_work_name (VcBenchPeerKind kind);
/* Median ms per frame over n frames (after a warm-up frame when n > 1),
 * one thread. kernel: size x size
 * integers (normalized by their sum, as videoconvolve's auto divisor
 * does), dilated by zero-filling; stride is not available in OpenCV, so
 * the peer filters at full resolution. preset_size: the preset's side (0: size). */
double vc_bench_peer_time (VcBenchPeerKind kind, const double *kernel,
    int size, int dilation, int stride, int preset_size,
    const VcBenchPeerFrame * f, int n);

#ifdef __cplusplus
}
#endif
#endif /* VC_BENCH_PEER_H */
