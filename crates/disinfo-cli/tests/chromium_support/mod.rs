//! Headless Chromium (Debian's `chromium`) over the DevTools protocol on a pipe
//! (`--remote-debugging-pipe`: fd 3 in, fd 4 out, messages ending in a NUL byte), with nothing
//! but std and serde_json: browser contexts and their pages, navigation, keyboard events,
//! evaluation, screenshots, downloads, and what went wrong in a page (console errors, exceptions,
//! failed loads, requests outside the site).

#![allow(dead_code)] // each test file uses its own part of this

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long one step may take.
pub const TIMEOUT: Duration = Duration::from_secs(30);

pub fn chromium() -> Option<PathBuf> {
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

/// A page of its own browser context, attached with a flat session.
pub struct Tab {
    pub name: &'static str,
    pub session: String,
    pub context: String,
}

/// Everything a session sent: its events in order, where the last wait stopped and how far the
/// events were judged.
#[derive(Default)]
pub struct Events {
    pub all: Vec<Value>,
    pub waited: usize,
    pub judged: usize,
}

/// One Chromium over its debugging pipe.
pub struct Browser {
    pub child: Child,
    pub input: ChildStdin,
    pub messages: Receiver<Value>,
    /// Events per session id (`""`: the browser's own).
    pub events: HashMap<String, Events>,
    pub next_id: u64,
}

impl Browser {
    /// Starts Chromium with fd 3 and 4 as the debugging pipe: the shell duplicates the piped
    /// stdin and stdout there before it becomes Chromium.
    pub fn start(bin: &Path, profile: &Path) -> Browser {
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
            events: HashMap::new(),
            next_id: 1,
        }
    }

    /// Reads one message; events are kept with their session.
    pub fn receive(&mut self, deadline: Instant, waiting_for: &str) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        let message = match self.messages.recv_timeout(left) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => panic!("chromium: no {waiting_for} in time"),
            Err(RecvTimeoutError::Disconnected) => panic!("chromium closed the pipe"),
        };
        if message.get("method").is_some() {
            let session = message["sessionId"].as_str().unwrap_or_default().to_owned();
            self.events
                .entry(session)
                .or_default()
                .all
                .push(message.clone());
        }
        message
    }

    /// Sends a command (to `session`, else to the browser) and waits for its answer.
    pub fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).expect("json");
        bytes.push(0);
        self.input.write_all(&bytes).expect("write to chromium");
        self.input.flush().expect("flush");
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.receive(deadline, method);
            if message["id"] == json!(id) {
                assert!(
                    message.get("error").is_none(),
                    "{method} failed: {}",
                    message["error"]
                );
                return message["result"].clone();
            }
        }
    }

    /// Waits for an event of `session` after the last one waited for that `accept`s; returns it.
    pub fn wait_for(
        &mut self,
        session: &str,
        what: &str,
        accept: impl Fn(&Value) -> bool,
    ) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let events = self.events.entry(session.to_owned()).or_default();
            if let Some(i) = events.all[events.waited..].iter().position(&accept) {
                let at = events.waited + i;
                events.waited = at + 1;
                return events.all[at].clone();
            }
            self.receive(deadline, what);
        }
    }

    /// From now on, waits only see later events of `session`.
    pub fn forget_waits(&mut self, session: &str) {
        let events = self.events.entry(session.to_owned()).or_default();
        events.waited = events.all.len();
    }

    /// A page in a browser context of its own, with the domains whose events the test reads.
    pub fn open_tab(&mut self, name: &'static str) -> Tab {
        let context = self.call(None, "Target.createBrowserContext", json!({}))["browserContextId"]
            .as_str()
            .expect("browser context id")
            .to_owned();
        let target = self.call(
            None,
            "Target.createTarget",
            json!({"url": "about:blank", "browserContextId": context}),
        );
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        );
        let session = attached["sessionId"]
            .as_str()
            .expect("session id")
            .to_owned();
        for domain in ["Page", "Runtime", "Log", "Network"] {
            self.call(Some(&session), &format!("{domain}.enable"), json!({}));
        }
        // Every tab behaves as the focused one (autofocus, `document.activeElement`).
        self.call(
            Some(&session),
            "Emulation.setFocusEmulationEnabled",
            json!({"enabled": true}),
        );
        Tab {
            name,
            session,
            context,
        }
    }

    /// Runs `action` and waits for the page it leads to to load.
    pub fn loading(&mut self, tab: &Tab, action: impl FnOnce(&mut Browser)) {
        self.forget_waits(&tab.session);
        action(self);
        self.wait_for(&tab.session, "page load", |e| {
            e["method"] == "Page.loadEventFired"
        });
    }

    pub fn navigate(&mut self, tab: &Tab, url: &str) {
        self.loading(tab, |b| {
            let nav = b.call(Some(&tab.session), "Page.navigate", json!({"url": url}));
            assert!(
                nav.get("errorText").is_none(),
                "{url}: {}",
                nav["errorText"]
            );
        });
    }

    /// The value of a JavaScript expression in the page (promises awaited).
    pub fn eval(&mut self, tab: &Tab, expression: &str) -> Value {
        let result = self.call(
            Some(&tab.session),
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        assert!(
            result.get("exceptionDetails").is_none(),
            "{}: `{expression}` threw {}",
            tab.name,
            result["exceptionDetails"]
        );
        result["result"]["value"].clone()
    }

    pub fn text(&mut self, tab: &Tab, expression: &str) -> String {
        match self.eval(tab, expression) {
            Value::String(s) => s,
            Value::Null => String::new(),
            other => other.to_string(),
        }
    }

    /// Presses one key: a character (typed), or `Enter` / `Tab`.
    pub fn key(&mut self, tab: &Tab, key: &str) {
        let (code, vk, text) = match key {
            "Enter" => ("Enter".to_owned(), 13, Some("\r".to_owned())),
            "Tab" => ("Tab".to_owned(), 9, None),
            _ => {
                let c = key.chars().next().expect("a key");
                let code = if c.is_ascii_digit() {
                    format!("Digit{c}")
                } else {
                    format!("Key{}", c.to_ascii_uppercase())
                };
                (
                    code,
                    u32::from(c.to_ascii_uppercase()),
                    Some(key.to_owned()),
                )
            }
        };
        let mut down = json!({
            "type": if text.is_some() { "keyDown" } else { "rawKeyDown" },
            "key": key,
            "code": code,
            "windowsVirtualKeyCode": vk,
            "nativeVirtualKeyCode": vk,
        });
        if let Some(text) = &text {
            down["text"] = json!(text);
            down["unmodifiedText"] = json!(text);
        }
        self.call(Some(&tab.session), "Input.dispatchKeyEvent", down);
        self.call(
            Some(&tab.session),
            "Input.dispatchKeyEvent",
            json!({"type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk}),
        );
    }

    pub fn type_text(&mut self, tab: &Tab, text: &str) {
        for c in text.chars() {
            self.key(tab, &c.to_string());
        }
    }

    /// Clicks the middle of the element `selector` (scrolled into view).
    pub fn click(&mut self, tab: &Tab, selector: &str) {
        let at = self.eval(
            tab,
            &format!(
                "(() => {{ const e = document.querySelector({s}); if (!e) return null; e.scrollIntoView({{block: 'center'}}); const b = e.getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; }})()",
                s = json!(selector)
            ),
        );
        let (Some(x), Some(y)) = (at[0].as_f64(), at[1].as_f64()) else {
            panic!("{}: no {selector} to click", tab.name);
        };
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                Some(&tab.session),
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    /// A full-page screenshot, kept as `dir/name.png`.
    pub fn screenshot(&mut self, tab: &Tab, dir: &Path, name: &str) {
        let metrics = self.call(Some(&tab.session), "Page.getLayoutMetrics", json!({}));
        let size = &metrics["cssContentSize"];
        let width = size["width"].as_f64().unwrap_or(1280.0).ceil();
        let height = size["height"].as_f64().unwrap_or(900.0).ceil();
        let shot = self.call(
            Some(&tab.session),
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
            }),
        );
        let png = base64_decode(shot["data"].as_str().expect("screenshot data"));
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{name}: a PNG");
        std::fs::write(dir.join(format!("{name}.png")), &png).expect("screenshot written");
    }

    /// What went wrong in `tab` since the last judgement, each problem prefixed with `step`.
    pub fn judge(&mut self, tab: &Tab, step: &str, origin: &str) -> Vec<String> {
        // Late events (console messages after load) are read before judging.
        self.call(
            Some(&tab.session),
            "Runtime.evaluate",
            json!({"expression": "1"}),
        );
        let events = self.events.entry(tab.session.clone()).or_default();
        let new = &events.all[events.judged..];
        events.judged = events.all.len();
        problems(new, origin)
            .into_iter()
            .map(|p| format!("{} {step}: {p}", tab.name))
            .collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Standard base64 (the screenshot's encoding), padding allowed.
pub fn base64_decode(text: &str) -> Vec<u8> {
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

/// What went wrong in a page's events: console errors and warnings, exceptions, browser log
/// errors (a blocked resource, a Content-Security-Policy violation), failed loads, requests
/// outside `origin`.
pub fn problems(events: &[Value], origin: &str) -> Vec<String> {
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
                    "log {}: {} ({})",
                    p["entry"]["level"], p["entry"]["text"], p["entry"]["url"]
                ));
            }
            "Network.requestWillBeSent" => {
                let url = p["request"]["url"].as_str().unwrap_or_default();
                if !url.starts_with(origin) {
                    out.push(format!("request outside the server: {url}"));
                }
            }
            "Network.responseReceived" => {
                let status = p["response"]["status"].as_u64().unwrap_or(0);
                if status >= 400 {
                    out.push(format!(
                        "status {status} for {}",
                        p["response"]["url"].as_str().unwrap_or_default()
                    ));
                }
            }
            "Network.loadingFailed" => out.push(format!("load failed: {p}")),
            _ => {}
        }
    }
    out
}
