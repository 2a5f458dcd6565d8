//! `/terms` through the router, over small versions repositories recorded in temporary folders.

use std::path::Path;

use chrono::{TimeZone, Utc};
use disinfo_terms::versions::{Record, VersionsRepository};
use serde_json::Value;

use crate::{Config, Incoming, Router};

const V1: &str = "Privacy\n=======\n\nWe keep your data for 30 days.\n\nSharing\n-------\n\nWe never share your data.\n";
const V2: &str = "Privacy\n=======\n\nWe keep your data for 90 days.\n\nSharing\n-------\n\nWe share your data with our partners.\n";
const V3: &str = "Privacy\n=======\n\nWe keep your data for 90 days.\n\nSharing\n-------\n\nWe share your data with our partners, and advertisers.\n";

fn record(repo: &VersionsRepository, service: &str, terms_type: &str, text: &str, day: u32) {
    let date = Utc
        .with_ymd_and_hms(2024, 3, day, 12, 0, 0)
        .single()
        .expect("a date");
    repo.record(&Record {
        service,
        terms_type,
        extension: "md",
        content: text.as_bytes(),
        date,
        snapshot_ids: vec![format!("snap{day}")],
        snapshot_id_template: "%SNAPSHOT_ID",
        technical_upgrade: false,
    })
    .expect("records");
}

/// A repository with `Example` (Privacy Policy: 3 versions; Terms of Service: 1) and
/// `Open Terms Archive` (Imprint: 2 versions).
fn repository(dir: &Path) -> VersionsRepository {
    let repo = VersionsRepository::open_or_init(dir).expect("repository");
    record(&repo, "Example", "Privacy Policy", V1, 1);
    record(&repo, "Example", "Terms of Service", "Be nice.\n", 2);
    record(
        &repo,
        "Open Terms Archive",
        "Imprint",
        "Publisher\n=========\n\nOTA.\n",
        3,
    );
    record(&repo, "Example", "Privacy Policy", V2, 10);
    record(
        &repo,
        "Open Terms Archive",
        "Imprint",
        "Publisher\n=========\n\nOTA, Paris.\n",
        11,
    );
    record(&repo, "Example", "Privacy Policy", V3, 20);
    repo
}

fn router(versions: &Path) -> Router {
    let toml = format!(
        "[mattermost]\ntokens = [\"tok\"]\n[service]\npublic_url = \"https://svc.example\"\nlink_secret = \"k\"\n[terms]\nversions = {:?}\n",
        versions.display().to_string()
    );
    let config =
        Config::from_toml(&toml, Path::new("chat.toml"), versions.to_path_buf()).expect("config");
    Router::new(config, Path::new("chat.toml")).expect("router")
}

fn ask(router: &Router, text: &str) -> Value {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("token", "tok")
        .append_pair("user_id", "u1")
        .append_pair("command", "/terms")
        .append_pair("text", text)
        .finish();
    let answer = router.handle(None, &Incoming::new([], body.into_bytes()), 0);
    assert_eq!(answer.status, 200);
    answer.body
}

fn text(answer: &Value) -> &str {
    answer["text"].as_str().unwrap_or("")
}

fn field<'a>(card: &'a Value, title: &str) -> &'a str {
    card["fields"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["title"] == title))
        .and_then(|f| f["value"].as_str())
        .unwrap_or("")
}

fn page(router: &Router, link: &str) -> Result<String, (u16, String)> {
    let query = link.split_once('?').map_or("", |(_, q)| q);
    router
        .page("diff.html", query)
        .map(|p| String::from_utf8_lossy(&p.body).into_owned())
        .map_err(|e| (e.status, e.message))
}

fn setup() -> (tempfile::TempDir, Router) {
    let dir = tempfile::tempdir().expect("temp dir");
    repository(dir.path());
    let router = router(dir.path());
    (dir, router)
}

