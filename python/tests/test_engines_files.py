"""Networks split by file (``disinfo.dask.coordinate_files``, ``disinfo.spark.coordinate_files``)
give the result of ``bots.coordinate`` on the same files: the real German election posts
(CooRTweet's wide form, rows without a post id rejected in lenient mode) split into files,
Twitter v1.1 timelines with a profile file and a tweet read twice, every platform format of
the same-account examples, and the errors one process gives."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from disinfo import bots
from disinfo.errors import BotsError, DisinfoError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "data" / "bots"
SAME_ACCOUNT = ROOT / "crates" / "disinfo-bots" / "tests" / "data" / "same_account"
OBSERVED = "2019-06-01T00:00:00Z"


def write_split(folder: Path, lines: list[str], parts: int, header: str | None = None) -> list[Path]:
    """``lines`` as ``parts`` files of consecutive lines (CSV files each with the header)."""
    step = -(-len(lines) // parts)
    paths = []
    for i in range(parts):
        path = folder / f"part-{i}"
        chunk = lines[i * step : (i + 1) * step]
        path.write_text("".join(f"{line}\n" for line in ([header] if header else []) + chunk), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def german_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The first 60,000 rows of the real German election posts as five CooRTweet files."""
    with gzip.open(EXAMPLES / "german_elections_2021.csv.gz", "rt", encoding="utf-8") as f:
        header = f.readline().rstrip("\n")
        rows = [f.readline().rstrip("\n") for _ in range(60_000)]
    return write_split(tmp_path_factory.mktemp("german"), rows, 5, header)


