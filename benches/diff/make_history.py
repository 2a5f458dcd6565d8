"""Writes a versions repository in OTA's layout with N commits (default 1,200) through
`git fast-import`: 12 documents, each version a real recorded text with a small dated edit,
commit messages and dates as OTA writes them."""

from __future__ import annotations

import pathlib
import random
import subprocess
import sys

repo = pathlib.Path(sys.argv[1])
commits = int(sys.argv[2]) if len(sys.argv) > 2 else 1200
root = pathlib.Path(__file__).resolve().parents[2]
shared = pathlib.Path(sys.argv[3]) / "terms/ota-demo-pairs" if len(sys.argv) > 3 else pathlib.Path("/nonexistent")
files = sorted(shared.glob("*/expected.md")) or sorted((root / "crates/disinfo-terms/tests/data/history").glob("*.md"))
texts = [f.read_text() for f in files]
services = [f"Service {i:02d}" for i in range(12)]
current = {s: texts[i % len(texts)] for i, s in enumerate(services)}
rng = random.Random(7)
subprocess.run(["git", "init", "-q", str(repo)], check=True)
stream: list[bytes] = []
t0 = 1_600_000_000
for n in range(commits):
    service = services[n % len(services)]
    first = n < len(services)
    text = current[service]
    if not first:
        words = text.split(" ")
        words[rng.randrange(len(words))] = rng.choice(["may", "must", "partners", "data", "information"])
        text = " ".join(words)
        if n % 7 == 0:
            text += f"\n\nLast updated: {1 + n % 28} March 2025"
    current[service] = text
    data = text.encode()
    subject = f"{'First record of' if first else 'Record new changes of'} {service} Privacy Policy"
    message = f"{subject}\n\nThis version was recorded after extracting from snapshot {rng.getrandbits(160):040x}\n".encode()
    when = t0 + n * 3600
    stream.append(b"commit refs/heads/main\n")
    stream.append(f"author OTA-Bot <bot@opentermsarchive.org> {when} +0000\n".encode())
    stream.append(f"committer OTA-Bot <bot@opentermsarchive.org> {when} +0000\n".encode())
    stream.append(f"data {len(message)}\n".encode() + message)
    stream.append(f"M 100644 inline \"{service}/Privacy Policy.md\"\n".encode())
    stream.append(f"data {len(data)}\n".encode() + data + b"\n")
subprocess.run(["git", "-C", str(repo), "fast-import", "--quiet"], input=b"".join(stream), check=True)
subprocess.run(["git", "-C", str(repo), "symbolic-ref", "HEAD", "refs/heads/main"], check=True)
print(f"{commits} commits in {repo}")
