"""The notebooks of examples/notebooks run from top to bottom and say what the API says.

Each notebook is executed with nbclient in a `python3` kernel of this interpreter (ipykernel in
the .venv), from its own folder as a reader would run it, with a time limit per cell. Then:
- every cell tagged `chart` produced a PNG (a figure that failed to draw would leave none);
- the last cell printed a JSON summary of the notebook's key numbers, which must equal what this
  test computes itself through the public API (and, where the data set documents them, the
  published figures);
- the committed notebooks carry no outputs (tools/strip_notebooks.py removes them).
"""

from __future__ import annotations

import collections
import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from disinfo import ads, bots, encyclopedia, terms

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "examples" / "notebooks"
DATA = ROOT / "examples" / "data"
STRIP = ROOT / "tools" / "strip_notebooks.py"
PLANTED = ROOT / "tests" / "golden" / "cases" / "encyclopedia-planted-defects" / "corpus"
NAMES = ["terms_history.ipynb", "bots_pipeline.ipynb", "ads_audit_2019.ipynb", "encyclopedia_corpus.ipynb"]
CELL_TIMEOUT = 300  # seconds; the slowest cell takes about 5 s on an idle 2-core machine


def execute(name: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, dict[str, Any]]:
    """Runs a notebook; returns it with its outputs and its JSON summary."""
    # The kernel inherits the environment: a non-interactive MPLBACKEND (Agg) would keep the
    # figures out of the outputs.
    monkeypatch.delenv("MPLBACKEND", raising=False)
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    started = time.monotonic()
    client.execute()
    print(f"{name}: executed in {time.monotonic() - started:.1f} s")

    charts = [cell for cell in notebook.cells if "chart" in cell.metadata.get("tags", [])]
    assert charts, f"{name} has no cell tagged chart"
    for cell in charts:
        images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
        assert len(images) == 1, f"{name}: chart cell {cell.id} gave {len(images)} PNG outputs"
    last = [cell for cell in notebook.cells if cell.cell_type == "code"][-1]
    text = "".join(o.get("text", "") for o in last.outputs if o.get("output_type") == "stream")
    return notebook, json.loads(text)


def test_committed_notebooks_have_no_outputs() -> None:
    found = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    assert found == sorted(NAMES)
    for name in NAMES:
        notebook = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
        assert notebook["nbformat"] == 4
        assert notebook["metadata"]["kernelspec"]["name"] == "python3"
        assert notebook["cells"][0]["cell_type"] == "markdown", f"{name} starts with a code cell"
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, (
                    f"{name}: cell {cell['id']} has outputs; run tools/strip_notebooks.py"
                )
    check = subprocess.run([sys.executable, str(STRIP), "--check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_strip_notebooks_removes_outputs_and_keeps_sources(tmp_path: Path) -> None:
    executed = nbformat.v4.new_notebook()
    executed.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    code = nbformat.v4.new_code_cell("print(1 + 1)", id="c1", execution_count=3)
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="2\n")]
    code.metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00Z"}
    code.metadata["tags"] = ["chart"]
    executed.cells = [nbformat.v4.new_markdown_cell("# Title", id="c0"), code]
    path = tmp_path / "a.ipynb"
    nbformat.write(executed, path)

    def strip(*args: str) -> int:
        return subprocess.run([sys.executable, str(STRIP), *args], capture_output=True).returncode

    assert strip("--check", str(tmp_path)) == 1
    assert strip(str(tmp_path)) == 0
    stripped = nbformat.read(path, as_version=4)
    nbformat.validate(stripped)
    cell = stripped.cells[1]
    assert (cell.outputs, cell.execution_count, cell.source, cell.id) == ([], None, "print(1 + 1)", "c1")
    assert cell.metadata == {"tags": ["chart"]}
    assert stripped.cells[0].source == "# Title"
    # Stripped once is stripped: a second run changes nothing.
    assert strip("--check", str(path)) == 0