#[test]
fn latest_change_card_has_dates_classification_sections_and_counts() {
    let (_dir, router) = setup();
    let answer = ask(&router, "Example Privacy Policy");
    assert_eq!(answer["response_type"], "in_channel");
    assert_eq!(
        text(&answer),
        "**Example / Privacy Policy**: 3 versions recorded, the latest on 2024-03-20."
    );
    let card = &answer["attachments"][0];
    assert_eq!(
        card["title"],
        "Example — Privacy Policy: latest change, 2024-03-10 → 2024-03-20"
    );
    assert_eq!(field(card, "From"), "2024-03-10T12:00:00Z");
    assert_eq!(field(card, "To"), "2024-03-20T12:00:00Z");
    assert_eq!(field(card, "Classification"), "substantive");
    assert_eq!(field(card, "Sections changed"), "`Privacy > Sharing`");
    assert_eq!(field(card, "Words"), "+2 −0");
    assert_eq!(field(card, "Lines"), "+1 −1");
    assert!(card["title_link"].as_str().is_some_and(|l| l.starts_with(
        "https://svc.example/pages/diff.html?service=Example&type=Privacy+Policy&from="
    )));
}

#[test]
fn the_card_links_to_a_self_contained_side_by_side_diff() {
    let (_dir, router) = setup();
    let answer = ask(&router, "Example Privacy Policy");
    let link = answer["attachments"][0]["title_link"]
        .as_str()
        .unwrap_or("");
    let html = page(&router, link).expect("page");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("id=\"side-by-side\""));
    assert!(
        html.contains("<ins>, and advertisers</ins>") || html.contains("<ins>,</ins>"),
        "{html}"
    );
    assert!(html.contains("Example / Privacy Policy, 2024-03-10T12:00:00Z"));
    for outside in ["src=", "href=\"http", "<script", "@import", "url("] {
        assert!(!html.contains(outside), "{outside}");
    }
}

#[test]
fn names_are_matched_in_any_case_with_spaces_and_separators() {
    let (_dir, router) = setup();
    for typed in [
        "open terms archive imprint",
        "\"Open Terms Archive\" Imprint",
        "OPEN TERMS ARCHIVE / imprint",
    ] {
        let answer = ask(&router, typed);
        assert_eq!(
            answer["attachments"][0]["title"],
            "Open Terms Archive — Imprint: latest change, 2024-03-03 → 2024-03-11",
            "{typed}"
        );
    }
}

