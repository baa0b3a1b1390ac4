/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What the tests, benches and fuzzers use of the core beyond the public
 * API. They link the static core (core_dep); the shared library does not
 * export these (videoconvolve.map). */
#ifndef VC_ORACLE_H
#define VC_ORACLE_H

#include "videoconvolve/convolve.h"

/* Same as vc_plan_execute () but always through the scalar reference
 * implementation: the oracle every fast path is checked against. */
VcStatus vc_plan_execute_reference (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch, VcError * err);

#endif /* VC_ORACLE_H */
