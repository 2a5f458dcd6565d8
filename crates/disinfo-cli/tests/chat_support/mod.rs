//! What the chat service's end-to-end tests share: the example configuration in a temporary
//! folder (with the example versions repository recorded by `examples/chat/prepare.sh`), the
//! built `disinfo chat serve` started on a free port, a plain HTTP/1.1 client, signed Slack and
//! tokened Mattermost requests, and a local webhook that records every POST it receives.

#![allow(dead_code)] // each test file uses its own part of this

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

pub const SLACK_SECRET: &str = "test-signing-secret-8f742231b10e8888";
pub const TOKEN: &str = "mm-token-wiki";
pub const LINK_SECRET: &str = "test-link-secret-of-some-length";

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Unix seconds now.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// A temporary folder removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("chat-{label}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temporary folder");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `examples/chat/chat.toml` copied into `dir` with its paths made absolute, `/terms` reading a
/// versions repository recorded there by `examples/chat/prepare.sh`, and `service` keys
/// replaced by `overrides` (`("answer_within_ms", "0")`). Returns the configuration's path.
pub fn example_config(dir: &Path, overrides: &[(&str, &str)]) -> PathBuf {
    let examples = root().join("examples/chat");
    let state = dir.join("state");
    if !state.join("versions").exists() {
        let status = Command::new("bash")
            .arg(examples.join("prepare.sh"))
            .arg(&state)
            .env("DISINFO_CLI", env!("CARGO_BIN_EXE_disinfo"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("run prepare.sh");
        assert!(
            status.success(),
            "examples/chat/prepare.sh failed: {status}"
        );
    }
    let text = std::fs::read_to_string(examples.join("chat.toml")).expect("chat.toml");
    let mut out = String::new();
    let mut seen = Vec::new();
    for line in text.lines() {
        let key = line.split('=').next().unwrap_or_default().trim();
        let line = if let Some((_, value)) = overrides.iter().find(|(k, _)| *k == key) {
            seen.push(key.to_string());
            format!("{key} = {value}")
        } else if key == "versions" {
            format!(
                "versions = {:?}",
                state.join("versions").display().to_string()
            )
        } else if ["posts", "accounts", "table", "root", "collections"].contains(&key) {
            absolute_paths(line, &examples)
        } else {
            line.to_string()
        };
        out.push_str(&line);
        out.push('\n');
    }
    for (key, _) in overrides {
        assert!(
            seen.iter().any(|k| k == key),
            "chat.toml has no `{key}` to replace"
        );
    }
    let path = dir.join("chat.toml");
    std::fs::write(&path, out).expect("write chat.toml");
    path
}

/// Each quoted relative path on `line`, made absolute under `base`.
fn absolute_paths(line: &str, base: &Path) -> String {
    let parts: Vec<&str> = line.split('"').collect();
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('"');
        }
        if i % 2 == 1 && !part.starts_with('/') {
            out.push_str(&base.join(part).display().to_string());
        } else {
            out.push_str(part);
        }
    }
    out
}

/// The service, started with the example secrets; killed on drop.
pub struct Server {
    pub child: Child,
    pub addr: String,
    /// Its standard error so far (the JSON log lines).
    pub log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// The JSON log lines of requests to `path` so far, waiting (up to 10 s) until there are
    /// `count` of them: a line is written when its answer is sent, and reaches the pipe a little later.
    pub fn logged(&self, path: &str, count: usize) -> Vec<Value> {
        let started = std::time::Instant::now();
        loop {
            let lines: Vec<Value> = self
                .log
                .lock()
                .expect("log")
                .iter()
                .filter_map(|l| serde_json::from_str::<Value>(l).ok())
                .filter(|l| l["message"] == "request" && l["path"] == path)
                .collect();
            if lines.len() >= count || started.elapsed() > Duration::from_secs(10) {
                return lines;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `disinfo chat serve --config CONFIG --listen 127.0.0.1:0`, analysis cards going to
    /// `webhook`; waits for `listening on http://ADDR`.
    pub fn start(config: &Path, webhook: &str) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_disinfo"))
            .args(["chat", "serve", "--config"])
            .arg(config)
            .args(["--listen", "127.0.0.1:0"])
            .env("DISINFO_SLACK_SIGNING_SECRET", SLACK_SECRET)
            .env("DISINFO_MATTERMOST_TOKENS", format!("other-token, {TOKEN}"))
            .env("DISINFO_LINK_SECRET", LINK_SECRET)
            .env("DISINFO_ANALYSIS_WEBHOOK", webhook)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start disinfo chat serve");
        let stderr = child.stderr.take().expect("stderr");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        {
            let log = log.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    if let Some(addr) = line.strip_prefix("listening on http://") {
                        let _ = tx.send(addr.to_string());
                    }
                    log.lock().expect("log").push(line);
                }
            });
        }
        let addr = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(addr) => addr,
            Err(_) => {
                let _ = child.kill();
                panic!("the service did not start: {:?}", log.lock().expect("log"));
            }
        };
        Server { child, addr, log }
    }

    /// Its resident memory now, in KiB (VmRSS).
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("/proc status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .expect("VmRSS")
    }

    /// A signed Slack slash command.
    pub fn slack(&self, command: &str, text: &str, user: &str) -> Reply {
        let body = form(&[
            ("token", "unused"),
            ("team_id", "T1"),
            ("team_domain", "newsroom"),
            ("channel_id", "C1"),
            ("channel_name", "verification"),
            ("user_id", user),
            ("user_name", "ana"),
            ("command", command),
            ("text", text),
        ]);
        self.slack_raw("/slack/commands", body.as_bytes(), now())
    }

    /// A Slack request with `body` signed at `timestamp`.
    pub fn slack_raw(&self, path: &str, body: &[u8], timestamp: i64) -> Reply {
        let ts = timestamp.to_string();
        let signature = disinfo::chat::verify::slack_signature(SLACK_SECRET.as_bytes(), &ts, body);
        self.post(
            path,
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("X-Slack-Request-Timestamp", &ts),
                ("X-Slack-Signature", &signature),
            ],
            body,
        )
    }

    /// A Mattermost slash command with the token, `response_url` given when not empty.
    pub fn mattermost(&self, command: &str, text: &str, user: &str, response_url: &str) -> Reply {
        let body = form(&[
            ("token", TOKEN),
            ("team_id", "team1"),
            ("team_domain", "newsroom"),
            ("channel_id", "chan1"),
            ("channel_name", "verification"),
            ("user_id", user),
            ("user_name", "ana"),
            ("command", command),
            ("text", text),
            ("response_url", response_url),
        ]);
        self.post(
            "/mattermost/commands",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            body.as_bytes(),
        )
    }

    /// A POST of `body` to `path`.
    pub fn post(&self, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        request(&self.addr, "POST", path, headers, body)
    }

    /// A GET of a URL the service gave out (`http://ADDR/pages/...` or its path).
    pub fn get(&self, url: &str) -> Reply {
        let path = match url.find("/pages/") {
            Some(i) => &url[i..],
            None => url,
        };
        request(&self.addr, "GET", path, &[], b"")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as JSON (panics with the body when it is not).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}), status {}: {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Everything a person would read in a JSON answer: its text and every card's strings.
    pub fn all_text(&self) -> String {
        let mut out = String::new();
        collect_strings(&self.json(), &mut out);
        out
    }
}

