//! `/bots` through the router, on the bundled example data (`examples/data/bots`).

use std::path::{Path, PathBuf};

use disinfo_bots::adapters::InputFormat;
use serde_json::Value;

use super::load;
use super::shared::clean;
use crate::config::{Config, MattermostConfig};
use crate::links::Links;
use crate::{Incoming, Router};

const TOKEN: &str = "bots-test-token";
const LINK_KEY: &str = "bots-test-link-key";

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/chat")
}

/// The example configuration (`examples/chat/chat.toml`) with a token and a link key inline
/// instead of the environment variables it names.
fn example_router() -> Router {
    let path = examples().join("chat.toml");
    let mut config = Config::from_file(&path).expect("the example configuration");
    config.slack = None;
    config.analysis = None;
    config.mattermost = Some(MattermostConfig {
        tokens: vec![TOKEN.into()],
        tokens_env: None,
    });
    config.service.link_secret = Some(LINK_KEY.into());
    config.service.link_secret_env = None;
    Router::new(config, &path).expect("router")
}

/// A router over `bots` (TOML after the `[mattermost]` section), paths relative to `base`.
fn router_with(bots: &str, base: &Path) -> Router {
    let text = format!(
        "[service]\nlink_secret = \"{LINK_KEY}\"\n[mattermost]\ntokens = [\"{TOKEN}\"]\n{bots}"
    );
    let config = Config::from_toml(&text, Path::new("chat.toml"), base.to_path_buf())
        .expect("test configuration");
    Router::new(config, Path::new("chat.toml")).expect("router")
}

fn form(command: &str, text: &str) -> Vec<u8> {
    url::form_urlencoded::Serializer::new(String::new())
        .append_pair("token", TOKEN)
        .append_pair("user_id", "u1")
        .append_pair("command", command)
        .append_pair("text", text)
        .finish()
        .into_bytes()
}

fn ask_command(router: &Router, command: &str, text: &str) -> Value {
    let answer = router.handle(None, &Incoming::new([], form(command, text)), 0);
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.body
}

fn ask(router: &Router, text: &str) -> Value {
    ask_command(router, "/bots", text)
}

fn text(body: &Value) -> String {
    body["text"].as_str().unwrap_or_default().to_string()
}

fn is_ephemeral(body: &Value) -> bool {
    body["response_type"] == "ephemeral"
}

/// Everything the answer shows: its text, each card's title, text and fields.
fn shown(body: &Value) -> String {
    let mut out = text(body);
    for a in body["attachments"].as_array().into_iter().flatten() {
        out.push_str(&format!(
            "\n{}\n{}",
            a["title"],
            a["text"].as_str().unwrap_or("")
        ));
        for f in a["fields"].as_array().into_iter().flatten() {
            out.push_str(&format!(
                "\n{}: {}",
                f["title"].as_str().unwrap_or(""),
                f["value"].as_str().unwrap_or("")
            ));
        }
    }
    out
}

fn field<'a>(card: &'a Value, title: &str) -> Option<&'a str> {
    card["fields"]
        .as_array()?
        .iter()
        .find(|f| f["title"] == title)
        .and_then(|f| f["value"].as_str())
}