#[test]
fn a_service_with_one_document_needs_no_terms_type() {
    let (_dir, router) = setup();
    let answer = ask(&router, "Open Terms Archive");
    assert_eq!(answer["attachments"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        field(&answer["attachments"][0], "Sections changed"),
        "`Publisher`"
    );
}

#[test]
fn a_service_with_several_documents_gets_one_card_each() {
    let (_dir, router) = setup();
    let answer = ask(&router, "example");
    let cards = answer["attachments"].as_array().expect("cards");
    assert_eq!(cards.len(), 2);
    assert!(text(&answer).contains("2 documents"));
    assert_eq!(
        cards[1]["title"],
        "Example — Terms of Service: first recorded 2024-03-02"
    );
    assert!(
        cards[1]["text"]
            .as_str()
            .is_some_and(|t| t.contains("no change yet"))
    );
}

#[test]
fn no_argument_lists_services_and_their_types() {
    let (_dir, router) = setup();
    let answer = ask(&router, "  ");
    assert_eq!(answer["response_type"], "ephemeral");
    let listing = text(&answer);
    assert!(listing.contains("2 services, 3 documents"), "{listing}");
    assert!(listing.contains("- **Example**: Privacy Policy (3 versions, last 2024-03-20); Terms of Service (1 versions, last 2024-03-02)"), "{listing}");
    assert!(listing.contains("- **Open Terms Archive**: Imprint"));
}

#[test]
fn unknown_service_names_close_matches_and_how_to_list() {
    let (_dir, router) = setup();
    let answer = ask(&router, "Exampel Privacy Policy");
    assert_eq!(answer["response_type"], "ephemeral");
    let message = text(&answer);
    assert!(
        message.starts_with("There is no service `Exampel Privacy Policy`"),
        "{message}"
    );
    assert!(message.contains("Did you mean `Example`?"), "{message}");
    assert!(message.contains("Type `/terms` alone to list"), "{message}");
    let partial = text(&ask(&router, "archive")).to_string();
    assert!(
        partial.contains("Did you mean `Open Terms Archive`?"),
        "{partial}"
    );
}

#[test]
fn unknown_terms_type_names_the_types_of_the_service() {
    let (_dir, router) = setup();
    let message = text(&ask(&router, "Example Privacy Polcy")).to_string();
    assert!(
        message.starts_with(
            "Example has no terms type `Privacy Polcy`. Did you mean `Privacy Policy`?"
        ),
        "{message}"
    );
    assert!(message.contains("Its terms types: `Privacy Policy`, `Terms of Service`."));
}

#[test]
fn repeated_calls_answer_from_the_same_index() {
    let (dir, router) = setup();
    let data = crate::commands::Data::default();
    let first = data.terms.get(dir.path());
    let again = data.terms.get(dir.path());
    assert!(std::sync::Arc::ptr_eq(&first, &again));
    assert_eq!(
        ask(&router, "Example Privacy Policy"),
        ask(&router, "Example Privacy Policy")
    );
}

#[test]
fn the_index_is_rebuilt_when_head_moves() {
    let dir = tempfile::tempdir().expect("temp dir");
    repository(dir.path());
    let toml = format!(
        "[mattermost]\ntokens = [\"tok\"]\n[terms]\nversions = {:?}\n",
        dir.path().display().to_string()
    );
    let config = Config::from_toml(&toml, Path::new("c.toml"), ".".into()).expect("config");
    let data = crate::commands::Data::default();
    let links = crate::links::Links::new("https://svc.example", b"k".to_vec());
    let request = crate::SlashCommand::default();
    let ctx = crate::commands::Context {
        config: &config,
        data: &data,
        links: &links,
        request: &request,
    };
    let title = || {
        super::run(&ctx, "Open Terms Archive")
            .map(|r| r.cards[0].title.clone())
            .unwrap_or_default()
    };
    assert!(title().ends_with("2024-03-03 → 2024-03-11"));
    let repo = VersionsRepository::open(dir.path()).expect("open");
    record(
        &repo,
        "Open Terms Archive",
        "Imprint",
        "Publisher\n=========\n\nOTA, Paris, France.\n",
        25,
    );
    // Within a second of the last look, the loaded index answers.
    assert!(title().ends_with("2024-03-03 → 2024-03-11"));
    data.terms.expire();
    assert!(title().ends_with("2024-03-11 → 2024-03-25"), "{}", title());
}

#[test]
fn a_missing_repository_is_an_ephemeral_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let router = router(&dir.path().join("nowhere"));
    let answer = ask(&router, "Example");
    assert_eq!(answer["response_type"], "ephemeral");
    assert!(
        text(&answer).starts_with("The versions repository of this service cannot be read"),
        "{answer}"
    );
}

#[test]
fn without_a_terms_section_the_command_says_it_is_not_set_up() {
    let config = Config::from_toml(
        "[mattermost]\ntokens = [\"tok\"]\n",
        Path::new("c.toml"),
        ".".into(),
    )
    .expect("config");
    let router = Router::new(config, Path::new("c.toml")).expect("router");
    assert!(text(&ask(&router, "Example")).starts_with("/terms is not set up on this service"));
}

#[test]
fn diff_between_dates_compares_the_versions_in_force() {
    let (_dir, router) = setup();
    let answer = ask(&router, "diff Example Privacy Policy 2024-03-05 2024-03-15");
    let card = &answer["attachments"][0];
    assert_eq!(
        card["title"],
        "Example — Privacy Policy: in force on 2024-03-05 vs 2024-03-15, 2024-03-01 → 2024-03-10"
    );
    assert_eq!(field(card, "Classification"), "substantive");
    assert_eq!(
        field(card, "Sections changed"),
        "`Privacy`, `Privacy > Sharing`"
    );
    let html = page(&router, card["title_link"].as_str().unwrap_or("")).expect("page");
    assert!(html.contains("<del>30</del>"), "{html}");
}

#[test]
fn diff_dates_in_reverse_order_are_read_oldest_first() {
    let (_dir, router) = setup();
    let answer = ask(
        &router,
        "diff Example Privacy Policy 2024-03-15T00:00:00Z 2024-03-05",
    );
    assert!(
        answer["attachments"][0]["title"]
            .as_str()
            .is_some_and(|t| t.ends_with("2024-03-01 → 2024-03-10")),
        "{answer}"
    );
}

