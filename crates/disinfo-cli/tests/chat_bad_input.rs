//! Bad input to `disinfo chat serve` over HTTP: every kind gets an ephemeral answer that names
//! the problem and never a 5xx; a thousand mixed requests leave the service up with flat memory;
//! SIGTERM stops it cleanly; a bad configuration stops it before it listens.

mod chat_support;
mod http_support;

use std::process::Command;
use std::time::{Duration, Instant};

use chat_support::{Hook, Reply, Server, TempDir, example_config, form};

fn start(overrides: &[(&str, &str)]) -> (Server, Hook, TempDir) {
    let dir = TempDir::new("bad");
    let config = example_config(&dir.0, overrides);
    let hook = Hook::start();
    let server = Server::start(&config, &hook.url);
    (server, hook, dir)
}

/// The ephemeral text of an answer, checked to be one.
fn ephemeral(reply: &Reply) -> String {
    assert!(reply.status < 500, "a 5xx: {reply:?}");
    let body = reply.json();
    assert_eq!(body["response_type"], "ephemeral", "{body}");
    body["text"].as_str().unwrap_or_default().to_string()
}

#[test]
fn each_mistake_in_a_command_gets_an_ephemeral_error_naming_it() {
    let (server, _hook, _dir) = start(&[]);
    let cases = [
        ("/bot", "x", "no command `/bot`"),
        ("/bot", "x", "Did you mean `/bots`?"),
        ("/wiki", "", "Which term?"),
        ("/scale", "FR", "How many shares?"),
        ("/scale", "FR 1200 extra", "`extra` is too much"),
        ("/ads", "audit extra", "`extra` is too much"),
        (
            "/terms",
            "diff Open",
            "needs a service, a terms type and two dates",
        ),
        ("/terms", "Nowhere", "no service `Nowhere`"),
        ("/bots", "nosuchaccount", "No account `nosuchaccount`"),
        ("/scale", "XX 5", "`XX` is not a region"),
        ("/scale", "FR lots", "`lots` is not a share count"),
        ("/wiki", "factchecking", "Did you mean `Fact-checking`?"),
    ];
    for (command, text, expected) in cases {
        for reply in [
            server.mattermost(command, text, "u1", ""),
            server.slack(command, text, "U1"),
        ] {
            assert_eq!(reply.status, 200, "{command} {text}");
            let said = ephemeral(&reply);
            assert!(said.contains(expected), "{command} {text}: {said}");
        }
    }
}

#[test]
fn a_megabyte_of_text_is_refused_413_with_json() {
    let (server, _hook, _dir) = start(&[]);
    let text = "a".repeat(1024 * 1024);
    let reply = server.mattermost("/wiki", &text, "u1", "");
    assert_eq!(reply.status, 413);
    let said = ephemeral(&reply);
    assert!(
        said.contains("too large") && said.contains("65536"),
        "{said}"
    );
    assert_eq!(server.get("/healthz").status, 200, "still up");
}

#[test]
fn text_under_the_body_limit_but_over_4000_characters_is_an_ephemeral_error() {
    let (server, _hook, _dir) = start(&[]);
    let text = "b".repeat(60_000);
    let reply = server.slack("/wiki", &text, "U1");
    assert_eq!(reply.status, 200);
    let said = ephemeral(&reply);
    assert!(said.contains("too long") && said.contains("4000"), "{said}");
}

#[test]
fn a_body_that_is_not_utf8_is_refused_naming_it() {
    let (server, _hook, _dir) = start(&[]);
    let mut body = form(&[
        ("token", chat_support::TOKEN),
        ("command", "/wiki"),
        ("text", ""),
    ])
    .into_bytes();
    body.extend_from_slice(b"caf\xe9");
    let reply = server.post("/mattermost/commands", &[], &body);
    assert_eq!(reply.status, 400);
    assert!(ephemeral(&reply).contains("not UTF-8"));
    let reply = server.slack_raw("/slack/commands", &body, chat_support::now());
    assert_eq!(reply.status, 400);
    assert!(ephemeral(&reply).contains("not UTF-8"));
}

