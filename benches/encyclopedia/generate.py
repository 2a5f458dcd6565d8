"""Generates N valid encyclopedia entries (Markdown + YAML front matter) and, for the peers, the
same front matters as JSON instances. Deterministic (seeded). Usage: generate.py OUT N."""

import json
import os
import random
import sys

out, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(20241128)
KINDS = ["actor", "tool", "practice", "case-study", "glossary-term", "resource"]
PHASES = ["detection", "qualification", "reaction", "attribution", "research", "prevention"]
AUDIENCES = ["researchers", "journalists", "fact-checkers", "regulators", "platforms", "educators"]
os.makedirs(os.path.join(out, "entries"), exist_ok=True)
os.makedirs(os.path.join(out, "instances"), exist_ok=True)
actors = [i for i in range(n) if i % 6 == 0]


def ident(i: int) -> str:
    return f"entry-{i:05d}"


for i in range(n):
    kind = KINDS[i % 6]
    fm: dict = {
        "id": ident(i),
        "kind": kind,
        "lang": rng.choice(["en", "fr", "de", "en-GB"]),
        "title": f"Entry number {i}",
        "summary": f"Generated entry {i} describing a counter-disinformation {kind} for the benchmark.",
        "phases": rng.sample(PHASES, 2),
        "audiences": rng.sample(AUDIENCES, 2),
        # Every entry points at the next one: a connected corpus without orphans.
        "related": [{"ref": ident((i + 1) % n), "rel": "see-also"}, {"ref": ident(rng.randrange(n)), "rel": "uses"}],
        "sources": [{"url": f"https://example.org/source/{i}", "title": "A source", "published": "2023-05-17"}],
        "created": "2024-01-15",
        "updated": "2024-06-30",
    }
    if kind == "tool":
        fm.update({"maintainers": [ident(rng.choice(actors))], "url": f"https://tool{i}.example.org/", "access": "open-source", "status": "active"})
    elif kind == "actor":
        fm.update({"actor_type": "ngo", "countries": rng.sample(["FR", "DE", "US", "GB", "BE"], 2), "url": f"https://actor{i}.example.org/"})
    elif kind == "case-study":
        fm.update({"period": {"start": "2022-05-01", "end": "2023-01-31"}, "suspected_actors": [ident(rng.choice(actors))], "techniques": ["T0013", "T0049"]})
    elif kind == "glossary-term":
        fm.update({"see_also": [ident(rng.randrange(n))]})
    elif kind == "resource":
        fm.update({"publisher": "A publisher", "published": "2023-03-01", "url": f"https://res{i}.example.org/report"})
    body = f"# Entry number {i}\n\n## What?\n\nSee [the next entry](entry:{ident((i + 1) % n)}#what).\n"
    # YAML flow style is valid YAML for any JSON document: the same front matter for everyone.
    text = "---\n" + "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fm.items()) + "\n---\n" + body
    with open(os.path.join(out, "entries", f"{ident(i)}.md"), "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(out, "instances", f"{ident(i)}.json"), "w", encoding="utf-8") as f:
        json.dump(fm, f)
print(f"generated {n} entries in {out}")
