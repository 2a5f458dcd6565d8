"""Tests of disinfo.bots: features as numpy arrays with a mask, adapters, rules, errors."""

from __future__ import annotations

import math
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pytest

from disinfo import BotsError, BotsValueError, DisinfoError, bots

DATA = Path(__file__).resolve().parents[2] / "crates" / "disinfo-bots" / "tests" / "data" / "same_account"
OBSERVED = "2021-06-23T15:27:11Z"


def test_worked_example_numbers_from_python() -> None:
    f = bots.features(DATA / "twitter_v1.jsonl", "twitter-v1")
    assert f.values.dtype == np.float64 and f.mask.dtype == np.bool_
    assert f.values.shape == (1, len(bots.PROFILE_COLUMNS) + len(bots.BEHAVIOUR_COLUMNS))
    assert f.columns == list(bots.PROFILE_COLUMNS + bots.BEHAVIOUR_COLUMNS)
    assert f.column("age_h")[0] == pytest.approx(19968.31, abs=0.01)
    assert f.column("posts_per_hour")[0] == pytest.approx(0.027093, abs=1e-6)
    assert f.column("followers_following_ratio")[0] == pytest.approx(0.98480, abs=1e-5)


def test_missing_values_are_nan_and_masked_never_constants() -> None:
    f = bots.features(DATA / "bluesky.json", "bluesky", observed_at=OBSERVED, behaviour=False)
    j = f.columns.index("likes_given")
    assert math.isnan(f.values[0, j]) and f.mask[0, j]
    assert np.array_equal(np.isnan(f.values), f.mask)


def test_same_account_same_features_on_four_platforms() -> None:
    shared = ["age_h", "posts", "followers", "following", "posts_per_hour", "followers_following_ratio",
              "handle_length", "name_length", "description_length", "handle_likelihood"]
    rows = []
    for name, fmt in [("twitter_v1.jsonl", "twitter-v1"), ("twitter_v2.json", "twitter-v2"),
                      ("bluesky.json", "bluesky"), ("mastodon.json", "mastodon")]:
        f = bots.features(DATA / name, fmt, observed_at=OBSERVED, behaviour=False)
        rows.append([f.column(c)[0] for c in shared])
    for row in rows[1:]:
        assert row == rows[0]


def test_to_pandas_has_contract_columns_in_order() -> None:
    pytest.importorskip("pandas")
    f = bots.features(DATA / "twitter_v1.jsonl", "twitter-v1", behaviour=False)
    df = f.to_pandas()
    assert list(df.columns) == ["account_id", "handle", *bots.PROFILE_COLUMNS]
    assert df.loc[0, "handle"] == "anna_martin"
    assert df.loc[0, "followers"] == 583.0


def test_strict_mode_raises_malformed_record_with_line() -> None:
    text = '{"id":"1","username":"a"}\n{"id":"2","username":\n{"id":"3","username":"c"}\n'
    with pytest.raises(BotsError) as info:
        bots.features_from_text(text, "twitter-v2", observed_at=OBSERVED)
    assert info.value.code == "malformed_record"
    assert "line 2" in str(info.value)
    assert isinstance(info.value, DisinfoError) and not isinstance(info.value, ValueError)


def test_lenient_mode_reports_rejections_with_line_numbers() -> None:
    text = '{"id":"1","username":"a"}\n{"id":"2","username":\n{"id":"3","username":"c"}\n'
    f = bots.features_from_text(text, "twitter-v2", mode="lenient", observed_at=OBSERVED)
    assert f.account_ids == ["1", "3"]
    assert [r["line"] for r in f.rejected] == [2]
    assert f.read["records_read"] == 3 and f.read["records_rejected"] == 1


def test_invalid_utf8_bytes_are_rejected_not_dropped() -> None:
    data = b'{"id":"1","username":"a\xff"}\n{"id":"2","username":"b"}\n'
    f = bots.features_from_text(data, "twitter-v2", mode="lenient", observed_at=OBSERVED)
    assert f.account_ids == ["2"] and f.rejected[0]["line"] == 1


def test_bad_arguments_are_value_errors() -> None:
    with pytest.raises(BotsValueError) as info:
        bots.features_from_text("", "twitter-v9")
    assert info.value.code == "invalid_argument"
    with pytest.raises(ValueError):
        bots.features_from_text("", "twitter-v2", observed_at="yesterday")
    with pytest.raises(ValueError):
        bots.features_from_text("", "twitter-v2", observed_at=datetime(2021, 1, 1))
    with pytest.raises(ValueError):
        bots.features_from_text("", "twitter-v2", utc_offset_minutes=5000)


def test_aware_datetime_is_accepted_for_observed_at() -> None:
    f = bots.features(DATA / "tiktok.json", "tiktok", observed_at=datetime(2021, 6, 23, tzinfo=timezone.utc))
    assert f.mask[0, f.columns.index("age_h")]
    assert f.column("followers_following_ratio")[0] == pytest.approx(0.98480, abs=1e-5)


def test_missing_file_fails_with_code_io() -> None:
    with pytest.raises(BotsError) as info:
        bots.features("/nonexistent/file.jsonl", "twitter-v1")
    assert info.value.code == "io"


def test_dormant_rule_preset_on_synthetic_like_input(tmp_path: Path) -> None:
    path = tmp_path / "users.jsonl"
    path.write_text(
        '{"id":"1","username":"maria48213377","created_at":"2019-04-01T00:00:00Z","protected":false,'
        '"public_metrics":{"followers_count":0,"following_count":40,"tweet_count":3}}\n'
        '{"id":"2","username":"zero","created_at":"2019-04-01T00:00:00Z","protected":false,'
        '"public_metrics":{"followers_count":0,"following_count":0,"tweet_count":3}}\n'
    )
    r = bots.rule("dormant_2019", path, "twitter-v2", observed_at=OBSERVED, behaviour=False)
    assert [o["verdict"] for o in r["outcomes"]] == ["pass", "undefined"]
    assert r["passed"] == 1


def test_handle_likelihood_orders_names_above_random_strings() -> None:
    a = bots.handle_likelihood("marie_dupont")
    b = bots.handle_likelihood("xq7zk2v9wj")
    assert a is not None and b is not None and a > b
    assert bots.handle_likelihood("") is None


def test_synthetic_is_seeded_and_returns_planted_truth() -> None:
    a = bots.synthetic(seed=3, organic=20, dormant_bots=5, amplifiers=2, coordinated_groups=1, group_size=4)
    b = bots.synthetic(seed=3, organic=20, dormant_bots=5, amplifiers=2, coordinated_groups=1, group_size=4)
    assert a == b and a["seed"] == 3
    assert len(a["accounts"]) == len(a["planted"]) == 31
    assert sum(p["population"] == "coordinated" for p in a["planted"]) == 4
