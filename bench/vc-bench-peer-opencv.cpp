/* SPDX-License-Identifier: LGPL-2.1-or-later */
// The bench's peer: the same work through OpenCV, on one thread.
#include "vc-bench-peer.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <vector>

bool
vc_bench_peer_available (void)
{
  return true;
}

const char *
vc_bench_peer_name (void)
{
  static std::string name = std::string ("OpenCV ") + CV_VERSION;
  return name.c_str ();
}

const char *
vc_bench_peer_work_name (VcBenchPeerKind kind)
{
  switch (kind) {
    case VC_PEER_GAUSSIAN:
      return "GaussianBlur";
    case VC_PEER_BOX:
      return "blur";
    case VC_PEER_SOBEL:
      return "Sobel x, y + magnitude";
    case VC_PEER_FILTER2D:
      return "filter2D";
  }
  return "";
}

static void
run_plane (VcBenchPeerKind kind, const cv::Mat & kernel, int preset_size,
    const cv::Mat & in, cv::Mat & out)
{
  switch (kind) {
    case VC_PEER_GAUSSIAN:
      cv::GaussianBlur (in, out, cv::Size (preset_size, preset_size), 0, 0,
          cv::BORDER_REPLICATE);
      break;
    case VC_PEER_BOX:
      cv::blur (in, out, cv::Size (preset_size, preset_size), cv::Point (-1, -1),
          cv::BORDER_REPLICATE);
      break;
    case VC_PEER_SOBEL:{
      cv::Mat gx, gy, mag;
      cv::Sobel (in, gx, CV_32F, 1, 0, 3, 1, 0, cv::BORDER_REPLICATE);
      cv::Sobel (in, gy, CV_32F, 0, 1, 3, 1, 0, cv::BORDER_REPLICATE);
      cv::magnitude (gx, gy, mag);
      mag.convertTo (out, in.depth ());
      break;
    }
    case VC_PEER_FILTER2D:
      cv::filter2D (in, out, -1, kernel, cv::Point (-1, -1), 0,
          cv::BORDER_REPLICATE);
      break;
  }
}

double
vc_bench_peer_time (VcBenchPeerKind kind, const double *k, int size,
    int dilation, int stride, int preset_size, const VcBenchPeerFrame * f,
    int n)
{
  (void) stride;                // OpenCV filters every pixel (see the header)
  cv::setNumThreads (1);
  cv::Mat kernel;
  if (k) {
    int side = (size - 1) * dilation + 1;
    double sum = 0;
    for (int i = 0; i < size * size; i++)
      sum += k[i];
    if (sum == 0)
      sum = 1;
    kernel = cv::Mat::zeros (side, side, CV_32F);
    for (int m = 0; m < size; m++)
      for (int j = 0; j < size; j++)
        kernel.at<float> (m * dilation, j * dilation) =
            (float) (k[m * size + j] / sum);
  }
  std::vector<cv::Mat> in, out;
  for (int p = 0; p < f->planes; p++) {
    int type = CV_MAKETYPE (f->bytes == 2 ? CV_16U : CV_8U, f->channels[p]);
    in.emplace_back (f->height[p], f->width[p], type, f->in[p]);
    out.emplace_back (f->height[p], f->width[p], type, f->out[p]);
  }
  std::vector<double> times;
  // With n > 1 the first frame is a warm-up; n == 1 times one frame.
  for (int r = n > 1 ? 0 : 1; r <= n; r++) {
    auto t0 = std::chrono::steady_clock::now ();
    for (int p = 0; p < f->planes; p++)
      run_plane (kind, kernel, preset_size ? preset_size : size, in[p],
          out[p]);
    auto t1 = std::chrono::steady_clock::now ();
    if (r > 0)
      times.push_back (std::chrono::duration<double, std::milli> (t1 -
              t0).count ());
  }
  std::sort (times.begin (), times.end ());
  size_t m = times.size ();
  return m % 2 ? times[m / 2] : (times[m / 2 - 1] + times[m / 2]) / 2;
}
