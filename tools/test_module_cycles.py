#!/usr/bin/env python3
"""Tests of tools/module_cycles.py on small fake crates written to a temporary directory.

Runs with `python3 tools/test_module_cycles.py` or under pytest.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import module_cycles  # noqa: E402  (imported from this directory, not an installed package)


class FakeWorkspace:
    """A temporary workspace root with crates written from {relative path: source} maps."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory()
        self.root = Path(self._dir.name)

    def close(self) -> None:
        self._dir.cleanup()

    def crate(self, name: str, files: dict[str, str], dependencies: str = "") -> None:
        directory = self.root / "crates" / name
        manifest = f'[package]\nname = "{name}"\nversion = "0.1.0"\n\n'
        manifest += f"[dependencies]\n{dependencies}"
        self.write(directory / "Cargo.toml", manifest)
        for relative, source in files.items():
            self.write(directory / relative, textwrap.dedent(source))

    @staticmethod
    def write(path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def cycles(self, *crates: str) -> list[module_cycles.Cycle]:
        targets = module_cycles.load_crates(self.root, list(crates) or None)
        return [c for t in targets for c in module_cycles.find_cycles(t)]

    def run(self, *args: str) -> tuple[int, str]:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = module_cycles.main(["--root", str(self.root), *args])
        return status, out.getvalue()


def edge_places(cycle: module_cycles.Cycle) -> dict[tuple[str, str], list[tuple[str, int]]]:
    """{(source, target): [(file name relative to the crate's src, line)]} of a cycle's edges."""
    places = {}
    for edge in cycle.edges:
        refs = sorted((r for r, _ in edge.references), key=lambda r: (str(r.file), r.line))
        places[(edge.source, edge.target)] = [
            (r.file.as_posix().split("/src/", 1)[1], r.line) for r in refs
        ]
    return places


class ModuleCyclesTest(unittest.TestCase):
    def setUp(self) -> None:
        self.ws = FakeWorkspace()
        self.addCleanup(self.ws.close)

    def test_cycle_found_with_its_lines(self) -> None:
        self.ws.crate(
            "demo",
            {
                "src/lib.rs": "pub mod a;\npub mod b;\n",
                "src/a.rs": "//! A.\n\nuse crate::b::B;\n\npub struct A(pub B);\n",
                "src/b.rs": "pub struct B;\n\npub fn make() -> crate::a::A {\n    todo!()\n}\n",
            },
        )
        [cycle] = self.ws.cycles()
        self.assertEqual(cycle.parent, ())
        self.assertEqual(cycle.members, ["a", "b"])
        self.assertEqual(
            edge_places(cycle), {("a", "b"): [("a.rs", 3)], ("b", "a"): [("b.rs", 3)]}
        )
        status, report = self.ws.run()
        self.assertEqual(status, 1)
        self.assertIn("demo: cycle in crate between a, b", report)
        self.assertIn("crates/demo/src/a.rs:3: use crate::b::B;", report)
        self.assertIn("crates/demo/src/b.rs:3: pub fn make() -> crate::a::A {", report)

    def test_no_cycle_exits_zero(self) -> None:
        self.ws.crate(
            "demo",
            {
                "src/lib.rs": "pub mod a;\npub mod b;\npub mod c;\n",
                "src/a.rs": "use crate::b::B;\nuse crate::c::C;\n",
                "src/b.rs": "pub struct B;\nuse crate::c::C;\n",
                "src/c.rs": "pub struct C;\n",
            },
        )
        self.assertEqual(self.ws.cycles(), [])
        status, report = self.ws.run()
        self.assertEqual(status, 0)
        self.assertIn("no cycles", report)

    def test_super_paths_are_relative_to_the_module(self) -> None:
        self.ws.crate(
            "demo",
            {
                "src/lib.rs": "pub mod outer;\npub mod other;\n",
                "src/other.rs": "pub struct O;\n",
                "src/outer/mod.rs": "pub mod x;\npub mod y;\n",
                "src/outer/x.rs": "use super::y::Y;\nuse super::super::other::O;\npub struct X;\n",
                "src/outer/y.rs": "pub struct Y;\n\nfn f() {\n    let _ = super::x::X;\n}\n",
            },
        )
        [cycle] = self.ws.cycles()
        self.assertEqual(cycle.parent, ("outer",))
        self.assertEqual(cycle.members, ["x", "y"])
        self.assertEqual(
            edge_places(cycle), {("x", "y"): [("outer/x.rs", 1)], ("y", "x"): [("outer/y.rs", 4)]}
        )
        status, report = self.ws.run()
        self.assertIn("cycle in crate::outer between outer/x, outer/y", report)

    def test_crate_paths_to_deep_modules_lift_to_the_common_parent(self) -> None:
        self.ws.crate(
            "demo",
            {
                "src/lib.rs": "pub mod model;\npub mod algo;\n",
                "src/model/mod.rs": "pub mod inner;\n",
                "src/model/inner/mod.rs": "pub mod deep;\n",
                # An item of a module that does not exist resolves to the deepest one that does.
                "src/model/inner/deep.rs": "pub fn f() -> crate::algo::run::Output { todo!() }\n",
                "src/algo/mod.rs": "pub mod run;\n",
                "src/algo/run.rs": (
                    "pub struct Output;\nuse crate::model::inner::deep::missing::Thing;\n"
                ),
            },
        )
        [cycle] = self.ws.cycles()
        self.assertEqual(cycle.parent, ())
        self.assertEqual(cycle.members, ["algo", "model"])
        self.assertEqual(
            edge_places(cycle),
            {
                ("algo", "model"): [("algo/run.rs", 2)],
                ("model", "algo"): [("model/inner/deep.rs", 1)],
            },
        )

    def test_test_modules_are_excluded(self) -> None:
        self.ws.crate(
            "demo",
            {
                "src/lib.rs": "pub mod a;\npub mod b;\n",
                "src/a.rs": "use crate::b::B;\npub struct A;\n",
                "src/b.rs": (
                    "pub struct B;\n\n#[cfg(test)]\nmod tests {\n    use crate::a::A;\n}\n\n"
                    "#[cfg(test)]\nmod more_tests;\n"
                ),
                "src/b/more_tests.rs": "use crate::a::A;\n",
            },
        )
        self.assertEqual(self.ws.cycles(), [])

    def test_bare_use_of_a_sibling_counts_unless_a_dependency_has_that_name(self) -> None:
        self.ws.crate(
            "demo",
            {
                "src/lib.rs": "pub mod shapes;\n",
                "src/shapes/mod.rs": "pub mod circle;\npub mod square;\npub mod regex;\n",
                "src/shapes/circle.rs": "use super::square;\npub struct Circle;\n",
                # `regex` here is the dependency crate, not the sibling module.
                "src/shapes/square.rs": (
                    "use circle::Circle;\nuse regex::Regex;\npub struct Square;\n"
                ),
                "src/shapes/regex.rs": "use square::Square;\npub struct Pattern;\n",
            },
            dependencies='regex = "1"\n',
        )
        [cycle] = self.ws.cycles()
        self.assertEqual(cycle.members, ["circle", "square"])
        self.assertEqual(
            edge_places(cycle),
            {
                ("circle", "square"): [("shapes/circle.rs", 1)],
                ("square", "circle"): [("shapes/square.rs", 1)],
            },
        )

    def test_a_reexport_does_not_hide_a_cycle(self) -> None:
        self.ws.crate(
            "demo",
            {
                "src/lib.rs": "pub mod kinds;\npub mod table;\n\npub use kinds::{Kind as Sort};\n",
                "src/kinds.rs": "pub enum Kind { A }\npub fn of() -> u8 { crate::table::ROWS }\n",
                "src/table.rs": "use crate::Sort;\npub const ROWS: u8 = 1;\n",
            },
        )
        [cycle] = self.ws.cycles()
        self.assertEqual(
            edge_places(cycle),
            {("kinds", "table"): [("kinds.rs", 2)], ("table", "kinds"): [("table.rs", 1)]},
        )
        status, report = self.ws.run()
        self.assertIn(
            "crates/demo/src/table.rs:1: use crate::Sort;\n"
            "        through the re-export at crates/demo/src/lib.rs:4: "
            "pub use kinds::{Kind as Sort};",
            report,
        )

    def test_comments_and_strings_are_not_code(self) -> None:
        self.ws.crate(
            "demo",
            {
                "src/lib.rs": "pub mod a;\npub mod b;\n",
                "src/a.rs": "use crate::b::B;\n",
                "src/b.rs": (
                    "//! See [`crate::a::A`].\n"
                    "// use crate::a::A;\n"
                    "/* crate::a /* nested */ crate::a */\n"
                    'const S: &str = "crate::a::A";\n'
                    'const R: &str = r#"use crate::a::A;"#;\n'
                    "const C: char = '\"';\n"
                    "pub struct B<'a>(&'a str);\n"
                ),
            },
        )
        self.assertEqual(self.ws.cycles(), [])

    def test_self_paths_and_inline_modules(self) -> None:
        self.ws.crate(
            "demo",
            {
                "src/lib.rs": (
                    "pub mod a {\n"
                    "    pub struct A(pub self::b::B);\n"
                    "    pub mod b {\n"
                    "        pub struct B;\n"
                    "        pub fn f() -> super::super::c::C { todo!() }\n"
                    "    }\n"
                    "}\n"
                    "pub mod c;\n"
                    # Precise capturing is not a `use` declaration.
                    "pub fn g<'a>(s: &'a str) -> impl Sized + use<'a> {\n"
                    "    s\n"
                    "}\n"
                    "mod d {\n"
                    "    pub struct D;\n"
                    "    fn f() -> crate::c::C { todo!() }\n"
                    "}\n"
                ),
                "src/c.rs": "pub struct C(pub crate::a::A);\n",
            },
        )
        [cycle] = self.ws.cycles()
        self.assertEqual(cycle.members, ["a", "c"])
        self.assertEqual(
            edge_places(cycle), {("a", "c"): [("lib.rs", 5)], ("c", "a"): [("c.rs", 1)]}
        )
        targets = module_cycles.load_crates(self.ws.root)
        edges = module_cycles.edges_of(targets[0])
        self.assertIn(((), "d", "c"), edges)

    def test_path_attribute_and_three_module_cycle(self) -> None:
        self.ws.crate(
            "demo",
            {
                "src/lib.rs": '#[path = "impls/first.rs"]\npub mod a;\npub mod b;\npub mod c;\n',
                "src/impls/first.rs": "use crate::b::B;\n",
                "src/b.rs": "use crate::c::C;\npub struct B;\n",
                "src/c.rs": "pub struct C;\nuse crate::a;\n",
            },
        )
        [cycle] = self.ws.cycles()
        self.assertEqual(cycle.members, ["a", "b", "c"])
        self.assertEqual(
            edge_places(cycle),
            {
                ("a", "b"): [("impls/first.rs", 1)],
                ("b", "c"): [("b.rs", 1)],
                ("c", "a"): [("c.rs", 2)],
            },
        )

    def test_crate_option_checks_one_crate(self) -> None:
        cyclic = {
            "src/lib.rs": "mod a;\nmod b;\n",
            "src/a.rs": "use crate::b::B;\n",
            "src/b.rs": "use crate::a::A;\n",
        }
        self.ws.crate("disinfo-left", cyclic)
        self.ws.crate("disinfo-right", {"src/lib.rs": "mod a;\n", "src/a.rs": "pub struct A;\n"})
        self.assertEqual(self.ws.run("--crate", "disinfo-right")[0], 0)
        self.assertEqual(self.ws.run("--crate", "right")[0], 0)
        status, report = self.ws.run("--crate", "left")
        self.assertEqual(status, 1)
        self.assertIn("disinfo-left: cycle", report)
        self.assertEqual(self.ws.run("--crate", "absent")[0], 2)

    def test_use_groups_report_each_name_on_its_own_line(self) -> None:
        self.ws.crate(
            "demo",
            {
                "src/lib.rs": "pub mod a;\npub mod b;\n",
                "src/a.rs": "use crate::{\n    b::{self, B},\n    b::C as D,\n};\n",
                "src/b.rs": "use crate::a::*;\n",
            },
        )
        [cycle] = self.ws.cycles()
        self.assertEqual(
            edge_places(cycle),
            {("a", "b"): [("a.rs", 2), ("a.rs", 2), ("a.rs", 3)], ("b", "a"): [("b.rs", 1)]},
        )
        status, report = self.ws.run("--all-references")
        self.assertIn("crates/demo/src/a.rs:3: b::C as D,", report)


if __name__ == "__main__":
    unittest.main()
