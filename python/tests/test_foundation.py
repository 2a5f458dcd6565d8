"""The foundation: version, build info, the exception tree and the panic path."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

import disinfo
from disinfo import _native
from disinfo.errors import DisinfoError, InternalError, TermsError, TermsValueError


def cargo_version() -> str:
    import pathlib
    import tomllib

    root = pathlib.Path(__file__).resolve().parents[2]
    manifest = tomllib.loads((root / "Cargo.toml").read_text())
    return manifest["workspace"]["package"]["version"]


def test_version_is_the_crate_version() -> None:
    assert disinfo.__version__ == cargo_version()
    assert disinfo.version() == disinfo.__version__


def test_build_info_lists_the_four_tools_in_order() -> None:
    info = disinfo.build_info()
    assert info["name"] == "disinfo"
    assert info["version"] == disinfo.__version__
    assert [t["name"] for t in info["tools"]] == ["terms", "bots", "ads", "encyclopedia", "chat"]
    for tool in info["tools"]:
        assert tool["status"] in {"available", "not_implemented", "not_built"}
        assert (tool["status"] == "available") == bool(tool["capabilities"])


def test_forced_panic_is_internal_error_and_process_survives() -> None:
    with pytest.raises(InternalError) as caught:
        _native.call("core._force_panic", [])
    assert caught.value.code == "internal"
    assert caught.value.tool is None
    assert "deliberate panic" in str(caught.value)
    # Catchable as the root class, and the interpreter is still usable afterwards.
    with pytest.raises(DisinfoError):
        _native.call("core._force_panic", [])
    assert disinfo.version()


def test_forced_panic_in_a_subprocess_exits_cleanly() -> None:
    code = (
        "import disinfo, disinfo._native as n\n"
        "try:\n    n.call('core._force_panic', [])\nexcept disinfo.DisinfoError as e:\n    print(e.code)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "internal"


def test_value_errors_are_tool_errors_and_value_errors() -> None:
    err = TermsValueError("bad flavor", "invalid_argument", "terms")
    assert isinstance(err, TermsError)
    assert isinstance(err, ValueError)
    assert isinstance(err, DisinfoError)
    assert err.code == "invalid_argument"


def test_errors_pickle_with_their_code() -> None:
    err = TermsError("no match", "selector_no_match", "terms")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is TermsError
    assert (back.code, back.tool, str(back)) == ("selector_no_match", "terms", "no match")
