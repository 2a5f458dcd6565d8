//! `disinfo ads audit --notify URL`: the card reaches a real incoming-webhook server on
//! 127.0.0.1; a failed post is reported and exits 2 with the report still written.

mod http_support;

use std::io::{BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

fn disinfo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn ads(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/data/ads")
        .join(path)
        .display()
        .to_string()
}

/// A webhook that answers `status` to every post and hands over each request's path and body.
fn webhook(status: u16) -> (String, mpsc::Receiver<(String, serde_json::Value)>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!(
        "http://{}/hooks/test-hook",
        listener.local_addr().expect("address")
    );
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let Some(request) = http_support::read_request(&mut reader) else {
                continue;
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok"
            );
            if tx.send((request.path.clone(), request.json())).is_err() {
                return;
            }
        }
    });
    (url, rx)
}

#[test]
fn violations_are_posted_to_the_webhook_as_red_cards() {
    let (url, posts) = webhook(200);
    let out = disinfo(&[
        "ads",
        "audit",
        &ads("google-fr/week-1"),
        &ads("google-fr/week-2"),
        "--quiet",
        "--notify",
        &url,
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["violations"], 16);
    let (path, card) = posts.recv_timeout(Duration::from_secs(5)).expect("a post");
    assert_eq!(path, "/hooks/test-hook");
    assert!(
        card["text"]
            .as_str()
            .is_some_and(|t| t.contains("**16 violations**")),
        "{card}"
    );
    assert_eq!(
        card["attachments"][0]["title"],
        "ADS002 unexplained: 1 violation"
    );
    assert_eq!(card["attachments"][0]["color"], "#cf222e");
}

#[test]
fn a_failed_post_exits_2_and_the_report_is_still_written() {
    let (url, posts) = webhook(500);
    let out = disinfo(&[
        "ads",
        "audit",
        &ads("google-fr/week-1"),
        &ads("google-fr/week-2"),
        "--quiet",
        "--format",
        "markdown",
        "--notify",
        &url,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[delivery_failed]") && stderr.contains("HTTP 500"),
        "{stderr}"
    );
    assert!(!stdout_is_empty(&out), "the report is written");
    assert!(posts.recv_timeout(Duration::from_secs(5)).is_ok());
}

fn stdout_is_empty(out: &Output) -> bool {
    out.stdout.iter().all(u8::is_ascii_whitespace)
}

#[test]
fn nothing_is_posted_when_there_is_no_violation() {
    let (url, posts) = webhook(200);
    let out = disinfo(&[
        "ads",
        "audit",
        &ads("meta-fr/2019-05-27"),
        &ads("meta-fr/2019-06-03"),
        "--quiet",
        "--notify",
        &url,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(posts.recv_timeout(Duration::from_millis(300)).is_err());
}

#[test]
fn notify_all_posts_the_summary_without_violations() {
    let (url, posts) = webhook(200);
    let out = disinfo(&[
        "ads",
        "audit",
        &ads("meta-fr/2019-05-27"),
        &ads("meta-fr/2019-06-03"),
        "--quiet",
        "--notify",
        &url,
        "--notify-all",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let (_, card) = posts.recv_timeout(Duration::from_secs(5)).expect("a post");
    assert!(
        card["text"]
            .as_str()
            .is_some_and(|t| t.contains("no violation")),
        "{card}"
    );
    assert_eq!(
        card["attachments"][0]["title"],
        "meta-fr-2019-05-27 → meta-fr-2019-06-03"
    );
}

#[test]
fn a_notify_that_is_not_a_url_is_refused_before_the_audit() {
    let out = disinfo(&[
        "ads",
        "audit",
        &ads("meta-fr/2019-05-27"),
        "--notify",
        "ftp://example.org/hook",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[invalid_argument]") && stderr.contains("--notify"),
        "{stderr}"
    );
    assert!(stdout_is_empty(&out));
}
