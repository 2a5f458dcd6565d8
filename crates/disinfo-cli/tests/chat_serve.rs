//! `disinfo chat serve` end to end: the built binary on 127.0.0.1 with the example
//! configuration, real signed Slack requests and tokened Mattermost requests for every command,
//! the pages their answers link to, the "Send to analysis" button forwarding to a local webhook,
//! delayed answers posted to a `response_url`, and the refusals of unverified requests.

mod chat_support;
mod http_support;

use std::time::Duration;

use chat_support::{Hook, Server, TempDir, example_config, form, now};
use serde_json::{Value, json};

/// A server over the example configuration (with `overrides` of `[service]`), its webhook and
/// its folder.
fn start(overrides: &[(&str, &str)]) -> (Server, Hook, TempDir) {
    let dir = TempDir::new("serve");
    let config = example_config(&dir.0, overrides);
    let hook = Hook::start();
    let server = Server::start(&config, &hook.url);
    (server, hook, dir)
}

/// The URL of the first link to page `name` in a JSON answer.
fn page_link(answer: &Value, name: &str) -> Option<String> {
    let text = answer.to_string();
    let start = text.find(&format!("http://127.0.0.1:8065/pages/{name}?"))?;
    let end = text[start..]
        .find(['"', ')', '\\'])
        .map_or(text.len(), |e| start + e);
    Some(text[start..end].to_string())
}

#[test]
fn help_lists_every_command_over_slack_and_mattermost() {
    let (server, _hook, _dir) = start(&[]);
    for reply in [
        server.slack("/help", "", "U1"),
        server.mattermost("/help", "", "u1", ""),
    ] {
        assert_eq!(reply.status, 200);
        let body = reply.json();
        assert_eq!(body["response_type"], "ephemeral");
        let text = body["text"].as_str().expect("text");
        for usage in [
            "/terms <service>",
            "/terms diff",
            "/bots <account>",
            "/bots shared",
            "/ads <keyword>",
            "/ads audit",
            "/wiki <term>",
            "/scale <region> <shares>",
        ] {
            assert!(text.contains(usage), "{usage} missing from {text}");
        }
    }
}

#[test]
fn wiki_answers_the_entry_with_its_link() {
    let (server, _hook, _dir) = start(&[]);
    let reply = server.slack("/wiki", "fact checking", "U1");
    assert_eq!(reply.status, 200);
    let body = reply.json();
    assert_eq!(body["response_type"], "in_channel");
    let card = &body["attachments"][0];
    assert_eq!(card["title"], "Fact-checking");
    assert_eq!(
        card["title_link"],
        "https://encyclopedia.example.org/practices/fact-checking"
    );
    assert!(
        card["text"]
            .as_str()
            .unwrap_or_default()
            .contains("evidence")
    );
    let button = body.to_string();
    assert!(
        button.contains("send_to_analysis"),
        "Slack answers carry the button: {button}"
    );
}

#[test]
fn terms_without_arguments_lists_the_recorded_services() {
    let (server, _hook, _dir) = start(&[]);
    let reply = server.mattermost("/terms", "", "u1", "");
    assert_eq!(reply.status, 200);
    let text = reply.all_text();
    assert!(
        text.contains("Open Terms Archive") && text.contains("Imprint"),
        "{text}"
    );
}

#[test]
fn terms_answers_the_latest_change_and_links_an_html_diff() {
    let (server, _hook, _dir) = start(&[]);
    let reply = server.mattermost("/terms", "Open Terms Archive Imprint", "u1", "");
    assert_eq!(reply.status, 200);
    let body = reply.json();
    assert_eq!(body["response_type"], "in_channel");
    let card = &body["attachments"][0];
    let title = card["title"].as_str().unwrap_or_default();
    assert!(
        title.contains("Open Terms Archive") && title.contains("Imprint"),
        "{title}"
    );
    assert!(reply.all_text().contains("substantive"), "classification");
    let link = page_link(&body, "diff.html").expect("a diff link");
    let page = server.get(&link);
    assert_eq!(page.status, 200);
    assert!(
        page.header("content-type")
            .unwrap_or_default()
            .starts_with("text/html")
    );
    let html = String::from_utf8_lossy(&page.body);
    assert!(html.contains("<html") || html.contains("<!DOCTYPE") || html.contains("<!doctype"));
    assert!(html.contains("Imprint"), "{html}");
}

