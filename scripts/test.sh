#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The whole test suite: installs dependencies, builds into ./build (or the
# directory given as $1) and runs every meson test.
# Extra meson options may follow, e.g.: scripts/test.sh build-asan -Db_sanitize=address,undefined
set -euo pipefail
cd "$(dirname "$0")/.."

builddir="${1:-build}"
shift || true

bash scripts/install-deps.sh
if [ -f "$builddir/build.ninja" ]; then
  meson setup --reconfigure "$builddir" "$@" >/dev/null
else
  meson setup "$builddir" "$@"
fi
ninja -C "$builddir"

status=0
meson test -C "$builddir" --print-errorlogs || status=$?

# One closing line for the whole run, from meson's own log.
/usr/bin/python3 scripts/meson-summary.py "$builddir/meson-logs/testlog.json"
exit $status
