"""The Python runner of the cross-language golden cases (see tests/golden/README.md)."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any, Callable

from canonical import canonical

import disinfo

GOLDEN = Path(__file__).resolve().parents[1]
CASES = GOLDEN / "cases"
OUT = GOLDEN.parents[1] / "target" / "golden" / "python"

Dispatch = dict[str, Callable[..., Any]]


def _resolve(value: Any, folder: Path) -> Any:
    if isinstance(value, dict) and len(value) == 1 and "$text" in value:
        return (folder / value["$text"]).read_text(encoding="utf-8")
    if isinstance(value, dict) and len(value) == 1 and "$bytes" in value:
        return (folder / value["$bytes"]).read_bytes()
    if isinstance(value, list):
        return [_resolve(v, folder) for v in value]
    if isinstance(value, dict):
        return {k: _resolve(v, folder) for k, v in value.items()}
    return value


def _dispatch(tool: str) -> Dispatch:
    module = importlib.import_module(f"calls_{tool}")
    table: Dispatch = module.CALLS
    return table


def case_dirs() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if (p / "case.json").is_file())


def run_case(folder: Path) -> str:
    case = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    tool, _, function = case["call"].partition(".")
    table = _dispatch(tool)
    if function not in table:
        raise LookupError(f"no Python dispatch for {case['call']}")
    args = _resolve(case.get("args", []), folder)
    kwargs = _resolve(case.get("kwargs", {}), folder)
    try:
        outcome: Any = {"ok": table[function](*args, **kwargs)}
    except disinfo.DisinfoError as err:
        outcome = {"error": {"code": err.code, "tool": err.tool}}
    text = canonical(outcome)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{folder.name}.json").write_text(text, encoding="utf-8")
    return text