@pytest.fixture(scope="module")
def twitter_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The example timelines in three files (the first tweet read again at the end) and the
    standalone profile file."""
    lines = (EXAMPLES / "tweets.jsonl").read_text(encoding="utf-8").splitlines()
    return [*write_split(tmp_path_factory.mktemp("twitter"), [*lines, lines[0]], 3), EXAMPLES / "users.jsonl"]


def one_process(files: list[Path], input_format: Any, **options: Any) -> dict[str, Any]:
    """``bots.coordinate`` on the files, without evidence pairs (not carried by the engines)."""
    result: dict[str, Any] = dict(bots.coordinate([str(f) for f in files], input_format, **options))
    for edge in result["network"]["edges"]:
        edge["evidence"] = []
    result["network"]["options"]["evidence"] = 0
    return result


def engine_result(got: Any) -> dict[str, Any]:
    result: dict[str, Any] = dict(got)
    result["network"]["options"]["evidence"] = 0
    return result


GERMAN: dict[str, Any] = {"window": 60, "min_edge_weight": 2, "mode": "lenient"}
TWITTER: dict[str, Any] = {"window": 7 * 86_400, "observed_at": OBSERVED}


@pytest.mark.parametrize("parts", [1, 7])
@pytest.mark.parametrize("kind", ["co-link", "co-hashtag", "co-domain", "co-image"])
def test_dask_real_coortweet_files_equal_one_process(dask_client: Any, german_files: list[Path], kind: str, parts: int) -> None:
    from disinfo import dask as ddisinfo

    want = one_process(german_files, "coortweet", kind=kind, **GERMAN)
    assert len(want["network"]["edges"]) > 50, "the real data has edges"
    assert want["read"]["records_rejected"] > 0, "rows without a post id are rejected"
    got = ddisinfo.coordinate_files(german_files, "coortweet", kind, npartitions=parts, output="network", **GERMAN)
    assert engine_result(got) == want


def test_dask_edges_of_files_are_those_of_the_network(dask_client: Any, german_files: list[Path]) -> None:
    from disinfo import dask as ddisinfo

    want = one_process(german_files, "coortweet", kind="co-link", **GERMAN)["network"]["edges"]
    got = ddisinfo.coordinate_files(german_files, "coortweet", "co-link", **GERMAN)
    assert got.to_dict("records") == [{k: e[k] for k in got.columns} for e in want]
    lazy = ddisinfo.coordinate_files([str(f) for f in german_files], "coortweet", "co-link", output="dask", **GERMAN)
    pairs = {(r.source, r.target): r.weight for r in lazy.compute().itertuples()}
    assert pairs == {(e["source"], e["target"]): e["weight"] for e in want}


@pytest.mark.parametrize("kind", ["co-hashtag", "synchrony"])
def test_dask_twitter_files_keep_handles_and_duplicates(dask_client: Any, twitter_files: list[Path], kind: str) -> None:
    from disinfo import dask as ddisinfo

    want = one_process(twitter_files, "twitter-v1", kind=kind, **TWITTER)
    assert want["network"]["duplicate_posts"] == 1
    assert want["network"]["edges"] and all(n.get("handle") for n in want["network"]["nodes"])
    got = ddisinfo.coordinate_files(twitter_files, "twitter-v1", kind, npartitions=3, output="network", **TWITTER)
    assert engine_result(got) == want


@pytest.mark.parametrize(
    ("name", "input_format"),
    [
        ("twitter_v1.jsonl", "twitter-v1"),
        ("twitter_v2.json", "twitter-v2"),
        ("bluesky.json", "bluesky"),
        ("mastodon.json", "mastodon"),
        ("tiktok.json", "tiktok"),
    ],
)
def test_dask_every_platform_format(dask_client: Any, tmp_path: Path, name: str, input_format: Any) -> None:
    from disinfo import dask as ddisinfo

    # The same file twice: every post is a duplicate of the first file's (the Bluesky and
    # TikTok examples are a profile only: no post, a node-less network, the same).
    files = [SAME_ACCOUNT / name, SAME_ACCOUNT / name]
    options = {"window": 86_400, "observed_at": OBSERVED, "communities": True}
    want = one_process(files, input_format, kind="synchrony", **options)
    assert want["network"]["duplicate_posts"] == want["network"]["posts"] == (0 if input_format in ("bluesky", "tiktok") else 1)
    got = ddisinfo.coordinate_files(files, input_format, "synchrony", output="network", **options)
    assert engine_result(got) == want


def test_dask_no_files_is_the_network_of_nothing(dask_client: Any) -> None:
    from disinfo import dask as ddisinfo

    want = one_process([], "twitter-v2", kind="co-link", window=60)
    assert engine_result(ddisinfo.coordinate_files([], "twitter-v2", "co-link", 60, output="network")) == want
    assert ddisinfo.coordinate_files([], "twitter-v2", "co-link", 60).empty
    assert len(ddisinfo.coordinate_files([], "twitter-v2", "co-link", 60, output="dask").compute()) == 0


def test_dask_file_errors_are_those_of_one_process(dask_client: Any, tmp_path: Path) -> None:
    from disinfo import dask as ddisinfo

    bad = tmp_path / "bad.jsonl"
    lines = (EXAMPLES / "tweets.jsonl").read_text(encoding="utf-8").splitlines()
    bad.write_text("\n".join([lines[0], "{not json", lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(BotsError) as one:
        bots.coordinate(str(bad), "twitter-v1", kind="co-hashtag", window=60)
    with pytest.raises(BotsError) as engine:
        ddisinfo.coordinate_files([bad], "twitter-v1", "co-hashtag", 60)
    assert (type(engine.value), engine.value.code, str(engine.value)) == (type(one.value), one.value.code, str(one.value))
    with pytest.raises(DisinfoError) as missing:
        ddisinfo.coordinate_files([tmp_path / "absent.jsonl"], "twitter-v1", "co-hashtag", 60)
    assert "absent.jsonl" in str(missing.value)
    with pytest.raises(TypeError, match="observed"):
        ddisinfo.coordinate_files([bad], "twitter-v1", "co-hashtag", 60, observed="2019-01-01T00:00:00Z")
    # Reader options are for files only.
    with pytest.raises(TypeError, match="observed_at"):
        ddisinfo.coordinate(None, "co-hashtag", 60, observed_at=OBSERVED)
    with pytest.raises(DisinfoError):
        ddisinfo.coordinate_files([bad], "twitter-v9", "co-hashtag", 60)  # type: ignore[arg-type]


def test_spark_real_coortweet_files_equal_one_process(spark: Any, german_files: list[Path]) -> None:
    from disinfo import spark as sdisinfo

    want = one_process(german_files, "coortweet", kind="co-link", **GERMAN)
    got = sdisinfo.coordinate_files(german_files, "coortweet", "co-link", spark=spark, npartitions=7, output="network", **GERMAN)
    assert engine_result(got) == want


def test_spark_twitter_files_keep_handles_and_duplicates(spark: Any, twitter_files: list[Path]) -> None:
    from disinfo import spark as sdisinfo

    want = one_process(twitter_files, "twitter-v1", kind="co-hashtag", **TWITTER)
    got = sdisinfo.coordinate_files(twitter_files, "twitter-v1", "co-hashtag", spark=spark, output="network", **TWITTER)
    assert engine_result(got) == want
    # The default output: a Spark DataFrame of the edges, from the active session.
    edges = sdisinfo.coordinate_files([str(f) for f in twitter_files], "twitter-v1", "co-hashtag", **TWITTER).toPandas()
    assert edges.to_dict("records") == [{k: e[k] for k in edges.columns} for e in want["network"]["edges"]]


def test_spark_file_errors_are_those_of_one_process(spark: Any, tmp_path: Path) -> None:
    from disinfo import spark as sdisinfo

    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id_str": "1"}) + "\n", encoding="utf-8")
    with pytest.raises(BotsError) as one:
        bots.coordinate(str(bad), "twitter-v1", kind="co-hashtag", window=60)
    with pytest.raises(BotsError) as engine:
        sdisinfo.coordinate_files([bad], "twitter-v1", "co-hashtag", 60, spark=spark, output="pandas")
    assert (type(engine.value), engine.value.code, str(engine.value)) == (type(one.value), one.value.code, str(one.value))
    want = one_process([], "twitter-v2", kind="co-link", window=60)
    assert engine_result(sdisinfo.coordinate_files([], "twitter-v2", "co-link", 60, spark=spark, output="network")) == want
