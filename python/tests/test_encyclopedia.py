"""disinfo.encyclopedia: the same diagnostics as Rust, typed errors, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from disinfo import EncyclopediaError, EncyclopediaValueError, encyclopedia

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "data" / "encyclopedia"
PLANTED = ROOT / "tests" / "golden" / "cases" / "encyclopedia-planted-defects"

BASE = """---
id: prebunking
kind: practice
lang: en
title: Prebunking
summary: Warning people in advance about manipulation techniques so that they resist them.
created: 2024-01-10
---
# Prebunking
"""


def test_example_corpus_has_zero_diagnostics() -> None:
    report = encyclopedia.check(EXAMPLE)
    assert report["diagnostics"] == []
    assert report["entries"] >= 30


def test_planted_corpus_gives_the_golden_twenty_diagnostics() -> None:
    report = encyclopedia.check(PLANTED / "corpus")
    expected = json.loads((PLANTED / "expected.json").read_text(encoding="utf-8"))["ok"]
    assert report == expected
    assert len(report["diagnostics"]) == 20
    assert (report["errors"], report["warnings"]) == (19, 1)


def test_lang_no_is_fm005_at_value_line_and_column() -> None:
    report = encyclopedia.check_files({"a.md": BASE.replace("lang: en", "lang: no")})
    d = [d for d in report["diagnostics"] if d["rule"] != "RF007"]
    assert [(x["rule"], x["line"], x["column"], x["pointer"]) for x in d] == [("FM005", 4, 7, "/lang")]


def test_bytes_input_and_invalid_utf8_is_fm009() -> None:
    report = encyclopedia.check_files({"a.md": b"---\nid: caf\xe9\n---\n"})
    assert [(d["rule"], d["line"], d["column"]) for d in report["diagnostics"]] == [("FM009", 2, 8)]


def test_alias_bomb_is_fm006() -> None:
    y = "---\nl0: &l0 [a, a, a, a, a, a, a, a, a, a]\n"
    for i in range(1, 9):
        y += f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]\n"
    report = encyclopedia.check_files({"bomb.md": y + "---\n"})
    assert [d["rule"] for d in report["diagnostics"]] == ["FM006"]


def test_schema_extension_as_dict_adds_a_required_field() -> None:
    ext = {"properties": {"license": {"type": "string"}}, "required": ["license"]}
    report = encyclopedia.check_files({"a.md": BASE}, schema=ext)
    assert ("SC001", "/license") in [(d["rule"], d["pointer"]) for d in report["diagnostics"]]


def test_bad_extension_schema_raises_value_error_with_code() -> None:
    with pytest.raises(EncyclopediaValueError) as info:
        encyclopedia.check_files({}, schema={"properties": {"x": {"type": "nonsense"}}})
    assert info.value.code == "schema_invalid"
    assert isinstance(info.value, ValueError)


def test_missing_directory_fails_with_code_io() -> None:
    with pytest.raises(EncyclopediaError) as info:
        encyclopedia.check("/nonexistent/encyclopedia")
    assert info.value.code == "io"


def test_to_text_matches_cli_form() -> None:
    report = encyclopedia.check(PLANTED / "corpus")
    text = encyclopedia.to_text(report)
    assert text.startswith("actors/dfrlab.md:12:1: error[FM004] duplicate key `url`")
    assert text.endswith("19 error(s), 1 warning(s)\n")


def test_rules_and_schema_are_exposed() -> None:
    ids = [r["id"] for r in encyclopedia.rules()]
    assert "RF005" in ids and "FM005" in ids
    assert encyclopedia.schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_migrate_pages_maps_sections_and_reports_the_rest() -> None:
    page = (
        "# Detection tools\n\nIntro.\n\n## Open Terms Archive\n\n### By whom?\n\nFrench ambassador.\n\n"
        "### What?\n\nRecords every version of the terms of service of online services.\n\n"
        "### For whom?\n\nRegulators and journalists.\n\n### Price\n\nFree.\n"
    )
    out = encyclopedia.migrate_pages({"detection/tools.md": page}, "2024-05-01")
    assert list(out["files"]) == ["tools/open-terms-archive.md"]
    text = out["files"]["tools/open-terms-archive.md"]
    assert "kind: tool" in text and "phases: [detection]" in text and "audiences: [journalists, regulators]" in text
    reasons = " ".join(u["reason"] for u in out["report"]["unmapped"])
    assert "unknown sub-section `Price`" in reasons and "needs a `url`" in reasons
