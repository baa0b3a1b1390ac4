#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The README's speed figures against the recorded run, docs/benchmarks.md:
  - the "Speed" list (between <!-- speed --> markers) is the "Targets"
    table, row for row;
  - the paths table (between <!-- paths --> markers) is the "Paths per
    preset" table;
  - every ratio (0.27x, 0.33-0.37x) and every "A to B times" range the
    README gives is written in docs/benchmarks.md;
  - both name the processor of the run (Zen 5, family 26);
  - neither names a tracker's issue.

usage: test-figures.py README.md docs/benchmarks.md
"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "../tests/pylib"))
from vccheck import check, summary  # noqa: E402

FIGURES = (r"\d+\.\d+(?:-\d+\.\d+)?x\b"
           r"|\d+(?:\.\d+)?\s+to\s+\d+(?:\.\d+)?\s+times")


def figures(text):
    """The ratios and ranges a text gives, line breaks as spaces."""
    return {" ".join(f.split()) for f in re.findall(FIGURES, text)}


def between(text, marker):
    """The lines between <!-- marker --> and <!-- /marker -->."""
    m = re.search(rf"<!-- {marker} -->\n(.*?)<!-- /{marker} -->", text,
                  re.S)
    return m.group(1).strip().splitlines() if m else []


def table_after(text, heading):
    """The rows of the first table after a heading, as lists of cells."""
    rows = []
    for line in text.split(heading, 1)[-1].splitlines()[1:]:
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip("|").split("|")])
        elif rows:
            break
    return rows[2:]


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        readme = f.read()
    with open(sys.argv[2], encoding="utf-8") as f:
        bench = f.read()

    targets = table_after(bench, "## Targets")
    want = [f"- {target}: {run} (aim {aim})" for target, aim, run in targets]
    got = between(readme, "speed")
    check(len(want) == 7 and got == want,
          f"README \"Speed\" lists the {len(want)} rows of the Targets "
          "table as they are", "\n".join(
              f"README:     {g}\nbenchmarks: {w}"
              for g, w in zip(got, want) if g != w))

    paths = table_after(bench, "## Paths per preset")
    got = [[c.strip() for c in line.strip("|").split("|")]
           for line in between(readme, "paths")][2:]
    check(len(paths) == 14 and got == paths,
          "README's paths table is the recorded run's")

    recorded = figures(bench)
    for figure in sorted(figures(readme)):
        check(figure in recorded, f"README's {figure} is in the recorded run")

    for name, text in (("README", readme), ("docs/benchmarks.md", bench)):
        check("Zen 5" in text and "family 26" in text,
              f"{name} names the run's processor (Zen 5, family 26)")
        issues = re.findall(r"issues? #?\d+|#\d{2,}", text)
        check(not issues, f"{name} names no tracker issue ({issues})")
    return summary()


if __name__ == "__main__":
    sys.exit(main())
