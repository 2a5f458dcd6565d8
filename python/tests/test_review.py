"""The review in Python: a campaign from the bundled collections, the next ads for reviewers,
the summary and the exports, and what bad input gives."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from disinfo import ads
from disinfo.errors import AdsError, AdsValueError

ROOT = Path(__file__).resolve().parents[2]
DAYS = [ROOT / "examples/data/ads/meta-fr" / d for d in ("2019-05-20", "2019-05-27", "2019-06-03")]
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
def campaign() -> Any:
    return ads.review_campaign(DAYS, reviewers_per_ad=2, id="fr-2019")


def answer(item: str, reviewer: str, question: str, value: Any) -> dict[str, Any]:
    return {"item": item, "reviewer": reviewer, "question": question, "answer": value}


def test_campaign_puts_disappeared_ads_first_with_their_evidence(campaign: Any) -> None:
    assert campaign["id"] == "fr-2019"
    statuses = [a["status"] for a in campaign["ads"]]
    assert statuses[:2] == ["disappeared", "disappeared"]
    for ad in campaign["ads"]:
        assert len(ad["evidence"]["raw_hash"]) == 64
        assert ad["texts"], ad["item"]
    assert campaign["questionnaire"]["id"] == "fr-electoral"


def test_two_reviewers_reach_every_ad_and_the_summary_follows(campaign: Any) -> None:
    answers: list[dict[str, Any]] = []
    for reviewer, choice in (("ana", "political"), ("ben", "issue")):
        while True:
            nxt = ads.review_assign(campaign, answers, reviewer, count=1)
            if not nxt:
                break
            item = nxt[0]["item"]
            answers.append(answer(item, reviewer, "nature", choice))
            answers.append(answer(item, reviewer, "missing_information", ["amount"]))
            answers.append(answer(item, reviewer, "election", "european"))
            answers.append(answer(item, reviewer, "foreign_payer", "no"))
    items = {a["item"] for a in answers}
    assert items == {a["item"] for a in campaign["ads"]}
    summary = ads.review_summary(campaign, answers)
    assert summary["complete"] == len(campaign["ads"])
    assert set(summary["contested"]) == items
    nature = summary["questions"][0]
    assert nature["question"] == "nature" and nature["alpha"]["value"] < 0
    table = ads.review_export(campaign, answers, format="csv", table="ads")
    rows = list(csv.DictReader(io.StringIO(table)))
    assert {r["raw_hash"] for r in rows} == {a["evidence"]["raw_hash"] for a in campaign["ads"]}
    exported = json.loads(ads.review_export(campaign, answers))
    assert exported["answers"][0]["evidence"]["collection"].startswith("meta-fr-")


def test_hostile_text_is_data_and_bad_answers_are_refused(campaign: Any) -> None:
    item = campaign["ads"][0]["item"]
    comment = answer(item, "ana", "comment", "=" + HOSTILE)
    out = ads.review_export(campaign, [answer(item, "ana", "nature", "political"), comment], format="csv")
    assert "'=<script>" in out
    with pytest.raises(AdsValueError, match=r"answers\[0\]\.answer"):
        ads.review_summary(campaign, [answer(item, "ana", "nature", HOSTILE)])
    with pytest.raises(AdsValueError, match=r"answers\[0\]\.item"):
        ads.review_summary(campaign, [answer("nope", "ana", "nature", "political")])
    with pytest.raises(AdsValueError, match="longer than 5000"):
        ads.review_summary(campaign, [answer(item, "ana", "comment", "x" * 5001)])
    with pytest.raises(AdsValueError, match="reviewer"):
        ads.review_assign(campaign, [], "")
    with pytest.raises(AdsValueError, match="reviewers_per_ad"):
        ads.review_campaign(DAYS, reviewers_per_ad=0)
    with pytest.raises(AdsValueError, match="campaign"):
        ads.review_summary({"id": "x"}, [])
    many = [answer(item, f"r{i}", "nature", "political") for i in range(20_000)]
    assert ads.review_summary(campaign, many)["reviewers"] == 20_000


def test_questionnaire_files_are_checked(tmp_path: Path) -> None:
    default = ads.review_questionnaire()
    path = tmp_path / "q.json"
    path.write_text(json.dumps(default), encoding="utf-8")
    assert ads.review_questionnaire(path) == default
    broken = dict(default, questions=[dict(default["questions"][0], id="bad id")])
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(AdsError, match=r"questions\[0\]\.id") as caught:
        ads.review_questionnaire(path)
    assert caught.value.code == "invalid_questionnaire"
    with pytest.raises(AdsError) as missing:
        ads.review_questionnaire(tmp_path / "absent.toml")
    assert missing.value.code == "io"