#[test]
fn an_account_by_handle_shows_its_key_features_and_each_rules_verdict() {
    let body = ask(&example_router(), "@marie48213377");
    assert_eq!(body["response_type"], "in_channel");
    let card = &body["attachments"][0];
    assert!(
        card["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("@Marie48213377 (account 1003)")),
        "{card}"
    );
    let card_text = card["text"].as_str().unwrap_or("");
    assert!(
        card_text.contains("**dormant_2019**: matches"),
        "{card_text}"
    );
    assert!(
        card_text.contains("**amplifier**: does not match (repost_share >= 0.9 fails"),
        "{card_text}"
    );
    assert_eq!(field(card, "handle_digits"), Some("8"));
    assert!(field(card, "dataset").is_some_and(|d| d.starts_with("`example` (twitter-v1")));
    assert_eq!(card["title_link"], "https://x.com/Marie48213377");
}

#[test]
fn an_account_by_id_or_bare_handle_is_the_same_account() {
    let router = example_router();
    let by_handle = ask(&router, "@Marie48213377");
    for typed in ["1003", "MARIE48213377"] {
        assert_eq!(
            ask(&router, typed)["attachments"][0]["title"],
            by_handle["attachments"][0]["title"]
        );
    }
}

#[test]
fn zero_followers_and_zero_following_is_undefined_with_the_rules_reason() {
    let body = ask(&example_router(), "@Paul90817265");
    let card_text = body["attachments"][0]["text"].as_str().unwrap_or("");
    assert!(
        card_text.contains(
            "**dormant_2019**: undefined (following_followers_ratio >= 3 (input undefined))"
        ),
        "{card_text}"
    );
}

#[test]
fn the_amplifier_rule_matches_the_account_that_retweets_one_source() {
    let body = ask(&example_router(), "eu_news_247");
    let card = &body["attachments"][0];
    assert!(
        card["text"]
            .as_str()
            .is_some_and(|t| t.contains("**amplifier**: matches")),
        "{card}"
    );
    assert_eq!(field(card, "top_repost_source_share"), Some("1"));
    assert_eq!(card["color"], "#c0392b");
}

#[test]
fn an_unknown_account_suggests_the_closest_handle() {
    let body = ask(&example_router(), "@lukasweberr");
    assert!(is_ephemeral(&body));
    let t = text(&body);
    assert!(t.contains("No account `@lukasweberr`"), "{t}");
    assert!(t.contains("Did you mean `@lukasweber`?"), "{t}");
    assert!(t.contains("/bots <account>"), "the usage follows: {t}");
}

#[test]
fn empty_text_says_what_to_type() {
    let body = ask(&example_router(), "   ");
    assert!(is_ephemeral(&body));
    assert!(
        text(&body).starts_with("Which account? Type `/bots @handle`"),
        "{}",
        text(&body)
    );
}

#[test]
fn shared_without_an_object_says_what_to_type() {
    let body = ask(&example_router(), "shared");
    assert!(is_ephemeral(&body));
    assert!(text(&body).starts_with("Shared what?"), "{}", text(&body));
}

#[test]
fn a_thousand_words_are_refused_as_extra_words() {
    let router = example_router();
    let words = "w ".repeat(1000);
    let body = ask(&router, &words);
    assert!(is_ephemeral(&body));
    assert!(
        text(&body).contains("one account at a time"),
        "{}",
        text(&body)
    );
    assert!(
        text(&body).contains("999 more words were given"),
        "{}",
        text(&body)
    );
    let body = ask(&router, &format!("shared {words}"));
    assert!(
        text(&body).contains("takes one URL, hashtag or post id; 999 more words"),
        "{}",
        text(&body)
    );
}

#[test]
fn a_hashtag_nobody_used_is_an_error_naming_it() {
    let body = ask(&example_router(), "shared #NobodyUsesThis");
    assert!(is_ephemeral(&body));
    assert!(
        text(&body).starts_with(
            "Nobody shared #NobodyUsesThis in the datasets (`example`, `qut-sample`)."
        ),
        "{}",
        text(&body)
    );
}

#[test]
fn unconfigured_bots_is_an_ephemeral_error() {
    let body = ask(&router_with("", &examples()), "@lukasweber");
    assert!(is_ephemeral(&body));
    assert!(text(&body).contains("no [bots] section"), "{}", text(&body));
    let body = ask(
        &router_with("[bots]\ndatasets = []\n", &examples()),
        "@lukasweber",
    );
    assert!(text(&body).contains("lists no dataset"), "{}", text(&body));
}

#[test]
fn shared_hashtag_lists_the_accounts_by_time_of_first_share() {
    let router = example_router();
    let body = ask(&router, "shared #eu2019");
    assert_eq!(body["response_type"], "in_channel");
    assert!(
        text(&body).starts_with("**4 accounts** shared #eu2019 in `example`"),
        "{}",
        text(&body)
    );
    let list = body["attachments"][0]["text"].as_str().unwrap_or("");
    let order: Vec<usize> = [
        "1. @lukasweber",
        "2. @Marie48213377",
        "3. @jk8f3nz0qp",
        "4. @claire_fontaine",
    ]
    .iter()
    .map(|l| list.find(l).unwrap_or(usize::MAX))
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]) && order[3] < usize::MAX,
        "{list}"
    );
    assert!(
        list.contains("1. @lukasweber — first 2019-05-20 11:23:49, 4 posts"),
        "{list}"
    );
    assert_eq!(
        field(&body["attachments"][0], "dormant_2019"),
        Some("2 of 4 match, 0 undefined")
    );
    // Without `#`, and in another case, it is the same hashtag.
    assert_eq!(
        ask(&router, "shared EU2019")["attachments"][0]["text"],
        body["attachments"][0]["text"]
    );
}

#[test]
fn shared_hashtag_states_the_network_and_its_window() {
    let body = ask(&example_router(), "shared #EU2019");
    let network = &body["attachments"][1];
    let t = network["text"].as_str().unwrap_or("");
    assert!(
        t.starts_with("Co-action within 60 s (inclusive) over all 14 posts"),
        "{t}"
    );
    assert!(t.contains("No two of these accounts acted together"), "{t}");
    assert_eq!(field(network, "pairs"), Some("0"));
}

