/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Which table of inner loops a plan uses.
 *
 * $VIDEOCONVOLVE_SIMD forces one (for tests and bug reports): reference,
 * c, orc, avx2 or avx512. Otherwise the fastest this CPU runs, as measured
 * by bench/ (docs/benchmarks.md): AVX-512BW, then AVX2 + FMA, then ORC
 * (SSE on x86 without AVX2, NEON on ARM), which beats the C loops compiled
 * for the baseline instruction set on every kernel class measured. */
#include "vc-simd.h"

#include <stdlib.h>
#include <string.h>

static bool
cpu_runs (const VcSimd * t)
{
#ifdef VC_HAVE_X86_PATHS
  __builtin_cpu_init ();
  if (t == &vc_simd_avx512)
    return __builtin_cpu_supports ("avx512f") &&
        __builtin_cpu_supports ("avx512bw") &&
        __builtin_cpu_supports ("avx512vl") && __builtin_cpu_supports ("fma");
  if (t == &vc_simd_avx2)
    return __builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma");
#endif
  return true;
}

const VcSimd *
vc_simd_select (const char **why)
{
  static const VcSimd *const tables[] = {
#ifdef VC_HAVE_X86_PATHS
    &vc_simd_avx512, &vc_simd_avx2,
#endif
    &vc_simd_orc, &vc_simd_c,
  };
  const char *want = getenv ("VIDEOCONVOLVE_SIMD");
  const VcSimd *pick = NULL;

  *why = NULL;
  if (want && *want) {
    if (strcmp (want, "reference") == 0) {
      *why = "VIDEOCONVOLVE_SIMD=reference";
      return NULL;
    }
    for (size_t i = 0; i < sizeof (tables) / sizeof (tables[0]); i++)
      if (strcmp (want, tables[i]->name) == 0)
        pick = tables[i];
    if (pick == NULL || !cpu_runs (pick)) {
      *why = pick ? "VIDEOCONVOLVE_SIMD names a path this CPU cannot run" :
          "VIDEOCONVOLVE_SIMD names no known path";
      return NULL;
    }
  } else {
    for (size_t i = 0; i < sizeof (tables) / sizeof (tables[0]) && !pick; i++)
      if (cpu_runs (tables[i]))
        pick = tables[i];
  }
  if (pick == &vc_simd_orc)
    vc_simd_orc_prepare ();
  return pick;
}
