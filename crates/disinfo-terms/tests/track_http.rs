//! Acceptance of tracking against a real HTTP server on 127.0.0.1 started by the test: pages that
//! change between rounds (a real change, a noise-only change, a selector that stops matching,
//! a 500, a timeout, a non-UTF-8 page, a redirect).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use chrono::{DateTime, Utc};
use disinfo_terms::declaration::{Selectors, SourceDocument};
use disinfo_terms::diff::Classification;
use disinfo_terms::track::{
    FetchErrorKind, FetchOptions, OtaExtractor, Outcome, Stores, Target, TrackOptions, TrackReport,
    track,
};
use disinfo_terms::versions::VersionsRepository;

struct Server {
    base: String,
    round: Arc<AtomicUsize>,
    agents: Arc<Mutex<Vec<String>>>,
}

fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Terms</title></head><body><nav>Menu</nav>{body}</body></html>"
    )
}

fn respond(stream: &mut TcpStream, status: &str, content_type: &str, body: &[u8], extra: &str) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

fn handle(mut stream: TcpStream, round: usize, agents: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() || line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some(ua) = line
            .strip_prefix("user-agent: ")
            .or_else(|| line.strip_prefix("User-Agent: "))
        {
            agents.lock().expect("lock").push(ua.trim().to_string());
        }
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    let html = "text/html; charset=utf-8";
    match path.as_str() {
        "/real" => {
            let days = if round == 0 { 30 } else { 90 };
            let body = page(&format!(
                "<main><h1>Privacy</h1><h2>Retention</h2><p>We keep your data for {days} days after you close your account.</p></main>"
            ));
            respond(&mut stream, "200 OK", html, body.as_bytes(), "");
        }
        "/noise" => {
            let body = page(&format!(
                "<main><h1>Terms</h1><p>Be nice to other users.</p></main><footer>build {}</footer>",
                ["a1b2c3", "d4e5f6", "0a0b0c"][round.min(2)]
            ));
            respond(&mut stream, "200 OK", html, body.as_bytes(), "");
        }
        "/selector" => {
            let body = if round == 0 {
                page("<main><h1>Cookies</h1><p>We use cookies.</p></main>")
            } else {
                page("<div id=\"app\"><h1>Cookies</h1><p>We use many cookies.</p></div>")
            };
            respond(&mut stream, "200 OK", html, body.as_bytes(), "");
        }
        "/error" => respond(
            &mut stream,
            "500 Internal Server Error",
            "text/plain",
            b"boom",
            "",
        ),
        "/slow" => {
            thread::sleep(Duration::from_millis(2500));
            respond(
                &mut stream,
                "200 OK",
                html,
                page("<main>late</main>").as_bytes(),
                "",
            );
        }
        "/latin1" => {
            let word = if round == 0 {
                "personnelles"
            } else {
                "sensibles"
            };
            let text = format!(
                "<main><h1>Confidentialité</h1><p>Vos données {word} sont protégées.</p></main>"
            );
            let html_page = page(&text);
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&html_page);
            respond(
                &mut stream,
                "200 OK",
                "text/html; charset=windows-1252",
                &bytes,
                "",
            );
        }
        "/old-location" => respond(
            &mut stream,
            "301 Moved Permanently",
            "text/plain",
            b"",
            "Location: /real\r\n",
        ),
        _ => respond(&mut stream, "404 Not Found", "text/plain", b"no", ""),
    }
}

fn start() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let round = Arc::new(AtomicUsize::new(0));
    let agents = Arc::new(Mutex::new(Vec::new()));
    let (r, a) = (round.clone(), agents.clone());
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let (r, a) = (r.clone(), a.clone());
            thread::spawn(move || handle(stream, r.load(Ordering::SeqCst), &a));
        }
    });
    Server {
        base,
        round,
        agents,
    }
}

fn target(server: &Server, service: &str, path: &str) -> Target {
    Target {
        service: service.into(),
        terms_type: "Privacy Policy".into(),
        sources: vec![SourceDocument::new(
            &format!("{}{path}", server.base),
            Selectors::css("main"),
            None,
        )],
    }
}

