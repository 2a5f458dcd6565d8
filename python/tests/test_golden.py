"""Runs every cross-language golden case through the Python package (tests/golden/README.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "golden" / "python"))

import runner  # noqa: E402


@pytest.mark.parametrize("folder", runner.case_dirs(), ids=lambda p: p.name)
def test_golden_case(folder: Path) -> None:
    got = runner.run_case(folder)
    expected = (folder / "expected.json").read_text(encoding="utf-8").rstrip("\n")
    assert got == expected


def test_canonical_numbers_use_ecmascript_form() -> None:
    from canonical import canonical

    cases = {
        1.0: "1",
        0.5: "0.5",
        -2.25: "-2.25",
        1e-7: "1e-7",
        1.5e-7: "1.5e-7",
        0.000001: "0.000001",
        1e21: "1e+21",
        1e20: "100000000000000000000",
        123456.789: "123456.789",
        0.1 + 0.2: "0.30000000000000004",
        0.0001234: "0.0001234",
        19968.31: "19968.31",
    }
    for number, text in cases.items():
        assert canonical(number) == text, number
    assert canonical({"b": 1, "a": [True, None, 'x"\n\x01é'], "A": {}}) == (
        '{"A":{},"a":[true,null,"x\\"\\n\\u0001é"],"b":1}'
    )
