# SPDX-License-Identifier: LGPL-2.1-or-later
# The ORC programs of the fast paths: the portable SIMD layer (SSE on x86,
# NEON on ARM). orcc turns this file into vc-orc.c and vc-orc.h at build
# time; vc-orc-dist.c and vc-orc-dist.h are the committed output, used
# where orcc is missing (regenerate them with: ninja -C build orc-update).
#
# Rows are float lanes holding integers below 2^24, so these float
# programs compute exactly (see vc-fast.c).

# d1 += p1 s1 + p2 s2 + p3 s3 + p4 s4
.function vc_orc_taps4_add_f32
.dest 4 d1 float
.source 4 s1 float
.source 4 s2 float
.source 4 s3 float
.source 4 s4 float
.floatparam 4 p1
.floatparam 4 p2
.floatparam 4 p3
.floatparam 4 p4
.temp 4 t1
.temp 4 t2

mulf t1, s1, p1
addf t2, d1, t1
mulf t1, s2, p2
addf t2, t2, t1
mulf t1, s3, p3
addf t2, t2, t1
mulf t1, s4, p4
addf d1, t2, t1

# d1 = p1 s1 + p2 s2 + p3 s3 + p4 s4
.function vc_orc_taps4_set_f32
.dest 4 d1 float
.source 4 s1 float
.source 4 s2 float
.source 4 s3 float
.source 4 s4 float
.floatparam 4 p1
.floatparam 4 p2
.floatparam 4 p3
.floatparam 4 p4
.temp 4 t1
.temp 4 t2

mulf t2, s1, p1
mulf t1, s2, p2
addf t2, t2, t1
mulf t1, s3, p3
addf t2, t2, t1
mulf t1, s4, p4
addf d1, t2, t1

# d1 += p1 s1
.function vc_orc_tap1_add_f32
.dest 4 d1 float
.source 4 s1 float
.floatparam 4 p1
.temp 4 t1

mulf t1, s1, p1
addf d1, d1, t1

# d1 = p1 s1
.function vc_orc_tap1_set_f32
.dest 4 d1 float
.source 4 s1 float
.floatparam 4 p1

mulf d1, s1, p1

# d1 = s1, 8-bit samples to float lanes
.function vc_orc_load_u8_f32
.dest 4 d1 float
.source 1 s1
.temp 2 t1
.temp 4 t2

convubw t1, s1
convuwl t2, t1
convlf d1, t2

# d1 = s1, 16-bit samples to float lanes
.function vc_orc_load_u16_f32
.dest 4 d1 float
.source 2 s1
.temp 4 t1

convuwl t1, s1
convlf d1, t1

# 16-bit lanes (8-bit samples), arithmetic modulo 2^16:
# d1 += p1 s1 + p2 s2 + p3 s3 + p4 s4
.function vc_orc_taps4_add_i16
.dest 2 d1
.source 2 s1
.source 2 s2
.source 2 s3
.source 2 s4
.param 2 p1
.param 2 p2
.param 2 p3
.param 2 p4
.temp 2 t1
.temp 2 t2

mullw t1, s1, p1
addw t2, d1, t1
mullw t1, s2, p2
addw t2, t2, t1
mullw t1, s3, p3
addw t2, t2, t1
mullw t1, s4, p4
addw d1, t2, t1

# d1 = p1 s1 + p2 s2 + p3 s3 + p4 s4
.function vc_orc_taps4_set_i16
.dest 2 d1
.source 2 s1
.source 2 s2
.source 2 s3
.source 2 s4
.param 2 p1
.param 2 p2
.param 2 p3
.param 2 p4
.temp 2 t1
.temp 2 t2

mullw t2, s1, p1
mullw t1, s2, p2
addw t2, t2, t1
mullw t1, s3, p3
addw t2, t2, t1
mullw t1, s4, p4
addw d1, t2, t1

# d1 += p1 s1
.function vc_orc_tap1_add_i16
.dest 2 d1
.source 2 s1
.param 2 p1
.temp 2 t1

mullw t1, s1, p1
addw d1, d1, t1

# d1 = p1 s1
.function vc_orc_tap1_set_i16
.dest 2 d1
.source 2 s1
.param 2 p1

mullw d1, s1, p1

# d1 = s1, 8-bit samples to 16-bit lanes
.function vc_orc_load_u8_i16
.dest 2 d1
.source 1 s1

convubw d1, s1
