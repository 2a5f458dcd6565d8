"""The API contract as Python callers meet it: options are checked by name (snake_case or
camelCase, misspellings refused with "did you mean"), every error carries a stable code, hostile
inputs end in a coded error and never in a crash or a hang, and paths and datetimes are taken in
their Python forms."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

import pytest

import disinfo
from disinfo import _native, ads, bots, encyclopedia, terms
from disinfo.errors import (
    AdsValueError,
    BotsValueError,
    DisinfoError,
    DisinfoValueError,
    EncyclopediaValueError,
    TermsError,
    TermsValueError,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "data" / "bots" / "coordination" / "qut_sample_data.csv"
SAME_ACCOUNT = ROOT / "crates" / "disinfo-bots" / "tests" / "data" / "same_account"
DECLARATION = ROOT / "examples" / "data" / "terms" / "extract" / "Open Terms Archive.json"
IMPRINT = ROOT / "examples" / "data" / "terms" / "extract" / "imprint.html"
ENCYCLOPEDIA = ROOT / "examples" / "data" / "encyclopedia"
META_FR = ROOT / "examples" / "data" / "ads" / "meta-fr"
OBSERVED = "2021-06-23T15:27:11Z"
SQUARE = [[1.0, 2.0], [3.0, 4.0], [5.0, 7.0]]
HTML = "<main><h1>T</h1><p>x</p></main>"
BIG = "x" * (50 * 1024 * 1024)


def nested_dict(levels: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(levels):
        value = {"a": value}
    return value


def nested_list(levels: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(levels):
        value = [value]
    return value


def coded(call: Callable[[], Any], cls: type[DisinfoError], code: str) -> DisinfoError:
    """The error `call` raises: of class `cls` with `code`, and (for arguments) a ValueError."""
    with pytest.raises(cls) as info:
        call()
    assert info.value.code == code, info.value
    if code == "invalid_argument":
        assert isinstance(info.value, ValueError)
    return info.value


# --- options: named, in either spelling, misspellings refused ---------------------------------


MISSPELT: list[tuple[str, Callable[[], Any], type[DisinfoError], str, str]] = [
    ("terms.diff", lambda: terms.diff("a", "b", granularty="word"), TermsValueError, "granularty", "granularity"),  # type: ignore[call-arg]
    ("bots.coordinate", lambda: bots.coordinate(SAMPLE, "qut-csv", windw=5), BotsValueError, "windw", "window"),  # type: ignore[call-arg]
    ("bots.cluster_features", lambda: bots.cluster_features(SQUARE, log1P=True), BotsValueError, "log1P", "log1p"),  # type: ignore[call-arg]
    ("bots.coordinate camelCase", lambda: bots.coordinate(SAMPLE, "qut-csv", minEdgeWieght=2), BotsValueError, "minEdgeWieght", "minEdgeWeight"),  # type: ignore[call-arg]
    ("ads.search", lambda: ads.search("x", [META_FR / "2019-05-20"], max_hit=3), AdsValueError, "max_hit", "max_hits"),  # type: ignore[call-arg]
    ("encyclopedia.check_files", lambda: encyclopedia.check_files({}, max_deph=3), EncyclopediaValueError, "max_deph", "max_depth"),  # type: ignore[call-arg]
]


@pytest.mark.parametrize("call,cls,name,suggestion", [m[1:] for m in MISSPELT], ids=[m[0] for m in MISSPELT])
def test_misspelt_option_is_invalid_argument_naming_it_with_did_you_mean(
    call: Callable[[], Any], cls: type[DisinfoError], name: str, suggestion: str
) -> None:
    err = coded(call, cls, "invalid_argument")
    assert f"`{name}`" in str(err)
    assert f"did you mean `{suggestion}`?" in str(err)


def test_unknown_option_with_no_close_name_is_named_with_the_accepted_ones() -> None:
    # `terms_type` is an option of extract_declared and track, not of diff.
    err = coded(lambda: terms.diff("a", "b", terms_type="Nope"), TermsValueError, "invalid_argument")  # type: ignore[call-arg]
    assert str(err) == (
        "invalid argument `terms_type`: unknown option; accepted: `context_lines`, `detect_moves`, "
        "`granularity`, `new_name`, `old_name`"
    )


def test_camel_case_and_snake_case_options_are_the_same_option() -> None:
    default = bots.coordinate(SAMPLE, "qut-csv", kind="co-link", window=3600)
    snake = bots.coordinate(SAMPLE, "qut-csv", kind="co-link", window=3600, min_edge_weight=5)
    camel = bots.coordinate(SAMPLE, "qut-csv", kind="co-link", window=3600, minEdgeWeight=5)  # type: ignore[call-arg]
    assert camel == snake
    assert 0 < len(snake["network"]["edges"]) < len(default["network"]["edges"])
    assert all(e["weight"] >= 5 for e in camel["network"]["edges"])


def test_one_option_in_both_spellings_is_refused() -> None:
    err = coded(
        lambda: bots.coordinate(SAMPLE, "qut-csv", min_edge_weight=2, minEdgeWeight=5),  # type: ignore[call-arg]
        BotsValueError,
        "invalid_argument",
    )
    assert "`minEdgeWeight`" in str(err) and "given too" in str(err)


# --- every error carries a code, wrong types included -----------------------------------------


def test_a_number_where_paths_are_expected_is_a_coded_value_error() -> None:
    err = coded(lambda: bots.features(42, "twitter-v1"), BotsValueError, "invalid_argument")  # type: ignore[arg-type]
    assert str(err) == "invalid argument `inputs`: must be a path or a list, found 42"


@pytest.mark.parametrize("window", ["abc", True, False, [60]], ids=repr)
def test_window_of_the_wrong_type_is_refused_never_coerced(window: Any) -> None:
    # True is not 1 s.
    err = coded(lambda: bots.coordinate(SAMPLE, "qut-csv", window=window), BotsValueError, "invalid_argument")
    assert str(err).startswith("invalid argument `window`: must be a number, found ")


def test_an_option_given_as_none_takes_its_default() -> None:
    # `window=None` means "not given", as in any Python API: the default window (60 s).
    assert bots.coordinate(SAMPLE, "qut-csv", window=None) == bots.coordinate(SAMPLE, "qut-csv")


def test_cluster_features_on_a_dataframe_reads_its_id_column_and_names_text_columns() -> None:
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame({
        "account_id": ["a", "b", "c"], "lang": ["fr", "de", "fr"],
        "followers": [1.0, 2.0, 30.0], "posts": [3.0, 4.0, 50.0],
    })
    result = bots.cluster_features(frame, method="kmeans", params={"n_clusters": 2})
    assert result["account_ids"] == ["a", "b", "c"]
    assert result["columns"] == ["followers", "posts"] and len(result["labels"]) == 3
    assert any("`lang`" in note for note in result["notes"])
    # A frame whose only columns are text has nothing to cluster: a coded error, not an empty result.
    err = coded(lambda: bots.cluster_features(frame[["account_id", "lang"]]), BotsValueError, "invalid_argument")
    assert "column" in str(err)


def test_bytes_where_text_is_expected_is_a_coded_value_error() -> None:
    err = coded(lambda: terms.diff(b"a", "b"), TermsValueError, "invalid_argument")  # type: ignore[arg-type]
    assert "`old`" in str(err) and "found bytes" in str(err)
    err = coded(lambda: terms.diff("a", "b", old_name=b"v1"), TermsValueError, "invalid_argument")  # type: ignore[arg-type]
    assert "`old_name`" in str(err)


def test_options_that_are_not_a_mapping_are_a_coded_error_never_a_rendering() -> None:
    err = coded(lambda: _native.call("terms.diff_render", ["a", "b"], "markdown"), TermsValueError, "invalid_argument")  # type: ignore[arg-type]
    assert "options must be an object of named options" in str(err)


def test_a_bad_argument_that_belongs_to_no_tool_is_a_disinfo_value_error() -> None:
    err = coded(lambda: _native.call("terms.dif", ["a", "b"]), TermsValueError, "invalid_argument")
    assert "did you mean `terms.diff`?" in str(err)
    err = coded(lambda: _native.call("nothing", []), DisinfoValueError, "invalid_argument")
    assert err.tool is None and isinstance(err, ValueError)
    err = coded(lambda: _native.call("core.version", [1]), DisinfoValueError, "invalid_argument")
    assert "at most 0 accepted" in str(err)


# --- hostile inputs: a coded error, never a crash or a hang ----------------------------------


def test_options_nested_ten_thousand_levels_deep_are_refused() -> None:
    err = coded(lambda: terms.diff("a", "b", granularity=nested_dict(10_000)), TermsValueError, "invalid_argument")  # type: ignore[arg-type]
    assert "nested deeper than" in str(err)
    assert len(str(err)) < 1_000


def test_arguments_nested_ten_thousand_levels_deep_are_refused() -> None:
    err = coded(lambda: bots.export_network(nested_list(10_000)), BotsValueError, "invalid_argument")  # type: ignore[arg-type]
    assert "nested deeper than" in str(err)
    cycle: list[Any] = []
    cycle.append(cycle)
    coded(lambda: bots.export_network(cycle), BotsValueError, "invalid_argument")  # type: ignore[arg-type]


def test_a_50_mb_option_name_is_refused_promptly_with_a_short_message() -> None:
    # It took minutes (an edit distance against every option) before suggestions were limited.
    err = coded(lambda: terms.diff("a", "b", **{BIG: 1}), TermsValueError, "invalid_argument")  # type: ignore[arg-type]
    assert "unknown option" in str(err)
    assert len(str(err)) < 1_000


def test_a_50_mb_string_where_a_value_is_expected_is_refused_with_a_short_message() -> None:
    err = coded(lambda: terms.diff("a", "b", granularity=BIG), TermsValueError, "invalid_argument")  # type: ignore[arg-type]
    assert str(err).startswith("invalid argument `granularity`: unknown value `xxx")
    assert len(str(err)) < 1_000
    err = coded(lambda: bots.coordinate(SAMPLE, "qut-csv", window=BIG), BotsValueError, "invalid_argument")  # type: ignore[arg-type]
    assert str(err) == "invalid argument `window`: must be a number, found a long string"


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf], ids=repr)
def test_non_finite_numbers_are_refused(value: float) -> None:
    err = coded(lambda: bots.coordinate(SAMPLE, "qut-csv", window=value), BotsValueError, "invalid_argument")
    assert "must be a finite number" in str(err)
    err = coded(lambda: bots.cluster_features(SQUARE, params={"eps": value}), BotsValueError, "invalid_argument")
    assert "`params.eps`" in str(err)
    if math.isnan(value):
        # NaN is a missing value: the column is left out, as the CLI does, and a note says so.
        result = bots.cluster_features([[1.0, value], [2.0, 3.0]])
        assert result["dropped_columns"] == ["x1"] and "`x1` left out" in result["notes"][0]
    else:
        err = coded(lambda: bots.cluster_features([[1.0, value], [2.0, 3.0]]), BotsValueError, "invalid_argument")
        assert "`matrix`: column `x1`, row 0 (account 0) is infinite" in str(err)


def test_integers_beyond_64_bits_are_refused() -> None:
    err = coded(lambda: bots.coordinate(SAMPLE, "qut-csv", window=10**30), BotsValueError, "invalid_argument")
    assert "`window`" in str(err)


def test_text_with_lone_surrogates_is_refused() -> None:
    err = coded(lambda: terms.diff("\ud800", "b"), TermsValueError, "invalid_argument")
    assert "`old`" in str(err)


class RaisingPath:
    def __fspath__(self) -> str:
        raise RuntimeError("the path is gone")


def test_a_path_object_whose_fspath_raises_is_a_coded_error() -> None:
    err = coded(lambda: terms.load_declaration(RaisingPath()), TermsValueError, "invalid_argument")
    assert "`path`" in str(err) and "the path is gone" in str(err)
    err = coded(lambda: bots.features([SAMPLE, RaisingPath()], "qut-csv"), BotsValueError, "invalid_argument")
    assert "`inputs[1]`" in str(err)


def test_a_hook_that_raises_is_hook_failed() -> None:
    def boom(_: str) -> str:
        raise KeyError("nope")

    for hook in ("before", "after"):
        err = coded(lambda: terms.extract(HTML, location="https://e.com/", select="main", **{hook: boom}), TermsError, "hook_failed")  # type: ignore[arg-type]
        assert f"the {hook} hook failed" in str(err) and "nope" in str(err)
        assert not isinstance(err, ValueError)


@pytest.mark.parametrize("returned", [42, None, b"<main>x</main>", ["x"]], ids=repr)
def test_a_hook_that_returns_no_str_is_hook_failed(returned: Any) -> None:
    err = coded(
        lambda: terms.extract(HTML, location="https://e.com/", select="main", before=lambda _: returned),
        TermsError,
        "hook_failed",
    )
    assert "the before hook failed" in str(err)


def test_a_hook_that_is_not_callable_is_a_coded_value_error() -> None:
    err = coded(lambda: terms.extract(HTML, location="https://e.com/", select="main", after="upper"), TermsValueError, "invalid_argument")  # type: ignore[arg-type]
    assert "`after`" in str(err)


def test_a_bad_css_selector_is_invalid_selector() -> None:
    err = coded(lambda: terms.extract(HTML, location="https://e.com/", select="main["), TermsValueError, "invalid_selector")
    assert '"main["' in str(err)


# --- paths and datetimes in their Python forms ------------------------------------------------


def test_pathlib_paths_are_accepted_wherever_a_path_is(tmp_path: Path) -> None:
    assert terms.load_declaration(DECLARATION) == terms.load_declaration(str(DECLARATION))
    assert terms.validate(DECLARATION.parent) == terms.validate([str(DECLARATION.parent)])
    snapshot = IMPRINT.read_bytes()
    assert terms.extract_declared([snapshot], declaration=DECLARATION, terms_type="Imprint") == terms.extract_declared(
        [snapshot], declaration=str(DECLARATION), terms_type="Imprint"
    )
    tweets = SAME_ACCOUNT / "twitter_v1.jsonl"
    assert bots.read(tweets, "twitter-v1") == bots.read([str(tweets)], "twitter-v1")
    assert bots.features([tweets], "twitter-v1").account_ids == ["1106186789012345678"]
    assert bots.coordinate(SAMPLE, "qut-csv") == bots.coordinate(str(SAMPLE), "qut-csv")
    assert bots.rule("dormant_2019", tweets, "twitter-v1") == bots.rule("dormant_2019", str(tweets), "twitter-v1")
    assert encyclopedia.check(ENCYCLOPEDIA) == encyclopedia.check(str(ENCYCLOPEDIA))
    week = META_FR / "2019-05-20"
    assert ads.audit([week]) == ads.audit([str(week)])
    described = {"dir": week, "platform": "meta", "collected_at": "2019-05-20T08:00:00Z", "countries": ["FR"]}
    assert ads.audit([described])["collections"][0]["id"] == "2019-05-20"  # type: ignore[list-item]
    assert ads.search("sondage", [week]) == ads.search("sondage", [str(week)])
    dirs = ads.generate("bench", tmp_path / "bench", days=2, ads=10)
    assert [Path(d).parent for d in dirs] == [tmp_path / "bench"] * 2


def test_an_aware_datetime_is_accepted_for_observed_at() -> None:
    profile = SAME_ACCOUNT / "bluesky.json"
    text = bots.features(profile, "bluesky", observed_at=OBSERVED, behaviour=False)
    utc = datetime(2021, 6, 23, 15, 27, 11, tzinfo=timezone.utc)
    paris = utc.astimezone(timezone(timedelta(hours=2)))
    for when in (utc, paris):
        f = bots.features(profile, "bluesky", observed_at=when, behaviour=False)
        assert f.column("age_h")[0] == text.column("age_h")[0] > 0


def test_a_naive_datetime_is_refused_with_a_coded_error() -> None:
    naive = datetime(2021, 6, 23, 15, 27, 11)
    err = coded(
        lambda: bots.features(SAME_ACCOUNT / "bluesky.json", "bluesky", observed_at=naive),  # type: ignore[arg-type]
        BotsValueError,
        "invalid_argument",
    )
    assert str(err) == "invalid argument `observed_at`: must be a timezone-aware datetime (e.g. tzinfo=timezone.utc)"


def test_every_error_class_is_reachable_from_the_package_root() -> None:
    for name in ("DisinfoError", "DisinfoValueError", "InternalError", "TermsError", "BotsValueError", "AdsError"):
        assert issubclass(getattr(disinfo, name), DisinfoError)
