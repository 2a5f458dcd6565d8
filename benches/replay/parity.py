"""Which engine explains each difference between OTA's recorded versions and ours: for every version
OTA recorded from a snapshot (upgrades apart), extract that snapshot with the declaration in force at
its date, with OTA's engine from npm (extract(), benches/terms/ota_extract.mjs) and with ours
(`disinfo terms extract-batch`), and compare both with the recorded text.
Then, with REPLAYED (our replayed versions repository), the documents whose file at the versions
repository's HEAD we do not reproduce, with the engine run on OTA's last snapshot and on ours.
`parity.py SNAPSHOTS VERSIONS DECLARATIONS DISINFO WORKDIR [REPLAYED]`."""

import collections
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from declared import declared, show  # noqa: E402

snapshots, versions, declarations, disinfo, work = sys.argv[1:6]
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.makedirs(work, exist_ok=True)


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, check=True).stdout


jobs, cases = [], []
log = git(versions, "log", "--reverse", "--no-merges", "--format=@@%H|%aI|%s", "--name-only")
for block in log.split("@@")[1:]:
    lines = [l for l in block.split("\n") if l.strip()]
    commit, date, subject = lines[0].split("|", 2)
    files = [f for f in lines[1:] if "/" in f and f.endswith(".md")]
    if not files or subject.startswith(("Apply technical", "Refilter")):
        continue
    ids = re.findall(r"\b[0-9a-f]{40}\b", git(versions, "log", "-1", "--format=%b", commit))
    if not ids:
        continue
    document = files[0][:-3]
    service, terms_type = document.split("/", 1)
    snapshot_date = git(snapshots, "log", "-1", "--format=%aI", ids[0]).strip()
    decl = declared(declarations, service, terms_type, snapshot_date)
    html = os.path.join(work, f"{ids[0]}.html")
    open(html, "wb").write(show(snapshots, ids[0], f"{document}.html"))
    recorded = show(versions, commit, files[0]).decode()
    jobs.append({"html_file": html, "location": decl["fetch"], "select": decl["select"], "remove": decl.get("remove")})
    cases.append((document, date, ids[0], recorded))

json.dump(jobs, open(os.path.join(work, "peer_jobs.json"), "w"))
with open(os.path.join(work, "ours.jsonl"), "w") as out:
    for i, j in enumerate(jobs):
        job = {"id": str(i), "snapshot": j["html_file"], "location": j["location"], "select": j["select"], "remove": j["remove"]}
        out.write(json.dumps({k: v for k, v in job.items() if v is not None}) + "\n")
peer = json.loads(subprocess.run(["node", os.path.join(root, "benches/terms/ota_extract.mjs"), os.path.join(work, "peer_jobs.json")],
                                 capture_output=True, text=True, check=True, env=dict(os.environ, REPEAT="1")).stdout)
ours = {}
batch = subprocess.run([disinfo, "terms", "extract-batch", os.path.join(work, "ours.jsonl"), "--quiet"],
                       capture_output=True, text=True)
if batch.returncode == 2:
    sys.exit(f"parity: disinfo terms extract-batch failed: {batch.stderr.strip()}")
for line in batch.stdout.splitlines():
    if line.strip():
        result = json.loads(line)
        ours[result["id"]] = result

counts = collections.Counter()
print("versions OTA recorded that our extraction of the same snapshot does not give byte for byte:")
for i, (document, date, snapshot, recorded) in enumerate(cases):
    theirs = peer[i].get("ok")
    mine = ours[str(i)].get("markdown")
    engines_agree = theirs is not None and theirs == mine
    key = ("ours = recorded" if mine == recorded else "ours != recorded",
           "engine 9.1.0 = ours" if engines_agree else "engine 9.1.0 fails too" if theirs is None and mine is None
           else "engine 9.1.0 fails" if theirs is None else "engine 9.1.0 != ours")
    counts[key] += 1
    if mine != recorded:
        why = "recorded by an older engine" if engines_agree or (theirs is None and mine is None) else "TO EXPLAIN"
        detail = f" ({peer[i]['error'][:70]})" if theirs is None else ""
        print(f"  {document:45} {date} snapshot {snapshot[:10]}: {key[1]}{detail} -> {why}")
print(f"\n{len(cases)} versions OTA recorded from a snapshot:")
for (a, b), n in sorted(counts.items()):
    print(f"  {n:4}  {a}, {b}")

# Documents whose file at demo-versions' HEAD our replay does not reproduce: run OTA's engine on the
# snapshot of OTA's last version and on the snapshot of ours (both with the declaration in force).
if len(sys.argv) > 6:
    replayed = sys.argv[6]
    head_date = git(versions, "log", "-1", "--format=%aI").strip()
    print(f"\nat demo-versions' HEAD ({head_date}):")
    checks, labels = [], []
    for path in git(versions, "ls-files", "*/*.md").splitlines():
        theirs = show(versions, "HEAD", path)
        ours_commit = git(replayed, "log", "-1", f"--until={head_date}", "--format=%H", "--", path).strip()
        if ours_commit and show(replayed, ours_commit, path) == theirs:
            continue
        document = path[:-3]
        service, terms_type = document.split("/", 1)
        for who, repo, commit in (("OTA", versions, git(versions, "log", "-1", "--format=%H", "--", path).strip()),
                                  ("ours", replayed, ours_commit)):
            snap = re.findall(r"\b[0-9a-f]{40}\b", git(repo, "log", "-1", "--format=%b", commit))[0]
            date = git(snapshots, "log", "-1", "--format=%aI", snap).strip()
            decl = declared(declarations, service, terms_type, date)
            html = os.path.join(work, f"head-{snap}.html")
            open(html, "wb").write(show(snapshots, snap, f"{document}.html"))
            checks.append({"html_file": html, "location": decl["fetch"], "select": decl["select"], "remove": decl.get("remove")})
            labels.append((document, who, date, snap, show(repo, commit, path).decode()))
    if checks:
        json.dump(checks, open(os.path.join(work, "head_jobs.json"), "w"))
        results = json.loads(subprocess.run(["node", os.path.join(root, "benches/terms/ota_extract.mjs"), os.path.join(work, "head_jobs.json")],
                                            capture_output=True, text=True, check=True, env=dict(os.environ, REPEAT="1")).stdout)
        for (document, who, date, snap, text), result in zip(labels, results):
            if "ok" in result:
                verdict = "gives the recorded text" if result["ok"] == text else "gives a different text"
            else:
                verdict = f"fails: {result['error'][:90]}"
            print(f"  {document}: {who} last recorded from snapshot {snap[:10]} ({date}); engine 9.1.0 on it {verdict}")
    else:
        print("  every document identical")
