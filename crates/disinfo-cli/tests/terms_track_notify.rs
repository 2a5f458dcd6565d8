//! `disinfo terms track --notify URL`: the card of what was recorded, posted to an incoming
//! webhook served on 127.0.0.1 by the test (with the pages the tracker fetches).

mod http_support;

use std::io::{BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

/// What the test server holds: the page it serves, the webhook's answer, the bodies posted.
#[derive(Default)]
struct Server {
    page: Mutex<String>,
    hook_status: Mutex<u16>,
    posted: Mutex<Vec<serde_json::Value>>,
}

/// Serves `GET /tos` (the page) and `POST /hook` (the webhook) until the test ends.
fn serve(state: Arc<Server>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let Some(request) = http_support::read_request(&mut reader) else {
                continue;
            };
            let (status, text) = if request.method == "POST" && request.path.starts_with("/hook") {
                if let Ok(value) = serde_json::from_slice(&request.body) {
                    state.posted.lock().expect("lock").push(value);
                }
                (*state.hook_status.lock().expect("lock"), "ok".to_string())
            } else if request.path.contains("/tos") {
                (200, state.page.lock().expect("lock").clone())
            } else {
                (500, "boom".to_string())
            };
            let mut stream = stream;
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                text.len()
            );
        }
    });
    base
}

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("disinfo-cli-notify-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("declarations")).expect("scratch dir");
    dir
}

fn page(words: &str) -> String {
    format!("<html><body><main><h1>Terms</h1><h2>Data</h2><p>{words}</p></main></body></html>")
}

/// A declarations folder with `Demo` (its terms at `/tos`) and, when `broken`, a document whose
/// server answers 500.
fn setup(name: &str, base: &str, broken: bool) -> PathBuf {
    let dir = scratch(name);
    let down = if broken {
        format!(r#","Privacy Policy":{{"fetch":"{base}/down","select":"main"}}"#)
    } else {
        String::new()
    };
    std::fs::write(
        dir.join("declarations/Demo.json"),
        format!(r#"{{"name":"Demo","terms":{{"Terms of Service":{{"fetch":"{base}/tos","select":"main"}}{down}}}}}"#),
    )
    .expect("write");
    dir
}

fn track(dir: &std::path::Path, extra: &[&str]) -> Output {
    let path = |p: &str| dir.join(p).display().to_string();
    Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .args([
            "terms",
            "track",
            &path("declarations"),
            "--versions",
            &path("versions"),
        ])
        .args([
            "--snapshots",
            &path("snapshots"),
            "--retries",
            "0",
            "--timeout-ms",
            "3000",
            "--quiet",
        ])
        .args(extra)
        .output()
        .expect("the binary runs")
}

fn state(page_text: &str, hook_status: u16) -> Arc<Server> {
    let state = Arc::new(Server::default());
    *state.page.lock().expect("lock") = page(page_text);
    *state.hook_status.lock().expect("lock") = hook_status;
    state
}

#[test]
fn a_substantive_change_is_posted_to_the_webhook() {
    let server = state("We keep your data for 30 days.", 200);
    let base = serve(server.clone());
    let dir = setup("substantive", &base, false);
    let hook = format!("{base}/hook");
    let first = track(&dir, &["--notify", &hook]);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(
        server.posted.lock().expect("lock").is_empty(),
        "a first record is not news"
    );
    *server.page.lock().expect("lock") = page("We keep your data for 90 days.");
    let second = track(&dir, &["--notify", &hook]);
    assert_eq!(
        second.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let posted = server.posted.lock().expect("lock").clone();
    assert_eq!(posted.len(), 1);
    assert!(
        posted[0]["text"]
            .as_str()
            .is_some_and(|t| t.contains("1 substantive change"))
    );
    let card = &posted[0]["attachments"][0];
    assert_eq!(card["title"], "Demo — Terms of Service: substantive change");
    let fields = card["fields"].as_array().expect("fields");
    assert!(
        fields
            .iter()
            .any(|f| f["title"] == "Sections changed" && f["value"] == "`Terms > Data`")
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn notify_all_posts_first_records_and_errors() {
    let server = state("We keep your data.", 200);
    let base = serve(server.clone());
    let dir = setup("all", &base, true);
    let out = track(&dir, &["--notify", &format!("{base}/hook"), "--notify-all"]);
    assert_eq!(out.status.code(), Some(1), "an error event is a finding");
    let posted = server.posted.lock().expect("lock").clone();
    let titles: Vec<&str> = posted[0]["attachments"]
        .as_array()
        .expect("cards")
        .iter()
        .filter_map(|c| c["title"].as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Demo — Privacy Policy: fetch error",
            "Demo — Terms of Service: first record"
        ]
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_failed_post_exits_2_and_still_writes_the_result() {
    let server = state("We keep your data.", 500);
    let base = serve(server.clone());
    let dir = setup("failed", &base, false);
    let out = track(
        &dir,
        &[
            "--notify",
            &format!("{base}/hook?secret=s3cr3t"),
            "--notify-all",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let result: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("the result is written");
    assert_eq!(result["report"]["events"][0]["outcome"], "first_record");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error[delivery_failed]: posting to"),
        "{stderr}"
    );
    assert!(
        stderr.contains("HTTP 500") && !stderr.contains("s3cr3t"),
        "{stderr}"
    );
    assert_eq!(server.posted.lock().expect("lock").len(), 1);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_notify_that_is_not_a_url_is_refused_before_tracking() {
    let dir = setup("bad-url", "http://127.0.0.1:9", false);
    let out = track(&dir, &["--notify", "chat.example.org/hooks/x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error[invalid_argument]"));
    assert!(!dir.join("versions").exists(), "nothing was tracked");
    let _ = std::fs::remove_dir_all(dir);
}
