#!/usr/bin/env python3
"""The soak test (issue 23): what `./x soak [--seconds N]` runs (600 s; 60 s when CI=true).

Three parts run at once for the whole duration, and each is checked:

- tracker: `disinfo.terms.track` called again and again in this process against a hostile HTTP
  server (a thread of this process) serving 8 terms documents of 6 services. Each request gets a
  seeded random behaviour: a normal page (its text changes now and then), a slow page that
  arrives in time, 500, a delay past the tracker's timeout, a body trickled past it, a redirect
  loop, a body over the default `max_bytes` (50 MiB + 64 KiB sent, with its Content-Length or
  chunked without one), a truncated chunked body, a reset connection (timeout 1.5 s, 1 retry).
  Checks: every run has exactly one event per document; the behaviour served to a document's
  last attempt gives its outcome (a failure is a `fetch_error` event with a code and the expected
  kind); at the end, the snapshots repository has as many commits as the runs'
  `snapshots_recorded` and the versions repository one per `first_record` or `changed` event.
- chat: `disinfo chat serve` (inline secrets) under valid signed Slack and tokened Mattermost
  commands (each must be 200 JSON) mixed with forged signatures, stale timestamps, garbage
  forms, oversized bodies, unknown paths and slowloris connections: every answer is a whole HTTP
  answer with an expected status, never 5xx, and the service stays up; a slowloris connection is
  closed (head) or answered 4xx (body) within the service's deadlines, never held.
- review: `disinfo ads review serve --requests-per-minute 0` on a generated campaign; reviewers
  answer ads while a hostile client sends forms without CSRF token, forged cookies, huge bodies,
  used invitations and script text. At the end the exported answers hold every acknowledged
  answer (the 303) exactly once, and nothing that was never sent.

Memory: the resident memory (VmRSS) of this process, the chat service and the review service is
sampled every second. Warm-up is the first 20 % of the run (at least 10 s). A process is flat
when the mean of its last quarter of the run <= the mean of the first quarter of the
post-warm-up window x 1.10 + 8 MiB. Prints a summary table; exits 1 when any check failed.
"""

from __future__ import annotations

import argparse, csv, hashlib, hmac, io, json, os, random, re, secrets, select, shutil, socket, struct
import subprocess, sys, tempfile, threading, time, urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
SLACK_SECRET, MM_TOKEN, LINK_SECRET = "soak-signing-secret", "soak-mm-token", "soak-link-secret-0123456789"
TIMEOUT_MS, RETRIES, MAX_BYTES = 1500, 1, 50 * 1024 * 1024
SERVICES = {"Alpha": ["Terms of Service", "Privacy Policy"], "Bravo": ["Terms of Service"],
            "Charlie": ["Terms of Service"], "Delta": ["Terms of Service"],
            "Echo": ["Terms of Service"], "Foxtrot": ["Terms of Service", "Privacy Policy"]}
# Behaviour: (weight, the outcome it must give when it is a document's last attempt, error kinds).
BEHAVIOURS: dict[str, tuple[int, str, set[str]]] = {
    "normal": (40, "ok", set()), "slow_ok": (6, "ok", set()),
    "status_500": (10, "fetch_error", {"http_status"}), "delay": (6, "fetch_error", {"timeout"}),
    "trickle": (6, "fetch_error", {"timeout"}), "redirect_loop": (8, "fetch_error", {"too_many_redirects"}),
    "huge": (2, "fetch_error", {"too_large"}), "huge_stream": (2, "fetch_error", {"too_large"}), "chunked_cut": (8, "fetch_error", {"network"}),
    "reset": (8, "fetch_error", {"network"})}
MIB = 1024 * 1024


@dataclass
class Tally:
    """What one part did: outcomes by kind, count of requests or runs, failed checks."""
    name: str
    count: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str) -> None:
        with self.lock:
            self.count += 1
            self.kinds[kind] += 1

    def fail(self, message: str) -> None:
        with self.lock:
            if len(self.failures) < 50:
                self.failures.append(message)


class RssSampler(threading.Thread):
    """Samples VmRSS (KiB) of named processes every second until stopped."""

    def __init__(self, pids: dict[str, int]) -> None:
        super().__init__(daemon=True)
        self.pids = pids
        self.samples: dict[str, list[tuple[float, int]]] = {name: [] for name in pids}
        self.stop, self.start_time = threading.Event(), time.monotonic()

    def run(self) -> None:
        while not self.stop.wait(1.0 - (time.monotonic() - self.start_time) % 1.0):
            for name, pid in self.pids.items():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                    kib = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
                    self.samples[name].append((time.monotonic() - self.start_time, kib))
                except (OSError, AttributeError):
                    pass


