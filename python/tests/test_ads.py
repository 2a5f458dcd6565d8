"""Tests of disinfo.ads: the FR 2019 case, rendering, search, errors, pandas conversion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from disinfo import ads
from disinfo.errors import AdsError, AdsValueError, DisinfoError


@pytest.fixture(scope="module")
def fr_dirs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return ads.generate("fr2019", tmp_path_factory.mktemp("fr"), seed=2019)


def test_fr2019_disappeared_added_and_rates(fr_dirs: list[str]) -> None:
    report = ads.audit(fr_dirs, evidence_limit=2)
    pair = report["pairs"][0]
    assert pair["sizes"] == {"from": 13550, "to": 9288}
    assert pair["common"] == 8593
    assert pair["added"] == 695
    assert pair["disappeared"]["total"] == 4957
    assert pair["rates"] == {"gross": 0.3658, "net": 0.3145, "unexplained": 0.3658}
    assert report["violations"] >= 4957


def test_render_markdown_and_csv(fr_dirs: list[str]) -> None:
    report = ads.audit(fr_dirs, evidence_limit=1)
    md = ads.render(report, format="markdown")
    assert "| fr-2019-05-20 → fr-2019-05-27 | ok | 13550 → 9288 | 8593 | 695 | 4957 |" in md
    assert ads.render(report) == md  # markdown is the default
    csv_text = ads.render(report, format="csv", table="pairs")
    assert csv_text.splitlines()[1].startswith("fr-2019-05-20,fr-2019-05-27,13550,9288,8593,695,4957")
    assert json.loads(ads.render(report, format="json"))["pairs"][0]["added"] == 695


def test_search_finds_keyword_with_locator(fr_dirs: list[str]) -> None:
    # Every synthetic ad names its payer "Association de financement de la liste ...": one hit
    # per ad record in both collections.
    result = ads.search("Association de financement", fr_dirs, max_hits=3)
    assert result["total_hits"] == 13550 + 9288
    assert len(result["hits"]) == 3 and result["hits_omitted"] == 13550 + 9288 - 3
    hit = result["hits"][0]
    assert hit["field"] == "/funding_entity"
    assert hit["locator"]["pointer"] == "/data/0"
    assert "Association de financement" in hit["excerpt"]
    assert hit["payer"] == hit["excerpt"]
    assert hit["advertiser_name"]
    missing = [a for a in result["ads"] if a["missing_from"]]
    assert len(missing) == 4957


def test_unknown_regime_raises_value_error_with_code(fr_dirs: list[str]) -> None:
    with pytest.raises(AdsValueError) as info:
        ads.audit(fr_dirs, regimes=["gdpr"])
    assert info.value.code == "invalid_argument"
    assert isinstance(info.value, ValueError)


def test_missing_collection_json_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(AdsError) as info:
        ads.audit([tmp_path])
    assert info.value.code == "invalid_collection"
    assert isinstance(info.value, DisinfoError)


def test_bad_regex_is_invalid_pattern(fr_dirs: list[str]) -> None:
    with pytest.raises(AdsValueError) as info:
        ads.search("(", fr_dirs, regex=True)
    assert info.value.code == "invalid_pattern"


def test_to_pandas_pairs(fr_dirs: list[str]) -> None:
    pandas = pytest.importorskip("pandas")
    report = ads.audit(fr_dirs, evidence_limit=0)
    df = ads.to_pandas(report, "pairs")
    assert isinstance(df, pandas.DataFrame)
    assert int(df.loc[0, "disappeared.total"]) == 4957