#[test]
fn a_diff_link_with_a_changed_parameter_is_refused() {
    let (server, _hook, _dir) = start(&[]);
    let body = server
        .mattermost("/terms", "Open Terms Archive Imprint", "u1", "")
        .json();
    let link = page_link(&body, "diff.html").expect("a diff link");
    let page = server.get(&link.replace("type=Imprint", "type=Privacy"));
    assert_eq!(page.status, 403);
    assert!(String::from_utf8_lossy(&page.body).contains("not one this service gave out"));
}

#[test]
fn terms_diff_compares_the_versions_in_force_at_two_dates() {
    let (server, _hook, _dir) = start(&[]);
    let reply = server.slack(
        "/terms",
        "diff Open Terms Archive Imprint 2024-03-19 2026-01-28",
        "U1",
    );
    assert_eq!(reply.status, 200);
    let body = reply.json();
    assert_eq!(body["response_type"], "in_channel");
    let text = reply.all_text();
    assert!(
        text.contains("2024-03-19") && text.contains("2026-01-28"),
        "{text}"
    );
    assert!(page_link(&body, "diff.html").is_some(), "links the diff");
}

#[test]
fn bots_answers_an_accounts_features_and_verdicts() {
    let (server, _hook, _dir) = start(&[]);
    let reply = server.mattermost("/bots", "@lukasweber", "u1", "");
    assert_eq!(reply.status, 200);
    let body = reply.json();
    assert_eq!(body["response_type"], "in_channel");
    let text = reply.all_text();
    assert!(text.contains("lukasweber"), "{text}");
    assert!(
        text.contains("followers") && text.contains("posts_per_hour"),
        "features: {text}"
    );
    assert!(text.contains("dormant_2019"), "rule verdicts: {text}");
}

#[test]
fn bots_shared_lists_the_accounts_and_links_a_png_chart() {
    let (server, _hook, _dir) = start(&[]);
    let reply = server.slack("/bots", "shared #EU2019", "U1");
    assert_eq!(reply.status, 200);
    let body = reply.json();
    let text = reply.all_text();
    assert!(text.contains("4 accounts"), "{text}");
    assert!(
        text.contains("@lukasweber") && text.contains("Coordination"),
        "{text}"
    );
    let link = page_link(&body, "chart.png").expect("a chart link");
    let chart = server.get(&link);
    assert_eq!(chart.status, 200);
    assert_eq!(chart.header("content-type"), Some("image/png"));
    assert!(
        chart.body.starts_with(b"\x89PNG\r\n\x1a\n"),
        "PNG magic bytes"
    );
}

#[test]
fn ads_keyword_shows_where_each_ad_is_present_or_missing() {
    let (server, _hook, _dir) = start(&[]);
    let reply = server.mattermost("/ads", "votez", "u1", "");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["response_type"], "in_channel");
    let text = reply.all_text();
    assert!(text.contains("Votez le 26 mai"), "{text}");
    assert!(
        text.contains("meta-fr-2019-05-27 ✗"),
        "missing in one collection: {text}"
    );
}

#[test]
fn ads_audit_gives_the_latest_pairs_rates() {
    let (server, _hook, _dir) = start(&[]);
    let reply = server.slack("/ads", "audit", "U1");
    assert_eq!(reply.status, 200);
    let text = reply.all_text();
    assert!(
        text.contains("meta-fr-2019-05-27 → meta-fr-2019-06-03"),
        "{text}"
    );
    assert!(
        text.contains("Net rate") && text.contains("-25.0 %"),
        "{text}"
    );
}

#[test]
fn scale_places_a_share_count_among_the_regions_articles() {
    let (server, _hook, _dir) = start(&[]);
    let reply = server.mattermost("/scale", "FR 12000", "u1", "");
    assert_eq!(reply.status, 200);
    let body = reply.json();
    assert_eq!(body["response_type"], "in_channel");
    let text = body["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("percentile **60**") && text.contains("FR"),
        "{text}"
    );
    assert!(
        reply.all_text().contains("12,800 shares"),
        "the nearest article above"
    );
}

