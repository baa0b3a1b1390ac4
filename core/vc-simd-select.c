/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Which table of inner loops a plan uses.
 *
 * $VIDEOCONVOLVE_SIMD forces one (for tests and bug reports): reference,
 * c, orc, and avx2 or avx512 on x86-64, neon on AArch64. Otherwise the
 * last entry of isas[] this CPU runs.
 *
 * On x86-64 that is the fastest, as measured by bench/
 * (docs/benchmarks.md): AVX-512BW, then AVX2 + FMA, then ORC (SSE), which
 * beats the C loops compiled for the baseline instruction set on every
 * kernel class measured.
 *
 * On AArch64 it is neon, chosen by what is proven, not by speed: no speed
 * has been measured on ARM hardware (qemu's timing means nothing). The
 * neon table is the c table's own loops, compiled for the same baseline,
 * with the tap loops, the fused finish and the stride split in NEON
 * intrinsics; every entry is checked bit for bit against the C entry or
 * the scalar reference (test-simd) and every plan against the reference
 * (test-paths), under qemu. ORC's NEON code is generated at run time by
 * whichever ORC is installed; it stays available as
 * VIDEOCONVOLVE_SIMD=orc.
 *
 * Adding an instruction set: a level in meson.build (simd_levels), its
 * table's declaration in vc-simd.h and an entry in isas[] below.
 */
#include "vc-simd.h"

#include <stdlib.h>
#include <string.h>

static bool
runs_always (void)
{
  return true;
}

#ifdef VC_HAVE_X86_PATHS
static bool
runs_avx2 (void)
{
  __builtin_cpu_init ();
  return __builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma");
}

static bool
runs_avx512 (void)
{
  __builtin_cpu_init ();
  return __builtin_cpu_supports ("avx512f") &&
      __builtin_cpu_supports ("avx512bw") &&
      __builtin_cpu_supports ("avx512vl") && __builtin_cpu_supports ("fma");
}
#endif

/* Slowest first (on AArch64: least proven first), the default last: the
 * tests' order (and the fuzz corpus's ISA numbers). */
static const VcSimdIsa isas[] = {
  {&vc_simd_c, runs_always},
  {&vc_simd_orc, runs_always},
#ifdef VC_HAVE_X86_PATHS
  {&vc_simd_avx2, runs_avx2},
  {&vc_simd_avx512, runs_avx512},
#endif
#ifdef VC_HAVE_NEON_PATHS
  {&vc_simd_neon, runs_always},
#endif
};

const VcSimdIsa *
vc_simd_isas (int *n)
{
  *n = sizeof (isas) / sizeof (isas[0]);
  return isas;
}

/* The entry $VIDEOCONVOLVE_SIMD names, else the fastest this CPU runs;
 * NULL with *why set when the name is unknown or cannot run here. */
static const VcSimdIsa *
pick_isa (const char *want, const char **why)
{
  int n = sizeof (isas) / sizeof (isas[0]);

  if (want == NULL || *want == '\0') {
    while (!isas[n - 1].cpu_runs ())
      n--;
    return &isas[n - 1];
  }
  for (int i = 0; i < n; i++) {
    if (strcmp (want, isas[i].table->name) != 0)
      continue;
    if (isas[i].cpu_runs ())
      return &isas[i];
    *why = "VIDEOCONVOLVE_SIMD names a path this CPU cannot run";
    return NULL;
  }
  *why = "VIDEOCONVOLVE_SIMD names no known path";
  return NULL;
}

const VcSimd *
vc_simd_select (const char **why)
{
  const char *want = getenv ("VIDEOCONVOLVE_SIMD");
  const VcSimdIsa *isa;

  *why = NULL;
  if (want && strcmp (want, "reference") == 0) {
    *why = "VIDEOCONVOLVE_SIMD=reference";
    return NULL;
  }
  isa = pick_isa (want, why);
  if (isa == NULL)
    return NULL;
  if (isa->table == &vc_simd_orc)
    vc_simd_orc_prepare ();
  return isa->table;
}
