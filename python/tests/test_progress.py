"""``progress=`` of the long calls: a tqdm-like object is advanced to the number of units done,
``True`` draws tqdm's bar, anything else is a typed error; results never change."""

from __future__ import annotations

import inspect
import io
from typing import Any

import pytest
import tqdm.auto

from disinfo import ads, terms
from disinfo.errors import AdsValueError, TermsValueError


class Recorder:
    """A tqdm-like object that remembers what it was told."""

    def __init__(self) -> None:
        self.total: Any = None
        self.n = 0
        self.totals: list[Any] = []
        self.closed = False

    def update(self, n: int = 1) -> None:
        assert n > 0
        self.n += n

    def refresh(self) -> None:
        self.totals.append(self.total)

    def close(self) -> None:
        self.closed = True


def jobs(count: int) -> list[Any]:
    return [
        {"id": str(i), "content": f"<main>clause {i}</main>", "location": "https://e.com/", "select": "main"}
        for i in range(count)
    ]


def test_extract_batch_advances_the_bar_to_every_job() -> None:
    bar = Recorder()
    results = terms.extract_batch(jobs(500), progress=bar)
    assert len(results) == 500
    assert bar.n == 500
    assert bar.total == 500
    assert not bar.closed, "a bar given by the caller stays open"


def test_results_are_the_same_with_and_without_a_bar() -> None:
    assert terms.extract_batch(jobs(50), progress=Recorder()) == terms.extract_batch(jobs(50))


def test_progress_true_draws_tqdm_and_closes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[Any] = []
    drawn = io.StringIO()
    original = tqdm.auto.tqdm

    def spy(*args: Any, **kwargs: Any) -> Any:
        bar = original(*args, file=drawn, **kwargs)
        made.append(bar)
        return bar

    monkeypatch.setattr(tqdm.auto, "tqdm", spy)
    terms.extract_batch(jobs(20), progress=True)
    (bar,) = made
    assert (bar.total, bar.n) == (20, 20)
    assert "terms.extract_batch" in drawn.getvalue()
    assert "20/20" in drawn.getvalue()
    assert bar.disable, "closed once the call returned"


def test_ads_audit_counts_files_over_every_collection(tmp_path: Any) -> None:
    dirs = ads.generate("fr2019", tmp_path, seed=2019)
    bar = Recorder()
    report = ads.audit(dirs, progress=bar)
    assert report == ads.audit(dirs)
    assert bar.total >= len(dirs)
    assert bar.n == bar.total


def test_a_wrong_progress_value_is_the_tools_value_error() -> None:
    with pytest.raises(TermsValueError) as info:
        terms.extract_batch(jobs(1), progress="yes")  # type: ignore[arg-type]
    assert info.value.code == "invalid_argument"
    assert "`progress`" in str(info.value)
    with pytest.raises(AdsValueError):
        ads.audit([], progress=3)  # type: ignore[arg-type]


def test_a_failing_bar_does_not_fail_the_call() -> None:
    class Broken(Recorder):
        def update(self, n: int = 1) -> None:
            raise RuntimeError("widget closed")

    assert len(terms.extract_batch(jobs(30), progress=Broken())) == 30


def test_only_the_long_calls_take_progress() -> None:
    long_calls = {terms.extract_batch, terms.replay, terms.track, ads.audit}
    for function in long_calls:
        assert inspect.signature(function).parameters["progress"].default is False
    assert "progress" not in inspect.signature(terms.extract).parameters