#[test]
fn diff_with_a_bad_date_says_what_to_type() {
    let (_dir, router) = setup();
    let message = text(&ask(
        &router,
        "diff Example Privacy Policy 2024-03-05 yesterday",
    ))
    .to_string();
    assert!(
        message.starts_with("`yesterday` is not a date: type a day (2026-01-28)"),
        "{message}"
    );
    let message = text(&ask(
        &router,
        "diff Example Privacy Policy 2024-02-30 2024-03-05",
    ))
    .to_string();
    assert!(
        message.starts_with("`2024-02-30` is not a date"),
        "{message}"
    );
}

#[test]
fn diff_before_the_first_version_names_the_first_date() {
    let (_dir, router) = setup();
    let message = text(&ask(
        &router,
        "diff Example Privacy Policy 2020-01-01 2024-03-15",
    ))
    .to_string();
    assert!(message.starts_with("Example / Privacy Policy was first recorded on 2024-03-01T12:00:00Z: no version was in force on 2020-01-01. Type a date from 2024-03-01 on."), "{message}");
}

#[test]
fn diff_with_the_same_version_at_both_dates_says_nothing_changed() {
    let (_dir, router) = setup();
    let message = text(&ask(
        &router,
        "diff Example Privacy Policy 2024-03-11 2024-03-12",
    ))
    .to_string();
    assert!(
        message.contains("was in force on 2024-03-11 and on 2024-03-12: nothing changed"),
        "{message}"
    );
    assert!(
        message.contains("recorded on 2024-03-20, 2024-03-10, 2024-03-01"),
        "{message}"
    );
}

#[test]
fn diff_with_missing_arguments_says_what_to_type() {
    let (_dir, router) = setup();
    for typed in ["diff", "diff Example", "diff 2024-03-01 2024-03-05"] {
        let answer = ask(&router, typed);
        assert_eq!(answer["response_type"], "ephemeral");
        assert!(text(&answer).contains("/terms diff"), "{typed}: {answer}");
    }
    let several = text(&ask(&router, "diff Example 2024-03-05 2024-03-15")).to_string();
    assert!(
        several.starts_with(
            "Example has several documents: type one of `Privacy Policy`, `Terms of Service`."
        ),
        "{several}"
    );
}

#[test]
fn diff_with_an_unknown_service_or_type_names_the_known_ones() {
    let (_dir, router) = setup();
    let message = text(&ask(
        &router,
        "diff Exemple Privacy Policy 2024-03-05 2024-03-15",
    ))
    .to_string();
    assert!(message.contains("Did you mean `Example`?"), "{message}");
    let message = text(&ask(&router, "diff Example Cookies 2024-03-05 2024-03-15")).to_string();
    assert!(
        message.starts_with("Example has no terms type `Cookies`."),
        "{message}"
    );
}

#[test]
fn diff_page_takes_dates_and_refuses_unknown_documents_and_versions() {
    let (_dir, router) = setup();
    let links = crate::links::Links::new("https://svc.example", b"k".to_vec());
    let link = |params: &[(&str, &str)]| links.page("diff.html", params);
    let by_date = page(
        &router,
        &link(&[
            ("service", "Example"),
            ("type", "Privacy Policy"),
            ("from", "2024-03-05"),
            ("to", "2024-03-25"),
        ]),
    );
    assert!(by_date.is_ok_and(|h| h.contains("<del>30</del>")));
    let err = |params: &[(&str, &str)]| page(&router, &link(params)).expect_err("refused");
    assert_eq!(
        err(&[
            ("service", "Nope"),
            ("type", "Imprint"),
            ("from", "2024-03-05"),
            ("to", "2024-03-25")
        ])
        .0,
        404
    );
    assert_eq!(
        err(&[
            ("service", "Example"),
            ("type", "Imprint"),
            ("from", "2024-03-05"),
            ("to", "2024-03-25")
        ])
        .0,
        404
    );
    assert_eq!(
        err(&[
            ("service", "Example"),
            ("type", "Privacy Policy"),
            ("from", "2020-01-01"),
            ("to", "2024-03-25")
        ])
        .0,
        404
    );
    assert_eq!(
        err(&[
            ("service", "Example"),
            ("type", "Privacy Policy"),
            ("from", "deadbeefdeadbeef"),
            ("to", "2024-03-25")
        ])
        .0,
        404
    );
    assert_eq!(
        err(&[
            ("service", "Example"),
            ("type", "Privacy Policy"),
            ("from", "2024-03-05")
        ])
        .0,
        400
    );
}