#[test]
fn a_json_body_is_refused_saying_commands_are_form_encoded() {
    let (server, _hook, _dir) = start(&[]);
    let json = br#"{"command": "/wiki", "text": "prebunking"}"#;
    let reply = server.post(
        "/mattermost/commands",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        json,
    );
    assert_eq!(reply.status, 400);
    assert!(ephemeral(&reply).contains("form-encoded"));
    let reply = server.post(
        "/mattermost/commands",
        &[("Content-Type", "application/json")],
        json,
    );
    assert_eq!(
        reply.status, 400,
        "JSON is read as a button press without its context"
    );
    assert!(ephemeral(&reply).contains("context"));
}

#[test]
fn unknown_pages_and_unsigned_links_are_4xx_text() {
    let (server, _hook, _dir) = start(&[]);
    let reply = server.get("/pages/chart.png?q=%23EU2019");
    assert_eq!(reply.status, 403);
    assert!(String::from_utf8_lossy(&reply.body).contains("not one this service gave out"));
    assert_eq!(server.get("/nowhere").status, 404);
}

/// A request of the mix: good commands, mistakes, forgeries and oversized bodies.
fn mixed(server: &Server, i: usize) -> Reply {
    let user = format!("user{}", i % 50);
    match i % 10 {
        0 => server.mattermost("/wiki", "prebunking", &user, ""),
        1 => server.slack("/scale", "FR 12k", &user),
        2 => server.mattermost("/terms", "Open Terms Archive", &user, ""),
        3 => server.slack("/bots", "@lukasweber", &user),
        4 => server.mattermost("/scale", "XX nine", &user, ""),
        5 => server.slack("/bogus", "text", &user),
        6 => server.post("/mattermost/commands", &[], b"token=guess&command=%2Fwiki"),
        7 => server.post("/mattermost/commands", &[], b"\xff\xfe{not a form"),
        8 => server.mattermost("/ads", &"x".repeat(70_000), &user, ""),
        _ => server.mattermost("/ads", "audit", &user, ""),
    }
}

#[test]
fn a_thousand_mixed_requests_leave_it_up_with_flat_memory() {
    let (server, _hook, _dir) = start(&[("requests_per_minute", "100000")]);
    for i in 0..200 {
        let reply = mixed(&server, i);
        assert!(reply.status < 500, "warm-up request {i}: {reply:?}");
    }
    let warm = server.rss_kib();
    for i in 0..1000 {
        let reply = mixed(&server, i);
        assert!(reply.status < 500, "request {i}: {reply:?}");
    }
    let after = server.rss_kib();
    println!("RSS after the 200-request warm-up: {warm} KiB; after 1,000 more: {after} KiB");
    let growth = after.saturating_sub(warm);
    assert!(
        growth <= 10 * 1024 || growth * 5 <= warm,
        "RSS grew from {warm} KiB to {after} KiB"
    );
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn sigterm_stops_the_service_promptly_with_exit_0() {
    let (mut server, _hook, _dir) = start(&[]);
    assert_eq!(server.mattermost("/help", "", "u1", "").status, 200);
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let started = Instant::now();
    let exited = loop {
        if let Some(status) = server.child.try_wait().expect("wait") {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "still running 5 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(exited.code(), Some(0));
}

#[test]
fn a_bad_configuration_exits_2_with_its_code() {
    let dir = TempDir::new("config");
    let config = dir.0.join("chat.toml");
    std::fs::write(
        &config,
        "[service]\npublic_url = \"https://x.example\"\n[mattermost]\ntokenz = [\"t\"]\n",
    )
    .expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .args(["chat", "serve", "--config"])
        .arg(&config)
        .args(["--listen", "127.0.0.1:0"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error[config_invalid]:") && stderr.contains("tokenz"),
        "{stderr}"
    );
}

#[test]
fn a_secret_variable_that_is_not_set_exits_2_naming_it() {
    let out = Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .args(["chat", "serve", "--config"])
        .arg(chat_support::root().join("examples/chat/chat.toml"))
        .env_remove("DISINFO_SLACK_SIGNING_SECRET")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("DISINFO_SLACK_SIGNING_SECRET"), "{stderr}");
}
