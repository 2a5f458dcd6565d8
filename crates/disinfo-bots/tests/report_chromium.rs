//! The public cluster report opened in headless Chromium (Debian's `chromium`), driven over the
//! DevTools protocol on a pipe (`--remote-debugging-pipe`: fd 3 in, fd 4 out, messages ending in
//! a NUL byte), so that nothing but std and serde_json is needed. Every page of the site is
//! loaded in turn and must have:
//!
//! - no console message of level error or warning, no exception, no browser log error (a
//!   blocked resource, a Content-Security-Policy violation);
//! - no request outside the site's folder (every request is a `file://` URL inside it);
//! - every chart (`svg.chart`) present, laid out with a non-zero size, and drawing elements
//!   (shapes with a non-zero box).
//!
//! A full-page screenshot of every page is kept in `target/test-artifacts/bots-report/`,
//! beside the site itself. Without a Chromium binary the test skips with a message when `CI` is
//! unset, and fails in CI.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use disinfo_bots::adapters::{Dataset, InputFormat};
use disinfo_bots::features::{FeatureOptions, compute};
use disinfo_bots::pipeline::ReadSummary;
use disinfo_bots::report::{ReportOptions, Source, build_from, site};
use disinfo_bots::synthetic::{SyntheticConfig, generate};
use serde_json::{Value, json};

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
    .find(|candidate| candidate.is_file())
}

fn artifacts() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("test-artifacts/bots-report");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("artifact dir");
    dir
}

/// The report of the synthetic generator's planted populations, with a co-repost network, written
/// into `dir`; returns the pages (relative paths).
fn write_site(dir: &Path) -> Vec<String> {
    let data = generate(&SyntheticConfig {
        organic: 300,
        ..SyntheticConfig::default()
    })
    .expect("generate");
    let features =
        compute(&data.accounts, &data.posts, &FeatureOptions::default()).expect("features");
    let options: ReportOptions =
        serde_json::from_str(r#"{"network": "co-repost", "params": {"n_clusters": 5}}"#)
            .expect("options");
    let source = Source {
        names: vec!["synthetic".into()],
        format: InputFormat::TwitterV1,
        data: Dataset {
            accounts: data.accounts,
            posts: data.posts,
            ..Dataset::default()
        },
        features,
        read: ReadSummary::default(),
    };
    let mut report = build_from(source, &options).expect("report");
    site::write(&mut report, dir).expect("site written");
    report
        .files
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect()
}

/// One DevTools session over Chromium's debugging pipe.
struct Browser {
    child: Child,
    input: ChildStdin,
    messages: Receiver<Value>,
    /// Events read while waiting for something else.
    events: VecDeque<Value>,
    next_id: u64,
    session: Option<String>,
}

const TIMEOUT: Duration = Duration::from_secs(60);

impl Browser {
    /// Starts Chromium with fd 3 and 4 as the debugging pipe: the shell duplicates the piped
    /// stdin and stdout there before it becomes Chromium.
    fn start(bin: &Path, profile: &Path) -> Browser {
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null"#)
            .arg(bin)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--no-first-run",
                "--no-default-browser-check",
                "--remote-debugging-pipe",
                "--window-size=1280,900",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromium starts");
        let input = child.stdin.take().expect("pipe in");
        let output = child.stdout.take().expect("pipe out");
        let (send, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(output);
            loop {
                let mut buf = Vec::new();
                match reader.read_until(0, &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        if buf.last() == Some(&0) {
                            buf.pop();
                        }
                        let Ok(message) = serde_json::from_slice::<Value>(&buf) else {
                            continue;
                        };
                        if send.send(message).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Browser {
            child,
            input,
            messages,
            events: VecDeque::new(),
            next_id: 1,
            session: None,
        }
    }

    fn receive(&mut self, deadline: Instant) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.messages.recv_timeout(left) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => panic!("chromium did not answer in time"),
            Err(RecvTimeoutError::Disconnected) => panic!("chromium closed the pipe"),
        }
    }

    /// Sends a command (to the page's session once attached) and waits for its answer.
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = &self.session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).expect("json");
        bytes.push(0);
        self.input.write_all(&bytes).expect("write to chromium");
        self.input.flush().expect("flush");
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.receive(deadline);
            if message["id"] == json!(id) {
                assert!(
                    message.get("error").is_none(),
                    "{method} failed: {}",
                    message["error"]
                );
                return message["result"].clone();
            }
            self.events.push_back(message);
        }
    }

    /// Waits for the event `method` (of the page's session), keeping the others.
    fn wait_for(&mut self, method: &str) {
        if let Some(i) = self.events.iter().position(|e| e["method"] == method) {
            let _ = self.events.remove(i);
            return;
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.receive(deadline);
            if message["method"] == method {
                return;
            }
            self.events.push_back(message);
        }
    }

    /// Opens a page target and attaches to it, with the domains whose events the test reads.
    fn open_page(&mut self) {
        let target = self.call("Target.createTarget", json!({"url": "about:blank"}));
        let attached = self.call(
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        );
        self.session = Some(
            attached["sessionId"]
                .as_str()
                .expect("session id")
                .to_string(),
        );
        for domain in ["Page", "Runtime", "Log", "Network"] {
            self.call(&format!("{domain}.enable"), json!({}));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Standard base64 (the screenshot's encoding), padding allowed.
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        }
    };
    let bytes: Vec<u8> = text.bytes().filter(|&c| c != b'=').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c) << (18 - 6 * i);
        }
        let [_, a, b, c] = n.to_be_bytes();
        out.extend_from_slice(&[a, b, c][..chunk.len() - 1]);
    }
    out
}