fn at(day: u32) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("2026-01-{day:02}T00:30:00Z"))
        .expect("date")
        .with_timezone(&Utc)
}

fn outcomes(report: &TrackReport) -> Vec<(String, Outcome)> {
    report
        .events
        .iter()
        .map(|e| (e.service.clone(), e.outcome))
        .collect()
}

/// The services of the tracking rounds, in the order of their targets and events.
const SERVICES: [&str; 7] = [
    "Real", "Noise", "Selector", "Broken", "Slow", "Latin", "Moved",
];

/// `(service, outcome)` per event, as [`outcomes`] reads them, for outcomes given in
/// [`SERVICES`] order.
fn expected(outcomes: [Outcome; 7]) -> Vec<(String, Outcome)> {
    SERVICES
        .iter()
        .map(|n| n.to_string())
        .zip(outcomes)
        .collect()
}

/// One target per page of the test server, in [`SERVICES`] order.
fn all_targets(server: &Server) -> Vec<Target> {
    let paths = [
        "/real",
        "/noise",
        "/selector",
        "/error",
        "/slow",
        "/latin1",
        "/old-location",
    ];
    SERVICES
        .iter()
        .zip(paths)
        .map(|(service, path)| target(server, service, path))
        .collect()
}

/// Short timeouts (the slow page answers after 2.5 s) and one retry.
fn round_options() -> TrackOptions {
    TrackOptions {
        fetch: FetchOptions {
            user_agent: "disinfo-test/1.0".into(),
            timeout_ms: 700,
            connect_timeout_ms: 500,
            retries: 1,
            retry_delay_ms: 20,
            ..FetchOptions::default()
        },
        ..TrackOptions::default()
    }
}

/// Round 1: every page that answers is a first record; the 500 and the timeout are fetch
/// errors with their kind; the windows-1252 page and the real page are recorded as text.
fn first_round_records_every_readable_page(r1: &TrackReport, versions: &VersionsRepository) {
    use Outcome::*;
    assert_eq!(
        outcomes(r1),
        expected([
            FirstRecord,
            FirstRecord,
            FirstRecord,
            FetchError,
            FetchError,
            FirstRecord,
            FirstRecord
        ])
    );
    let broken = r1.events[3].error.as_ref().expect("error");
    assert_eq!(
        (broken.code.as_str(), broken.kind, broken.status),
        ("fetch_failed", Some(FetchErrorKind::HttpStatus), Some(500))
    );
    assert!(
        broken.message.contains("after 2 attempts"),
        "{}",
        broken.message
    );
    let slow = r1.events[4].error.as_ref().expect("error");
    assert_eq!(slow.kind, Some(FetchErrorKind::Timeout), "{}", slow.message);
    assert!(r1.events[5].version.is_some());
    let latin = versions
        .read_text(r1.events[5].version.as_ref().expect("v"))
        .expect("text");
    assert!(
        latin.starts_with("Confidentialité\n===")
            && latin.ends_with("Vos données personnelles sont protégées."),
        "{latin}"
    );
    let real = versions
        .read_text(r1.events[0].version.as_ref().expect("v"))
        .expect("text");
    assert_eq!(
        real,
        "Privacy\n=======\n\nRetention\n---------\n\nWe keep your data for 30 days after you close your account."
    );
}

/// Round 2 (the pages changed): real changes are recorded and explained, a noise-only change
/// records a snapshot but no version, a selector that stops matching is an extract error.
fn second_round_records_only_real_changes(r2: &TrackReport) {
    use Outcome::*;
    assert_eq!(
        outcomes(r2),
        expected([
            Changed,
            Unchanged,
            ExtractError,
            FetchError,
            FetchError,
            Changed,
            Changed
        ])
    );
    let real = &r2.events[0];
    assert_eq!(real.classification, Some(Classification::Substantive));
    let change = &real.diff.as_ref().expect("diff").changes[0];
    assert_eq!(
        (change.old.text.as_str(), change.new.text.as_str()),
        ("30", "90")
    );
    assert_eq!(change.heading_path, ["Privacy", "Retention"]);
    assert_eq!(
        r2.events[1].snapshots_recorded, 1,
        "noise changes the snapshot but not the version"
    );
    let selector = r2.events[2].error.as_ref().expect("extract error");
    assert_eq!(selector.code, "selector_no_match", "{}", selector.message);
    assert!(selector.url.ends_with("/selector"));
    assert_eq!(r2.counts["fetch_error"], 2);
}

