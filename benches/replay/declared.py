"""Helpers shared by the replay benches: OTA snapshot commits and the declaration in force at a
date (OTA's rule: the first history entry whose `validUntil` is at or after the date)."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import datetime


def when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def declared(declarations: str, service: str, terms_type: str, date: str) -> dict | None:
    current = json.load(open(os.path.join(declarations, f"{service}.json")))["terms"].get(terms_type)
    history = os.path.join(declarations, f"{service}.history.json")
    if os.path.exists(history):
        entries = json.load(open(history)).get(terms_type, [])
        for entry in sorted(entries, key=lambda e: when(e["validUntil"])):
            if when(date) <= when(entry["validUntil"]):
                return entry
    return current


def snapshot_commits(repo: str) -> list[tuple[str, str, str]]:
    """(commit, author date, file) of every commit writing one snapshot file, oldest first."""
    out = subprocess.run(["git", "-C", repo, "log", "--reverse", "--no-merges", "--format=@@%H|%aI", "--name-only"],
                         capture_output=True, text=True, check=True).stdout
    commits = []
    for block in out.split("@@")[1:]:
        lines = [l for l in block.split("\n") if l.strip()]
        commit, date = lines[0].split("|")
        files = [f for f in lines[1:] if "/" in f and not f.startswith(".") and f.endswith((".html", ".pdf"))]
        if len(files) == 1:
            commits.append((commit, date, files[0]))
    return commits


def show(repo: str, commit: str, path: str) -> bytes:
    return subprocess.run(["git", "-C", repo, "show", f"{commit}:{path}"], capture_output=True, check=True).stdout
