"""Explains what changed between two recorded versions of Open Terms Archive's imprint."""

import pathlib

from disinfo import terms

data = pathlib.Path(__file__).resolve().parents[1] / "data/terms/versions"
old = (data / "imprint-2025.md").read_text()
new = (data / "imprint-2026-01-28.md").read_text()

result = terms.diff(old, new)
print(f"{result['classification']}: {result['reason']}")
for change in result["changes"]:
    print(f"  {change['kind']:<8} {change['classification']:<12} {' > '.join(change['heading_path'])}")

html = terms.diff_render(old, new, format="html", old_name="2025", new_name="2026-01-28")
print(f"HTML side-by-side view: {len(html)} characters, self-contained")