#[test]
fn shared_post_id_finds_its_retweets() {
    let body = ask(&example_router(), "shared 1129000000000000005");
    assert!(
        text(&body).starts_with("**1 account** shared post `1129000000000000005`"),
        "{}",
        text(&body)
    );
    assert!(
        body["attachments"][0]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("1. @eu_news_247"))
    );
}

#[test]
fn shared_url_builds_the_co_link_network_with_components() {
    let router = example_router();
    let body = ask(&router, "shared http://example.com/2");
    assert!(text(&body).contains("in `qut-sample`"), "{}", text(&body));
    let network = &body["attachments"][1];
    let t = network["text"].as_str().unwrap_or("");
    assert!(t.contains("co-link"), "{t}");
    assert!(
        field(network, "pairs").is_some_and(|p| p != "0"),
        "{network}"
    );
    assert!(
        field(network, "components").is_some_and(|c| c != "0"),
        "{network}"
    );
    // The crate's URL normalisation: scheme, `www.` and a trailing slash do not matter.
    let same = ask(&router, "shared https://www.Example.com/2/");
    assert_eq!(
        same["attachments"][0]["text"],
        body["attachments"][0]["text"]
    );
}

#[test]
fn slack_wrapped_links_are_read_as_the_url() {
    assert_eq!(
        clean("<http://example.com/2|example.com/2>"),
        "http://example.com/2"
    );
    assert_eq!(clean(" #tag "), "#tag");
}

#[test]
fn the_botometer_alias_answers_shared() {
    let body = ask_command(&example_router(), "/botometer", "#EU2019");
    assert!(
        text(&body).starts_with("**4 accounts** shared #eu2019"),
        "{}",
        text(&body)
    );
}

#[test]
fn the_chart_card_repeats_the_bins_and_its_link_serves_the_png() {
    let router = example_router();
    let body = ask(&router, "shared #EU2019");
    let chart = &body["attachments"][2];
    let t = chart["text"].as_str().unwrap_or("");
    assert!(
        chart["title"].as_str().is_some_and(|t| t.contains("age_h")),
        "{chart}"
    );
    assert!(
        t.starts_with("`age_h` for 4 of the 4 accounts, by bin:\n- ["),
        "{t}"
    );
    let url = chart["image_url"].as_str().unwrap_or("");
    let query = url.split_once('?').map_or("", |(_, q)| q);
    assert!(
        url.contains("/pages/chart.png?dataset=example&q=%23EU2019&indicator=age_h&sig="),
        "{url}"
    );
    let page = router.page("chart.png", query).expect("the chart");
    assert_eq!(page.content_type, "image/png");
    let decoder = png::Decoder::new(std::io::Cursor::new(page.body));
    let info = decoder.read_info().expect("a PNG").info().clone();
    assert_eq!((info.width, info.height), (600, 300));
}

#[test]
fn a_chart_link_to_an_unknown_dataset_or_indicator_is_a_404() {
    let router = example_router();
    let links = Links::new("http://127.0.0.1:8065", LINK_KEY.as_bytes().to_vec());
    let query = |dataset: &str, indicator: &str| {
        let url = links.page(
            "chart.png",
            &[
                ("dataset", dataset),
                ("q", "#EU2019"),
                ("indicator", indicator),
            ],
        );
        url.split_once('?')
            .map_or(String::new(), |(_, q)| q.to_string())
    };
    let err = router
        .page("chart.png", &query("nope", "age_h"))
        .expect_err("unknown dataset");
    assert_eq!(err.status, 404);
    let err = router
        .page("chart.png", &query("example", "shoe_size"))
        .expect_err("unknown indicator");
    assert!(
        err.message.contains("`shoe_size` is not a feature"),
        "{}",
        err.message
    );
    let half = links.page("chart.png", &[("dataset", "example")]);
    let err = router
        .page("chart.png", half.split_once('?').map_or("", |(_, q)| q))
        .expect_err("no q");
    assert_eq!(err.status, 400);
}

#[test]
fn an_unreadable_dataset_is_named_and_the_others_still_answer() {
    let bots = "[[bots.datasets]]\nname = \"gone\"\nposts = \"missing.jsonl\"\nformat = \"twitter-v1\"\n\
                [[bots.datasets]]\nname = \"example\"\nposts = \"../data/bots/tweets.jsonl\"\n";
    let body = ask(&router_with(bots, &examples()), "@lukasweber");
    assert_eq!(body["response_type"], "in_channel");
    assert!(
        text(&body).contains("Not searched: dataset `gone` cannot be read"),
        "{}",
        text(&body)
    );
}