/// Round 3 (nothing changed): no new snapshot, and the event names round 2's snapshot.
fn third_round_records_nothing(r3: &TrackReport, r2: &TrackReport) {
    assert_eq!(r3.events[0].outcome, Outcome::Unchanged);
    assert_eq!(r3.events[0].snapshots_recorded, 0);
    assert_eq!(r3.events[0].snapshot_ids, r2.events[0].snapshot_ids);
}

/// The versions repository holds exactly the recorded versions and opens with plain git; the
/// snapshots repository has both noise snapshots; a version's message names its snapshot.
fn repositories_hold_exactly_these_records(
    versions: &VersionsRepository,
    snapshots: &VersionsRepository,
    r2: &TrackReport,
) {
    let out = Command::new("git")
        .current_dir(versions.path())
        .args(["log", "--format=%aI %s"])
        .output()
        .expect("git log");
    assert!(out.status.success());
    let log = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        log.lines().collect::<Vec<_>>(),
        [
            "2026-01-02T00:30:00Z Record new changes of Moved Privacy Policy",
            "2026-01-02T00:30:00Z Record new changes of Latin Privacy Policy",
            "2026-01-02T00:30:00Z Record new changes of Real Privacy Policy",
            "2026-01-01T00:30:00Z First record of Moved Privacy Policy",
            "2026-01-01T00:30:00Z First record of Latin Privacy Policy",
            "2026-01-01T00:30:00Z First record of Selector Privacy Policy",
            "2026-01-01T00:30:00Z First record of Noise Privacy Policy",
            "2026-01-01T00:30:00Z First record of Real Privacy Policy",
        ]
    );
    let snap_log = Command::new("git")
        .current_dir(snapshots.path())
        .args(["log", "--format=%s", "--", "Noise/Privacy Policy.html"])
        .output()
        .expect("git log");
    assert_eq!(String::from_utf8_lossy(&snap_log.stdout).lines().count(), 2);
    let body = Command::new("git")
        .current_dir(versions.path())
        .args(["log", "-1", "--format=%b", "--", "Real/Privacy Policy.md"])
        .output()
        .expect("git log");
    assert_eq!(
        String::from_utf8_lossy(&body.stdout).trim(),
        format!(
            "This version was recorded after extracting from snapshot {}",
            r2.events[0].snapshot_ids[0]
        )
    );
}

#[test]
fn tracking_rounds_record_exactly_the_expected_versions_and_error_events() {
    let server = start();
    let dir = tempfile::tempdir().expect("tmp");
    let versions = VersionsRepository::open_or_init(dir.path().join("versions")).expect("versions");
    let snapshots = VersionsRepository::open_or_init(dir.path().join("snapshots"))
        .expect("snapshots")
        .with_extension("html");
    let stores = Stores {
        snapshots: &snapshots,
        versions: &versions,
    };
    let targets = all_targets(&server);
    let options = round_options();
    let mut seen = Vec::new();
    let mut progress = |i: usize, n: usize, what: &str| seen.push(format!("{i}/{n} {what}"));
    let extractor = OtaExtractor::default();
    let mut round = |targets: &[Target], day: u32| {
        track(
            targets,
            &stores,
            &extractor,
            &options,
            at(day),
            &mut progress,
        )
    };

    let r1 = round(&targets, 1);
    first_round_records_every_readable_page(&r1, &versions);

    server.round.store(1, Ordering::SeqCst);
    let r2 = round(&targets, 2);
    second_round_records_only_real_changes(&r2);

    let r3 = round(&targets[..1], 3);
    third_round_records_nothing(&r3, &r2);

    repositories_hold_exactly_these_records(&versions, &snapshots, &r2);
    assert!(
        server
            .agents
            .lock()
            .expect("lock")
            .iter()
            .all(|ua| ua == "disinfo-test/1.0")
    );
    assert!(seen.iter().any(|s| s == "3/7 Broken / Privacy Policy"));
}

