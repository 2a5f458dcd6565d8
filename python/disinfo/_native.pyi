# The compiled extension. Every operation goes through `call`; the typed functions users import
# are in the tool modules (disinfo/terms.py, ...), generated from the same operation specs.
from typing import Any, Mapping, Sequence

def call(
    operation: str,
    args: Sequence[Any],
    options: Mapping[str, Any] | None = None,
    progress: Any = None,
    columnar: bool = False,
) -> Any: ...

def cli_main(argv: list[str]) -> int: ...