/// Every chart of the page, with its laid-out size and the shapes it draws with a non-zero box.
const CHARTS: &str = r#"JSON.stringify([...document.querySelectorAll('svg.chart')].map((svg) => {
  const box = svg.getBoundingClientRect();
  const shapes = [...svg.querySelectorAll('rect, circle, ellipse, line, path, polyline, polygon')]
    .filter((el) => { const b = el.getBBox(); return b.width > 0 || b.height > 0; });
  return { label: svg.getAttribute('aria-label') || '', width: box.width, height: box.height, shapes: shapes.length };
}))"#;

/// What went wrong on a page, from the events kept while it loaded.
fn problems(events: &[Value], site: &str) -> Vec<String> {
    let mut out = Vec::new();
    for e in events {
        let p = &e["params"];
        match e["method"].as_str().unwrap_or_default() {
            "Runtime.consoleAPICalled"
                if matches!(p["type"].as_str(), Some("error" | "warning" | "assert")) =>
            {
                out.push(format!("console {}: {}", p["type"], p["args"]));
            }
            "Runtime.exceptionThrown" => out.push(format!("exception: {}", p["exceptionDetails"])),
            "Log.entryAdded"
                if matches!(p["entry"]["level"].as_str(), Some("error" | "warning")) =>
            {
                out.push(format!(
                    "log {}: {}",
                    p["entry"]["level"], p["entry"]["text"]
                ));
            }
            "Network.requestWillBeSent" => {
                let url = p["request"]["url"].as_str().unwrap_or_default();
                if !url.starts_with(site) {
                    out.push(format!("request outside the folder: {url}"));
                }
            }
            "Network.loadingFailed" => out.push(format!("load failed: {p}")),
            _ => {}
        }
    }
    out
}

#[test]
fn report_pages_open_in_chromium_without_errors_or_outside_requests_and_draw_every_chart() {
    let Some(bin) = chromium() else {
        if std::env::var_os("CI").is_some() {
            panic!("chromium is required in CI for the report test (apt-get install -y chromium)");
        }
        eprintln!(
            "SKIPPED report_pages_open_in_chromium_without_errors_or_outside_requests_and_draw_every_chart: no chromium in PATH (install Debian's `chromium`, or set CHROMIUM=/path/to/chrome); CI is unset so this is not a failure"
        );
        return;
    };
    let dir = artifacts();
    let site_dir = dir.join("site");
    let pages = write_site(&site_dir);
    let site_dir = site_dir.canonicalize().expect("site folder");
    let site = format!("file://{}/", site_dir.display());
    assert!(
        pages.len() >= 5,
        "overview, choice of language and cluster pages: {pages:?}"
    );
    let profile = std::env::temp_dir().join(format!("disinfo-chromium-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    let mut browser = Browser::start(&bin, &profile);
    browser.open_page();
    let mut failures = Vec::new();
    let mut charts_seen = 0;
    for page in &pages {
        browser.events.clear();
        let url = format!("{site}{page}");
        let nav = browser.call("Page.navigate", json!({"url": url}));
        assert!(
            nav.get("errorText").is_none(),
            "{page}: {}",
            nav["errorText"]
        );
        browser.wait_for("Page.loadEventFired");
        let charts = browser.call(
            "Runtime.evaluate",
            json!({"expression": CHARTS, "returnByValue": true}),
        );
        let charts: Vec<Value> =
            serde_json::from_str(charts["result"]["value"].as_str().expect("charts JSON"))
                .expect("charts");
        // The root page chooses the language; every other page has charts.
        if page != "index.html" && charts.is_empty() {
            failures.push(format!("{page}: no chart"));
        }
        for c in &charts {
            charts_seen += 1;
            let drawn = c["width"].as_f64().unwrap_or(0.0) > 0.0
                && c["height"].as_f64().unwrap_or(0.0) > 0.0
                && c["shapes"].as_u64().unwrap_or(0) > 0;
            if !drawn {
                failures.push(format!(
                    "{page}: chart {} is empty or not laid out: {c}",
                    c["label"]
                ));
            }
        }
        let shot = browser.call(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true}),
        );
        let png = base64_decode(shot["data"].as_str().expect("screenshot data"));
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{page}: a PNG");
        let name = format!("{}.png", page.trim_end_matches(".html").replace('/', "-"));
        std::fs::write(dir.join(name), &png).expect("screenshot written");
        // Late events (console messages after load) are read before judging the page.
        browser.call("Runtime.evaluate", json!({"expression": "1"}));
        let events: Vec<Value> = browser.events.drain(..).collect();
        failures.extend(
            problems(&events, &site)
                .into_iter()
                .map(|p| format!("{page}: {p}")),
        );
    }
    // A control page beside the site, which does what the report's pages must not: the
    // checks above would have seen it.
    let control = dir.join("control.html");
    std::fs::write(
        &control,
        "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/outside.png\"><script>console.error('control')</script></body></html>",
    )
    .expect("control page");
    browser.events.clear();
    browser.call(
        "Page.navigate",
        json!({"url": format!("file://{}", control.canonicalize().expect("control").display())}),
    );
    browser.wait_for("Page.loadEventFired");
    browser.call("Runtime.evaluate", json!({"expression": "1"}));
    let events: Vec<Value> = browser.events.drain(..).collect();
    let seen = problems(&events, &site).join("\n");
    drop(browser);
    let _ = std::fs::remove_dir_all(&profile);
    assert!(
        seen.contains("request outside the folder: http://127.0.0.1:9/outside.png")
            && seen.contains("console \"error\""),
        "the control page's outside request and console error were not seen: {seen}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!(
        "{} pages, {charts_seen} charts checked; screenshots and site in {}",
        pages.len(),
        dir.display()
    );
}