#[test]
fn fetch_rejects_bad_urls_and_oversized_bodies() {
    let server = start();
    let err = disinfo_terms::track::fetch("ftp://example.org/x", &FetchOptions::default())
        .expect_err("scheme");
    assert_eq!(err.kind, FetchErrorKind::InvalidUrl);
    let err =
        disinfo_terms::track::fetch("not a url", &FetchOptions::default()).expect_err("syntax");
    assert_eq!(err.kind, FetchErrorKind::InvalidUrl);
    let small = FetchOptions {
        max_bytes: 50,
        retries: 0,
        ..FetchOptions::default()
    };
    let err = disinfo_terms::track::fetch(&format!("{}/real", server.base), &small)
        .expect_err("too large");
    assert_eq!(err.kind, FetchErrorKind::TooLarge, "{}", err.message);
    let ok = disinfo_terms::track::fetch(
        &format!("{}/old-location", server.base),
        &FetchOptions::default(),
    )
    .expect("redirect");
    assert_eq!(ok.final_url, format!("{}/real", server.base));
    let missing = disinfo_terms::track::fetch(
        &format!("{}/nothing", server.base),
        &FetchOptions {
            retries: 3,
            ..FetchOptions::default()
        },
    )
    .expect_err("404");
    assert_eq!(
        (missing.status, missing.attempts),
        (Some(404), 1),
        "4xx answers are not retried"
    );
}

#[test]
fn declarations_directory_is_tracked_into_ota_repositories() {
    let server = start();
    let dir = tempfile::tempdir().expect("tmp");
    let declarations = dir.path().join("declarations");
    std::fs::create_dir_all(&declarations).expect("mkdir");
    let service = serde_json::json!({
        "name": "Example",
        "terms": {
            "Privacy Policy": {"fetch": format!("{}/real", server.base), "select": "main"},
            "Trackers Policy": {"fetch": format!("{}/selector", server.base), "select": "main"}
        }
    });
    std::fs::write(declarations.join("Example.json"), service.to_string()).expect("write");
    std::fs::write(declarations.join("Broken.json"), "{ not json").expect("write");
    let (versions, snapshots) = (dir.path().join("versions"), dir.path().join("snapshots"));
    let options = disinfo_terms::track::DirectoryOptions::default();
    let mut progress = |_: usize, _: usize, _: &str| {};
    let first = disinfo_terms::track::track_directory(
        &declarations,
        &versions,
        &snapshots,
        &options,
        at(1),
        &mut progress,
    )
    .expect("tracks");
    assert_eq!(first.services, 1, "{:?}", first.rejected);
    assert_eq!(
        first.rejected.len(),
        1,
        "the broken file is reported, not skipped"
    );
    assert_eq!(
        first
            .report
            .events
            .iter()
            .map(|e| (e.terms_type.as_str(), e.outcome))
            .collect::<Vec<_>>(),
        [
            ("Privacy Policy", Outcome::FirstRecord),
            ("Trackers Policy", Outcome::FirstRecord)
        ]
    );
    server.round.store(1, Ordering::SeqCst);
    let second = disinfo_terms::track::track_directory(
        &declarations,
        &versions,
        &snapshots,
        &options,
        at(2),
        &mut progress,
    )
    .expect("tracks");
    assert_eq!(
        second
            .report
            .events
            .iter()
            .map(|e| (e.terms_type.as_str(), e.outcome))
            .collect::<Vec<_>>(),
        [
            ("Privacy Policy", Outcome::Changed),
            ("Trackers Policy", Outcome::ExtractError)
        ]
    );
    let repo = VersionsRepository::open(&versions).expect("open");
    assert_eq!(
        repo.versions("Example", "Privacy Policy")
            .expect("versions")
            .len(),
        2
    );
    assert_eq!(
        repo.versions("Example", "Trackers Policy")
            .expect("versions")
            .len(),
        1
    );
}
