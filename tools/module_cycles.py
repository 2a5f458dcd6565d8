#!/usr/bin/env python3
"""Finds dependency cycles between sibling modules of the workspace's Rust crates.

A cycle between two modules means neither can be understood, tested or moved without the other;
the usual cure is to move what both need into a lower module that both use. This check keeps the
module tree a tree of layers. It needs only the Python standard library.

Definition (what `./x lint` enforces):

- Each crate under `crates/` and `bindings/` is read from its root (`src/lib.rs`, `src/main.rs`,
  `src/bin/*.rs` or the `path` of `[lib]`/`[[bin]]`), following `mod` declarations to `foo.rs` or
  `foo/mod.rs` (or a `#[path]`). Inline `mod name { ... }` blocks are modules too. Modules marked
  `#[cfg(test)]`, and modules named `tests`, are left out with everything in them.
- For every module, its direct child modules are the nodes of one graph.
- An edge A -> B exists when code in A, or in any module below A, names an item under sibling B:
  a `crate::` path (resolved to the deepest module that exists, then lifted to the children of the
  common parent), a `super::` or `self::` path, or a path in a `use` that starts with a sibling's
  name (unless a dependency crate has that name). Comments, doc comments and string literals do
  not count. Imports are followed: `crate::Severity`, with `pub use diagnostic::Severity` in the
  crate root, names module `diagnostic` (a re-export does not hide a dependency). Glob imports
  (`use a::*`) are not followed.
- A cycle is a strongly connected component of more than one node (Tarjan's algorithm). Each is
  reported with one reference (file:line and the line itself) for every edge inside it, so a
  reader can see what to move.

Usage: module_cycles.py [--root DIR] [--crate NAME ...] [--all-references]
Exit status: 0 without cycles, 1 when a cycle is found, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    """One Rust token: `kind` is ident, str, char, lifetime, num, punct or eof."""

    kind: str
    text: str
    line: int


_WHITESPACE = re.compile(r"\s+")
_LINE_COMMENT = re.compile(r"//[^\n]*")
_RAW_STRING_START = re.compile(r"(?:b|c)?r(#*)\"")
_STRING = re.compile(r"(?:b|c)?\"(?:\\.|[^\"\\])*\"", re.DOTALL)
_CHAR = re.compile(r"b?'(?:\\(?:u\{[0-9a-fA-F_]+\}|x[0-9a-fA-F]{2}|.)|[^'\\\n])'")
_LIFETIME = re.compile(r"'[^\W\d]\w*")
_IDENT = re.compile(r"(?:r#)?[^\W\d]\w*|\$crate")
_NUMBER = re.compile(r"\d\w*")


def tokenize(text: str) -> list[Token]:
    """Splits Rust source into tokens, dropping whitespace and comments; ends with an eof token.

    Only what the module graph needs is told apart: identifiers, literals (so that a path inside a
    string is not taken for code) and single punctuation characters, with `::` kept whole.
    """
    tokens: list[Token] = []
    pos, line, end = 0, 1, len(text)
    while pos < end:
        c = text[pos]
        if c.isspace():
            m = _WHITESPACE.match(text, pos)
            assert m is not None
            line += m.group().count("\n")
            pos = m.end()
            continue
        if text.startswith("//", pos):
            m = _LINE_COMMENT.match(text, pos)
            assert m is not None
            pos = m.end()
            continue
        if text.startswith("/*", pos):
            stop = _block_comment_end(text, pos)
            line += text.count("\n", pos, stop)
            pos = stop
            continue
        m = _RAW_STRING_START.match(text, pos)
        if m:
            closing = '"' + m.group(1)
            stop = text.find(closing, m.end())
            stop = end if stop < 0 else stop + len(closing)
            tokens.append(Token("str", text[pos:stop], line))
            line += text.count("\n", pos, stop)
            pos = stop
            continue
        for kind, pattern in (("str", _STRING), ("char", _CHAR), ("lifetime", _LIFETIME)):
            m = pattern.match(text, pos)
            if m:
                tokens.append(Token(kind, m.group(), line))
                line += m.group().count("\n")
                pos = m.end()
                break
        else:
            m = _IDENT.match(text, pos) or _NUMBER.match(text, pos)
            if m:
                kind = "num" if m.group()[0].isdigit() else "ident"
                tokens.append(Token(kind, m.group(), line))
                pos = m.end()
            elif text.startswith("::", pos):
                tokens.append(Token("punct", "::", line))
                pos += 2
            else:
                tokens.append(Token("punct", c, line))
                pos += 1
    tokens.append(Token("eof", "", line))
    return tokens


def _block_comment_end(text: str, start: int) -> int:
    """The index just past the block comment opening at `start` (Rust block comments nest)."""
    depth, pos = 0, start
    while pos < len(text):
        if text.startswith("/*", pos):
            depth += 1
            pos += 2
        elif text.startswith("*/", pos):
            depth -= 1
            pos += 2
            if depth == 0:
                return pos
        else:
            pos += 1
    return len(text)


# ---------------------------------------------------------------------------------------------
# Crates and their module trees
# ---------------------------------------------------------------------------------------------

ModPath = tuple[str, ...]


@dataclass
class Reference:
    """A path in the code of module `source` that names something in the crate."""

    source: ModPath
    # "crate" (absolute), "relative" (already made absolute) or "bare" (a `use` path whose first
    # segment may be a sibling's name).
    kind: str
    segments: tuple[str, ...]
    file: Path
    line: int
    # The name a `use` gives the item in `source`, when the reference is a `use`.
    imported_as: str | None = None


@dataclass
class Module:
    """One module of a crate: where its code is and which modules it declares."""

    path: ModPath
    file: Path
    children: dict[str, Module] = field(default_factory=dict)


@dataclass
class CrateTarget:
    """One module tree: the library or one binary of a package."""

    label: str
    root: Module
    references: list[Reference]
    extern_names: frozenset[str]
    # Per module, the names its `use` declarations bring in and where they come from.
    imports: dict[ModPath, dict[str, Reference]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for ref in self.references:
            if ref.imported_as is not None:
                self.imports.setdefault(ref.source, {})[ref.imported_as] = ref

    def module(self, path: ModPath) -> Module | None:
        """The module at `path`, or None when the tree has no such module."""
        node = self.root
        for name in path:
            child = node.children.get(name)
            if child is None:
                return None
            node = child
        return node


@dataclass
class Manifest:
    """What the check needs from a Cargo.toml: names, target roots and dependency names."""

    directory: Path
    name: str
    roots: list[tuple[str, Path]]
    dependencies: frozenset[str]


_SECTION = re.compile(r"^\s*\[\[?([^\]]+)\]\]?\s*$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*=\s*(.*)$")
# Dependency crates every crate can name without declaring them.
_BUILTIN_CRATES = frozenset({"std", "core", "alloc", "proc_macro", "test"})


def read_manifest(directory: Path) -> Manifest:
    """Reads the parts of `directory/Cargo.toml` the check uses (a line reader, enough for ours)."""
    section, name = "", directory.name
    lib_path: str | None = None
    bin_paths: list[str] = []
    dependencies: set[str] = set()
    for raw in (directory / "Cargo.toml").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0] if not raw.lstrip().startswith("[") else raw
        header = _SECTION.match(line)
        if header:
            section = header.group(1).strip()
            continue
        key = _KEY.match(line)
        if not key:
            continue
        k, value = key.group(1), key.group(2).strip()
        if section == "package" and k == "name":
            name = value.strip("\"'")
        elif section == "lib" and k == "path":
            lib_path = value.strip("\"'")
        elif section == "bin" and k == "path":
            bin_paths.append(value.strip("\"'"))
        elif section.endswith("dependencies") and "build-dependencies" not in section:
            dependencies.add(k.split(".", 1)[0].replace("-", "_"))
            renamed = re.search(r"package\s*=\s*\"([^\"]+)\"", value)
            if renamed:
                dependencies.add(renamed.group(1).replace("-", "_"))
    roots: list[tuple[str, Path]] = []
    lib = directory / (lib_path or "src/lib.rs")
    if lib.is_file():
        roots.append(("lib", lib))
    bins = [directory / p for p in bin_paths] or [directory / "src/main.rs"]
    bins += sorted((directory / "src/bin").glob("*.rs"))
    for path in dict.fromkeys(bins):
        if path.is_file():
            roots.append((f"bin {path.stem}", path))
    return Manifest(directory, name, roots, frozenset(dependencies | _BUILTIN_CRATES))


def _is_test_only(attributes: list[str]) -> bool:
    """True for `#[cfg(test)]` (or `#[cfg(all(test, ...))]`): the module exists only in tests."""
    return any(a == "cfg(test)" or a.startswith("cfg(all(test,") for a in attributes)


def _path_attribute(attribute_tokens: list[Token]) -> str | None:
    """The file of `#[path = "..."]`, if these are that attribute's tokens."""
    words = [t for t in attribute_tokens if t.kind != "punct" or t.text == "="]
    if len(words) == 3 and words[0].text == "path" and words[2].kind == "str":
        return words[2].text.strip('"')
    return None


