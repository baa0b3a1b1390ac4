/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Which table of inner loops a plan uses.
 *
 * $VIDEOCONVOLVE_SIMD forces one (for tests and bug reports): reference,
 * c, orc, and avx2, avx512, avx2-vnni or avx512-vnni on x86-64, neon on
 * AArch64. Otherwise the last entry of isa_list[] this CPU runs (but see
 * the refinements below).
 *
 * On x86-64 that is the fastest, as measured by bench/
 * (docs/benchmarks.md): AVX-512BW, then AVX2 + FMA, then ORC (SSE), which
 * beats the C loops compiled for the baseline instruction set on every
 * kernel class measured. Two refinements:
 *
 * - The avx512 table as listed here is vc_simd_avx512 with every entry it
 *   lacks taken from vc_simd_avx2 (AVX2_ONLY below), so that a CPU with
 *   AVX-512 also gets the loops written for AVX2 alone (the fused
 *   separable path, vpmaddwd sums, the stride split in the load) rather
 *   than plans without them.
 * - AMD's family 25 with AVX-512 (Zen 4) executes a 512-bit instruction
 *   as two 256-bit halves: avx512 measured the same as avx2 there, so
 *   such a CPU defaults to a table of 256-bit vectors
 *   (vc_simd_prefers_256 ()). Family 26 (Zen 5) and Intel keep avx512.
 * - avx2-vnni and avx512-vnni are avx2 and the avx512 table above with
 *   the 8-bit "-int" taps four to a vpdpbusd (vc-simd-madd.h) instead of
 *   a vpmaddubsw and a vpmaddwd, for any int8 coefficient, for CPUs with
 *   AVX-512 VNNI and VL (Zen 4 and 5, Intel since Ice Lake). They
 *   come last, after the tables the fuzz corpus's inputs were written
 *   for.
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
 * table's declaration in vc-simd.h and an entry in isa_list[] below.
 */
#include "vc-simd.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#ifdef VC_HAVE_X86_PATHS
#include <cpuid.h>
#endif

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

/* VNNI's 256-bit forms are AVX-512VL's (EVEX), so both need AVX-512. */
static bool
runs_vnni (void)
{
  return runs_avx2 () && runs_avx512 () &&
      __builtin_cpu_supports ("avx512vnni");
}
#endif

bool
vc_simd_prefers_256 (bool amd, int family)
{
  return amd && family == 25;
}

#ifdef VC_HAVE_X86_PATHS
/* Whether this CPU is one vc_simd_prefers_256 () names. */
static bool
cpu_prefers_256 (void)
{
  unsigned a, b, c, d, family;

  if (!__get_cpuid (0, &a, &b, &c, &d))
    return false;
  /* "AuthenticAMD" in ebx, edx, ecx. */
  bool amd = b == 0x68747541 && d == 0x69746e65 && c == 0x444d4163;
  if (!__get_cpuid (1, &a, &b, &c, &d))
    return false;
  family = (a >> 8) & 0xf;
  if (family == 0xf)
    family += (a >> 20) & 0xff;
  return vc_simd_prefers_256 (amd, (int) family);
}

/* The entries written for AVX2 alone, which the avx512 table takes from
 * avx2 where it has none of its own. */
#define AVX2_ONLY(X) \
  X (split2_u8_i16) \
  X (taps_madd_pow2_u8)

static VcSimd avx512_full, avx2_vnni, avx512_vnni;

static void
fill_tables (void)
{
  avx512_full = vc_simd_avx512;
#define TAKE(field) \
  if (!avx512_full.field) \
    avx512_full.field = vc_simd_avx2.field;
  AVX2_ONLY (TAKE)
#undef TAKE
  avx2_vnni = vc_simd_avx2;
  avx2_vnni.name = "avx2-vnni";
  avx2_vnni.taps_quads = vc_simd_avx2_vnni.taps_quads;
  avx2_vnni.quads_max_coef = 127;
  avx2_vnni.quads_one_op = true;
  avx512_vnni = avx512_full;
  avx512_vnni.name = "avx512-vnni";
  avx512_vnni.taps_quads = vc_simd_avx512_vnni.taps_quads;
  avx512_vnni.quads_max_coef = 127;
  avx512_vnni.quads_one_op = true;
}
#endif

/* Slowest first (on AArch64: least proven first), the default last, but
 * the VNNI tables appended: the tests' order (and the fuzz corpus's ISA
 * numbers). */
static const VcSimdIsa isa_list[] = {
  {&vc_simd_c, runs_always, false},
  {&vc_simd_orc, runs_always, false},
#ifdef VC_HAVE_X86_PATHS
  {&vc_simd_avx2, runs_avx2, false},
  {&avx512_full, runs_avx512, true},
  {&avx2_vnni, runs_vnni, false},
  {&avx512_vnni, runs_vnni, true},
#endif
#ifdef VC_HAVE_NEON_PATHS
  {&vc_simd_neon, runs_always, false},
#endif
};

const VcSimdIsa *
vc_simd_isas (int *n)
{
#ifdef VC_HAVE_X86_PATHS
  static pthread_once_t filled = PTHREAD_ONCE_INIT;

  pthread_once (&filled, fill_tables);
#endif
  *n = sizeof (isa_list) / sizeof (isa_list[0]);
  return isa_list;
}

/* The entry $VIDEOCONVOLVE_SIMD names, else the fastest this CPU runs;
 * NULL with *why set when the name is unknown or cannot run here. */
static const VcSimdIsa *
pick_isa (const char *want, const char **why)
{
  int n;
  const VcSimdIsa *isas = vc_simd_isas (&n);

  if (want == NULL || *want == '\0') {
#ifdef VC_HAVE_X86_PATHS
    bool only_256 = cpu_prefers_256 ();
#else
    bool only_256 = false;
#endif

    while (!isas[n - 1].cpu_runs () || (only_256 && isas[n - 1].v512))
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