#[test]
fn answers_after_the_first_load_do_not_read_the_files_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let posts = dir.path().join("tweets.jsonl");
    std::fs::copy(examples().join("../data/bots/tweets.jsonl"), &posts).expect("copy");
    let router = router_with(
        "[[bots.datasets]]\nname = \"copy\"\nposts = \"tweets.jsonl\"\n",
        dir.path(),
    );
    assert_eq!(ask(&router, "@lukasweber")["response_type"], "in_channel");
    std::fs::remove_file(&posts).expect("remove");
    assert_eq!(
        ask(&router, "@claire_fontaine")["response_type"],
        "in_channel"
    );
    assert_eq!(
        ask(&router, "shared #EU2019")["response_type"],
        "in_channel"
    );
}

#[test]
fn more_than_twenty_five_sharers_are_counted_not_listed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut csv =
        String::from("message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n");
    for i in 0..30 {
        csv.push_str(&format!(
            "{i},u{i},user_{i},,,look #same,{},https://news.example/a\n",
            1_600_000_000 + i * 30
        ));
    }
    std::fs::write(dir.path().join("many.csv"), csv).expect("write");
    let router = router_with(
        "[[bots.datasets]]\nname = \"many\"\nposts = \"many.csv\"\n",
        dir.path(),
    );
    let body = ask(&router, "shared https://news.example/a");
    assert!(
        text(&body).starts_with("**30 accounts**"),
        "{}",
        text(&body)
    );
    let list = body["attachments"][0]["text"].as_str().unwrap_or("");
    assert!(
        list.contains("25. @user_24") && !list.contains("26. "),
        "{list}"
    );
    assert!(list.ends_with("… and 5 more accounts."), "{list}");
    // Posts 30 s apart on the same link and hashtag: a chain of co-actions within 60 s.
    let network = &body["attachments"][1];
    assert_eq!(field(network, "components"), Some("1"), "{network}");
    assert!(shown(&body).contains("co-hashtag"), "{}", shown(&body));
}

#[test]
fn the_format_is_detected_from_the_first_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("odd.txt"), "hello\n").expect("write");
    let bots = "[[bots.datasets]]\nname = \"qut\"\nposts = \"../data/bots/coordination/qut_sample_data.csv\"\n\
                [[bots.datasets]]\nname = \"odd\"\nposts = \"ODD\"\n";
    let bots = bots.replace("ODD", &dir.path().join("odd.txt").display().to_string());
    let body = ask(&router_with(&bots, &examples()), "user_4");
    assert!(shown(&body).contains("`qut` (qut-csv"), "{}", shown(&body));
    assert!(
        text(&body).contains("dataset `odd` cannot be read: its format is not recognised"),
        "{}",
        text(&body)
    );
}

#[test]
fn a_bad_record_is_counted_and_named_not_fatal() {
    let good =
        std::fs::read_to_string(examples().join("../data/bots/tweets.jsonl")).expect("tweets");
    let index = load::from_text(
        "t",
        InputFormat::TwitterV1,
        &format!("{good}{{\"user\": 3}}\n"),
    )
    .expect("index");
    assert_eq!(index.records_rejected, 1);
    assert!(
        index
            .provenance()
            .contains("1 rejected: first at <input> line 27"),
        "{}",
        index.provenance()
    );
    assert!(index.find_account("@LUKASWEBER").is_some());
}

#[test]
fn the_configured_indicator_is_charted_or_said_to_be_unknown() {
    let bots = "[bots]\nchart_indicator = \"followers_following_ratio\"\n\
                [[bots.datasets]]\nname = \"example\"\nposts = \"../data/bots/tweets.jsonl\"\n";
    let body = ask(&router_with(bots, &examples()), "shared #EU2019");
    let chart = &body["attachments"][2];
    assert!(
        chart["image_url"]
            .as_str()
            .is_some_and(|u| u.contains("indicator=followers_following_ratio")),
        "{chart}"
    );
    let bots = bots.replace("followers_following_ratio", "shoe_size");
    let body = ask(&router_with(&bots, &examples()), "shared #EU2019");
    let chart = &body["attachments"][2];
    assert!(chart["image_url"].is_null());
    assert!(
        chart["text"]
            .as_str()
            .is_some_and(|t| t
                .starts_with("No chart: `shoe_size` ([bots] chart_indicator) is not a feature")),
        "{chart}"
    );
}

#[test]
fn numbers_print_whole_or_to_four_significant_digits() {
    use super::number;
    assert_eq!(number(4.0), "4");
    assert_eq!(number(583.93), "583.9");
    assert_eq!(number(0.0068512), "0.006851");
    assert_eq!(number(f64::NAN), "missing");
    assert_eq!(number(f64::INFINITY), "∞");
    assert_eq!(number(1.5e-7), "1.500e-7");
}