#[test]
fn send_to_analysis_from_mattermost_forwards_the_signed_card() {
    let (server, hook, _dir) = start(&[]);
    let body = server.mattermost("/wiki", "prebunking", "u1", "").json();
    let context = body["attachments"][0]["actions"][0]["integration"]["context"].clone();
    assert_eq!(context["action"], "send_to_analysis");
    let press = json!({"user_id": "u2", "user_name": "bea", "channel_id": "chan1",
                       "team_id": "team1", "context": context});
    let reply = server.post(
        "/actions",
        &[("Content-Type", "application/json")],
        press.to_string().as_bytes(),
    );
    assert_eq!(reply.status, 200);
    let answer = reply.json();
    assert!(
        answer["ephemeral_text"]
            .as_str()
            .unwrap_or_default()
            .contains("@bea")
    );
    let forwarded = hook
        .wait_for("/hooks/analysis", Duration::from_secs(10))
        .expect("the card reached the analysis webhook");
    let text = forwarded.to_string();
    assert!(
        text.contains("Prebunking") && text.contains("@bea"),
        "{text}"
    );
}

#[test]
fn send_to_analysis_with_a_forged_card_is_refused_and_not_forwarded() {
    let (server, hook, _dir) = start(&[]);
    let body = server.mattermost("/wiki", "prebunking", "u1", "").json();
    let mut context = body["attachments"][0]["actions"][0]["integration"]["context"].clone();
    let card = context["card"]
        .as_str()
        .unwrap_or_default()
        .replace("Prebunking", "Forged");
    context["card"] = json!(card);
    let press = json!({"user_id": "u2", "context": context});
    let reply = server.post(
        "/actions",
        &[("Content-Type", "application/json")],
        press.to_string().as_bytes(),
    );
    assert_eq!(reply.status, 401);
    std::thread::sleep(Duration::from_millis(300));
    assert!(hook.received().is_empty(), "nothing forwarded");
}

#[test]
fn send_to_analysis_from_slack_forwards_the_card_and_updates_the_message() {
    let (server, hook, _dir) = start(&[]);
    let answer = server.slack("/scale", "FR 12000", "U1").json();
    let blocks = answer["blocks"].as_array().expect("blocks");
    let button = blocks
        .iter()
        .find_map(|b| b.pointer("/elements/0").filter(|e| e["type"] == "button"))
        .expect("a Send to analysis button");
    let payload = json!({
        "type": "block_actions",
        "user": {"id": "U2", "username": "bea"},
        "team": {"id": "T1"},
        "channel": {"id": "C1"},
        "response_url": hook.at("/slack/original"),
        "message": {"text": answer["text"], "blocks": blocks},
        "actions": [{"action_id": button["action_id"], "value": button["value"]}],
    });
    let body = form(&[("payload", &payload.to_string())]);
    let reply = server.slack_raw("/actions", body.as_bytes(), now());
    assert_eq!(reply.status, 200);
    let forwarded = hook
        .wait_for("/hooks/analysis", Duration::from_secs(10))
        .expect("the card reached the analysis webhook");
    assert!(forwarded.to_string().contains("@bea"), "{forwarded}");
    let updated = hook
        .wait_for("/slack/original", Duration::from_secs(10))
        .expect("the original message was updated");
    assert_eq!(updated["replace_original"], true);
}

