"""Golden dispatch of the `bots.*` calls to the Python package."""

import math
from typing import Any, Callable

from disinfo import bots


def _features_from_text(data: str, input_format: str, **kwargs: Any) -> dict[str, Any]:
    # The JSON shape of the Rust `FeaturesResult`: the numpy matrix as rows, NaN as null.
    f = bots.features_from_text(data, input_format, **kwargs)
    rows = [[None if math.isnan(v) else float(v) for v in row] for row in f.values.tolist()]
    assert all(bool(m) == (r is None) for row_m, row in zip(f.mask.tolist(), rows) for m, r in zip(row_m, row))
    return {
        "features": {"account_ids": f.account_ids, "handles": f.handles, "columns": f.columns, "rows": rows},
        "read": f.read,
    }


CALLS: dict[str, Callable[..., Any]] = {
    # --- adapters and features ---
    "features_from_text": _features_from_text,
    "handle_likelihood": bots.handle_likelihood,
    # --- coordination networks ---
    "coordinate_text": bots.coordinate_text,
    # --- feature clustering ---
    "cluster_features": bots.cluster_features,
}