class _FileScanner:
    """Reads one file: its child modules (loading their files) and the crate paths in its code."""

    def __init__(self, builder: _TreeBuilder, module: Module, module_dir: Path):
        self.builder = builder
        self.tokens = tokenize(module.file.read_text(encoding="utf-8"))
        self.file = module.file
        # Enclosing modules, innermost last: (module, directory of its file children, brace depth).
        self.stack: list[tuple[Module, Path, int]] = [(module, module_dir, 0)]

    def scan(self) -> None:
        """Walks the tokens once, tracking inline modules by brace depth."""
        toks, i, depth = self.tokens, 0, 0
        attributes: list[str] = []
        path_attr: str | None = None
        while toks[i].kind != "eof":
            t = toks[i]
            if t.text == "#" and toks[i + 1].text in ("[", "!"):
                i, text, path = self._attribute(i)
                attributes.append(text)
                path_attr = path or path_attr
                continue
            if t.kind == "ident" and t.text == "mod" and toks[i + 1].kind == "ident":
                i, depth = self._module(i, depth, attributes, path_attr)
                attributes, path_attr = [], None
                continue
            # `use<'a>` (precise capturing in `impl Trait + use<'a>`) is not an import.
            if t.kind == "ident" and t.text == "use" and toks[i + 1].text != "<":
                i = self._use(i + 1)
                attributes, path_attr = [], None
                continue
            if t.kind == "ident" and t.text in ("crate", "$crate", "super", "self"):
                if toks[i + 1].text == "::" and toks[i - 1].text != "in":
                    i = self._expression_path(i)
                    continue
            if t.text == "{":
                depth += 1
            elif t.text == "}":
                if len(self.stack) > 1 and self.stack[-1][2] == depth:
                    self.stack.pop()
                depth -= 1
            if t.text in ("{", "}", ";"):
                attributes, path_attr = [], None
            i += 1

    @property
    def current(self) -> Module:
        return self.stack[-1][0]

    def _attribute(self, i: int) -> tuple[int, str, str | None]:
        """Skips `#[...]` or `#![...]`; returns the index after it, its text and any #[path]."""
        i += 2 if self.tokens[i + 1].text == "!" else 1
        start, nesting = i + 1, 0
        while self.tokens[i].kind != "eof":
            if self.tokens[i].text == "[":
                nesting += 1
            elif self.tokens[i].text == "]":
                nesting -= 1
                if nesting == 0:
                    break
            i += 1
        inner = self.tokens[start:i]
        return i + 1, "".join(t.text for t in inner), _path_attribute(inner)

    def _module(
        self, i: int, depth: int, attributes: list[str], path_attr: str | None
    ) -> tuple[int, int]:
        """Handles `mod name;` or `mod name { ... }` at token i; returns next index and depth."""
        name_token, after = self.tokens[i + 1], self.tokens[i + 2]
        name = name_token.text.removeprefix("r#")
        excluded = name == "tests" or _is_test_only(attributes)
        parent, parent_dir, _ = self.stack[-1]
        if after.text == ";":
            if not excluded:
                self.builder.load_file_module(parent, parent_dir, name, path_attr, self.file)
            return i + 3, depth
        if after.text != "{":
            return i + 2, depth
        if excluded:
            return self._skip_block(i + 2), depth
        child = Module(parent.path + (name,), self.file)
        parent.children[name] = child
        child_dir = parent_dir / (path_attr or name)
        self.stack.append((child, child_dir, depth + 1))
        return i + 3, depth + 1

    def _skip_block(self, i: int) -> int:
        """The index after the block whose `{` is at i."""
        nesting = 0
        while self.tokens[i].kind != "eof":
            if self.tokens[i].text == "{":
                nesting += 1
            elif self.tokens[i].text == "}":
                nesting -= 1
                if nesting == 0:
                    return i + 1
            i += 1
        return i

    def _expression_path(self, i: int) -> int:
        """Records `crate::a::b`, `super::x` or `self::x` at i; returns the index after it."""
        segments: list[str] = [self.tokens[i].text]
        line = self.tokens[i].line
        i += 1
        while self.tokens[i].text == "::" and self.tokens[i + 1].kind == "ident":
            segments.append(self.tokens[i + 1].text)
            i += 2
        self._record(segments, line, in_use=False)
        return i

    def _use(self, i: int) -> int:
        """Records every path of the `use` tree starting at i; returns the index after it."""
        i = self._use_tree(i, [])
        return i + 1 if self.tokens[i].text == ";" else i

    def _use_tree(self, i: int, prefix: list[str]) -> int:
        """Parses one use tree (`a::b`, `a::{b, c::d}`, `a::*`, `a as b`) after `prefix`."""
        toks, segments = self.tokens, list(prefix)
        if toks[i].text == "::":
            # `use ::name` is always a dependency crate.
            return self._skip_use_tree(i)
        while True:
            t = toks[i]
            if t.text == "*":
                if segments:
                    self._record(segments, t.line, in_use=True)
                return i + 1
            if t.text == "{":
                i += 1
                while toks[i].kind != "eof" and toks[i].text != "}":
                    i = self._use_tree(i, segments)
                    if toks[i].text == ",":
                        i += 1
                return i + 1
            if t.kind != "ident":
                return i
            i += 1
            # `a::{self}` imports `a` itself; any other name extends the path.
            if not (t.text == "self" and segments):
                segments.append(t.text)
                if toks[i].text == "::":
                    i += 1
                    continue
            name = segments[-1]
            if toks[i].text == "as":
                name = toks[i + 1].text
                i += 2
            self._record(segments, t.line, in_use=True, imported_as=name)
            return i

    def _skip_use_tree(self, i: int) -> int:
        nesting = 0
        while self.tokens[i].kind != "eof":
            text = self.tokens[i].text
            if text == "{":
                nesting += 1
            elif text == "}":
                if nesting == 0:
                    return i
                nesting -= 1
            elif text in (",", ";") and nesting == 0:
                return i
            i += 1
        return i

    def _record(
        self, segments: list[str], line: int, in_use: bool, imported_as: str | None = None
    ) -> None:
        """Turns a path into a Reference from the current module, if it can name a crate item.

        `imported_as` is the name a `use` brings into the module (None for globs and for paths in
        code), so that `super::Name` can be followed to where `Name` really is.
        """
        source = self.current.path
        first = segments[0]
        if first in ("crate", "$crate"):
            ref = Reference(source, "crate", tuple(segments[1:]), self.file, line)
        elif first in ("super", "self"):
            base = list(source)
            rest = list(segments)
            while rest and rest[0] in ("super", "self"):
                if rest.pop(0) == "super":
                    if not base:
                        return
                    base.pop()
            ref = Reference(source, "relative", tuple(base + rest), self.file, line)
        elif in_use:
            ref = Reference(source, "bare", tuple(segments), self.file, line)
        else:
            return
        if imported_as not in (None, "_", "self"):
            ref.imported_as = imported_as
        self.builder.references.append(ref)


