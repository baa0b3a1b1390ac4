#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Prints one closing line for a meson test run, from its testlog.json:
'LABEL: N passed, N failed' (skipped tests are counted apart)."""
import json
import sys

log, label = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "meson"
passed = failed = skipped = 0
with open(log) as f:
    for line in f:
        result = json.loads(line)["result"]
        if result == "SKIP":
            skipped += 1
        elif result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        else:
            failed += 1
tail = f", {skipped} skipped" if skipped else ""
print(f"{label}: {passed} passed, {failed} failed{tail}")