fn collect_strings(value: &Value, out: &mut String) {
    match value {
        Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// One HTTP/1.1 request on its own connection.
pub fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    // The service may answer (413) before the whole body is sent: the answer is read anyway.
    let _ = stream.write_all(&request_bytes(addr, method, path, headers, body));
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    parse_reply(&raw)
}

/// One HTTP/1.1 request on its own connection, giving up after `timeout` to connect, send or
/// read: `Err` when the service cannot be reached or its answer is cut short (a service killed
/// in the middle), where [`request`] would panic.
pub fn try_request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    timeout: Duration,
) -> Result<Reply, String> {
    let socket: std::net::SocketAddr = addr.parse().map_err(|e| format!("{addr}: {e}"))?;
    let mut stream =
        TcpStream::connect_timeout(&socket, timeout).map_err(|e| format!("connect: {e}"))?;
    stream
        .set_read_timeout(Some(timeout))
        .and_then(|()| stream.set_write_timeout(Some(timeout)))
        .map_err(|e| format!("timeout: {e}"))?;
    stream
        .write_all(&request_bytes(addr, method, path, headers, body))
        .map_err(|e| format!("send: {e}"))?;
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .map_err(|e| format!("read: {e}"))?;
    let head_ends = raw.windows(4).any(|w| w == b"\r\n\r\n");
    if !raw.starts_with(b"HTTP/1.1 ") || !head_ends {
        return Err(format!(
            "no whole answer: {:?}",
            String::from_utf8_lossy(&raw)
        ));
    }
    let reply = parse_reply(&raw);
    match reply.header("content-length").map(str::parse::<usize>) {
        Some(Ok(length)) if length != reply.body.len() => Err(format!(
            "an answer cut short: {} of {length} bytes",
            reply.body.len()
        )),
        _ => Ok(reply),
    }
}

/// A request's bytes: its head (`Connection: close`) and `body`.
fn request_bytes(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Vec<u8> {
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

fn parse_reply(raw: &[u8]) -> Reply {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP answer: {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = raw.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&raw[..end]).trim(), 16)
            .unwrap_or_default();
        if size == 0 {
            break;
        }
        let start = end + 2;
        out.extend_from_slice(&raw[start..(start + size).min(raw.len())]);
        raw = &raw[(start + size + 2).min(raw.len())..];
    }
    out
}

/// `application/x-www-form-urlencoded`.
pub fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes everything but unreserved characters.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A local webhook on 127.0.0.1 that answers 200 to every POST and records it.
pub struct Hook {
    pub url: String,
    received: Arc<Mutex<Vec<(String, Value)>>>,
}

impl Hook {
    pub fn start() -> Hook {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind hook");
        let addr = listener.local_addr().expect("addr");
        let received = Arc::new(Mutex::new(Vec::new()));
        let store = received.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let store = store.clone();
                std::thread::spawn(move || record(stream, &store));
            }
        });
        Hook {
            url: format!("http://{addr}/hooks/analysis"),
            received,
        }
    }

    /// The URL of another path on this hook (a `response_url`).
    pub fn at(&self, path: &str) -> String {
        self.url.replace("/hooks/analysis", path)
    }

    /// Waits until a POST to `path` has arrived; returns its JSON body.
    pub fn wait_for(&self, path: &str, within: Duration) -> Option<Value> {
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if let Some((_, body)) = self
                .received
                .lock()
                .expect("hook")
                .iter()
                .find(|(p, _)| p == path)
            {
                return Some(body.clone());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// Every POST so far.
    pub fn received(&self) -> Vec<(String, Value)> {
        self.received.lock().expect("hook").clone()
    }
}

fn record(stream: TcpStream, store: &Mutex<Vec<(String, Value)>>) {
    let mut reader = BufReader::new(stream);
    let Some(request) = crate::http_support::read_request(&mut reader) else {
        return;
    };
    store
        .lock()
        .expect("hook")
        .push((request.path.clone(), request.json()));
    let mut stream = reader.into_inner();
    let _ =
        stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
}