class _TreeBuilder:
    """Builds one crate target's module tree and collects its references."""

    def __init__(self, root_file: Path):
        self.root = Module((), root_file)
        self.references: list[Reference] = []
        self.missing: list[str] = []

    def build(self) -> None:
        _FileScanner(self, self.root, self.root.file.parent).scan()

    def load_file_module(
        self, parent: Module, parent_dir: Path, name: str, path_attr: str | None, declared_in: Path
    ) -> None:
        """Finds the file of `mod name;` declared in `parent`, then scans it."""
        if path_attr is not None:
            # `#[path]` is relative to the directory of the file that holds the declaration.
            candidates = [declared_in.parent / path_attr]
        else:
            candidates = [parent_dir / f"{name}.rs", parent_dir / name / "mod.rs"]
        file = next((c for c in candidates if c.is_file()), None)
        if file is None:
            self.missing.append(f"{declared_in}: mod {name}; (no {candidates[0]})")
            return
        child = Module(parent.path + (name,), file)
        parent.children[name] = child
        is_mod_rs = file.name == "mod.rs"
        child_dir = file.parent if is_mod_rs else file.parent / file.stem
        _FileScanner(self, child, child_dir).scan()


def load_crates(root: Path, only: list[str] | None = None) -> list[CrateTarget]:
    """Every crate target under `root/crates` and `root/bindings` (only those named in `only`)."""
    targets: list[CrateTarget] = []
    for manifest_file in sorted(root.glob("crates/*/Cargo.toml")) + sorted(
        root.glob("bindings/*/Cargo.toml")
    ):
        manifest = read_manifest(manifest_file.parent)
        short = manifest.name.removeprefix("disinfo-")
        if only and not {manifest.name, manifest.directory.name, short} & set(only):
            continue
        for kind, root_file in manifest.roots:
            builder = _TreeBuilder(root_file)
            builder.build()
            for problem in builder.missing:
                print(f"module_cycles: warning: {problem}", file=sys.stderr)
            label = manifest.name if len(manifest.roots) == 1 else f"{manifest.name} ({kind})"
            targets.append(
                CrateTarget(label, builder.root, builder.references, manifest.dependencies)
            )
    return targets


