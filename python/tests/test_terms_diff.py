"""Explained diffs, versions and history from Python."""

from __future__ import annotations

from typing import Any

import os
import pathlib
import subprocess

import pytest

from disinfo import terms
from disinfo.errors import TermsError, TermsValueError

DATA = pathlib.Path(__file__).resolve().parents[2] / "crates/disinfo-terms/tests/data/history"
IMPRINT_OLD = (DATA / "ota-imprint-d5b62ab.md").read_text()
IMPRINT_NEW = (DATA / "ota-imprint-df5aa36.md").read_text()


def test_bullet_spacing_is_formatting() -> None:
    result = terms.diff("* x\n* y\n", "*   x\n*   y\n")
    assert result["classification"] == "formatting"
    assert all(c["classification"] == "formatting" for c in result["changes"])


def test_changed_url_is_link() -> None:
    result = terms.diff("See [terms](https://a.example/t).\n", "See [terms](https://a.example/v2/t).\n")
    assert result["classification"] == "link"


def test_one_word_change_has_heading_path_and_spans() -> None:
    old = "# Privacy\n\n## Location\n\nWe share your location.\n"
    new = old.replace("share", "sell")
    result = terms.diff(old, new)
    assert len(result["changes"]) == 1
    change = result["changes"][0]
    assert change["kind"] == "replace"
    assert change["classification"] == "substantive"
    assert change["heading_path"] == ["Privacy", "Location"]
    assert change["old"]["text"] == "share" and change["new"]["text"] == "sell"
    span = change["new"]["span"]
    assert new.encode()[span["start"] : span["end"]] == b"sell"
    assert (span["line"], span["column"]) == (5, 4)


def test_moved_paragraph_is_one_move() -> None:
    a, b = "Alpha paragraph with several words in it.", "Beta paragraph with several other words."
    result = terms.diff(f"{a}\n\n{b}\n", f"{b}\n\n{a}\n")
    assert [c["kind"] for c in result["changes"]] == ["move"]


def test_renderings() -> None:
    html = terms.diff_render(IMPRINT_OLD, IMPRINT_NEW, format="html")
    assert html.startswith("<!DOCTYPE html>") and "<ins>" in html and "<del>" in html
    assert "<script" not in html
    md = terms.diff_render(IMPRINT_OLD, IMPRINT_NEW, format="markdown", old_name="2025", new_name="2026")
    assert md.startswith("# Changes from `2025` to `2026`")
    text = terms.diff_render("a\n", "b\n", format="text")
    assert "-a\n+b\n" in text


def test_bad_arguments_raise_value_errors_with_codes() -> None:
    with pytest.raises(TermsValueError) as info:
        terms.diff("a", "b", granularity="sentence")  # type: ignore[arg-type]
    assert info.value.code == "invalid_argument"
    assert isinstance(info.value, ValueError)
    with pytest.raises(TermsValueError):
        terms.diff_render("a", "b", format="pdf")  # type: ignore[arg-type]


def git(repo: pathlib.Path, *args: str, date: str | None = None) -> None:
    env = dict(os.environ)
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)


@pytest.fixture()
def ota_repo(tmp_path: pathlib.Path) -> pathlib.Path:
    """A versions repository written the way OTA's engine writes one (git add + commit -m)."""
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.name", "OTA-Bot")
    git(tmp_path, "config", "user.email", "bot@opentermsarchive.org")
    folder = tmp_path / "Open Terms Archive"
    folder.mkdir()
    for text, date, prefix in [
        (IMPRINT_OLD, "2025-06-01T12:00:00Z", "First record of"),
        (IMPRINT_NEW, "2026-01-28T12:30:21Z", "Record new changes of"),
    ]:
        (folder / "Imprint.md").write_text(text)
        git(tmp_path, "add", ".")
        git(tmp_path, "commit", "-q", "-m", f"{prefix} Open Terms Archive Imprint\n\nThis version was recorded after extracting from snapshot f7057809c1", date=date)
    return tmp_path


def test_history_of_an_ota_repository(ota_repo: pathlib.Path) -> None:
    assert terms.services(ota_repo) == {"Open Terms Archive": ["Imprint"]}
    versions = terms.versions(ota_repo, "Open Terms Archive", "Imprint")
    assert [v["date"] for v in versions] == ["2025-06-01T12:00:00Z", "2026-01-28T12:30:21Z"]
    assert [v["kind"] for v in versions] == ["first_record", "update"]
    at = terms.version_at(ota_repo, "Open Terms Archive", "Imprint", "2025-12-31")
    assert at["text"] == IMPRINT_OLD and at["version"]["id"] == versions[0]["id"]
    report = terms.history(ota_repo, include_diffs=True)
    assert report["stats"]["versions"] == 2
    assert report["stats"]["versions_per_year"] == {"2025": 1, "2026": 1}
    change = report["terms"][0]["changes"][0]
    assert change["classification"] == "substantive"
    assert change["diff"]["changes"]


def test_history_errors(ota_repo: pathlib.Path, tmp_path: pathlib.Path) -> None:
    with pytest.raises(TermsError) as info:
        terms.history(tmp_path / "missing")
    assert info.value.code == "repository_not_found"
    with pytest.raises(TermsError) as info:
        terms.versions(ota_repo, "Open Terms Archive", "Imprnt")
    assert info.value.code == "terms_not_found"
    assert "did you mean" in str(info.value)
    with pytest.raises(TermsError) as info:
        terms.version_at(ota_repo, "Open Terms Archive", "Imprint", "2001-01-01")
    assert info.value.code == "version_not_found"
    with pytest.raises(TermsValueError):
        terms.version_at(ota_repo, "Open Terms Archive", "Imprint", "yesterday")


def test_track_against_a_local_server(tmp_path: pathlib.Path) -> None:
    import http.server
    import threading

    pages = {"/tos": b"<html><body><main><h1>Terms</h1><p>Be nice.</p></main></body></html>"}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
            body = pages.get(self.path)
            self.send_response(200 if body else 500)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(body or b"boom")

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    declarations = tmp_path / "declarations"
    declarations.mkdir()
    (declarations / "Demo.json").write_text(
        '{"name": "Demo", "terms": {"Terms of Service": {"fetch": "%s/tos", "select": "main"},'
        ' "Privacy Policy": {"fetch": "%s/down", "select": "main"}}}' % (base, base)
    )
    try:
        first = terms.track(declarations, tmp_path / "v", tmp_path / "s", retries=0, now="2026-01-01T00:30:00Z")
        events = {e["terms_type"]: e for e in first["report"]["events"]}
        assert events["Terms of Service"]["outcome"] == "first_record"
        assert events["Privacy Policy"]["outcome"] == "fetch_error"
        assert events["Privacy Policy"]["error"]["status"] == 500
        pages["/tos"] = b"<html><body><main><h1>Terms</h1><p>Be very nice.</p></main></body></html>"
        second = terms.track(declarations, tmp_path / "v", tmp_path / "s", retries=0, now="2026-01-02T00:30:00Z")
        tos = next(e for e in second["report"]["events"] if e["terms_type"] == "Terms of Service")
        assert tos["outcome"] == "changed" and tos["classification"] == "substantive"
        assert [v["date"] for v in terms.versions(tmp_path / "v", "Demo", "Terms of Service")] == [
            "2026-01-01T00:30:00Z",
            "2026-01-02T00:30:00Z",
        ]
    finally:
        server.shutdown()
