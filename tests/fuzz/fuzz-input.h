/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Reading a fuzzer's input as values: past the end every read gives 0, so
 * any input, however short, is a complete case. */
#ifndef FUZZ_INPUT_H
#define FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct
{
  const uint8_t *data;
  size_t size, pos;
} FuzzInput;

static inline uint8_t
fuzz_u8 (FuzzInput * in)
{
  return in->pos < in->size ? in->data[in->pos++] : 0;
}

static inline uint16_t
fuzz_u16 (FuzzInput * in)
{
  uint16_t lo = fuzz_u8 (in);

  return (uint16_t) (lo | fuzz_u8 (in) << 8);
}

/* Any double: 8 raw bytes (NaN, infinities and denormals included). */
static inline double
fuzz_double (FuzzInput * in)
{
  uint8_t b[8];
  double d;

  for (int i = 0; i < 8; i++)
    b[i] = fuzz_u8 (in);
  memcpy (&d, b, sizeof (d));
  return d;
}

/* The rest of the input. */
static inline const uint8_t *
fuzz_rest (FuzzInput * in, size_t *len)
{
  *len = in->size - in->pos;
  return in->data + in->pos;
}

#endif /* FUZZ_INPUT_H */
