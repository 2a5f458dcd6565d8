"""Checks that every golden case ran in Rust, Python and Node and gave byte-identical JSON."""

from __future__ import annotations

import sys
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent
OUT = GOLDEN.parents[1] / "target" / "golden"
LANGUAGES = ("rust", "python", "node")


def main() -> int:
    cases = sorted(p.name for p in (GOLDEN / "cases").iterdir() if (p / "case.json").is_file())
    problems = []
    for case in cases:
        outputs = {}
        for lang in LANGUAGES:
            path = OUT / lang / f"{case}.json"
            if not path.is_file():
                problems.append(f"{case}: not run by {lang}")
                continue
            outputs[lang] = path.read_bytes()
        if len(set(outputs.values())) > 1:
            detail = "\n".join(f"  {lang}: {text.decode()[:300]}" for lang, text in outputs.items())
            problems.append(f"{case}: outputs differ\n{detail}")
    for problem in problems:
        print(problem, file=sys.stderr)
    passed = len(cases) - len({p.split(":")[0] for p in problems})
    print(f"golden: {passed} passed, {len(cases) - passed} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
