"""The wheel people install: built with maturin (abi3, release), installed into a fresh virtual
environment outside the repository, it brings `import disinfo` with its types and the `disinfo`
command, and the first steps a newcomer follows (the README's Python examples, the guide's
Python getting-started page) run on it.

`./x test` builds the wheel once (as `./x dist` does) and passes it in ``DISINFO_WHEEL``; run alone,
this module builds its own (a release build: minutes).
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import tarfile
import tomllib
import venv
from collections.abc import Iterator
from typing import Any

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import code_blocks  # noqa: E402  (tools/ is not a package)

# The dev venv's maturin (python/requirements-dev.txt), beside this interpreter.
MATURIN = pathlib.Path(sys.executable).with_name("maturin")


def clean_env() -> dict[str, str]:
    """This process's environment without what would make the checkout's package importable."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    given = os.environ.get("DISINFO_WHEEL")
    if given:
        return pathlib.Path(given)
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [str(MATURIN), "build", "--release", "--locked", "--quiet", "--out", str(out)],
        cwd=ROOT / "python",
        check=True,
    )
    (built,) = out.glob("disinfo-*.whl")
    return built


@pytest.fixture(scope="module")
def sdist(wheel: pathlib.Path, tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The sdist built beside the wheel (``./x dist``), else one built here."""
    beside = sorted(wheel.parent.glob("disinfo-*.tar.gz"))
    if beside:
        return beside[0]
    out = tmp_path_factory.mktemp("sdist")
    subprocess.run([str(MATURIN), "sdist", "--out", str(out)], cwd=ROOT / "python", check=True,
                   capture_output=True)
    (built,) = out.glob("disinfo-*.tar.gz")
    return built


@pytest.fixture(scope="module")
def installed(wheel: pathlib.Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[pathlib.Path]:
    """A fresh virtual environment (outside the repository) with the wheel installed: its bin/."""
    where = tmp_path_factory.mktemp("fresh")
    assert ROOT not in where.parents
    venv.EnvBuilder(with_pip=True, clear=True).create(where / "venv")
    bin_dir = where / "venv" / "bin"
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         str(wheel)],
        check=True,
        env=clean_env(),
    )
    yield bin_dir


def run(bin_dir: pathlib.Path, *args: str, cwd: pathlib.Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bin_dir / args[0]), *args[1:]],
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_wheel_is_abi3_for_linux(wheel: pathlib.Path) -> None:
    assert wheel.name.startswith("disinfo-")
    assert "-abi3-" in wheel.name and "linux" in wheel.name and "x86_64" in wheel.name


def test_import_comes_from_the_fresh_environment_with_its_types(installed: pathlib.Path) -> None:
    out = run(installed, "python", "-c", "import disinfo, json; print(json.dumps([disinfo.__file__, disinfo.__version__]))",
              cwd=installed)
    assert out.returncode == 0, out.stderr
    path, version = json.loads(out.stdout)
    package = pathlib.Path(path).parent
    assert installed.parent in package.parents, path
    assert (package / "py.typed").is_file()
    assert (package / "_native.pyi").is_file()
    assert version == run(installed, "disinfo", "--version").stdout.split()[1]


def test_the_disinfo_command_comes_with_the_wheel(installed: pathlib.Path) -> None:
    out = run(installed, "disinfo", "--version")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("disinfo ")
    info = run(installed, "disinfo", "info")
    assert info.returncode == 0, info.stderr
    assert [t["name"] for t in json.loads(info.stdout)["tools"]][:4] == ["terms", "bots", "ads", "encyclopedia"]


def test_the_command_exits_2_on_usage_and_input_errors(installed: pathlib.Path) -> None:
    usage = run(installed, "disinfo", "terms", "no-such-command")
    assert usage.returncode == 2
    assert "no-such-command" in usage.stderr
    missing = run(installed, "disinfo", "encyclopedia", "check", "no/such/folder")
    assert missing.returncode == 2
    assert missing.stderr.startswith("error[io]"), missing.stderr


def test_the_command_exits_1_on_findings(installed: pathlib.Path, tmp_path: pathlib.Path) -> None:
    (tmp_path / "old.md").write_text("You may share.\n")
    (tmp_path / "new.md").write_text("You may not share.\n")
    out = run(installed, "disinfo", "terms", "diff", str(tmp_path / "old.md"), str(tmp_path / "new.md"))
    assert out.returncode == 1, out.stderr
    assert "+You may not share." in out.stdout


def test_python_m_disinfo_is_the_same_command(installed: pathlib.Path) -> None:
    out = run(installed, "python", "-m", "disinfo", "--version")
    assert out.returncode == 0, out.stderr
    assert out.stdout == run(installed, "disinfo", "--version").stdout


# What a newcomer follows: the README's examples and the guide's Python getting-started page.
FIRST_STEPS = [ROOT / "README.md", ROOT / "docs" / "src" / "getting-started" / "python.md"]
BLOCKS = [(page, b) for page in FIRST_STEPS for b in code_blocks.blocks(page, ["python"])]


def test_the_first_steps_have_python_examples() -> None:
    for page in FIRST_STEPS:
        assert any(p == page for p, _ in BLOCKS), f"{page.name} has no ```python block"


@pytest.mark.parametrize(
    "page,block", BLOCKS, ids=[f"{p.relative_to(ROOT)}:{b.line}" for p, b in BLOCKS]
)
def test_first_steps_run_on_the_installed_wheel(
    installed: pathlib.Path, page: pathlib.Path, block: Any, tmp_path: pathlib.Path
) -> None:
    script = tmp_path / "example.py"
    script.write_text(block.text)
    out = run(installed, "python", str(script))
    assert out.returncode == 0, f"{page.relative_to(ROOT)}:{block.line}\n{out.stderr}"


def locked_packages(lockfile: pathlib.Path) -> set[tuple[str, str]]:
    with lockfile.open("rb") as f:
        return {(p["name"], p["version"]) for p in tomllib.load(f)["package"]}


def test_the_sdist_builds_with_the_locked_versions(sdist: pathlib.Path, tmp_path: pathlib.Path) -> None:
    """A build from the sdist starts (pip's metadata step) and resolves the crates to the
    versions of the repository's lockfile: cargo only drops the packages of the workspace members
    the sdist leaves out (the compile itself is the one `./x` makes)."""
    with tarfile.open(sdist) as tar:
        tar.extractall(tmp_path, filter="data")
    (root,) = tmp_path.iterdir()
    shipped = locked_packages(root / "Cargo.lock")
    assert shipped == locked_packages(ROOT / "Cargo.lock")
    # pip's first step on an sdist (it failed while pyproject asked for --locked).
    resolved = subprocess.run(
        [str(MATURIN), "pep517", "write-dist-info", "--metadata-directory", str(tmp_path / "meta")],
        cwd=root,
        env={**clean_env(), "CARGO_NET_OFFLINE": "true"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert resolved.returncode == 0, resolved.stderr
    kept = locked_packages(root / "Cargo.lock")
    assert kept <= shipped, sorted(kept - shipped)
    names = {name for name, _ in kept}
    assert {"disinfo-python", "disinfo-cli", "pyo3"} <= names
    assert "napi" not in names  # the Node binding is not in the sdist
