"""Binding-level property tests: every public function of the Python package, called with
generated hostile arguments (wrong types, huge and empty values, deep nesting, NaN, lone
surrogates, bytes, paths that do not exist and real files of the wrong kind, numpy arrays and
pandas DataFrames, misspelt and unknown options), returns or raises a documented error: a
:class:`disinfo.errors.DisinfoError` whose ``.code`` is one of the codes of ``docs/src/errors``
and whose class is its tool's. Anything else -- ``TypeError``, ``KeyError``, ``OverflowError``,
``RecursionError``, ``SystemError``, ``pyo3_runtime.PanicException``, or the ``internal`` code
(a panic caught at the boundary, a bug by definition) -- fails with the function's name and the
shrunk arguments.

Covered: the functions of ``disinfo`` (``version``, ``build_info``) and of the tool modules
``disinfo.terms``, ``disinfo.bots``, ``disinfo.ads``, ``disinfo.encyclopedia`` and
``disinfo.chat``, found by ``inspect`` (public: no leading underscore, a function defined in the
module or listed in its ``__all__``) and checked against the operations the modules' sources
call, so that a function added later is covered without editing this file and an enumeration
that finds nothing fails.

Out of scope: ``disinfo.dask`` and ``disinfo.spark`` (the engine modules need a running cluster
or JVM and call the same operations as ``disinfo.bots``/``disinfo.ads``, which are covered here);
``disinfo.errors`` (classes, no functions). Every call runs in a temporary working directory
nested three levels deep (functions that write, such as ``ads.generate`` and
``encyclopedia.migrate``, write there, and a relative ``..`` stays inside it); the real files of
the wrong kind are copies made there.

Budget: ``DISINFO_PROPERTY_EXAMPLES`` examples per function (default 30); derandomized (a fixed
seed) when ``CI`` is set.
"""

from __future__ import annotations

import datetime
import inspect
import math
import os
import re
import shutil
import subprocess
import sys
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]  # no stubs installed
import pytest
from hypothesis import HealthCheck, assume, event, given, note, settings
from hypothesis import strategies as st

import disinfo
from disinfo import ads, bots, chat, encyclopedia, errors, terms

ROOT = Path(__file__).resolve().parents[2]
ERROR_CODES_PAGE = ROOT / "docs" / "src" / "errors" / "index.md"

MODULES: tuple[ModuleType, ...] = (disinfo, terms, bots, ads, encyclopedia, chat)
# The number of public functions when this file was written: the enumeration must not find fewer.
EXPECTED_AT_LEAST = 57

