"""The commands `./x bench memory` measures, and their inputs at the full size and at a quarter.

Inputs come from the generators the other benchmarks use, called as they are (the release CLI's
`ads generate`, the `coordinate_bench` example's `write-csv`, benches/*/make_*.py and
generate.py, the golden cases of `./x bench terms`, the OTA demo collection of `./x bench
replay`); each is written once under .cache/bench/memory/ and reused by later runs.

Whether a command streams its input or reads it whole was read from the code (crates/disinfo-cli
and the core readers it calls); `Command.reading` and `Command.why` say what was found.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

STREAMED = "streamed"
WHOLE = "read whole"


class PrepareError(Exception):
    """An input could not be made: a generator is missing or failed."""


@dataclass(frozen=True)
class Sizes:
    """Full input sizes (environment variables of the same names); quarters are derived."""

    ads: int = 1_000_000
    days: int = 7
    posts: int = 10_000_000
    feature_posts: int = 10_000_000
    commits: int = 5000
    entries: int = 10_000
    repeat: int = 16
    review_items: int = 100_000

    @classmethod
    def from_env(cls) -> Sizes:
        defaults = cls()
        values = {}
        for name in cls.__dataclass_fields__:
            raw = os.environ.get(name.upper(), str(getattr(defaults, name)))
            if not raw.isdigit() or int(raw) < 4:
                raise SystemExit(f"{name.upper()}={raw}: give a whole number of at least 4")
            values[name] = int(raw)
        return cls(**values)


@dataclass(frozen=True)
class Setup:
    """Where things are: the repository, the work folder, the binaries, the shared data."""

    root: Path
    work: Path
    cli: Path
    posts_tool: Path
    python: str
    shared: Path
    sizes: Sizes


@dataclass(frozen=True)
class Input:
    """One command line on one input."""

    argv: list[str]
    size: str
    # How much input, in the command's own unit (jobs, bytes, commits, posts...): the growth ratio.
    amount: int
    # Written by the command: removed before each run.
    outputs: tuple[Path, ...] = ()
    # What the command wrote besides stdout, compared between runs (e.g. a repository's HEAD).
    fingerprint: Callable[[], str] = field(default=lambda: "")


@dataclass(frozen=True)
class Command:
    """A CLI command, how it reads its input, and how to make its input at 1/`divisor` size."""

    name: str
    reading: str
    why: str
    prepare: Callable[[Setup, int], Input]
    # The largest input of the command's benchmark, in `Input.amount` units, and what it is:
    # given where the default here is smaller (the peak there is then projected).
    bench: tuple[int, str] | None = None


def tail(text: str, lines: int = 8) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def generate(argv: list[str], what: str, cwd: Path, stdout: Path | None = None) -> None:
    """Runs a generator; a missing program or a failure is a PrepareError saying which."""
    try:
        with open(stdout, "wb") if stdout else open(os.devnull, "wb") as out:
            done = subprocess.run(argv, check=False, cwd=cwd, stdout=out, stderr=subprocess.PIPE, text=True)
    except OSError as e:
        raise PrepareError(f"{what}: cannot run {argv[0]}: {e}") from e
    if done.returncode != 0:
        raise PrepareError(f"{what}: `{' '.join(argv)}` exited {done.returncode}:\n{tail(done.stderr)}")


def once(target: Path, make: Callable[[Path], None]) -> Path:
    """`target`, made by `make(tmp)` into a sibling and renamed when it does not exist yet."""
    if target.exists():
        return target
    tmp = target.with_name(target.name + ".tmp")
    remove(tmp)
    tmp.parent.mkdir(parents=True, exist_ok=True)
    make(tmp)
    tmp.rename(target)
    return target


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def mib(n: int) -> str:
    return f"{n / 2**20:,.1f} MiB" if n < 2**30 else f"{n / 2**30:,.2f} GiB"


def git(args: list[str], cwd: Path) -> str:
    done = subprocess.run(["git", *args], check=False, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise PrepareError(f"git {' '.join(args)} in {cwd} failed:\n{tail(done.stderr)}")
    return done.stdout


def head_of(repo: Path) -> str:
    """The HEAD commit of a repository a command wrote (an error text when there is none)."""
    done = subprocess.run(["git", "rev-parse", "HEAD"], check=False, cwd=repo, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else f"no HEAD: {done.stderr.strip()}"


# --- terms ---------------------------------------------------------------------------------


def extract_batch(s: Setup, divisor: int) -> Input:
    """The pages of `./x bench terms` (its golden OTA demo cases), each repeated as its timed runs do."""
    cases = sorted((s.root / "tests/golden/cases").glob("terms-extract-ota-demo-*"))
    if not cases:
        raise PrepareError("terms extract-batch: no tests/golden/cases/terms-extract-ota-demo-* cases")
    repeat = max(1, s.sizes.repeat // divisor)
    jobs, html = [], 0
    for case in cases:
        kwargs = json.loads((case / "case.json").read_text())["kwargs"]
        job = {k: kwargs[k] for k in ("location", "select", "remove") if kwargs.get(k) is not None}
        jobs += [{"id": f"{case.name}-{i}", "snapshot": str(case / "snapshot.html"), **job} for i in range(repeat)]
        html += (case / "snapshot.html").stat().st_size * repeat
    path = s.work / "terms" / f"jobs-{len(cases)}x{repeat}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(j) + "\n" for j in jobs))
    size = f"{len(jobs)} jobs ({len(cases)} pages x {repeat}), {mib(html)} HTML"
    return Input([str(s.cli), "terms", "extract-batch", str(path), "--quiet"], size, len(jobs))


def diff(s: Setup, divisor: int) -> Input:
    """The largest pair of `./x bench diff` (make_pairs.py); the quarter is its first quarter."""
    pairs = once(
        s.work / "diff" / "pairs",
        lambda out: generate(
            [s.python, "benches/diff/make_pairs.py", str(out), str(s.shared)], "terms diff: make_pairs.py", s.root
        ),
    )
    old = max(pairs.glob("*-old.md"), key=lambda p: p.stat().st_size)
    new = old.with_name(old.name.replace("-old", "-new"))
    if divisor > 1:
        old, new = (quarter_of(p, divisor, pairs.parent / "quarter") for p in (old, new))
    total = old.stat().st_size + new.stat().st_size
    argv = [str(s.cli), "terms", "diff", str(old), str(new), "--format", "json", "--granularity", "word"]
    return Input(argv, f"2 versions, {mib(total)}", total)


def quarter_of(path: Path, divisor: int, folder: Path) -> Path:
    """The first 1/`divisor` of a Markdown file's paragraphs."""
    paragraphs = path.read_text().split("\n\n")
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / path.name
    out.write_text("\n\n".join(paragraphs[: max(1, len(paragraphs) // divisor)]) + "\n")
    return out


def history(s: Setup, divisor: int) -> Input:
    """A versions repository of `./x bench history` (make_repo.py) with COMMITS commits."""
    commits = s.sizes.commits // divisor
    repo = once(
        s.work / "history" / f"repo-{commits}",
        lambda out: generate(
            [s.python, "benches/history/make_repo.py", str(out), str(commits)], "terms history: make_repo.py", s.root
        ),
    )
    size = size_of(repo / ".git")
    argv = [str(s.cli), "terms", "history", str(repo), "--format", "json"]
    return Input(argv, f"{commits:,} commits ({mib(size)} .git)", commits)


# How `./x bench replay` names the snapshots in the versions it writes.
SNAPSHOT_URL = "https://github.com/OpenTermsArchive/demo-snapshots/commit/%SNAPSHOT_ID"


def replay(s: Setup, divisor: int) -> Input:
    """The OTA demo collection of `./x bench replay`; the quarter stops at the first quarter's date."""
    collection = s.shared / "terms/ota-demo-collection"
    declarations = s.shared / "terms/declarations/demo"
    if not (collection / "demo-snapshots.bundle").is_file() or not declarations.is_dir():
        raise PrepareError(f"terms replay: {collection} or {declarations} not found (set DISINFO_SHARED_DATA)")
    snapshots = once(
        s.work / "replay" / "demo-snapshots",
        lambda out: generate(
            ["git", "clone", "-q", str(collection / "demo-snapshots.bundle"), str(out)],
            "terms replay: git clone",
            s.root,
        ),
    )
    dates = git(["log", "--reverse", "--format=%cI"], snapshots).split()
    commits = len(dates) // divisor
    versions = s.work / "replay" / f"versions-{divisor}"
    argv = [str(s.cli), "terms", "replay", "--declarations", str(declarations), "--snapshots", str(snapshots)]
    argv += ["--versions", str(versions), "--format", "json", "--quiet", "--snapshot-id-template", SNAPSHOT_URL]
    if divisor > 1:
        argv += ["--until", dates[commits - 1]]
    size = size_of(snapshots / ".git")
    return Input(
        argv,
        f"{commits:,} of {len(dates):,} snapshot commits ({mib(size)} .git)",
        commits,
        outputs=(versions,),
        fingerprint=lambda: head_of(versions),
    )


# --- bots ----------------------------------------------------------------------------------


def posts_csv(s: Setup, posts: int) -> Path:
    """QUT CSV of `posts` synthetic posts, by the coordinate bench's `coordinate_bench write-csv`."""
    return once(
        s.work / "bots" / f"posts-{posts}.csv",
        lambda out: generate(
            [str(s.posts_tool), "write-csv", str(posts), str(out)], "bots: coordinate_bench write-csv", s.root
        ),
    )


def posts_input(s: Setup, posts: int, args: list[str]) -> Input:
    csv = posts_csv(s, posts)
    size = csv.stat().st_size
    argv = [str(s.cli), "bots", *args[:1], str(csv), "--input-format", "qut-csv", *args[1:]]
    return Input(argv, f"{posts:,} posts, {mib(size)} QUT CSV", posts)


def features(s: Setup, divisor: int) -> Input:
    return posts_input(s, s.sizes.feature_posts // divisor, ["features"])


def coordinate(s: Setup, divisor: int) -> Input:
    return posts_input(s, s.sizes.posts // divisor, ["coordinate", "--quiet"])


def cluster(s: Setup, divisor: int) -> Input:
    return posts_input(s, s.sizes.posts // divisor, ["cluster", "--quiet"])


def cluster_features(s: Setup, divisor: int) -> Input:
    """A features CSV written by `disinfo bots features`, clustered with DBSCAN (the default)."""
    posts = s.sizes.feature_posts // divisor
    csv = posts_csv(s, posts)
    matrix = once(
        s.work / "bots" / f"features-{posts}.csv",
        lambda out: generate(
            [str(s.cli), "bots", "features", str(csv), "--input-format", "qut-csv"],
            "bots: disinfo bots features",
            s.root,
            stdout=out,
        ),
    )
    with matrix.open() as f:
        columns = len(f.readline().split(",")) - 2
        rows = sum(1 for _ in f)
    size = matrix.stat().st_size
    argv = [str(s.cli), "bots", "cluster-features", str(matrix), "--input-format", "features-csv", "--format", "csv"]
    return Input(argv, f"{rows:,} accounts x {columns} features, {mib(size)}", rows)


# --- ads -----------------------------------------------------------------------------------


def audit(s: Setup, divisor: int) -> Input:
    """DAYS collections of ADS Meta ads from `disinfo ads generate bench`, audited as `./x bench ads` does."""
    ads, days = s.sizes.ads // divisor, s.sizes.days
    data = once(
        s.work / "ads" / f"{days}x{ads}-2019",
        lambda out: generate(
            [str(s.cli), "ads", "generate", "bench", str(out), *f"--seed 2019 --days {days} --ads {ads}".split()],
            "ads audit: disinfo ads generate bench",
            s.root,
        ),
    )
    dirs = [str(data / f"day-{d}") for d in range(1, days + 1)]
    size = size_of(data)
    options = ["--format", "csv", "--table", "pairs", "--evidence-limit", "100", "--quiet"]
    argv = [str(s.cli), "ads", "audit", *dirs, *options]
    return Input(argv, f"{days} x {ads:,} ads, {mib(size)} JSON", days * ads)


def review_answers(out: Path, items: int, reviewers: int = 5) -> None:
    """Answers shaped as `./x bench review`'s (its generator is inline in bench.py and needs numpy):
    five reviewers, answers 1-5 that agree with a hidden truth 70 % of the time, 20 % missing."""
    rng = random.Random(2011)
    truth = [rng.randint(1, 5) for _ in range(items)]
    with out.open("w") as f:
        f.write("item,reviewer,answer\n")
        for r in range(reviewers):
            for i, t in enumerate(truth):
                answer = t if rng.random() < 0.7 else rng.randint(1, 5)
                if rng.random() >= 0.2:
                    f.write(f"ad{i},r{r},{answer}\n")


def agreement(s: Setup, divisor: int) -> Input:
    items = s.sizes.review_items // divisor
    csv = once(s.work / "review" / f"answers-{items}.csv", lambda out: review_answers(out, items))
    rows = sum(1 for _ in csv.open()) - 1
    size = csv.stat().st_size
    argv = [str(s.cli), "ads", "review", "agreement", str(csv), "--level", "ordinal", "--format", "json"]
    return Input(argv, f"{rows:,} answers ({items:,} items x 5), {mib(size)} CSV", rows)


# --- encyclopedia --------------------------------------------------------------------------


def encyclopedia(s: Setup, divisor: int) -> Input:
    """ENTRIES entries written by `./x bench encyclopedia`'s generate.py."""
    n = s.sizes.entries // divisor
    corpus = once(
        s.work / "encyclopedia" / f"corpus-{n}",
        lambda out: generate(
            [s.python, "benches/encyclopedia/generate.py", str(out), str(n)], "encyclopedia: generate.py", s.root
        ),
    )
    size = size_of(corpus / "entries")
    argv = [str(s.cli), "encyclopedia", "check", str(corpus / "entries"), "--format", "text"]
    return Input(argv, f"{n:,} entries, {mib(size)}", n)


COMMANDS = [
    Command(
        "terms extract-batch",
        WHOLE,
        "the jobs file is read whole and every result is kept until the last job is done "
        "(printed in job order); each snapshot is read whole and parsed into one DOM",
        extract_batch,
    ),
    Command("terms diff", WHOLE, "both versions are read whole: the diff aligns the two whole texts", diff),
    Command(
        "terms history",
        STREAMED,
        "version texts are read per run of 32 pairs and dropped after diffing; the version "
        "index and one summary per change stay for the report",
        history,
    ),
    Command(
        "terms replay",
        STREAMED,
        "commits are walked oldest first and extracted in a bounded window, versions written "
        "as they come; the report keeps counts and failures",
        replay,
    ),
    Command(
        "bots features",
        WHOLE,
        "records are read one at a time, but every account and post is kept: behaviour "
        "features need all the posts of an account before its row",
        features,
        bench=(10_000_000, "./x bench features: 1,000,000 accounts, ~10,000,000 posts"),
    ),
    Command(
        "bots coordinate",
        STREAMED,
        "QUT CSV rows go in batches of 8,192 to the network builder and no post is kept, but "
        "its state grows with the input: a hash of every post id (duplicates), every account, "
        "and the id and time of every post with a trace (reposts here)",
        coordinate,
    ),
    Command(
        "bots cluster",
        STREAMED,
        "the same streamed network build, then communities over the whole network (small beside the builder's state)",
        cluster,
    ),
    Command(
        "bots cluster-features",
        WHOLE,
        "clustering needs the whole feature matrix in memory (DBSCAN's k-d tree over every account)",
        cluster_features,
        bench=(1_000_000, "./x bench cluster: a 1,000,000-account matrix"),
    ),
    Command(
        "ads audit",
        WHOLE,
        "each raw file (a JSON page) is read whole into a reused buffer, and every collection "
        "stays loaded with its key index: the checks compare consecutive collections by ad key",
        audit,
    ),
    Command(
        "ads review agreement",
        WHOLE,
        "the answers file is read whole (CSV or a JSON list); the measure needs every item's answers together",
        agreement,
    ),
    Command(
        "encyclopedia check",
        STREAMED,
        "each entry file is read, checked and dropped (in parallel); only ids, references and "
        "anchors stay for the cross-reference rules",
        encyclopedia,
    ),
]
