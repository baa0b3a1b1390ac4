#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Formats the element's C files (and their tests) in GStreamer's style: the
# GNU indent profile of GStreamer's own gst-indent script. Headers are left
# alone (indent mangles G_BEGIN_DECLS). Needs Debian's `indent` package.
# Usage: bash scripts/gst-indent.sh [FILE.c...]
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE=(--braces-on-if-line --case-brace-indentation0 --case-indentation2
  --braces-after-struct-decl-line --line-length80 --no-tabs --cuddle-else
  --dont-line-up-parentheses --continuation-indentation4 --honour-newlines
  --tab-size8 --indent-level2 --leave-preprocessor-space)

if [ $# -eq 0 ]; then
  set -- gst-plugin/*.c tests/gst-plugin/*.c
fi
for f in "$@"; do
  indent "${PROFILE[@]}" "$f" -o "$f.indent" && mv "$f.indent" "$f"
done
