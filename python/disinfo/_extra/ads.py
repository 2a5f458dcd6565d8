"""Python views of ads results: report tables as pandas DataFrames."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

from disinfo.errors import AdsValueError

if TYPE_CHECKING:  # pragma: no cover
    import pandas  # type: ignore[import-untyped]  # optional: disinfo[pandas], no stubs needed

__all__ = ["REGIMES", "TABLES", "to_pandas"]

REGIMES: tuple[str, ...] = ("dsa_39_2", "dsa_39_3", "ttpa_12", "platform_pledge")
"""Regimes whose mandatory fields an audit can check."""

TABLES: tuple[str, ...] = ("pairs", "countries", "advertisers", "coverage", "evidence", "rejected", "notes")
"""Tables of a report that render as CSV or convert to pandas."""


def to_pandas(report: Mapping[str, Any], table: str = "pairs") -> "pandas.DataFrame":
    """One table of an audit report as a pandas DataFrame (nested objects flattened with ``.``).
    Needs pandas (``pip install disinfo[pandas]``)."""
    import pandas

    if not isinstance(table, str) or table not in TABLES:
        raise AdsValueError(f"unknown table `{table!s:.100}`; use one of {', '.join(TABLES)}", "invalid_argument", "ads")
    rows = report.get(table) if isinstance(report, Mapping) else None
    if not isinstance(rows, list) or not all(isinstance(row, Mapping) for row in rows):
        raise AdsValueError(
            f"invalid argument `report`: must be an audit report (a mapping whose `{table}` is a list of objects)",
            "invalid_argument",
            "ads",
        )
    try:
        return pandas.json_normalize(rows)
    except (TypeError, ValueError, LookupError, AttributeError, RecursionError) as e:
        raise AdsValueError(f"invalid argument `report`: its `{table}` table cannot be read: {e!s:.200}", "invalid_argument", "ads") from e
