"""Comparing cluster labels from two implementations."""

from __future__ import annotations

from collections.abc import Iterable


def same_partition(a: Iterable[object], b: Iterable[object]) -> bool:
    """Equal up to a permutation of labels (a bijection between label sets)."""
    forward: dict[object, object] = {}
    backward: dict[object, object] = {}
    for x, y in zip(a, b, strict=True):
        if forward.setdefault(x, y) != y or backward.setdefault(y, x) != x:
            return False
    return True
