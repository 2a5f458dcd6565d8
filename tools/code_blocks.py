"""The fenced code blocks of a Markdown file, for the tests that run the guide's and the README's
examples.

    python tools/code_blocks.py FILE [LANG ...]   # prints the blocks as JSON (every block when no LANG)

A block opens with a line of three or more backticks or tildes (indented by at most three
spaces) followed by an info string; its language is the info string's first word
(```python, ```js, ```rust,ignore -> "rust"). It closes with a fence of the same character at
least as long. Standard library only: the packaging tests call it from a fresh virtual
environment.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


@dataclass(frozen=True)
class Block:
    """One fenced block: its language (first word of the info string, lower-cased, "" when
    none), the whole info string, the 1-based line of its opening fence, and its text."""

    path: str
    language: str
    info: str
    line: int
    text: str

    @property
    def where(self) -> str:
        """`file:line`, the block's name in test ids and failure messages."""
        return f"{self.path}:{self.line}"


def _language(info: str) -> str:
    word = re.split(r"[\s,{]", info.strip(), maxsplit=1)[0] if info.strip() else ""
    return word.lower()


def parse(text: str, path: str = "<text>") -> list[Block]:
    """Every fenced block of `text`, in order."""
    out: list[Block] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = _OPEN.match(lines[i])
        # A backtick fence's info string cannot contain a backtick (CommonMark).
        if not m or (m["fence"][0] == "`" and "`" in m["info"]):
            i += 1
            continue
        fence, indent, info = m["fence"], len(m["indent"]), m["info"].strip()
        close = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*$")
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            line = lines[j]
            # Content is de-indented by the opening fence's indentation.
            strip = min(indent, len(line) - len(line.lstrip(" ")))
            body.append(line[strip:])
            j += 1
        out.append(Block(path, _language(info), info, i + 1, "\n".join(body) + ("\n" if body else "")))
        i = j + 1
    return out


def blocks(path: str | Path, languages: Iterable[str] | None = None) -> list[Block]:
    """The blocks of the file at `path` whose language is one of `languages` (all when None)."""
    p = Path(path)
    found = parse(p.read_text(encoding="utf-8"), str(path))
    if languages is None:
        return found
    wanted = {lang.lower() for lang in languages}
    return [b for b in found if b.language in wanted]


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    found = blocks(argv[0], argv[1:] or None)
    json.dump([asdict(b) for b in found], sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