def test_terms_history_notebook(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _, summary = execute("terms_history.ipynb", monkeypatch)

    repo = tmp_path / "demo-versions"
    bundle = NOTEBOOKS / "data" / "ota-demo-versions.bundle"
    subprocess.run(["git", "clone", "--quiet", str(bundle), str(repo)], check=True, capture_output=True)
    report = terms.history(repo)
    source_changes = [c for c in report["changes"] if c["kind"] == "update"]
    expected: dict[str, dict[str, int]] = collections.defaultdict(dict)
    counts = collections.Counter(
        (c["service"], c["date"][:4]) for c in source_changes if c["classification"] == "substantive"
    )
    for (service, year), n in counts.items():
        expected[service][year] = n
    assert summary["substantive_per_service_year"] == expected
    assert summary["documents"] == len(report["terms"]) == 19  # the collection's 19 documents
    assert summary["versions"] == report["stats"]["versions"]
    assert summary["versions"] == sum(len(t["versions"]) for t in report["terms"])
    assert summary["changes"] == report["stats"]["changes"] == len(report["changes"])
    assert summary["technical_upgrades"] == report["stats"]["technical_upgrades"]
    assert sum(sum(y.values()) for y in expected.values()) == sum(
        1 for c in source_changes if c["classification"] == "substantive"
    )

    # The example is the newest substantive change of GitHub's terms of service (changes come
    # newest first), read through version_at and diffed.
    example = summary["example"]
    newest = next(
        c
        for c in source_changes
        if (c["service"], c["terms_type"]) == ("GitHub", "Terms of Service")
        and c["classification"] == "substantive"
    )
    assert (example["from"], example["to"]) == (newest["from"], newest["to"])
    dates = {v["id"]: v["date"] for v in terms.versions(repo, "GitHub", "Terms of Service")}
    old = terms.version_at(repo, "GitHub", "Terms of Service", dates[newest["from"]])["text"]
    new = terms.version_at(repo, "GitHub", "Terms of Service", dates[newest["to"]])["text"]
    diff = terms.diff(old, new)
    assert example["classification"] == diff["classification"] == "substantive"
    assert example["changes"] == len(diff["changes"]) == newest["changes"]


def test_bots_pipeline_notebook(monkeypatch: pytest.MonkeyPatch) -> None:
    _, summary = execute("bots_pipeline.ipynb", monkeypatch)

    data = DATA / "bots" / "german_elections_2021.csv.gz"
    features = bots.features(data, "coortweet", mode="lenient")
    assert summary["rows"] == features.read["records_read"] == 218_971  # as the data's README says
    assert summary["records_rejected"] == features.read["records_rejected"] == 3
    assert summary["accounts"] == len(features)

    columns = ["n_posts", "posts_per_day_mean", "posts_per_day_max", "hour_entropy",
               "night_share", "urls_per_post", "hashtags_per_post"]
    clusters = bots.cluster_features(features, method="kmeans", columns=columns,
                                     params={"n_clusters": 5, "random_state": 42})
    sizes = sorted(collections.Counter(clusters.labels.tolist()).values(), reverse=True)
    assert summary["cluster_sizes"] == sizes
    assert sum(sizes) == len(features)

    network = bots.coordinate(
        data, "coortweet", kind="co-link", window=60, mode="lenient", communities=True
    )
    nodes = {n["id"] for n in network["network"]["nodes"]}
    assert summary["posts"] == network["network"]["posts"]
    net = summary["network"]
    assert net["accounts"] == len(nodes)
    assert net["edges"] == len(network["network"]["edges"])
    analysis = network["analysis"]
    assert analysis is not None
    component_sizes = sorted(
        collections.Counter(analysis["component_of"].values()).values(), reverse=True
    )
    assert net["components"] == len(component_sizes)
    assert net["largest_components"] == component_sizes[:5]
    assert net["communities"] == len(analysis["communities"])
    assert net["drawn_accounts"] == sum(s for s in component_sizes if s >= 10)


def test_ads_audit_2019_notebook(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _, summary = execute("ads_audit_2019.ipynb", monkeypatch)

    replica_dirs: list[ads.CollectionArg] = list(ads.generate("fr2019", tmp_path))
    report = ads.audit(replica_dirs)
    pair = report["pairs"][0]
    replica = summary["replica"]
    # The figures of May 2019: 13,550 then 9,288 ads, 4,957 gone, 695 new.
    assert replica["sizes"] == [pair["sizes"]["from"], pair["sizes"]["to"]] == [13_550, 9_288]
    assert replica["added"] == pair["added"] == 695
    assert replica["common"] == pair["common"]
    assert replica["disappeared"] == pair["disappeared"]
    assert replica["disappeared"]["total"] == 4_957
    assert replica["rates"] == pair["rates"]
    assert replica["violations"] == report["violations"]
    assert replica["advertisers"] == len(report["advertisers"])
    ranked = sorted(report["advertisers"], key=lambda a: (-a["disappeared"], a["advertiser_name"]))
    assert replica["top_advertisers"] == [[a["advertiser_name"], a["disappeared"]] for a in ranked[:5]]
    assert sum(a["disappeared"] for a in report["advertisers"]) == pair["disappeared"]["total"]

    meta = DATA / "ads" / "meta-fr"
    google = DATA / "ads" / "google-fr"
    bundled: dict[str, list[ads.CollectionArg]] = {
        "meta-fr": [meta / "2019-05-20", meta / "2019-05-27", meta / "2019-06-03"],
        "google-fr": [google / "week-1", google / "week-2"],
    }
    for name, dirs in bundled.items():
        totals: collections.Counter[str] = collections.Counter()
        for p in ads.audit(dirs)["pairs"]:
            totals.update({k: v for k, v in p["disappeared"].items() if k != "total"})
        per_class = summary["bundled_per_class"][name]
        assert per_class == {k: totals[k] for k in per_class}
    # The planted cases of the README: an ad that comes back, an ad moved to another advertiser.
    assert summary["bundled_per_class"]["meta-fr"]["reappeared"] == 1
    assert summary["bundled_per_class"]["google-fr"]["reattributed"] == 1


def test_encyclopedia_corpus_notebook(monkeypatch: pytest.MonkeyPatch) -> None:
    _, summary = execute("encyclopedia_corpus.ipynb", monkeypatch)

    corpus = DATA / "encyclopedia"
    report = encyclopedia.check(corpus)
    assert (summary["entries"], summary["errors"], summary["warnings"]) == (
        report["entries"], report["errors"], report["warnings"],
    )
    files = [p for p in corpus.glob("*/*.md") if not p.parent.name.startswith("_")]
    assert summary["per_section"] == dict(sorted(collections.Counter(p.parent.name for p in files).items()))
    assert sum(summary["per_kind"].values()) == sum(summary["per_lang"].values()) == report["entries"]
    texts = {p: p.read_text(encoding="utf-8") for p in files}
    assert summary["text_links"] == sum(t.count("](entry:") for t in texts.values())
    # No orphan warning (RF007) in the corpus: an entry nothing refers to must be a translation.
    assert not [d for d in report["diagnostics"] if d["rule"] == "RF007"]
    for entry_id in summary["graph"]["unreferenced"]:
        text = next(t for t in texts.values() if re.search(rf"^id: {re.escape(entry_id)}$", t, re.M))
        assert re.search(r"^translation_of: ", text, re.M), entry_id
    assert sum(summary["graph"]["components"]) == report["entries"]

    planted = encyclopedia.check(PLANTED)
    found = summary["planted"]
    assert (found["errors"], found["warnings"]) == (planted["errors"], planted["warnings"])
    assert found["per_rule"] == dict(collections.Counter(d["rule"] for d in planted["diagnostics"]))
