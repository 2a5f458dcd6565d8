"""Every ```python block of the user guide (docs/src/**/*.md) and of README.md runs to the end.

Each block runs alone, in a fresh interpreter (this one's: the `.venv` with the extension built),
with the repository root as working directory, as a reader who pastes it there would run it.
A block asserts its own results; a failing block's test id is its `file:line`.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "src"

_spec = importlib.util.spec_from_file_location("code_blocks", ROOT / "tools" / "code_blocks.py")
assert _spec is not None and _spec.loader is not None
code_blocks = importlib.util.module_from_spec(_spec)
sys.modules["code_blocks"] = code_blocks
_spec.loader.exec_module(code_blocks)


# tools/code_blocks.py is loaded by path (tools/ is not a package), so its types are opaque here.
def _blocks() -> list[Any]:
    files = sorted(GUIDE.rglob("*.md")) + [ROOT / "README.md"]
    found = []
    for f in files:
        for b in code_blocks.blocks(f, ["python"]):
            found.append(code_blocks.Block(str(f.relative_to(ROOT)), b.language, b.info, b.line, b.text))
    return found


BLOCKS = _blocks()


def test_the_guide_has_python_blocks_in_every_getting_started_page() -> None:
    paths = {b.path for b in BLOCKS}
    assert "docs/src/getting-started/python.md" in paths
    assert "README.md" in paths
    assert len(BLOCKS) >= 10


@pytest.mark.parametrize("block", BLOCKS, ids=[b.where for b in BLOCKS])
def test_block_runs(block: Any, tmp_path: Path) -> None:
    script = tmp_path / "block.py"
    script.write_text(block.text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"{block.where} failed:\n{block.text}\n--- stderr ---\n{done.stderr}"


def test_the_extractor_finds_languages_lines_and_nested_fences() -> None:
    text = (
        "# t\n\n```python\nprint(1)\n```\n\n````md\n```js\nnot a block\n```\n````\n"
        "  ~~~rust,ignore\n  let x = 1;\n    indented\n  ~~~\n```\nno language\n```\n"
    )
    got = [(b.language, b.line, b.text) for b in code_blocks.parse(text)]
    assert got == [
        ("python", 3, "print(1)\n"),
        ("md", 7, "```js\nnot a block\n```\n"),
        ("rust", 12, "let x = 1;\n  indented\n"),
        ("", 16, "no language\n"),
    ]


def test_the_extractor_cli_prints_json(tmp_path: Path) -> None:
    md = tmp_path / "a.md"
    md.write_text("```js\nconsole.log(1)\n```\n```python\nprint(2)\n```\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "code_blocks.py"), str(md), "js"],
        capture_output=True, text=True, check=True,
    )
    out = json.loads(done.stdout)
    assert [(b["language"], b["line"], b["text"]) for b in out] == [("js", 1, "console.log(1)\n")]


MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _relative_links(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    # Links inside code blocks are examples, not links.
    for b in code_blocks.parse(text):
        text = text.replace(b.text, "")
    return [
        link.split("#")[0]
        for link in MARKDOWN_LINK.findall(text)
        if not re.match(r"^[a-z]+:", link) and not link.startswith("#")
    ]


def test_every_page_of_the_summary_exists() -> None:
    summary = GUIDE / "SUMMARY.md"
    pages = _relative_links(summary)
    assert len(pages) > 20
    for page in pages:
        assert (GUIDE / page).is_file(), f"SUMMARY.md lists {page}, which does not exist"
    listed = {(GUIDE / p).resolve() for p in pages}
    for page in GUIDE.rglob("*.md"):
        if page.name != "SUMMARY.md":
            assert page.resolve() in listed, f"{page.relative_to(ROOT)} is not in SUMMARY.md"


@pytest.mark.parametrize(
    "page",
    sorted(GUIDE.rglob("*.md")) + [ROOT / "README.md"] + sorted((ROOT / "crates").glob("*/README.md")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_relative_links_resolve(page: Path) -> None:
    for link in _relative_links(page):
        if link:
            assert (page.parent / link).exists(), f"{page.relative_to(ROOT)} links to {link}, which does not exist"
