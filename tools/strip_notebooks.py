#!/usr/bin/env python3
"""Strips the outputs of Jupyter notebooks so that they are committed as sources only.

The notebooks under examples/notebooks/ are executed by the tests (python/tests/test_notebooks.py),
which check their outputs; committed outputs would only be stale copies of those, make diffs
unreadable and grow the repository with every re-run. Stripping removes, from every code cell,
its outputs and execution count, and from every cell the run metadata Jupyter front ends add
(`execution` timings, `ExecuteTime`, `collapsed`, `scrolled`). Sources, cell ids, tags and the
notebook's kernel metadata are kept. The file is written as nbformat writes it (sorted keys, one
space of indentation, a final newline), so a stripped notebook round-trips unchanged through
Jupyter. It needs only the Python standard library.

Usage: strip_notebooks.py [--check] [PATH ...]
  PATH    notebooks, or folders searched for *.ipynb (default: examples/notebooks)
  --check change nothing; list the notebooks that have outputs and exit 1 if there are any
Exit status: 0 when every notebook is (or now is) stripped, 1 with --check when one is not,
2 on a usage error or an unreadable notebook.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT / "examples" / "notebooks"
RUN_METADATA = ("execution", "ExecuteTime", "collapsed", "scrolled")


def strip(notebook: dict[str, Any]) -> dict[str, Any]:
    """The notebook without outputs, execution counts or run metadata (a new object)."""
    out: dict[str, Any] = json.loads(json.dumps(notebook))
    for cell in out.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        metadata = cell.get("metadata", {})
        for key in RUN_METADATA:
            metadata.pop(key, None)
    out.get("metadata", {}).pop("widgets", None)
    return out


def dumps(notebook: dict[str, Any]) -> str:
    """The text nbformat writes for this notebook."""
    return json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def notebooks(paths: list[Path]) -> list[Path]:
    """The notebooks named, folders expanded to their *.ipynb (checkpoints left out)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*.ipynb")) if ".ipynb_checkpoints" not in p.parts)
        else:
            found.append(path)
    return found


def main(argv: list[str]) -> int:
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    if any(a.startswith("-") for a in args):
        print("usage: strip_notebooks.py [--check] [PATH ...]", file=sys.stderr)
        return 2
    targets = notebooks([Path(a) for a in args] or [DEFAULT_FOLDER])
    unstripped = []
    for path in targets:
        try:
            text = path.read_text(encoding="utf-8")
            notebook = json.loads(text)
        except (OSError, ValueError) as err:
            print(f"{path}: cannot read the notebook: {err}", file=sys.stderr)
            return 2
        stripped = dumps(strip(notebook))
        if stripped == text:
            continue
        unstripped.append(path)
        if not check:
            path.write_text(stripped, encoding="utf-8")
            print(f"stripped {path}")
    if check and unstripped:
        for path in unstripped:
            print(f"{path}: has outputs or run metadata (run tools/strip_notebooks.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