# ---------------------------------------------------------------------------------------------
# Edges and cycles
# ---------------------------------------------------------------------------------------------


@dataclass
class Edge:
    """A dependency between two children of `parent`, with every reference that makes it."""

    parent: ModPath
    source: str
    target: str
    # Each reference, with the re-export it went through when it did not name the module itself.
    references: list[tuple[Reference, Reference | None]] = field(default_factory=list)


def absolute_segments(target: CrateTarget, ref: Reference) -> tuple[str, ...] | None:
    """The reference's path from the crate root, or None when it names a dependency crate."""
    if ref.kind != "bare":
        return ref.segments
    first = ref.segments[0]
    module = target.module(ref.source)
    if module is None:
        return None
    if first in module.children:
        return ref.source + ref.segments
    parent = target.module(ref.source[:-1]) if ref.source else None
    if parent is None or first not in parent.children or first in target.extern_names:
        return None
    return ref.source[:-1] + ref.segments


def resolve(target: CrateTarget, ref: Reference) -> tuple[ModPath | None, Reference | None]:
    """The deepest existing module the reference's path names (None if it is not in the crate),
    and the last `use` followed to get there (None if the path led there directly).

    Where the path goes on with a name that module imports (`crate::Severity` with
    `pub use diagnostic::Severity` in the crate root), the import is followed, so a re-export
    cannot hide which module the item is in.
    """
    segments = absolute_segments(target, ref)
    if segments is None:
        return None, None
    node, through_use = target.root, None
    for _ in range(_MAX_REEXPORT_HOPS):
        node, used = _walk(target.root, segments)
        if used == len(segments):
            break
        imported = target.imports.get(node.path, {}).get(segments[used].removeprefix("r#"))
        if imported is None or imported is ref:
            break
        through = absolute_segments(target, imported)
        if through is None:
            # Re-exported from a dependency crate: the module itself is the end of the path.
            break
        ref, segments, through_use = imported, through + segments[used + 1 :], imported
    return node.path, through_use


