"""Checks the bundled example encyclopedia and one broken entry, and prints the diagnostics."""

from pathlib import Path

from disinfo import encyclopedia

corpus = Path(__file__).resolve().parents[1] / "data" / "encyclopedia"
report = encyclopedia.check(corpus)
print(f"{report['entries']} entries checked: {report['errors']} error(s), {report['warnings']} warning(s)")

broken = """---
id: crowdtangle
kind: tool
lang: no
title: CrowdTangle
summary: Social media monitoring tool that Meta shut down in 2024.
created: 2024/03/02
url: http://www.crowdtangle.com/
maintianers: [meta]
---
"""
report = encyclopedia.check_files({"tools/crowdtangle.md": broken})
print(encyclopedia.to_text(report), end="")
