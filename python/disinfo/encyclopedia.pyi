import os
from collections.abc import Mapping
from typing import Any, Union

Schema = Union[Mapping[str, Any], str, os.PathLike[str], None]

def check(
    path: str | os.PathLike[str],
    *,
    schema: Schema = ...,
    max_front_matter_bytes: int | None = ...,
    max_nodes: int | None = ...,
    max_depth: int | None = ...,
) -> dict[str, Any]: ...
def check_files(
    files: Mapping[str, str | bytes],
    *,
    schema: Schema = ...,
    max_front_matter_bytes: int | None = ...,
    max_nodes: int | None = ...,
    max_depth: int | None = ...,
) -> dict[str, Any]: ...
def migrate(old_dir: str | os.PathLike[str], new_dir: str | os.PathLike[str], created: str) -> dict[str, Any]: ...
def migrate_pages(pages: Mapping[str, str | bytes], created: str) -> dict[str, Any]: ...
def rules() -> list[dict[str, str]]: ...
def schema() -> dict[str, Any]: ...
def to_text(report: Mapping[str, Any]) -> str: ...

__all__ = ["check", "check_files", "migrate", "migrate_pages", "rules", "schema", "to_text"]