# Re-exports of re-exports are rare; the bound only guards against an import loop.
_MAX_REEXPORT_HOPS = 8


def _walk(root: Module, segments: tuple[str, ...]) -> tuple[Module, int]:
    """The deepest module along `segments` and how many segments led to it."""
    node, used = root, 0
    for name in segments:
        child = node.children.get(name.removeprefix("r#"))
        if child is None:
            break
        node, used = child, used + 1
    return node, used


def edges_of(target: CrateTarget) -> dict[tuple[ModPath, str, str], Edge]:
    """Every sibling edge of the crate target, keyed by (parent, source child, target child)."""
    edges: dict[tuple[ModPath, str, str], Edge] = {}
    for ref in target.references:
        to, through_use = resolve(target, ref)
        if to is None:
            continue
        common = 0
        while common < min(len(ref.source), len(to)) and ref.source[common] == to[common]:
            common += 1
        if common == len(ref.source) or common == len(to):
            # Into the module's own subtree or up to an ancestor: not between siblings.
            continue
        key = (ref.source[:common], ref.source[common], to[common])
        edges.setdefault(key, Edge(*key)).references.append((ref, through_use))
    return edges


def strongly_connected(nodes: list[str], successors: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively (no recursion limit to hit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(successors.get(start, [])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors.get(child, []))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components


@dataclass
class Cycle:
    """Sibling modules of `parent` that depend on each other, with the edges that close the loop."""

    crate: str
    parent: ModPath
    members: list[str]
    edges: list[Edge]


def find_cycles(target: CrateTarget) -> list[Cycle]:
    """The cycles among the children of every module of the crate target."""
    by_parent: dict[ModPath, list[Edge]] = {}
    for edge in edges_of(target).values():
        by_parent.setdefault(edge.parent, []).append(edge)
    cycles: list[Cycle] = []
    for parent in sorted(by_parent):
        edges = by_parent[parent]
        successors: dict[str, list[str]] = {}
        for edge in edges:
            successors.setdefault(edge.source, []).append(edge.target)
        nodes = sorted({e.source for e in edges} | {e.target for e in edges})
        for component in strongly_connected(nodes, successors):
            if len(component) < 2:
                continue
            members = set(component)
            inside = [e for e in edges if e.source in members and e.target in members]
            inside.sort(key=lambda e: (e.source, e.target))
            cycles.append(Cycle(target.label, parent, component, inside))
    return cycles


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def _module_name(parent: ModPath, child: str) -> str:
    return "/".join(parent + (child,))


def _source_line(ref: Reference) -> str:
    try:
        return ref.file.read_text(encoding="utf-8").splitlines()[ref.line - 1].strip()
    except (OSError, IndexError):
        return ""


def format_cycle(cycle: Cycle, root: Path, all_references: bool = False) -> str:
    """A cycle as a few lines: the modules, then one reference per edge (or all) with its line."""
    where = "crate" + "".join(f"::{p}" for p in cycle.parent)
    names = [_module_name(cycle.parent, m) for m in cycle.members]
    lines = [f"{cycle.crate}: cycle in {where} between {', '.join(names)}"]
    width = max(len(_module_name(cycle.parent, e.source)) for e in cycle.edges)
    for edge in cycle.edges:
        # One entry per source line: `use a::{B, C}` is one place to change, not two.
        places = {(str(r.file), r.line): (r, via) for r, via in edge.references}
        refs = [places[k] for k in sorted(places)]
        shown = refs if all_references else refs[:1]
        more = f"  (+{len(refs) - 1} more)" if len(refs) > len(shown) else ""
        arrow = f"{_module_name(cycle.parent, edge.source):<{width}} -> "
        arrow += _module_name(cycle.parent, edge.target)
        lines.append(f"  {arrow}")
        for i, (ref, via) in enumerate(shown):
            tail = more if i == len(shown) - 1 else ""
            lines.append(f"      {_place(ref, root)}{tail}")
            if via is not None:
                lines.append(f"        through the re-export at {_place(via, root)}")
    return "\n".join(lines)


def _place(ref: Reference, root: Path) -> str:
    return f"{_relative(ref.file, root)}:{ref.line}: {_source_line(ref)}"


def _relative(file: Path, root: Path) -> Path:
    try:
        return file.relative_to(root)
    except ValueError:
        return file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Report dependency cycles between sibling modules of the Rust crates."
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="the workspace root (default: the parent of tools/)",
    )
    parser.add_argument(
        "--crate",
        action="append",
        metavar="NAME",
        help="check only this crate (package or directory name, or without 'disinfo-'); repeatable",
    )
    parser.add_argument(
        "--all-references",
        action="store_true",
        help="list every reference of each edge, not only the first",
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    targets = load_crates(root, args.crate)
    if not targets:
        wanted = ", ".join(args.crate or [])
        print(f"module_cycles: no crate found under {root} ({wanted or 'crates/, bindings/'})")
        return 2
    cycles = [c for t in targets for c in find_cycles(t)]
    if not cycles:
        print(f"module_cycles: no cycles between modules in {len(targets)} crate targets")
        return 0
    print(f"module_cycles: {len(cycles)} cycle(s) between sibling modules\n")
    for cycle in cycles:
        print(format_cycle(cycle, root, args.all_references))
        print()
    print(
        "Under each dependency of a cycle is one place that makes it (--all-references: every\n"
        "place). Break a cycle by moving what both sides use into a lower module (types, options,\n"
        "model) that both import; merging the modules only hides it."
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