settings.register_profile(
    "disinfo-properties",
    max_examples=int(os.environ.get("DISINFO_PROPERTY_EXAMPLES", "30")),
    deadline=None,
    database=None,
    derandomize=bool(os.environ.get("CI")),
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
PROFILE = settings.get_profile("disinfo-properties")


# --- what is called ---------------------------------------------------------------------------


def _operations_in_source(module: ModuleType) -> set[str]:
    return set(re.findall(r'_native\.call\("([a-z_]+\.[a-z_]+)"', inspect.getsource(module)))


def public_functions() -> dict[str, Callable[..., Any]]:
    """`module.name` -> function, for every public function of MODULES."""
    found: dict[str, Callable[..., Any]] = {}
    for module in MODULES:
        listed = set(getattr(module, "__all__", ()))
        for name, value in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(value):
                continue
            if value.__module__ == module.__name__ or name in listed:
                found[f"{module.__name__}.{name}"] = value
    return found


FUNCTIONS = public_functions()


def test_every_public_function_is_enumerated() -> None:
    assert len(FUNCTIONS) >= EXPECTED_AT_LEAST, sorted(FUNCTIONS)
    # Every operation a module calls is reached through one of the enumerated functions.
    called = {op for f in FUNCTIONS.values() for op in _operations_in_source_of(f)}
    for module in MODULES:
        missing = _operations_in_source(module) - called
        assert not missing, f"{module.__name__} calls operations no enumerated function reaches: {missing}"
    # And the package has no other tool module this file forgot (dask and spark are out of scope).
    package = Path(disinfo.__file__).parent
    modules = {p.stem for p in package.glob("*.py") if not p.stem.startswith("_")}
    assert modules == {"terms", "bots", "ads", "encyclopedia", "chat", "errors", "dask", "spark"}, modules


def _operations_in_source_of(function: Callable[..., Any]) -> set[str]:
    return set(re.findall(r'_native\.call\("([a-z_]+\.[a-z_]+)"', inspect.getsource(function)))


# --- what may come out -----------------------------------------------------------------------


def documented_codes() -> set[str]:
    return set(re.findall(r"^\| \[`([a-z_]+)`\]", ERROR_CODES_PAGE.read_text(encoding="utf-8"), re.M))


CODES = documented_codes() - {"internal"}
# Messages quote what they refer to (a 100 KB path comes back in an `io` error, twice in
# `repository_not_found`), but never grow beyond that: no listing of a huge input.
MAX_MESSAGE = 1_000_000
TOOL_CLASSES: dict[str | None, type[errors.DisinfoError]] = {
    None: errors.DisinfoError,
    "terms": errors.TermsError,
    "bots": errors.BotsError,
    "ads": errors.AdsError,
    "encyclopedia": errors.EncyclopediaError,
    "chat": errors.ChatError,
}


def test_the_documented_codes_are_read() -> None:
    assert {"invalid_argument", "io", "malformed_record", "selector_no_match"} <= CODES, CODES


# --- hostile values ---------------------------------------------------------------------------

# Real files and folders of the repository, copied into the working directory: right files for
# some functions, the wrong kind for most (HTML given to a CSV reader, a TOML file as a
# declaration, ...). Never the declarations folder: `terms.track` would fetch its documents.
SAMPLES: dict[str, str] = {
    "samples/imprint.html": "examples/data/terms/extract/imprint.html",
    "samples/Open Terms Archive.json": "examples/data/terms/extract/Open Terms Archive.json",
    "samples/jobs.jsonl": "examples/data/terms/extract/jobs.jsonl",
    "samples/qut_sample_data.csv": "examples/data/bots/coordination/qut_sample_data.csv",
    "samples/tweets.jsonl": "examples/data/bots/tweets.jsonl",
    "samples/users.jsonl": "examples/data/bots/users.jsonl",
    "samples/answers.csv": "examples/data/ads/review/answers.csv",
    "samples/chat.toml": "examples/chat/chat.toml",
    "samples/dfrlab.md": "examples/data/encyclopedia/actors/dfrlab.md",
    "samples/week-1": "examples/data/ads/google-fr/week-1",
    "samples/glossary": "examples/data/encyclopedia/glossary",
    "samples/versions": "examples/data/terms/versions",
}
MADE: dict[str, bytes | None] = {
    "samples/empty.txt": b"",
    "samples/binary.bin": bytes(range(256)) * 4,
    "samples/nul.json": b'{"a": "\x00\xff\xfe"}',
    "samples/emptydir": None,
    # A chat configuration with its secrets inline and no webhook (nothing is posted anywhere).
    "samples/chat-min.toml": b'[service]\npublic_url = "https://chat.example.org"\nlink_secret = "property-test-link-secret"\n\n'
    b'[slack]\nsigning_secret = "s3cret"\n\n[mattermost]\ntokens = ["t0ken"]\n\n[encyclopedia]\nroot = "glossary"\nbase_url = "https://e.example.org/"\n',
}
MISSING = ["samples/repo", "missing.csv", "no/such/dir/", "samples/none.json", "samples/imprint.html/child", "\x01"]
PATH_STRINGS = [*SAMPLES, *MADE, *MISSING]


def _literal_strings() -> list[str]:
    """Every string a module's annotations name (formats, kinds, methods): values that get a call
    past its first check, so that what comes after is exercised too."""
    out: set[str] = set()
    for module in MODULES[1:]:
        for literal in re.findall(r"Literal\[([^\]]*)\]", inspect.getsource(module)):
            out.update(re.findall(r'"([^"]*)"', literal))
    return sorted(out)


LITERALS = _literal_strings()


def _nested(depth: int, as_dict: bool) -> Any:
    value: Any = {} if as_dict else []
    for _ in range(depth):
        value = {"a": value} if as_dict else [value]
    return value


def _cycle() -> list[Any]:
    cycle: list[Any] = []
    cycle.append(cycle)
    return cycle


class RaisingPath:
    def __fspath__(self) -> str:
        raise RuntimeError("the path is gone")


class RaisingMapping(dict[str, Any]):
    def items(self) -> Any:
        raise KeyError("items")


class Weird:
    """An object with no JSON form whose attributes lie."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # what Hypothesis and pytest look up to show it
            raise AttributeError(name)
        raise RuntimeError(f"no {name}")

    def __repr__(self) -> str:
        return "Weird()"


class BadIndex:
    def __index__(self) -> int:
        raise OverflowError("no index")


def _raise(_: str) -> str:
    raise KeyError("hook")


HOOKS: list[Callable[[str], Any]] = [lambda s: s, lambda s: 42, lambda s: None, _raise, lambda s: s * 3]

ODD_OBJECTS: list[Any] = [
    object(), Weird(), BadIndex(), RaisingPath(), RaisingMapping(a=1), _cycle(),
    {1, 2}, frozenset(), (1, "a"), 1 + 2j, Decimal("1e400"), Decimal("nan"), range(3), iter([1, 2]),
    bytearray(b"ab"), memoryview(b"ab"), datetime.datetime(2021, 6, 23), datetime.date(2021, 6, 23),
    datetime.datetime(2021, 6, 23, tzinfo=datetime.timezone.utc), datetime.timedelta(1), Path("/"),
    type, print, Ellipsis, NotImplemented, sys.maxsize, -sys.maxsize - 1, {None: 1}, {(1, 2): "a"},
    {"\ud800": 1}, [b"x"], {"a": b"y"}, *HOOKS,
]

TABLES: list[Any] = [
    np.array([[1.0, math.nan], [math.inf, 2.0]]), np.zeros((0, 0)), np.zeros((3,)), np.zeros((0, 3)),
    np.arange(6).reshape(1, 2, 3), np.array(["a", "b"]), np.array([object(), None], dtype=object),
    np.array([[1, 2], [3, 4]], dtype=np.int8), np.array(1.5), np.asfortranarray(np.ones((4, 4)))[:, ::2],
    np.array([[True, False]]), np.array([[1 + 1j]]), np.array(["2021-01-01"], dtype="datetime64[s]"),
    np.float64(math.nan), np.int64(-1), np.uint64(2**64 - 1), np.ones((300, 40)),
    pd.DataFrame({"account_id": ["a", "b", "c"], "x": [1.0, math.nan, 3.0], "lang": ["fr", None, "de"]}),
    pd.DataFrame(), pd.DataFrame({"a": []}), pd.DataFrame({0: [1.0], 1: [math.inf]}),
    pd.DataFrame([[1, 2]], columns=["x", "x"]),
    pd.DataFrame({("a", "b"): [1.0]}), pd.DataFrame({"t": pd.to_datetime(["2021-01-01"])}),
    pd.DataFrame({"c": pd.Categorical(["a", "b"])}), pd.DataFrame({"o": [object(), 1]}),
    pd.DataFrame({"s": pd.array(["a", None], dtype="string")}), pd.Series([1.0, 2.0]),
    pd.DataFrame({"message_id": ["1"], "user_id": ["u"], "timestamp": ["x"], "text": [None]}),
]

BIG_TEXT = "x" * (100 * 1024)
TEXT_SAMPLES = ["", " ", "\x00", "\ud800", "a\udfffb", "é" * 1000, BIG_TEXT, "\u202e" * 50, "../" * 20,
                "%s%n", "{}", "[]", "null", "<html>", "*", "main[", "-1", "1e999", "NaN", "2021-13-45T99:99:99Z"]


def pick(items: list[Any]) -> st.SearchStrategy[Any]:
    """`sampled_from(items)` whose repr does not hold the items (a 100 KB string, a cycle):
    Hypothesis builds strategy reprs while it validates them."""
    return st.integers(0, len(items) - 1).map(items.__getitem__)


def _safe_text(s: str) -> bool:
    # No absolute path and no parent escapes: a writing function stays in the working directory.
    return not s.startswith(("/", "\\")) and ".." not in s


text = st.one_of(
    st.text(max_size=40).filter(_safe_text),
    pick([t for t in TEXT_SAMPLES if _safe_text(t)]),
    st.sampled_from(LITERALS),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000).filter(_safe_text),
)
paths = st.sampled_from(PATH_STRINGS).flatmap(lambda p: st.sampled_from([p, Path(p)]))
numbers = st.one_of(
    st.integers(),
    st.sampled_from([0, -1, 1, 2**31, 2**32, 2**53 + 1, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**30, -(10**30)]),
    st.floats(),
    st.sampled_from([math.nan, math.inf, -math.inf, -0.0, 1e308, 5e-324]),
)
scalars: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    numbers,
    text,
    st.binary(max_size=64),
    paths,
    pick(ODD_OBJECTS),
)
keys = st.one_of(st.text(max_size=12).filter(_safe_text), st.sampled_from(LITERALS))
values: st.SearchStrategy[Any] = st.one_of(
    st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=5),
            st.tuples(children, children),
            st.dictionaries(keys, children, max_size=5),
        ),
        max_leaves=25,
    ),
    st.builds(_nested, st.integers(1, 200), st.booleans()),
    st.lists(paths, max_size=4),
    pick(TABLES),
)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _misspellings(name: str) -> list[str]:
    out = [name[:-1], name + "s", name.upper(), name.replace("_", ""), f"{name}_"]
    if len(name) > 3:
        out.append(name[:2] + name[3:])
    return [m for m in out if m]


def option_names(function: Callable[..., Any]) -> list[str]:
    """The option names of a function (its `**options` TypedDict), in both spellings."""
    names: list[str] = []
    for parameter in inspect.signature(function).parameters.values():
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            # Only this annotation is evaluated: others name types imported for type checking only.
            annotation = parameter.annotation
            if isinstance(annotation, str):
                annotation = eval(annotation, function.__globals__)  # noqa: S307 -- the module's own annotation
            for typed in typing.get_args(annotation):
                names.extend(typing.get_type_hints(typed))
    return names


# --- valid calls, mutated -------------------------------------------------------------------
#
# Hostile values alone mostly stop at the first argument check. Half of the examples start instead
# from a call that succeeds (SEEDS: one per function, its results made in the working directory)
# and replace some of its arguments, options or nested fields with hostile values, delete fields
# or add unknown ones: what comes after the first check is exercised too.

HTML = "<main><h1>T</h1><p>x <a href='/a'>link</a></p></main>"
OLD = "# Terms\n\n## Data\n\nWe keep your data for 30 days.\n\n## Law\n\nFrench law applies.\n"
NEW = "# Terms\n\n## Data\n\nWe keep your data for 90 days.\n\n## Law\n\nFrench law applies.\n"
OBSERVED = "2019-05-27T00:00:00Z"
Seed = tuple[list[Any], dict[str, Any]]
# Posts with the QUT toolkit's columns, for the steps of a partitioned `coordinate`.
POSTS: dict[str, list[str]] = {
    "message_id": ["1", "2", "3", "4", "5", "6"],
    "user_id": ["anna", "ben", "cléo", "dan", "ève", "anna"],
    "username": ["Anna", "", "Cléo", "", "Ève", "Anna"],
    "repost_id": ["", "1", "1", "1", "", "1"],
    "reply_id": ["", "", "", "", "", ""],
    "message": ["#a x", "RT", "RT", "RT", "#b", "RT"],
    "timestamp": ["1600000000", "1600000010", "1600000020", "1600000030", "1600000040", "1600000050"],
    "urls": ["", "", "", "", "https://e.fr/x", ""],
}


def make_seeds() -> dict[str, Seed]:
    """A call of every function that returns, run in the working directory (the made results --
    a coordination network, an audit report, a review campaign -- are the inputs of the others)."""
    tweets = Path("samples/tweets.jsonl")
    qut = Path("samples/qut_sample_data.csv")
    week = "samples/week-1"
    declaration = Path("samples/Open Terms Archive.json")
    page = Path("samples/dfrlab.md").read_text(encoding="utf-8")
    network = bots.coordinate(qut, "qut-csv", window=60)
    posts = pd.DataFrame(POSTS)
    # The trace rows' columns (`text` is empty unless near-duplicate text: left out).
    rows = bots.coordinate_traces(posts, window=60)
    traces = {k: rows[k] for k in ("key", "bucket", "owned", "time_us", "user", "post", "multi", "first")}  # type: ignore[literal-required]
    partition = bots.coordinate_partition(traces, window=60)
    nodes = {"user": ["1", "2"], "trace_posts": [3, 4]}
    report = ads.audit([week])
    shards = [ads.audit_shard([week], i, 2) for i in range(2)]
    campaign = ads.review_campaign([week])
    item = campaign["ads"][0]["item"]
    answers = [{"item": item, "reviewer": r, "question": "nature", "answer": a} for r, a in (("ana", "political"), ("ben", "not_political"))]
    checked = encyclopedia.check("samples/glossary")
    seeds: dict[str, Seed] = {
        "disinfo.version": ([], {}),
        "disinfo.build_info": ([], {}),
        "disinfo.terms.extract": ([HTML], {"location": "https://e.com/", "select": "main", "remove": "a"}),
        "disinfo.terms.extract_declared": ([[Path("samples/imprint.html").read_bytes()]], {"declaration": declaration, "terms_type": "Imprint"}),
        "disinfo.terms.extract_batch": ([[{"content": HTML, "location": "https://e.com/", "select": "main"},
                                          {"snapshot": "samples/imprint.html", "location": "https://e.com/", "select": "body"}]], {}),
        "disinfo.terms.parse_declaration": ([declaration.read_text(encoding="utf-8")], {}),
        "disinfo.terms.load_declaration": ([declaration], {}),
        "disinfo.terms.validate": ([[declaration]], {}),
        "disinfo.terms.diff": ([OLD, NEW], {"granularity": "word", "context_lines": 2}),
        "disinfo.terms.diff_render": ([OLD, NEW], {"format": "html"}),
        "disinfo.terms.services": (["samples/repo"], {}),
        "disinfo.terms.versions": (["samples/repo", "Open Terms Archive", "Imprint"], {}),
        "disinfo.terms.version_at": (["samples/repo", "Open Terms Archive", "Imprint", "2025-12-31"], {}),
        "disinfo.terms.history": (["samples/repo"], {}),
        "disinfo.terms.track": (["samples/emptydir", "out/versions", "out/snapshots"], {}),
        "disinfo.terms.replay": (["samples/emptydir", "samples/repo", "out/replay"], {}),
        "disinfo.bots.features": ([tweets, "twitter-v1"], {"observed_at": OBSERVED}),
        "disinfo.bots.features_from_text": ([tweets.read_text(encoding="utf-8"), "twitter-v1"], {"observed_at": OBSERVED}),
        "disinfo.bots.read": ([tweets, "twitter-v1"], {}),
        "disinfo.bots.rule": (["dormant_2019", tweets, "twitter-v1"], {"observed_at": OBSERVED}),
        "disinfo.bots.handle_likelihood": (["jean_dupont1984"], {}),
        "disinfo.bots.synthetic": ([], {"seed": 3, "organic": 20, "dormant_bots": 5, "amplifiers": 2, "coordinated_groups": 1, "group_size": 4}),
        "disinfo.bots.coordinate": ([qut, "qut-csv"], {"window": 60, "kind": "co-link"}),
        "disinfo.bots.coordinate_text": ([qut.read_text(encoding="utf-8"), "qut-csv"], {"window": 60}),
        "disinfo.bots.export_network": ([network, "graphml"], {}),
        "disinfo.bots.normalize_text": (["Hello https://x.y/z #Tag @who"], {}),
        "disinfo.bots.coordinate_traces": ([posts], {"window": 60}),
        "disinfo.bots.coordinate_traces_file": ([tweets, "twitter-v1"], {"window": 60, "kind": "co-hashtag", "order_base": 1 << 32}),
        "disinfo.bots.coordinate_partition": ([traces], {"window": 60}),
        "disinfo.bots.coordinate_merge": ([partition, nodes], {}),
        "disinfo.bots.coordinate_merge_edges": ([partition], {"window": 60}),
        "disinfo.bots.cluster_features": ([[[1.0, 2.0], [3.0, 4.0], [5.0, 7.0], [6.0, 1.0]]], {"method": "kmeans", "params": {"n_clusters": 2}}),
        "disinfo.bots.cluster_accounts": ([tweets, "twitter-v1"], {"observed_at": OBSERVED}),
        "disinfo.bots.report": ([tweets, "twitter-v1"], {"observed_at": OBSERVED, "method": "kmeans", "params": {"n_clusters": 2}}),
        "disinfo.bots.to_networkx": ([network], {}),
        "disinfo.ads.audit": ([[week]], {}),
        "disinfo.ads.audit_shard": ([[week], 0, 2], {}),
        "disinfo.ads.audit_merge": ([shards], {}),
        "disinfo.ads.review_campaign": ([[week]], {"reviewers_per_ad": 2}),
        "disinfo.ads.review_assign": ([campaign, answers, "ana"], {}),
        "disinfo.ads.review_summary": ([campaign, answers], {}),
        "disinfo.ads.review_export": ([campaign, answers], {"format": "csv"}),
        "disinfo.ads.review_agreement": ([answers], {}),
        "disinfo.ads.review_questionnaire": ([None], {}),
        "disinfo.ads.render": ([report], {"format": "markdown"}),
        "disinfo.ads.search": (["politi", [week]], {}),
        "disinfo.ads.generate": (["fr2019", "out/generated"], {"seed": 2019, "days": 1, "ads": 5}),
        "disinfo.ads.to_pandas": ([report, "pairs"], {}),
        "disinfo.encyclopedia.check": (["samples/glossary"], {}),
        "disinfo.encyclopedia.check_files": ([{"actors/dfrlab.md": page}], {}),
        "disinfo.encyclopedia.migrate": (["samples/glossary", "out/migrated", "2024-01-01"], {}),
        "disinfo.encyclopedia.migrate_pages": ([{"a.md": page}, "2024-01-01"], {}),
        "disinfo.encyclopedia.rules": ([], {}),
        "disinfo.encyclopedia.schema": ([], {}),
        "disinfo.encyclopedia.to_text": ([checked], {}),
        "disinfo.chat.handle": (["samples/chat-min.toml", "command=%2Fhelp&text=", {}], {}),
        "disinfo.chat.page": (["samples/chat-min.toml", "x", "q=1"], {}),
        "disinfo.chat.sign": (["secret", "1700000000", "body"], {}),
        "disinfo.chat.commands": ([], {}),
    }
    return seeds


_SEEDS: dict[str, Seed] = {}


def seeds() -> dict[str, Seed]:
    if not _SEEDS:
        _SEEDS.update(make_seeds())
    return _SEEDS


class Held:
    """A seed value with a short repr (Hypothesis shows the arguments of composite strategies)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"<{type(self.value).__name__}>"


def mutated(seed: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    return _mutated(Held(seed), depth)


@st.composite
def _mutated(draw: st.DrawFn, held: Held, depth: int) -> Any:
    """The seed replaced by a hostile value or, a container, with one child mutated, one removed
    or a hostile one added."""
    seed = held.value
    container = isinstance(seed, (list, dict)) and bool(seed) and depth < 12
    action = draw(st.sampled_from(["replace", "child", "child", "child", "remove", "add"] if container else ["replace", "add"]))
    if action == "replace" or not isinstance(seed, (list, dict)):
        return draw(values)
    if isinstance(seed, dict):
        out = dict(seed)
        if action == "add":
            out[draw(keys)] = draw(values)
            return out
        key = draw(st.sampled_from(sorted(out, key=str)))
        if action == "remove":
            del out[key]
        else:
            out[key] = draw(mutated(out[key], depth + 1))
        return out
    items = list(seed)
    if action == "add":
        items.insert(draw(st.integers(0, len(items))), draw(values))
        return items
    index = draw(st.integers(0, len(items) - 1))
    if action == "remove":
        del items[index]
    else:
        items[index] = draw(mutated(items[index], depth + 1))
    return items


def seeded_arguments(name: str, function: Callable[..., Any]) -> st.SearchStrategy[tuple[list[Any], dict[str, Any]]]:
    """The seed call with one or two of its arguments (the options being the last) mutated, and
    sometimes hostile options added."""
    args, options = seeds()[name]
    # A keyword that names a positional parameter is Python's own TypeError, not the binding's.
    parameters = inspect.signature(function).parameters.values()
    positional = {p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD}
    # A function without `**options` takes no other keyword: an unknown one is Python's TypeError.
    takes_options = any(p.kind is p.VAR_KEYWORD for p in parameters)
    hostile_options = arguments(function).map(lambda t: t[1])

    @st.composite
    def draw_call(draw: st.DrawFn) -> tuple[list[Any], dict[str, Any]]:
        slots: list[Any] = [*args, options] if takes_options else list(args)
        if slots:
            for index in draw(st.lists(st.integers(0, len(slots) - 1), min_size=1, max_size=2, unique=True)):
                slots[index] = draw(mutated(slots[index]))
        positional_args, drawn_options = (slots[:-1], slots[-1]) if takes_options else (slots, {})
        merged = dict(drawn_options) if isinstance(drawn_options, dict) else {}
        if draw(st.integers(0, 3)) == 0:
            merged.update(draw(hostile_options))
        return positional_args, {k: v for k, v in merged.items() if isinstance(k, str) and k not in positional}

    return draw_call()


def test_every_function_has_a_seed_that_returns() -> None:
    assert sorted(seeds()) == sorted(FUNCTIONS)
    for name, (args, options) in seeds().items():
        FUNCTIONS[name](*args, **options)


# --- the property -----------------------------------------------------------------------------


def _short(value: Any, limit: int = 300) -> str:
    try:
        text = repr(value)
    except Exception as e:  # a value whose repr raises is shown by its type
        text = f"<{type(value).__name__}: repr raised {e!r}>"
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


def arguments(function: Callable[..., Any]) -> st.SearchStrategy[tuple[list[Any], dict[str, Any]]]:
    """Positional arguments for every required parameter (and sometimes the optional ones), and
    keyword arguments: options (real names in either spelling, misspellings, unknown names) and
    the keyword-only parameters (`progress`)."""
    signature = inspect.signature(function)
    required = [
        p for p in signature.parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty
    ]
    optional = [
        p for p in signature.parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is not p.empty
    ]
    keyword_only = [p.name for p in signature.parameters.values() if p.kind is p.KEYWORD_ONLY]
    # A keyword that names a positional parameter is Python's own TypeError, not the binding's.
    taken = {p.name for p in [*required, *optional]}
    names = option_names(function)
    spelled = sorted({n for name in names for n in (name, _camel(name))} - taken)
    wrong = sorted({m for name in names for m in _misspellings(name)} - set(spelled) - taken) or ["colour"]
    name_strategy = st.one_of(
        st.sampled_from(spelled) if spelled else st.nothing(),
        st.sampled_from(wrong),
        st.sampled_from(keyword_only) if keyword_only else st.nothing(),
        st.text(min_size=1, max_size=20).filter(lambda s: s.isidentifier() and s not in taken),
    )
    positional = st.tuples(*[values for _ in required]).map(list)
    extra = st.lists(values, max_size=len(optional))
    options = st.dictionaries(name_strategy, values, max_size=4) if (names or keyword_only) else st.just({})
    # A function without options still gets an unknown keyword sometimes: a TypeError from Python
    # itself (not the binding), so it is not drawn for them.
    return st.tuples(st.tuples(positional, extra).map(lambda t: t[0] + t[1]), options)


# Calls that are valid but cost a machine's worth of memory and minutes (bots.synthetic with
# millions of accounts) are skipped by name and rule, nothing else of the function is. The sizes
# the core refuses (they used to abort the process on a failed allocation) are checked in a
# child process below, so that an abort, should it come back, cannot take the test run with it.
SYNTHETIC_SIZES = {"organic", "dormant_bots", "amplifiers", "coordinated_groups", "group_size", "group_events", "posts_per_account"}
SYNTHETIC_SIZES |= {_camel(n) for n in SYNTHETIC_SIZES}


def _huge_synthetic(args: list[Any], kwargs: dict[str, Any]) -> bool:
    return any(
        isinstance(v, (int, float)) and not isinstance(v, bool) and v > 100_000 for k, v in kwargs.items() if k in SYNTHETIC_SIZES
    )


EXPENSIVE: list[tuple[str, Callable[[list[Any], dict[str, Any]], bool], str]] = [
    ("disinfo.bots.synthetic", _huge_synthetic, "bots.synthetic with more than 100,000 of something"),
]


@pytest.mark.parametrize(
    "reproduction",
    ["disinfo.bots.synthetic(organic=2**36)", "disinfo.bots.synthetic(group_events=2**62)", "disinfo.bots.synthetic(posts_per_account=1e12)"],
)
def test_impossible_sizes_are_refused_in_a_child_process(reproduction: str) -> None:
    script = f"import disinfo\nimport disinfo.bots\ntry:\n    {reproduction}\nexcept disinfo.DisinfoError as e:\n    print(e.code)\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"the process died ({done.returncode}): {done.stderr[:300]}"
    assert done.stdout.strip() == "invalid_argument", done.stdout


def call_shows_only_documented_errors(name: str, function: Callable[..., Any], args: list[Any], kwargs: dict[str, Any]) -> None:
    shown = f"{name}({', '.join(_short(a) for a in args)}{', ' if args and kwargs else ''}" + ", ".join(
        f"{k}={_short(v)}" for k, v in kwargs.items()
    ) + ")"
    note(shown)
    for expensive, matches, why in EXPENSIVE:
        if name == expensive and matches(args, kwargs):
            event(f"skipped: {why}")
            assume(False)
    try:
        function(*args, **kwargs)
    except errors.DisinfoError as e:
        assert e.code in CODES, f"{shown} raised {type(e).__name__} with code {e.code!r} (not a documented code, or a caught panic): {_short(e.message, 2000)}"
        expected = TOOL_CLASSES.get(e.tool)
        assert expected is not None and isinstance(e, expected), f"{shown} raised {type(e).__name__} for tool {e.tool!r}"
        if e.code == "invalid_argument":
            assert isinstance(e, ValueError), f"{shown} raised an invalid_argument that is no ValueError: {type(e).__name__}"
        assert str(e) and len(str(e)) < MAX_MESSAGE, f"{shown} raised an error whose message is {len(str(e))} characters"
    except BaseException as e:  # PanicException derives from BaseException
        if isinstance(e, KeyboardInterrupt):
            raise
        raise AssertionError(f"{shown} raised {type(e).__module__}.{type(e).__name__}: {_short(str(e), 2000)}") from e


def versions_repository(folder: Path) -> None:
    """An OTA versions repository of two versions of one document, for the history functions."""
    (folder / "Open Terms Archive").mkdir(parents=True)
    for file, date, prefix in (
        ("imprint-2025.md", "2025-06-01T12:00:00Z", "First record of"),
        ("imprint-2026-01-28.md", "2026-01-28T12:30:21Z", "Record new changes of"),
    ):
        shutil.copyfile(ROOT / "examples" / "data" / "terms" / "versions" / file, folder / "Open Terms Archive" / "Imprint.md")
        env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        for args in (["init", "-q"], ["config", "user.name", "OTA-Bot"], ["config", "user.email", "bot@opentermsarchive.org"],
                     ["add", "."], ["commit", "-q", "-m", f"{prefix} Open Terms Archive Imprint"]):
            subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module", autouse=True)
def working_directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A working directory three levels below a fresh temporary folder, holding the samples."""
    cwd = tmp_path_factory.mktemp("properties") / "a" / "b" / "c"
    (cwd / "samples").mkdir(parents=True)
    for target, source in SAMPLES.items():
        if (ROOT / source).is_dir():
            shutil.copytree(ROOT / source, cwd / target)
        else:
            shutil.copyfile(ROOT / source, cwd / target)
    for target, content in MADE.items():
        if content is None:
            (cwd / target).mkdir()
        else:
            (cwd / target).write_bytes(content)
    versions_repository(cwd / "samples" / "repo")
    before = os.getcwd()
    os.chdir(cwd)
    try:
        yield cwd
    finally:
        os.chdir(before)


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
@PROFILE
@given(data=st.data())
def test_hostile_arguments_end_in_a_documented_error(name: str, data: st.DataObject) -> None:
    function = FUNCTIONS[name]
    strategy = st.one_of(arguments(function), seeded_arguments(name, function))
    args, kwargs = data.draw(strategy, label="arguments")
    call_shows_only_documented_errors(name, function, args, kwargs)
