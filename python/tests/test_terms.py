"""disinfo.terms extraction and declarations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from disinfo import terms
from disinfo.errors import DisinfoError, TermsError, TermsValueError

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "golden" / "cases"
EXAMPLES = ROOT / "examples" / "data" / "terms" / "extract"


def demo_cases() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.name.startswith("terms-extract-ota-demo-"))


@pytest.mark.parametrize("case", demo_cases(), ids=lambda p: p.name)
def test_ota_demo_pairs_byte_for_byte(case: Path) -> None:
    spec = json.loads((case / "case.json").read_text(encoding="utf-8"))
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))["ok"]
    got = terms.extract((case / "snapshot.html").read_bytes(), **spec["kwargs"])
    assert got == expected


def test_str_and_bytes_give_the_same_markdown() -> None:
    html = "<main><h1>Títle</h1><p>a <a href='/x' title='T'>link</a></p></main>"
    md_str = terms.extract(html, location="https://e.com/a/", select="main")
    md_bytes = terms.extract(html.encode(), location="https://e.com/a/", select="main")
    assert md_str == md_bytes == 'Títle\n=====\n\na [link](https://e.com/x "T")'


def test_range_and_array_selectors() -> None:
    html = "<main><h1>T</h1><p id='a'>A</p><p id='b'>B</p><p id='c'>C</p></main>"
    md = terms.extract(html, location="https://e.com/", select=["h1", {"startAfter": "#a", "endBefore": "#c"}])
    assert md == "T\n=\n\nB"


def test_canonical_flavor_uses_atx_headings() -> None:
    md = terms.extract("<main><h1>T</h1><p>x&nbsp;y</p></main>", location="https://e.com/", select="main", flavor="canonical")
    assert md == "# T\n\nx y"


def test_hooks_run_before_and_after() -> None:
    md = terms.extract(
        "<main><p>secret</p></main>",
        location="https://e.com/",
        select="main",
        before=lambda html: html.replace("secret", "public"),
        after=lambda text: text.upper(),
    )
    assert md == "PUBLIC"


def test_failing_hook_is_hook_failed() -> None:
    def boom(_: str) -> str:
        raise RuntimeError("no")

    with pytest.raises(TermsError) as info:
        terms.extract("<main>x</main>", location="https://e.com/", select="main", after=boom)
    assert info.value.code == "hook_failed"


def test_errors_have_stable_codes() -> None:
    with pytest.raises(TermsError) as info:
        terms.extract("<main></main>", location="https://e.com/", select="#missing")
    assert info.value.code == "selector_no_match"
    with pytest.raises(TermsValueError) as bad:
        terms.extract("<main></main>", location="https://e.com/", select="main[")
    assert bad.value.code == "invalid_selector"
    assert isinstance(bad.value, ValueError)
    with pytest.raises(DisinfoError) as flavor:
        terms.extract("<main></main>", location="https://e.com/", select="main", flavor="fancy")  # type: ignore[arg-type]
    assert flavor.value.code == "invalid_argument"


def test_empty_and_garbage_input_are_typed_errors() -> None:
    for content in (b"", bytes(range(256)) * 100):
        with pytest.raises(TermsError) as info:
            terms.extract(content, location="https://e.com/", select="main")
        assert info.value.code == "selector_no_match"


def test_extract_batch_keeps_order_and_reports_errors() -> None:
    jobs = [
        {"id": "a", "content": "<main>one</main>", "location": "https://e.com/", "select": "main"},
        {"id": "b", "content": "<main>two</main>", "location": "https://e.com/", "select": "#none"},
    ]
    results = terms.extract_batch(jobs)
    assert results[0] == {"id": "a", "markdown": "one"}
    assert results[1]["error"]["code"] == "selector_no_match"


def test_declarations_parse_load_and_extract() -> None:
    service = terms.load_declaration(EXAMPLES / "Open Terms Archive.json")
    assert service["name"] == "Open Terms Archive"
    assert service["terms"]["Imprint"]["source_documents"][0]["location"] == "https://opentermsarchive.org/en/legal-notice"
    md = terms.extract_declared(
        [(EXAMPLES / "imprint.html").read_bytes()], declaration=EXAMPLES / "Open Terms Archive.json", terms_type="Imprint"
    )
    assert md.startswith("Legal notice") or md.splitlines()[1].startswith("=")
    with pytest.raises(TermsValueError) as info:
        terms.parse_declaration('{"name": "X", "terms": {"Terms Of Service": {"fetch": "https://a.com", "select": "b"}}}')
    assert info.value.code == "unknown_terms_type"
    assert "Terms of Service" in str(info.value)


def test_validate_directory_counts(tmp_path: Path) -> None:
    (tmp_path / "Ok.json").write_text('{"name": "Ok", "terms": {"Imprint": {"fetch": "https://a.com", "select": "main"}}}')
    (tmp_path / "Bad.json").write_text('{"name": "Bad", "terms": {"Imprint": {"fetch": "/rel", "select": "main"}}}')
    report = terms.validate(tmp_path)
    assert (report["service_files"], report["history_files"], report["orphan_histories"]) == (2, 0, 0)
    assert report["loaded"] == ["Ok"]
    assert [r["code"] for r in report["rejected"]] == ["invalid_url"]
    assert report["rejected"][0]["file"].endswith("Bad.json")
    # files and lists of paths too
    assert terms.validate([tmp_path / "Ok.json", tmp_path / "Bad.json"]) == report
