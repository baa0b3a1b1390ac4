/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* core-orc-programs (orcc --test) with every piece of generated code kept
 * instead of freed, so that no two compiles share an address.
 *
 * Why: ORC writes the code it generates through one mapping of a file and
 * runs it from a second mapping of the same file (orcexec.XXXXXX, mapped
 * PROT_READ|PROT_WRITE and PROT_READ|PROT_EXEC), and a freed program's
 * code space goes to the next program compiled. qemu-user only sees code
 * change through stores to the page it translated it from, not through
 * the other mapping, so it went on running its translation of the freed
 * code: under qemu-aarch64 the test ran vc_orc_taps4_set_f32 as
 * vc_orc_taps4_add_f32 ("dest array 0 bad") and vc_orc_tap1_add_f32 as
 * vc_orc_taps4_add_f32's tail, which loads from a third source that
 * tap1 does not have (SIGSEGV on a null pointer). ORC's NEON code for our
 * programs is correct; a real CPU is told of new code by ORC's cache
 * flush (dc cvau / ic ivau) after each compile. The core compiles each
 * program once and never frees it, so no plan meets this.
 *
 * orc-test frees code with orc_program_reset () between its compiles and
 * the generated test frees each program with orc_program_free (): these
 * two definitions take the place of liborc's for both callers. The reset
 * is ORC 0.4.33's own except that the code stays; everything kept stays
 * reachable, for LeakSanitizer. */
#include <orc/orc.h>
#include <stdlib.h>

static void **kept;
static int n_kept;

static void
keep (void *p)
{
  void **more;

  if (p == NULL)
    return;
  more = realloc (kept, (n_kept + 1) * sizeof (*kept));
  if (more == NULL)
    abort ();
  kept = more;
  kept[n_kept++] = p;
}

void
orc_program_reset (OrcProgram *program)
{
  keep (program->orccode);
  program->orccode = NULL;
  free (program->asm_code);
  program->asm_code = NULL;
  free (program->error_msg);
  program->error_msg = NULL;
}

void
orc_program_free (OrcProgram *program)
{
  keep (program);
}
