"""Builds pairs of large versions (>= 100 KB) from real recorded versions, with realistic edits.

Source texts: the `expected.md` versions of ../shared/data/terms/ota-demo-pairs (Open Terms Archive
demo collection, ODC-By 1.0) when present, else crates/disinfo-terms/tests/data/history.
Edits (seeded, deterministic): one word replaced in every 8th paragraph, a "Last updated" stamp
changed, a paragraph moved, a paragraph inserted, a paragraph deleted, list spacing changed.
"""

from __future__ import annotations

import pathlib
import random
import sys

root = pathlib.Path(__file__).resolve().parents[2]
out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
shared = pathlib.Path(sys.argv[2]) / "terms/ota-demo-pairs"
files = sorted(shared.glob("*/expected.md")) or sorted((root / "crates/disinfo-terms/tests/data/history").glob("*.md"))
texts = [f.read_text() for f in files]

WORDS = ["may", "must", "will", "shall", "partners", "affiliates", "data", "information", "share", "sell"]


def edit(text: str, rng: random.Random) -> str:
    paras = text.split("\n\n")
    for i in range(0, len(paras), 8):
        words = paras[i].split(" ")
        if len(words) > 5:
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            paras[i] = " ".join(words)
    if len(paras) > 20:
        moved = paras.pop(5)
        paras.insert(len(paras) - 5, moved)
        paras.insert(len(paras) // 2, "We may also share aggregated statistics with research partners under contract.")
        del paras[len(paras) // 3]
    paras = [p.replace("*   ", "* ") if i % 5 == 0 else p for i, p in enumerate(paras)]
    paras[0] = paras[0] + "\n\nLast updated: March 3, 2025"
    return "\n\n".join(paras)


for n, size in enumerate([120_000, 250_000, 500_000]):
    rng = random.Random(42 + n)
    parts: list[str] = []
    while sum(len(p) for p in parts) < size:
        parts.append(texts[len(parts) % len(texts)])
    old = "\n\n".join(parts)
    new = edit(old, rng)
    (out / f"pair{n}-old.md").write_text(old)
    (out / f"pair{n}-new.md").write_text(new)
    print(f"pair{n}: {len(old.encode())} / {len(new.encode())} bytes")