def flatness(samples: list[tuple[float, int]], seconds: float) -> tuple[dict[str, float], str | None]:
    """RSS figures in MiB (start, after warm-up, end, max) and why it is not flat (None: flat)."""
    if len(samples) < 8:
        return {}, f"only {len(samples)} RSS samples"
    warm = max(10.0, 0.2 * seconds)
    post = [kib for t, kib in samples if t >= warm]
    if not post:
        return {}, "no RSS sample after warm-up (the process ended?)"
    last = [kib for t, kib in samples if t >= 0.75 * seconds] or post[-max(1, len(post) // 4):]
    first = post[: max(1, len(post) // 4)]
    base, tail = sum(first) / len(first) / 1024, sum(last) / len(last) / 1024
    figures = {"start": samples[0][1] / 1024, "warm": post[0] / 1024,
               "end": samples[-1][1] / 1024, "max": max(k for _, k in samples) / 1024,
               "base": base, "tail": tail}
    limit = base * 1.10 + 8
    return figures, None if tail <= limit else f"RSS grew: last-quarter mean {tail:.1f} MiB > {limit:.1f} MiB"


@dataclass
class Reply:
    """An HTTP answer read off a socket."""
    status: int
    headers: dict[str, str]
    body: bytes


def exchange(addr: tuple[str, int], raw: bytes, timeout: float = 15.0, early: bool = False) -> Reply | str:
    """Sends `raw` on a new connection, reads to EOF: the parsed answer, or why there is none.
    `early`: after the head, wait a moment and read an answer sent before the body (a 413)."""
    data = bytearray()
    try:
        with socket.create_connection(addr, timeout=timeout) as sock:
            head_end = raw.index(b"\r\n\r\n") + 4
            try:
                sock.sendall(raw[:head_end] if early else raw)
                if early and not select.select([sock], [], [], 0.05)[0]:
                    sock.sendall(raw[head_end:])
            except (BrokenPipeError, ConnectionResetError):
                pass  # refused before the whole body was sent: read the answer
            while chunk := sock.recv(65536):
                data += chunk
    except (OSError, ValueError) as e:
        if data:  # an answer, then a reset: parse what came
            return parse_reply(bytes(data))
        return f"{type(e).__name__}: {e}"
    return parse_reply(bytes(data))


def parse_reply(raw: bytes) -> Reply | str:
    """A whole HTTP/1.1 answer (status line, headers, a body of its Content-Length or chunked)."""
    if not raw.startswith(b"HTTP/1.") or b"\r\n\r\n" not in raw:
        return f"no whole answer: {raw[:80]!r}"
    head, body = raw.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers: dict[str, str] = {}
    for name, value in (line.split(":", 1) for line in lines[1:] if ":" in line):
        key = name.strip().lower()  # repeated headers (Set-Cookie) joined by newlines
        headers[key] = headers[key] + "\n" + value.strip() if key in headers else value.strip()
    if "chunked" in headers.get("transfer-encoding", ""):
        out, rest = bytearray(), body
        while True:
            size_line, _, rest = rest.partition(b"\r\n")
            size = int(size_line.split(b";")[0] or b"0", 16)
            if size == 0:
                break
            out, rest = out + rest[:size], rest[size + 2:]
        body = bytes(out)
    elif "content-length" in headers and int(headers["content-length"]) != len(body):
        return f"body cut short: {len(body)} of {headers['content-length']} bytes"
    return Reply(status, headers, body)


def request(host: str, method: str, path: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    """The bytes of a request (Connection: close)."""
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {len(body)}\r\n"
    return (head + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n").encode() + body


class Hostile(ThreadingHTTPServer):
    """Terms pages on 127.0.0.1 with a seeded random behaviour per request; logs each document
    request's behaviour, in order."""
    daemon_threads = True

    def __init__(self, seed: int) -> None:
        super().__init__(("127.0.0.1", 0), HostileHandler)
        self.rng, self.lock = random.Random(seed), threading.Lock()
        self.log: list[tuple[str, str]] = []
        self.editions: Counter[str] = Counter()

    def choose(self, path: str) -> tuple[str, int]:
        """The behaviour for a request of `path` (logged) and the document's edition."""
        with self.lock:
            names = list(BEHAVIOURS)
            name = self.rng.choices(names, [BEHAVIOURS[n][0] for n in names])[0]
            if name == "normal" and self.rng.random() < 0.15:
                self.editions[path] += 1
            self.log.append((path, name))
            return name, self.editions[path]

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up are the point here: nothing to print."""


class HostileHandler(BaseHTTPRequestHandler):
    """Serves one request with the behaviour the server picks."""
    protocol_version = "HTTP/1.1"
    server: Hostile

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def head(self, status: int, length: int | None, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Connection", "close")
        if length is not None:
            self.send_header("Content-Length", str(length))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.close_connection = True

    def do_GET(self) -> None:
        if self.path.startswith("/loop/"):
            n = int(self.path.rsplit("/", 1)[1]) + 1
            return self.head(302, 0, {"Location": f"/loop/{n % 3}"})
        behaviour, edition = self.server.choose(self.path)
        page = (f"<html><body><main><h1>{self.path}</h1><h2>Data</h2><p>Edition {edition}: "
                f"we keep your data for {30 + edition} days.</p><p>Clause {edition % 7}.</p></main></body></html>").encode()
        timeout = TIMEOUT_MS / 1000
        if behaviour in ("normal", "slow_ok", "delay"):
            if behaviour == "delay":
                time.sleep(timeout * 1.6)
            self.head(200, len(page))
            for i in range(0, len(page), 64 if behaviour == "slow_ok" else len(page)):
                self.wfile.write(page[i:i + 64] if behaviour == "slow_ok" else page)
                self.wfile.flush()
                time.sleep(timeout / 40 if behaviour == "slow_ok" else 0)
        elif behaviour == "status_500":
            self.head(500, 5)
            self.wfile.write(b"boom!")
        elif behaviour == "trickle":
            self.head(200, len(page) + 1000)
            for _ in range(int(timeout * 2 / 0.1)):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.1)
        elif behaviour == "redirect_loop":
            self.head(302, 0, {"Location": "/loop/0"})
        elif behaviour in ("huge", "huge_stream"):  # 50 MiB + 64 KiB: with its length, or chunked
            stream, block = behaviour == "huge_stream", b"<p>" + b"x" * (MIB - 8) + b"</p>\n"
            self.head(200, None if stream else MAX_BYTES + 64 * 1024, {"Transfer-Encoding": "chunked"} if stream else {})
            for part in [block] * (MAX_BYTES // MIB) + [b"y" * 64 * 1024]:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part) if stream else part)
            self.wfile.write(b"0\r\n\r\n" if stream else b"")
        elif behaviour == "chunked_cut":
            self.head(200, None, {"Transfer-Encoding": "chunked"})
            self.wfile.write(b"%x\r\n" % (len(page) + 500) + page)
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        else:  # reset: a RST instead of an answer
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True


def tracker_part(work: Path, deadline: float, seed: int, tally: Tally) -> None:
    """Runs `disinfo.terms.track` in this process until `deadline`; checks every run and, at the
    end, the commit counts of both repositories."""
    from disinfo import terms
    server = Hostile(seed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    decl, versions, snapshots = work / "declarations", work / "versions", work / "snapshots"
    decl.mkdir()
    paths: dict[tuple[str, str], str] = {}
    for service, types in SERVICES.items():
        for t in types:
            paths[(service, t)] = f"/{service.lower()}/{t.lower().replace(' ', '-')}"
        spec = {"name": service, "terms": {t: {"fetch": base + paths[(service, t)], "select": "main"} for t in types}}
        (decl / f"{service}.json").write_text(json.dumps(spec))
    recorded, versioned = 0, 0
    try:
        while time.monotonic() < deadline:
            mark = len(server.log)
            try:
                report = terms.track(decl, versions, snapshots, timeout_ms=TIMEOUT_MS, retries=RETRIES,
                                     retry_delay_ms=50, connect_timeout_ms=TIMEOUT_MS)
            except Exception as e:  # the run itself failed: the API must report, not raise
                tally.add("raised")
                tally.fail(f"run {tally.count}: track raised {type(e).__name__}: {e}")
                continue
            served = server.log[mark:]
            tally.add("run")
            tally.kinds.update(f"served {b}" for _, b in served)
            events = report["report"]["events"]
            seen = Counter((e["service"], e["terms_type"]) for e in events)
            if seen != Counter(list(paths)) or report["rejected"]:
                tally.fail(f"run {tally.count}: events {dict(seen)} rejected {report['rejected']}")
            for event in events:
                check_event(event, [b for p, b in served if p == paths.get((event["service"], event["terms_type"]))], tally)
                recorded += event["snapshots_recorded"]
                versioned += event["outcome"] in ("first_record", "changed")
    finally:
        server.shutdown()
    for repo, expected, what in ((snapshots, recorded, "snapshots_recorded"), (versions, versioned, "first_record/changed events")):
        commits = git_commits(repo)
        tally.kinds[f"{repo.name} commits"] = commits
        if commits != expected:
            tally.fail(f"{repo.name}: {commits} commits for {expected} {what} (lost or doubled)")


def check_event(event: Any, served: list[str], tally: Tally) -> None:
    """An event against the behaviours its document was served in this run."""
    name, error = f"{event['service']}/{event['terms_type']}", event.get("error") or {}
    tally.kinds[f"event {event['outcome']} {error.get('kind') or ''}".strip()] += 1
    if not served or len(served) > RETRIES + 1:
        return tally.fail(f"{name}: {len(served)} requests for one run ({served})")
    _, want, kinds = BEHAVIOURS[served[-1]]
    outcome = event["outcome"]
    ok = outcome in ("first_record", "changed", "unchanged")
    if want == "ok" and not ok:
        tally.fail(f"{name}: served {served}, got {outcome} {error}")
    elif want != "ok" and (outcome != want or not error.get("code") or error.get("kind") not in kinds):
        tally.fail(f"{name}: served {served}, got {outcome} {error} (expected {want} {kinds})")


def git_commits(repo: Path) -> int:
    """Commits reachable in `repo` (0 when it has none yet)."""
    out = subprocess.run(["git", "-C", str(repo), "rev-list", "--all", "--count"], capture_output=True, text=True)
    return int(out.stdout.strip() or 0) if out.returncode == 0 else 0


class Service:
    """A `disinfo … serve` child: started, its address read off standard error, stopped."""

    def __init__(self, cli: str, args: list[str], log: Path) -> None:
        self.log = log
        self.proc = subprocess.Popen([cli, *args], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=log.open("wb"))
        started = time.monotonic()
        while not (m := re.search(r"listening on http://([\d.]+):(\d+)", log.read_text(errors="replace"))):
            if self.proc.poll() is not None or time.monotonic() - started > 60:
                raise SystemExit(f"soak: {' '.join(args[:3])} did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.1)
        self.addr = (m.group(1), int(m.group(2)))

    def stop(self) -> int | None:
        """SIGTERM, then SIGKILL after 10 s; the exit code (None: it had to be killed)."""
        self.proc.terminate()
        try:
            return self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None


def chat_config(work: Path, cli: str) -> Path:
    """examples/chat/chat.toml with absolute paths and inline secrets, in `work`."""
    subprocess.run(["bash", str(ROOT / "examples/chat/prepare.sh"), str(work / "state")], check=True,
                   env={**os.environ, "DISINFO_CLI": cli}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    inline = {"signing_secret_env": f'signing_secret = "{SLACK_SECRET}"', "tokens_env": f'tokens = ["{MM_TOKEN}"]',
              "link_secret_env": f'link_secret = "{LINK_SECRET}"', "webhook_env": 'webhook = "http://127.0.0.1:9/hook"',
              "versions": f'versions = "{work / "state/versions"}"'}
    out = []
    for line in (ROOT / "examples/chat/chat.toml").read_text().splitlines():
        key = line.split("=")[0].strip()
        if key in inline:
            line = inline[key]
        elif key in ("posts", "accounts", "table", "root", "collections"):
            line = re.sub(r'"([^"/][^"]*)"', lambda m: f'"{ROOT / "examples/chat" / str(m.group(1))}"', line)
        out.append(line)
    path = work / "chat.toml"
    path.write_text("\n".join(out) + "\n")
    return path


def form(fields: dict[str, str]) -> bytes:
    return urllib.parse.urlencode(fields).encode()


def slack_headers(body: bytes, stamp: int, secret: str = SLACK_SECRET) -> dict[str, str]:
    sig = "v0=" + hmac.new(secret.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256).hexdigest()
    return {"Content-Type": "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp": str(stamp), "X-Slack-Signature": sig}


def chat_request(rng: random.Random, host: str) -> tuple[str, bytes, set[int], bool]:
    """One request of the mix: its kind, its bytes, the statuses allowed, whether it is refused early."""
    command, text = rng.choice([("/wiki", "fimi"), ("/wiki", "prebunkng"), ("/ads", "europe"), ("/help", ""), ("/ads", "climat")])
    fields = {"team_id": "T1", "channel_id": "C1", "user_id": f"U{rng.randrange(400)}", "user_name": "ana",
              "command": command, "text": text}
    now, body, mm = int(time.time()), form(fields), {"Content-Type": "application/x-www-form-urlencoded"}
    garbage, big = rng.randbytes(rng.randrange(1, 400)), b"text=" + b"a" * 256 * 1024
    cases: dict[str, tuple[int, str, dict[str, str], bytes, set[int]]] = {  # weight, path, headers, body, statuses
        "slack": (25, "/slack/commands", slack_headers(body, now), body, {200}),
        "mattermost": (20, "/mattermost/commands", mm, form({**fields, "token": MM_TOKEN}), {200}),
        "bad_signature": (8, "/slack/commands", slack_headers(body, now, "forged"), body, {401}),
        "stale": (6, "/slack/commands", slack_headers(body, now - 600), body, {401}),
        "bad_token": (6, "/mattermost/commands", mm, form({**fields, "token": "nope"}), {401}),
        "garbage": (8, "/slack/commands", slack_headers(garbage, now), garbage, {200, 400, 415, 422}),
        "too_big": (5, "/slack/commands", slack_headers(big, now), big, {413}),
        "unknown_path": (6, "/admin/../etc", {}, b"x", {404, 405}),
        "healthz": (4, "/healthz", {}, b"", {200}),
        "unsigned_page": (4, "/pages/chart.png?sig=00&x=1", {}, b"", {400, 401, 403, 404})}
    kind = rng.choices(list(cases), [c[0] for c in cases.values()])[0]
    _, path, headers, data, allowed = cases[kind]
    return kind, request(host, "POST" if data else "GET", path, headers, data), allowed, kind == "too_big"


def chat_part(service: Service, deadline: float, seed: int, tally: Tally) -> None:
    """Sends the mix (about 10 requests a second) until `deadline`, with slowloris clients beside."""
    rng, host = random.Random(seed), "%s:%d" % service.addr
    loris = [threading.Thread(target=slowloris, args=(service, "/slack/commands", deadline, random.Random(seed + i), tally), daemon=True)
             for i in range(3)]
    for t in loris:
        t.start()
    while time.monotonic() < deadline:
        kind, raw, allowed, early = chat_request(rng, host)
        started = time.monotonic()
        reply = exchange(service.addr, raw, early=early)
        if isinstance(reply, str):
            tally.add(f"{kind} no answer")
            tally.fail(f"{kind}: {reply}")
        else:
            tally.add(f"{kind} {reply.status}")
            if kind in ("slack", "mattermost"):
                with tally.lock:
                    slowest = tally.kinds["slowest valid command (ms)"]
                    tally.kinds["slowest valid command (ms)"] = max(slowest, int(1000 * (time.monotonic() - started)))
            if reply.status not in allowed:
                tally.fail(f"{kind}: status {reply.status}: {reply.body[:200]!r}")
            elif kind in ("slack", "mattermost") and not reply.body.startswith(b"{"):
                tally.fail(f"{kind}: 200 without a JSON object: {reply.body[:200]!r}")
        if service.proc.poll() is not None:
            return tally.fail(f"the chat service exited ({service.proc.returncode})")
        time.sleep(max(0.0, 0.1 - (time.monotonic() - started)))
    for t in loris:
        t.join()


# The services' deadlines (crates/disinfo-server/src/connections.rs): a request's head within
# 10 s, its body within 30 s. A slow client is given up on after both and a margin.
HEAD_WITHIN, BODY_WITHIN, LORIS_GIVES_UP = 10, 30, 45


def slowloris(service: Service, path: str, deadline: float, rng: random.Random, tally: Tally) -> None:
    """Connections that send a POST to `path` a byte a second (in its head or its body) and never
    finish: the service must close the connection (head) or answer 4xx (body) within its
    deadline, never hold it."""
    while time.monotonic() < deadline:
        in_body = rng.random() < 0.5
        raw = request("x", "POST", path, {})
        raw = raw.replace(b"Content-Length: 0", b"Content-Length: 100") if in_body else raw[:30]
        where, start, outcome = "body" if in_body else "head", time.monotonic(), "held"
        within = (HEAD_WITHIN + BODY_WITHIN if in_body else HEAD_WITHIN) + 5
        try:
            with socket.create_connection(service.addr, timeout=1) as sock:
                sock.sendall(raw)
                while time.monotonic() - start < LORIS_GIVES_UP and time.monotonic() < deadline:
                    try:
                        got = sock.recv(65536)
                    except socket.timeout:
                        sock.sendall(b"a" if in_body else b"X")
                        continue
                    if not got:
                        outcome = "closed"
                        break
                    sock.settimeout(5)
                    while more := sock.recv(65536):
                        got += more
                    reply = parse_reply(got)
                    outcome = f"answered {reply if isinstance(reply, str) else reply.status}"
                    if isinstance(reply, str) or not 400 <= reply.status < 500:
                        tally.fail(f"slowloris in the {where}: {outcome}")
                    break
                else:
                    outcome = "held" if time.monotonic() < deadline else "held to the end"
        except OSError as e:
            outcome = "reset" if isinstance(e, (ConnectionResetError, BrokenPipeError)) else type(e).__name__
        if outcome != "held to the end" and time.monotonic() - start > within:
            tally.fail(f"slowloris in the {where} of {path}: {outcome} after {time.monotonic() - start:.0f} s (deadline {within} s)")
        tally.add(f"slowloris {where} {outcome}")


def review_setup(work: Path, cli: str) -> tuple[Path, dict[str, str]]:
    """A generated FR 2019 campaign (3,000 ads, 3 reviewers each) and invitations: name → token."""

    def run(*a: str) -> str:
        return subprocess.run([cli, *a], check=True, capture_output=True, text=True).stdout
    collections = json.loads(run("ads", "generate", "fr2019", str(work / "collections"), "--seed", "2019"))
    campaign = work / "campaign"
    run("ads", "review", "init", "--campaign", str(campaign), "--reviewers-per-ad", "3", "--max-ads", "3000",
        *[str(work / c) if not os.path.isabs(c) else c for c in collections])
    names = ["ana", "ben", "chloe", "mallory"]
    return campaign, {n: run("ads", "review", "invite", "--campaign", str(campaign), n).strip().rsplit("/", 1)[1] for n in names}


class Reviewer:
    """A signed-in person of the review: their session, what was acknowledged or left uncertain."""

    def __init__(self, service: Service, name: str, token: str) -> None:
        self.service, self.name, self.token, self.host = service, name, token, "%s:%d" % service.addr
        self.acked: list[tuple[str, dict[str, str]]] = []
        self.uncertain: set[str] = set()
        signed = self.sign_in()
        assert isinstance(signed, Reply) and signed.status == 303, signed
        self.session = cookie_of(signed, "disinfo_session")

    def sign_in(self) -> Reply | str:
        """The invitation's page, then its form: the answer to the form (303 the first time)."""
        page = self.call("GET", f"/invite/{self.token}", "")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.body.decode()) if isinstance(page, Reply) else None
        if not csrf or isinstance(page, str):
            return page
        return self.call("POST", f"/invite/{self.token}", cookie_of(page, "disinfo_invite_csrf"), form({"csrf": csrf.group(1)}))

    def call(self, method: str, path: str, cookie: str, body: bytes | None = None, early: bool = False) -> Reply | str:
        headers = {"Cookie": cookie} if cookie else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return exchange(self.service.addr, request(self.host, method, path, headers, body or b""), early=early)

    def next_ad(self) -> tuple[str, str] | Reply | str:
        """The next ad's item and CSRF token, or the reply without one."""
        page = self.call("GET", "/review", self.session)
        if isinstance(page, str) or page.status != 200:
            return page
        text = page.body.decode(errors="replace")
        item, csrf = re.search(r'name="item" value="([^"]+)"', text), re.search(r'name="csrf" value="([^"]+)"', text)
        return (item.group(1), csrf.group(1)) if item and csrf else page


def cookie_of(reply: Reply | str, name: str) -> str:
    """`name=value` of the cookie `name` a reply sets ("" when none)."""
    cookies = "" if isinstance(reply, str) else reply.headers.get("set-cookie", "")
    return next((c.split(";")[0] for c in cookies.split("\n") if c.startswith(name + "=")), "")


SCRIPT = "<script>alert(1)</script> \"'><img src=x onerror=alert(2)>"


def review_part(reviewer: Reviewer, deadline: float, seed: int, hostile: bool, tally: Tally) -> None:
    """Answers ads until `deadline` (about 2 answers a second); `hostile` mixes in the attacks."""
    rng = random.Random(seed)
    while time.monotonic() < deadline:
        started = time.monotonic()
        if hostile and rng.random() < 0.6:
            attack(reviewer, rng, tally)
        else:
            answer(reviewer, rng, tally, script=hostile)
        if reviewer.service.proc.poll() is not None:
            return tally.fail(f"the review service exited ({reviewer.service.proc.returncode})")
        time.sleep(max(0.0, 0.5 - (time.monotonic() - started)))


def answer(reviewer: Reviewer, rng: random.Random, tally: Tally, script: bool) -> None:
    """Gets an ad and answers it; counts the 303 as acknowledged."""
    got = reviewer.next_ad()
    if not isinstance(got, tuple):
        tally.add(f"next ad: {got if isinstance(got, str) else got.status}")
        if isinstance(got, str) or got.status >= 500:
            tally.fail(f"{reviewer.name}: GET /review: {got if isinstance(got, str) else got.body[:200]!r}")
        return
    item, csrf = got
    answers = {"nature": rng.choice(["not_political", "cannot_tell"])}
    if script or rng.random() < 0.2:
        answers["comment"] = SCRIPT if script else f"seen by {reviewer.name}"
    body = form({"csrf": csrf, "item": item, "action": "answer", **{f"q.{q}": v for q, v in answers.items()}})
    reply = reviewer.call("POST", "/review", reviewer.session, body)
    if isinstance(reply, str):
        reviewer.uncertain.add(item)
        return tally.add("answer: no answer back")
    tally.add(f"answer {reply.status}")
    if reply.status == 303:
        reviewer.acked.append((item, answers))
    elif not (reply.status == 403 and b"already answered" in reply.body):
        tally.fail(f"{reviewer.name}: answer to {item}: {reply.status} {reply.body[:200]!r}")


def attack(r: Reviewer, rng: random.Random, tally: Tally) -> None:
    """One hostile request; its status must be the expected refusal."""
    got = r.next_ad()
    item, csrf = got if isinstance(got, tuple) else ("0", "0" * 64)
    kind = rng.choice(["no_csrf", "bad_csrf", "forged_cookie", "no_cookie", "huge_body", "used_invite",
                       "bogus_invite", "unknown_item", "owner_page", "owner_invite", "unknown_path"])
    fields = {"item": item, "action": "answer", "q.nature": "political", "q.comment": SCRIPT}
    cases: dict[str, tuple[Callable[[], Reply | str], set[int]]] = {
        "no_csrf": (lambda: r.call("POST", "/review", r.session, form(fields)), {403}),
        "bad_csrf": (lambda: r.call("POST", "/review", r.session, form({**fields, "csrf": secrets.token_hex(32)})), {403}),
        "forged_cookie": (lambda: r.call("POST", "/review", f"disinfo_session={secrets.token_hex(32)}", form({**fields, "csrf": csrf})), {401, 403}),
        "no_cookie": (lambda: r.call("GET", "/review", ""), {401, 303}),
        "huge_body": (lambda: r.call("POST", "/review", r.session, form({**fields, "csrf": csrf, "q.comment": "A" * 300_000}), early=True), {413}),
        "used_invite": (r.sign_in, {403}),
        "bogus_invite": (lambda: r.call("POST", f"/invite/{secrets.token_hex(32)}", "", form({"csrf": "x"})), {403, 404}),
        "unknown_item": (lambda: r.call("POST", "/review", r.session, form({**fields, "csrf": csrf, "item": "999999999999"})), {403, 404, 422}),
        "owner_page": (lambda: r.call("GET", rng.choice(["/owner", "/owner/export?format=csv"]), r.session), {403}),
        "owner_invite": (lambda: r.call("POST", "/owner/invitations", r.session, form({"csrf": csrf, "name": "eve"})), {403}),
        "unknown_path": (lambda: r.call("GET", "/../../etc/passwd", r.session), {400, 404}),
    }
    call, allowed = cases[kind]
    reply = call()
    status = reply if isinstance(reply, str) else reply.status
    tally.add(f"{kind} {status}")
    if isinstance(reply, str) or reply.status not in allowed:
        tally.fail(f"{kind}: {status}: {'' if isinstance(reply, str) else reply.body[:200]!r}")


def check_answers(cli: str, campaign: Path, reviewers: list[Reviewer], tally: Tally) -> None:
    """Every acknowledged answer stored exactly once with its value; nothing stored that was not sent."""
    out = subprocess.run([cli, "ads", "review", "export", "--campaign", str(campaign), "--format", "csv", "--table", "answers"],
                         check=True, capture_output=True, text=True).stdout
    rows = Counter((r["item"], r["reviewer"], r["question"], r["answer"].lstrip("'")) for r in csv.DictReader(io.StringIO(out)))
    keys = Counter((i, rv, q) for i, rv, q, _ in rows.elements())
    tally.kinds["stored answers"], tally.kinds["acknowledged ads"] = sum(rows.values()), sum(len(r.acked) for r in reviewers)
    for key, n in keys.items():
        if n > 1:
            tally.fail(f"stored {n} times: {key}")
    for r in reviewers:
        acked = {item for item, _ in r.acked}
        if len(acked) != len(r.acked):
            tally.fail(f"{r.name}: an ad acknowledged twice")
        for item, answers in r.acked:
            for q, v in answers.items():
                if rows[(item, r.name, q, v)] != 1:
                    tally.fail(f"{r.name}: acknowledged {item} {q}={v!r} stored {rows[(item, r.name, q, v)]} times")
        unsent = {i for i, rv, _ in keys if rv == r.name} - acked - r.uncertain
        if unsent:
            tally.fail(f"{r.name}: stored but never acknowledged nor sent: {sorted(unsent)[:5]}")


def guarded(target: Callable[..., None], tally: Tally, *args: Any) -> threading.Thread:
    """A thread running `target(*args, tally)`; an exception is a failed check of its part."""
    def run() -> None:
        try:
            target(*args, tally)
        except Exception as e:
            tally.fail(f"{target.__name__} stopped: {type(e).__name__}: {e}")
    return threading.Thread(target=run, name=target.__name__)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ci = os.environ.get("CI", "").lower() in ("true", "1")
    parser.add_argument("--seconds", type=float, default=60 if ci else 600, help="duration (>= 20)")
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    if args.seconds < 20:
        parser.error("--seconds: at least 20 (warm-up is 10 s)")
    cli = os.environ.get("DISINFO_CLI") or shutil.which("disinfo") or sys.exit("soak: no disinfo command on PATH")
    work = Path(tempfile.mkdtemp(prefix="disinfo-soak-"))
    print(f"soak: {args.seconds:.0f} s, seed {args.seed}, work folder {work}", flush=True)
    tallies = {n: Tally(n) for n in ("tracker", "chat", "review")}
    services: list[Service] = []
    try:
        failed = soak(cli, work, args.seconds, args.seed, tallies, services)
    finally:
        for service in services:  # stopped already, unless the soak broke off
            if service.proc.poll() is None:
                service.proc.kill()
    if not args.keep and not failed:
        shutil.rmtree(work, ignore_errors=True)
    print(f"soak: {'FAILED' if failed else 'passed'}" + (f" (logs in {work})" if failed else ""))
    return 1 if failed else 0


def soak(cli: str, work: Path, seconds: float, seed: int, tallies: dict[str, Tally], services: list[Service]) -> bool:
    """Starts the services (added to `services`), runs the three parts, checks: True when a check failed."""
    (work / "tracker").mkdir()
    (work / "chat").mkdir()
    chat = Service(cli, ["chat", "serve", "--config", str(chat_config(work / "chat", cli)), "--listen", "127.0.0.1:0"], work / "chat.log")
    services.append(chat)
    campaign, tokens = review_setup(work, cli)
    serve_args = ["ads", "review", "serve", "--campaign", str(campaign), "--listen", "127.0.0.1:0"]
    limited = "--requests-per-minute" not in subprocess.run([cli, *serve_args[:3], "--help"], capture_output=True, text=True).stdout
    if limited:
        tallies["review"].fail(f"{cli} has no `serve --requests-per-minute` (rebuild: ./x build-python)")
    review = Service(cli, serve_args + ([] if limited else ["--requests-per-minute", "0"]), work / "review.log")
    services.append(review)
    people = [Reviewer(review, n, t) for n, t in tokens.items()]
    sampler = RssSampler({"soak (tracker)": os.getpid(), "chat serve": chat.proc.pid, "review serve": review.proc.pid})
    sampler.start()
    deadline = time.monotonic() + seconds
    threads = [guarded(tracker_part, tallies["tracker"], work / "tracker", deadline, seed),
               guarded(chat_part, tallies["chat"], chat, deadline, seed)]
    threads += [guarded(review_part, tallies["review"], p, deadline, seed + i, p.name == "mallory") for i, p in enumerate(people)]
    threads += [guarded(slowloris, tallies["review"], review, "/review", deadline, random.Random(seed + 100 + i)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    sampler.stop.set()
    for name, service in (("chat", chat), ("review", review)):
        if service.proc.poll() is not None:
            tallies[name].fail(f"the service exited during the soak ({service.proc.returncode})")
        elif (code := service.stop()) not in (0, -15):
            tallies[name].fail(f"SIGTERM: exit {code} (None: had to be killed)")
    check_answers(cli, campaign, people, tallies["review"])
    return summary(tallies, sampler, seconds)


def summary(tallies: dict[str, Tally], sampler: RssSampler, seconds: float) -> bool:
    """Prints the table; True when a check failed."""
    failed = False
    print(f"\n{'part':8} {'count':>6}  outcomes")
    for t in tallies.values():
        print(f"{t.name:8} {t.count:>6}  " + ", ".join(f"{k}: {n}" for k, n in sorted(t.kinds.items())))
    rule = "flat: mean RSS of the run's last quarter <= mean of the first quarter after warm-up (20 %, >= 10 s) x 1.10 + 8 MiB"
    print(f"\nmemory ({rule})\n{'process':16} {'start':>7} {'warm':>7} {'end':>7} {'max':>7} {'base':>7} {'tail':>7}  MiB")
    for name, samples in sampler.samples.items():
        figures, why = flatness(samples, seconds)
        print(f"{name:16} " + " ".join(f"{figures.get(k, 0):7.1f}" for k in ("start", "warm", "end", "max", "base", "tail"))
              + f"  {'flat' if why is None else 'NOT FLAT: ' + why}")
        failed |= why is not None
    for t in tallies.values():
        print(f"\n{t.name}: {'pass' if not t.failures else 'FAIL'}")
        for f in t.failures:
            print(f"  - {f}")
        failed |= bool(t.failures)
    return failed


if __name__ == "__main__":
    sys.exit(main())
