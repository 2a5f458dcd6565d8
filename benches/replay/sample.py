"""Writes OTA extract() jobs for every N-th snapshot commit of a snapshots repository, with the
declaration in force at the snapshot's date: `sample.py SNAPSHOTS DECLARATIONS N OUT`."""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from declared import declared, show, snapshot_commits  # noqa: E402

repo, declarations, every, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
os.makedirs(out, exist_ok=True)
jobs = []
for commit, date, path in snapshot_commits(repo)[::every]:
    service, name = path.split("/", 1)
    decl = declared(declarations, service, name.rsplit(".", 1)[0], date)
    if decl is None or "select" not in decl:
        continue
    html = os.path.join(out, f"{commit}.html")
    open(html, "wb").write(show(repo, commit, path))
    jobs.append({"html_file": html, "location": decl["fetch"], "select": decl["select"], "remove": decl.get("remove")})
json.dump(jobs, open(os.path.join(out, "peer_jobs.json"), "w"))
print(f"sample: {len(jobs)} snapshots (every {every}th snapshot commit)")
