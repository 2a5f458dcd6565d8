"""RFC 8785 canonical JSON in Python: sorted keys (UTF-16 order), no spaces, ECMAScript numbers."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _string(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _number(f: float) -> str:
    """ECMAScript Number.prototype.toString of a finite float."""
    if not math.isfinite(f):
        raise ValueError(f"{f} is not a JSON number")
    if f == 0:
        return "0"
    sign = "-" if f < 0 else ""
    # repr gives the shortest round-trip digits; Decimal splits them from the exponent.
    parts = Decimal(repr(abs(f))).normalize().as_tuple()
    digits = "".join(map(str, parts.digits))
    exponent = len(digits) + int(parts.exponent) - 1
    k, n = len(digits), exponent + 1
    if k <= n <= 21:
        body = digits + "0" * (n - k)
    elif 0 < n <= 21:
        body = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        body = "0." + "0" * (-n) + digits
    else:
        rest = "." + digits[1:] if k > 1 else ""
        e = n - 1
        body = f"{digits[0]}{rest}e{'+' if e >= 0 else '-'}{abs(e)}"
    return sign + body


def canonical(value: Any) -> str:
    """The canonical JSON text of a plain Python value (dict, list, str, int, float, bool, None)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(canonical(v) for v in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: k.encode("utf-16-be"))
        return "{" + ",".join(_string(k) + ":" + canonical(value[k]) for k in keys) + "}"
    raise TypeError(f"not a JSON value: {type(value).__name__}")
