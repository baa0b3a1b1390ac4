# SPDX-License-Identifier: LGPL-2.1-or-later
"""The shared core exports exactly the functions its installed headers
declare (static inline ones aside), none of those the tests use beyond
them (PRIVATE, vc-oracle.h).

Usage: check-exports.py LIBRARY PRIVATE HEADER...
Prints one line per symbol that is exported but not declared, or declared
but not exported, and exits 1 if there is any.
"""
import re
import subprocess
import sys

lib, private, headers = sys.argv[1], sys.argv[2], sys.argv[3:]
nm = subprocess.run(['nm', '-D', '--defined-only', lib], check=True,
                    capture_output=True, text=True).stdout
exported = {line.split()[-1].split('@')[0] for line in nm.splitlines()
            if line.split()[-1].startswith('vc_')}


def declarations(path):
    text = open(path).read()
    inline = set(re.findall(r'static inline\s+[\w *]+?\b(vc_\w+) \(', text))
    return set(re.findall(r'(?m)^[A-Za-z][\w *]*?\b(vc_\w+) \(',
                          text)) - inline


declared = set().union(*(declarations(h) for h in headers))
internal = declarations(private)
bad = 0
for name in sorted(exported & internal):
    print(f'exported but only for tests ({private}): {name}')
    bad += 1
for name in sorted(exported - declared):
    print(f'exported but not in the installed headers: {name}')
    bad += 1
for name in sorted(declared - exported):
    print(f'declared in the installed headers but not exported: {name}')
    bad += 1
print(f'{len(exported)} exported, {len(declared)} declared, {bad} mismatched')
sys.exit(1 if bad or not exported or not internal else 0)
