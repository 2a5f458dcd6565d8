"""Ads: audit ad archives for removed, missing and inconsistent ads, with evidence.

Load successive collections of an ad repository (Meta ``ads_archive`` JSON, Meta Ad Library
report CSV, Google political-ads CSV, Google Ads Transparency Center, TikTok commercial content
API, Snapchat political ads CSV, neutral JSONL), each a folder of raw files plus a
``collection.json``, and audit them::

    from disinfo import ads

    dirs = ads.generate("fr2019", "/tmp/fr")        # the May 2019 French case, synthetic
    report = ads.audit(dirs)
    report["pairs"][0]["rates"]                    # {'gross': 0.3658, 'net': 0.3145, ...}
    print(ads.render(report, "markdown"))
    ads.to_pandas(report, "advertisers")           # needs pandas

The report is a plain dict with the same JSON shape as in Rust, Node and the CLI.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Mapping, Sequence, Union

from disinfo import _native

if TYPE_CHECKING:  # pragma: no cover
    import pandas  # type: ignore[import-untyped, unused-ignore]

__all__ = ["REGIMES", "TABLES", "audit", "render", "search", "generate", "to_pandas"]

PathLike = Union[str, "os.PathLike[str]"]

REGIMES: tuple[str, ...] = ("dsa_39_2", "dsa_39_3", "ttpa_12", "platform_pledge")
"""Regimes whose mandatory fields can be checked."""

TABLES: tuple[str, ...] = ("pairs", "countries", "advertisers", "coverage", "evidence", "rejected")
"""Tables of the report that render as CSV or convert to pandas."""


def _paths(dirs: Sequence[PathLike] | PathLike) -> list[str]:
    if isinstance(dirs, (str, os.PathLike)):
        return [os.fspath(dirs)]
    return [os.fspath(d) for d in dirs]


def audit(
    dirs: Sequence[PathLike],
    *,
    regimes: Sequence[str] | None = None,
    strict: bool | None = None,
    evidence_limit: int | None = None,
    retention_days: Mapping[str, int] | None = None,
    late_after_hours: int | None = None,
    share_tolerance: float | None = None,
    shared_payer_min_advertisers: int | None = None,
) -> dict[str, Any]:
    """Audits collection folders, oldest first.

    Returns the report: ``collections``, ``pairs`` (``from``, ``to``, ``comparable``,
    ``sizes``, ``common``, ``added``, ``disappeared`` by class, ``rates``), ``countries``,
    ``advertisers``, ``coverage``, ``findings``, ``violations``, ``evidence``, ``rejected``.
    Raises :class:`disinfo.errors.AdsError` subclasses with a stable ``.code``.
    """
    options: dict[str, Any] = {}
    for name, value in (
        ("regimes", list(regimes) if regimes is not None else None),
        ("strict", strict),
        ("evidence_limit", evidence_limit),
        ("retention_days", dict(retention_days) if retention_days is not None else None),
        ("late_after_hours", late_after_hours),
        ("share_tolerance", share_tolerance),
        ("shared_payer_min_advertisers", shared_payer_min_advertisers),
    ):
        if value is not None:
            options[name] = value
    result: dict[str, Any] = _native.ads_audit(_paths(dirs), options)
    return result


def render(report: Mapping[str, Any], format: str = "markdown", table: str | None = None) -> str:
    """Renders a report as ``json``, ``markdown`` or ``csv`` (one of :data:`TABLES`)."""
    text: str = _native.ads_render(dict(report), format, table)
    return text


def search(
    pattern: str,
    dirs: Sequence[PathLike],
    *,
    regex: bool = False,
    case_insensitive: bool = True,
    max_hits: int | None = None,
    strict: bool = False,
) -> dict[str, Any]:
    """Searches collection folders for a keyword (or a regex): hits with locators, and for
    each matched ad the collections it is present in and missing from."""
    options: dict[str, Any] = {"regex": regex, "case_insensitive": case_insensitive, "strict": strict}
    if max_hits is not None:
        options["max_hits"] = max_hits
    result: dict[str, Any] = _native.ads_search(pattern, _paths(dirs), options)
    return result


def generate(
    scenario: str,
    out_dir: PathLike,
    *,
    seed: int = 2019,
    days: int | None = None,
    ads: int | None = None,
) -> list[str]:
    """Writes a seeded synthetic scenario: ``fr2019`` (13,550 then 9,288 Meta v3.3 ads) or
    ``bench`` (``days`` collections of ``ads`` ads). Returns the collection folders."""
    dirs: list[str] = _native.ads_generate(scenario, os.fspath(out_dir), seed, days, ads)
    return dirs


def to_pandas(report: Mapping[str, Any], table: str = "pairs") -> "pandas.DataFrame":
    """One table of a report as a pandas DataFrame (nested objects flattened with ``.``)."""
    import pandas  # type: ignore[import-untyped, unused-ignore]

    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; use one of {', '.join(TABLES)}")
    return pandas.json_normalize(list(report[table]))
