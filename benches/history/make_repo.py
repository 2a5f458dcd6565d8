"""Writes a versions repository in Open Terms Archive's layout through `git fast-import`: N commits
(default 5,000) over 10 services x 4 terms types. Each document starts from a real version OTA
recorded (crates/disinfo-terms/tests/data/history, ODC-By) and changes a little at each commit the
way terms change in the demo collection: a reworded clause, a new sentence, a "Last updated" date,
a typo, a link target, a tracking parameter, a re-indented list, a paragraph moved within its
section, and now and then a flip-flop back to the version before (Brevo's e-mail protection noise).
Messages, trailers and dates are OTA's: `First record of ...` / `Record new changes of ...` /
`Apply technical or declaration upgrade on ...`, a body naming the snapshot, `X-engine-version`,
fetches every few hours at hh:30."""

from __future__ import annotations

import pathlib
import random
import re
import subprocess
import sys

repo = pathlib.Path(sys.argv[1])
commits = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
root = pathlib.Path(__file__).resolve().parents[2]
seeds = [p.read_text() for p in sorted((root / "crates/disinfo-terms/tests/data/history").glob("*.md"))]
seeds = [t for t in seeds if len(t) > 1500]
services = ["Acme Cloud", "Birdsong", "Cartograph", "Dailymail Hub", "Echo Chat", "Fjord Pay",
            "Glimmer", "Harbor Maps", "Inkwell", "Juniper Social"]
types = ["Terms of Service", "Privacy Policy", "Trackers Policy", "Community Guidelines"]
documents = [(s, t) for s in services for t in types]
rng = random.Random(2026)
WORDS = ["may", "must", "will", "partners", "affiliates", "information", "personal data", "content",
         "service providers", "promptly", "reasonable", "third parties", "including", "limited"]
SENTENCES = ["We may share aggregated statistics with our partners.",
             "You can withdraw your consent at any time in your account settings.",
             "We keep logs for 90 days unless the law requires otherwise.",
             "Disputes are settled by the courts of the place of our registered office.",
             "We use service providers located outside the European Economic Area."]


def start(i: int) -> str:
    base = seeds[i % len(seeds)]
    return f"Last updated: {1 + i % 28} March 2024\n\n" + base


def edit(text: str, n: int) -> str:
    """One small change, chosen like the changes of the demo collection."""
    paragraphs = text.split("\n\n")
    k = rng.randrange(len(paragraphs))
    kind = rng.random()
    if kind < 0.30:  # a reworded clause
        words = paragraphs[k].split(" ")
        words[rng.randrange(len(words))] = rng.choice(WORDS)
        paragraphs[k] = " ".join(words)
    elif kind < 0.45:  # a new sentence
        paragraphs[k] = paragraphs[k] + " " + rng.choice(SENTENCES)
    elif kind < 0.60:  # the date stamp
        paragraphs[0] = f"Last updated: {1 + n % 28} {rng.choice(['March', 'April', 'June'])} {2024 + n % 3}"
    elif kind < 0.70:  # a typo, or its fix
        paragraphs[k] = paragraphs[k].replace("receive", "recieve", 1) if "receive" in paragraphs[k] else paragraphs[k].replace("the ", "teh ", 1)
    elif kind < 0.78:  # a link target, or a tracking parameter
        paragraphs[k] = re.sub(r"\]\((https?://[^)#?]+)\)", lambda m: f"]({m.group(1)}?utm_source=terms)", paragraphs[k], count=1) \
            if rng.random() < 0.5 else paragraphs[k].replace("https://", "https://www.", 1)
    elif kind < 0.86:  # re-indented list items (turndown's `*   ` vs `* `)
        paragraphs[k] = paragraphs[k].replace("*   ", "* ") if "*   " in paragraphs[k] else paragraphs[k].replace("* ", "*   ")
    else:  # a paragraph moved one place down
        if k + 1 < len(paragraphs):
            paragraphs[k], paragraphs[k + 1] = paragraphs[k + 1], paragraphs[k]
    return "\n\n".join(paragraphs)


current = {d: start(i) for i, d in enumerate(documents)}
previous: dict = {}
subprocess.run(["git", "init", "-q", str(repo)], check=True)
stream: list[bytes] = []
when = 1_682_447_400  # 2023-04-25T18:30:00Z
for n in range(commits):
    doc = documents[n] if n < len(documents) else rng.choice(documents)
    service, terms_type = doc
    first = n < len(documents)
    upgrade = not first and rng.random() < 0.02
    if first:
        text = current[doc]
    elif not upgrade and doc in previous and rng.random() < 0.05:
        text = previous[doc]  # flip-flop back to the version before
    elif upgrade:
        text = current[doc].replace("*   ", "* ")
    else:
        text = edit(current[doc], n)
    if text == current[doc] and not first:
        text = text + "\n\n" + rng.choice(SENTENCES)
    previous[doc], current[doc] = current[doc], text
    prefix = "First record of" if first else "Apply technical or declaration upgrade on" if upgrade else "Record new changes of"
    snapshot = f"{rng.getrandbits(160):040x}"
    engine = "9.1.0" if n < commits // 2 else "14.0.0"
    message = (f"{prefix} {service} {terms_type}\n\nThis version was recorded after extracting from snapshot "
               f"https://github.com/OpenTermsArchive/demo-snapshots/commit/{snapshot}\n\nX-engine-version: {engine}\n").encode()
    when += rng.choice([1, 1, 1, 2]) * 6 * 3600  # OTA fetches every 6 hours
    stamp = when + rng.randrange(30)
    data = text.encode()
    stream.append(b"commit refs/heads/main\n")
    stream.append(f"author Open Terms Archive Bot <bot@opentermsarchive.org> {stamp} +0000\n".encode())
    stream.append(f"committer Open Terms Archive Bot <bot@opentermsarchive.org> {stamp} +0000\n".encode())
    stream.append(f"data {len(message)}\n".encode() + message)
    stream.append(f"M 100644 inline \"{service}/{terms_type}.md\"\n".encode())
    stream.append(f"data {len(data)}\n".encode() + data + b"\n")
subprocess.run(["git", "-C", str(repo), "fast-import", "--quiet"], input=b"".join(stream), check=True)
subprocess.run(["git", "-C", str(repo), "symbolic-ref", "HEAD", "refs/heads/main"], check=True)
size = sum(len(t) for t in current.values())
print(f"generated {commits} commits, {len(documents)} documents ({size // len(documents) // 1024} KiB on average) in {repo}")