#[test]
fn a_command_slower_than_answer_within_ms_is_answered_working_then_posted() {
    let (server, hook, _dir) = start(&[("answer_within_ms", "0")]);
    let later = hook.at("/response/1");
    let reply = server.mattermost("/wiki", "prebunking", "u1", &later);
    assert_eq!(reply.status, 200);
    let body = reply.json();
    assert_eq!(body["response_type"], "ephemeral");
    assert!(
        body["text"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Working on `/wiki prebunking`"),
        "{body}"
    );
    let posted = hook
        .wait_for("/response/1", Duration::from_secs(10))
        .expect("the answer was posted to the response_url");
    assert_eq!(posted["response_type"], "in_channel");
    assert_eq!(posted["attachments"][0]["title"], "Prebunking");
}

#[test]
fn a_command_without_response_url_is_answered_in_full_even_when_slow() {
    let (server, _hook, _dir) = start(&[("answer_within_ms", "0")]);
    let reply = server.mattermost("/wiki", "prebunking", "u1", "");
    assert_eq!(reply.json()["attachments"][0]["title"], "Prebunking");
}

/// A refused request: what is wrong with it, its headers and its body.
type Case = (&'static str, Vec<(String, String)>, Vec<u8>);

#[test]
fn a_changed_byte_an_old_timestamp_or_a_missing_header_is_refused_401_and_not_run() {
    let (server, _hook, _dir) = start(&[]);
    let body = form(&[
        ("user_id", "U1"),
        ("command", "/wiki"),
        ("text", "prebunking"),
    ]);
    let ts = now().to_string();
    let signature = disinfo::chat::verify::slack_signature(
        chat_support::SLACK_SECRET.as_bytes(),
        &ts,
        body.as_bytes(),
    );
    let mut changed = body.clone().into_bytes();
    let last = changed.len() - 1;
    changed[last] ^= 1;
    let headers = |ts: &str, sig: &str| {
        vec![
            ("X-Slack-Request-Timestamp".to_string(), ts.to_string()),
            ("X-Slack-Signature".to_string(), sig.to_string()),
        ]
    };
    let old = (now() - 6 * 60).to_string();
    let old_signature = disinfo::chat::verify::slack_signature(
        chat_support::SLACK_SECRET.as_bytes(),
        &old,
        body.as_bytes(),
    );
    let cases: Vec<Case> = vec![
        ("changed byte", headers(&ts, &signature), changed),
        (
            "six minutes old",
            headers(&old, &old_signature),
            body.clone().into_bytes(),
        ),
        (
            "no signature",
            vec![headers(&ts, &signature)[0].clone()],
            body.clone().into_bytes(),
        ),
        (
            "no timestamp",
            vec![headers(&ts, &signature)[1].clone()],
            body.clone().into_bytes(),
        ),
    ];
    for (case, headers, body) in cases {
        let headers: Vec<(&str, &str)> = headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let reply = server.post("/slack/commands", &headers, &body);
        assert_eq!(reply.status, 401, "{case}");
        assert_eq!(reply.json()["response_type"], "ephemeral", "{case}");
    }
    // Nothing was dispatched: no request of the log names a command.
    let requests = server.logged("/slack/commands", 4);
    assert_eq!(requests.len(), 4, "{requests:?}");
    assert!(
        requests
            .iter()
            .all(|r| r["status"] == 401 && r["command"] == ""),
        "{requests:?}"
    );
}

#[test]
fn a_wrong_mattermost_token_is_refused_401() {
    let (server, _hook, _dir) = start(&[]);
    let body = form(&[
        ("token", "guess"),
        ("user_id", "u1"),
        ("command", "/wiki"),
        ("text", "x"),
    ]);
    let reply = server.post("/mattermost/commands", &[], body.as_bytes());
    assert_eq!(reply.status, 401);
    assert!(
        reply.json()["text"]
            .as_str()
            .unwrap_or_default()
            .contains("token")
    );
}

#[test]
fn a_user_over_the_rate_limit_is_told_to_slow_down_429() {
    let (server, _hook, _dir) = start(&[("requests_per_minute", "3")]);
    for _ in 0..3 {
        assert_eq!(server.mattermost("/help", "", "busy", "").status, 200);
    }
    let reply = server.mattermost("/help", "", "busy", "");
    assert_eq!(reply.status, 429);
    assert_eq!(reply.json()["response_type"], "ephemeral");
    assert!(
        reply.json()["text"]
            .as_str()
            .unwrap_or_default()
            .contains("Slow down")
    );
    assert!(reply.header("retry-after").is_some());
    assert_eq!(
        server.mattermost("/help", "", "other", "").status,
        200,
        "per user"
    );
}

#[test]
fn requests_are_logged_as_json_lines_without_secrets_or_text() {
    let (server, _hook, _dir) = start(&[]);
    assert_eq!(
        server.mattermost("/wiki", "prebunking", "u7", "").status,
        200
    );
    assert_eq!(server.get("/healthz").status, 200);
    server.logged("/mattermost/commands", 1);
    server.logged("/healthz", 1);
    let log = server.log.lock().expect("log").join("\n");
    let line: Value = log
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|l| l["path"] == "/mattermost/commands")
        .expect("a JSON line for the command");
    assert_eq!(line["method"], "POST");
    assert_eq!(line["status"], 200);
    assert_eq!(line["command"], "wiki");
    assert_eq!(line["user"], "u7");
    assert!(line["duration_ms"].as_f64().is_some());
    for secret in [
        chat_support::TOKEN,
        chat_support::SLACK_SECRET,
        chat_support::LINK_SECRET,
        "prebunking",
    ] {
        assert!(!log.contains(secret), "{secret} in the log");
    }
}

#[test]
fn health_answers_ok() {
    let (server, _hook, _dir) = start(&[]);
    let reply = server.get("/healthz");
    assert_eq!((reply.status, reply.body.as_slice()), (200, &b"ok\n"[..]));
}
