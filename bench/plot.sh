#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The plot of docs/benchmarks.md: for each 1080p line of a vc-bench table
# (one thread), videoconvolve's time over OpenCV's; below 1 is faster.
#   bench/plot.sh BENCH_TABLE.md OUT.png      (needs gnuplot: gnuplot-nox)
set -euo pipefail
table="$1"
out="$2"
data="$(mktemp)"
trap 'rm -f "$data"' EXIT

# "| 1080p | RGB | gaussian3 | 1 | path | ms | ... | x peer |" -> "RGB gaussian3" ratio
awk -F'|' '$2 ~ /1080p/ && $5 ~ /^ *1 *$/ && $12 ~ /[0-9]/ {
  gsub(/^ +| +$/, "", $3); gsub(/^ +| +$/, "", $4); gsub(/^ +| +$/, "", $12);
  printf "\"%s %s\" %s\n", $3, $4, $12 }' "$table" > "$data"
[ -s "$data" ] || { echo "plot.sh: no 1080p lines with an OpenCV peer in $table" >&2; exit 1; }

gnuplot <<GP
set terminal pngcairo noenhanced size 1200,$(( 200 + 18 * $(wc -l < "$data") )) font "sans,10"
set output "$out"
set title "videoconvolve time / OpenCV time, 1080p, one thread (below 1: videoconvolve is faster)"
set style fill solid 0.8
set xrange [0:*]
set yrange [-1:$(wc -l < "$data")]
set ytics nomirror
set grid xtics
set key off
set arrow from 1, graph 0 to 1, graph 1 nohead dt 2 lw 2 lc rgb "red"
plot "$data" using (\$2/2):0:(\$2/2):(0.4):yticlabels(1) with boxxyerror lc rgb "#3a7bd5", \
     "$data" using (\$2):0:(sprintf(" %.2f", \$2)) with labels left font "sans,8"
GP
echo "plot.sh: wrote $out"
