//! Adapters on real-shaped payloads: the same account across platforms, strict and lenient
//! reading of broken input.

use std::path::PathBuf;

use disinfo_bots::adapters::{InputFormat, Mode, ReadOptions, read_bytes, read_path, read_str};
use disinfo_bots::features::{FeatureOptions, compute};
use disinfo_bots::{Error, PostKind};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn options(format: InputFormat) -> ReadOptions {
    let mut o = ReadOptions::new(format);
    o.observed_at = Some("2021-06-23T15:27:11Z".parse().expect("time"));
    o
}

const SHARED: [&str; 14] = [
    "age_h",
    "posts",
    "followers",
    "following",
    "posts_per_hour",
    "followers_per_hour",
    "following_per_hour",
    "followers_following_ratio",
    "handle_length",
    "handle_digits",
    "name_length",
    "name_digits",
    "description_length",
    "handle_likelihood",
];

#[test]
fn same_account_gives_same_features_across_platforms() {
    let inputs = [
        ("same_account/twitter_v1.jsonl", InputFormat::TwitterV1),
        ("same_account/twitter_v2.json", InputFormat::TwitterV2),
        ("same_account/bluesky.json", InputFormat::Bluesky),
        ("same_account/mastodon.json", InputFormat::Mastodon),
    ];
    let mut matrices = Vec::new();
    for (file, format) in inputs {
        let d = read_path(&data(file), &options(format)).expect(file);
        assert_eq!(d.accounts.len(), 1, "{file}");
        let m = compute(
            &d.accounts,
            &[],
            &FeatureOptions {
                behaviour: false,
                ..FeatureOptions::default()
            },
        )
        .expect("features");
        assert!(
            (m.get(0, "age_h").expect("age") - 19968.31).abs() < 0.01,
            "{file}"
        );
        matrices.push((file, m));
    }
    let (_, reference) = &matrices[0];
    for (file, m) in &matrices[1..] {
        for column in SHARED {
            assert_eq!(
                m.get(0, column),
                reference.get(0, column),
                "{file}: {column}"
            );
        }
    }
    // Where the platform has no such field: NaN + mask.
    let missing = |file: &str, column: &str| {
        let (_, m) = matrices.iter().find(|(f, _)| *f == file).expect("file");
        m.is_missing(0, column).expect("column") && m.get(0, column).expect("column").is_nan()
    };
    for file in ["same_account/bluesky.json", "same_account/mastodon.json"] {
        for column in [
            "likes_given",
            "listed",
            "verified",
            "default_profile",
            "likes_given_per_hour",
        ] {
            assert!(missing(file, column), "{file}: {column} must be NaN + mask");
        }
    }
    assert!(!missing("same_account/twitter_v2.json", "likes_given"));
    assert!(missing("same_account/twitter_v2.json", "default_profile"));
    assert!(!missing("same_account/twitter_v1.jsonl", "default_profile"));
}

#[test]
fn tiktok_has_no_creation_date_so_age_and_rates_are_missing() {
    let d = read_path(
        &data("same_account/tiktok.json"),
        &options(InputFormat::Tiktok),
    )
    .expect("tiktok");
    let m = compute(&d.accounts, &[], &FeatureOptions::default()).expect("features");
    for column in [
        "age_h",
        "posts_per_hour",
        "followers_per_hour",
        "likes_given",
    ] {
        assert!(m.is_missing(0, column).expect("column"), "{column}");
    }
    assert!((m.get(0, "followers_following_ratio").expect("ratio") - 0.98480).abs() < 1e-5);
    assert_eq!(m.get(0, "handle_length"), Some(11.0));
}

#[test]
fn v1_tweet_maps_entities_client_and_observation_time() {
    let d = read_path(
        &data("same_account/twitter_v1.jsonl"),
        &ReadOptions::new(InputFormat::TwitterV1),
    )
    .expect("v1");
    let post = &d.posts[0];
    assert_eq!(post.kind, PostKind::Original);
    assert_eq!(post.hashtags, vec!["DSA"]);
    assert_eq!(post.urls, vec!["https://example.org/dsa-report"]);
    assert_eq!(post.client.as_deref(), Some("Twitter Web App"));
    assert_eq!(
        d.accounts[0].observed_at, post.created_at,
        "embedded user observed at tweet time"
    );
    assert_eq!(d.accounts[0].handle, "anna_martin");
    assert_eq!(d.accounts[0].display_name, "Anna Martin");
}

#[test]
fn v1_retweet_and_reply_kinds() {
    let rt = r#"{"created_at":"Wed Jun 23 15:27:11 +0000 2021","id_str":"2","text":"RT @b: hi","user":{"id_str":"1","screen_name":"a"},"retweeted_status":{"id_str":"9","user":{"id_str":"5","screen_name":"b"}}}
{"created_at":"Wed Jun 23 15:28:11 +0000 2021","id_str":"3","text":"@b yes","in_reply_to_status_id_str":"9","user":{"id_str":"1","screen_name":"a"}}"#;
    let d = read_str(rt, &ReadOptions::new(InputFormat::TwitterV1)).expect("v1");
    assert_eq!(d.posts[0].kind, PostKind::Repost);
    assert_eq!(d.posts[0].reposted_id.as_deref(), Some("9"));
    assert_eq!(d.posts[0].reposted_account_id.as_deref(), Some("5"));
    assert_eq!(d.posts[1].kind, PostKind::Reply);
}

#[test]
fn standalone_profile_without_observation_time_is_malformed() {
    let d = read_path(
        &data("same_account/bluesky.json"),
        &ReadOptions::new(InputFormat::Bluesky),
    );
    match d {
        Err(Error::MalformedRecord { reason, .. }) => {
            assert!(reason.contains("observed_at"), "{reason}")
        }
        other => panic!("expected malformed_record, got {other:?}"),
    }
}

#[test]
fn bluesky_feed_item_with_repost_reason_and_jetstream_commit() {
    let feed = r#"{"feed":[{"post":{"uri":"at://did:plc:aaa/app.bsky.feed.post/3k1","cid":"x","author":{"did":"did:plc:aaa","handle":"a.bsky.social"},"record":{"$type":"app.bsky.feed.post","text":"see https://example.org #eu","createdAt":"2024-05-01T10:00:00Z","facets":[{"index":{"byteStart":4,"byteEnd":23},"features":[{"$type":"app.bsky.richtext.facet#link","uri":"https://example.org"}]},{"index":{"byteStart":24,"byteEnd":27},"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"eu"}]}],"langs":["en"]},"indexedAt":"2024-05-01T10:00:01Z"},"reason":{"$type":"app.bsky.feed.defs#reasonRepost","by":{"did":"did:plc:bbb","handle":"b.bsky.social"},"indexedAt":"2024-05-01T11:00:00Z"}}]}
{"did":"did:plc:ccc","time_us":1714557600000000,"kind":"commit","commit":{"rev":"r","operation":"create","collection":"app.bsky.feed.repost","rkey":"3k2","record":{"$type":"app.bsky.feed.repost","subject":{"uri":"at://did:plc:aaa/app.bsky.feed.post/3k1","cid":"x"},"createdAt":"2024-05-01T12:00:00Z"}}}"#;
    let d = read_str(feed, &ReadOptions::new(InputFormat::Bluesky)).expect("bluesky");
    assert_eq!(d.posts.len(), 3);
    let repost = d
        .posts
        .iter()
        .find(|p| p.account_id == "did:plc:bbb")
        .expect("repost");
    assert_eq!(repost.kind, PostKind::Repost);
    assert_eq!(repost.reposted_account_id.as_deref(), Some("did:plc:aaa"));
    let original = d
        .posts
        .iter()
        .find(|p| p.account_id == "did:plc:aaa")
        .expect("post");
    assert_eq!(original.urls, vec!["https://example.org"]);
    assert_eq!(original.hashtags, vec!["eu"]);
    let jet = d
        .posts
        .iter()
        .find(|p| p.account_id == "did:plc:ccc")
        .expect("jetstream");
    assert_eq!(jet.id, "at://did:plc:ccc/app.bsky.feed.repost/3k2");
}

#[test]
fn qut_csv_maps_columns_by_header_name_in_any_order() {
    let csv = "timestamp,message_id,username,user_id,message,repost_id,reply_id,urls,extra\n\
               1556668800,m1,anna,u1,hello #EU2019 @bob,,,https://a.example https://b.example,x\n\
               1556668860,m2,bob,u2,RT hello,m1,,,y\n";
    let d = read_str(csv, &ReadOptions::new(InputFormat::QutCsv)).expect("csv");
    assert_eq!(d.posts.len(), 2);
    assert_eq!(d.accounts.len(), 2);
    assert_eq!(d.accounts[0].handle, "anna");
    assert_eq!(d.posts[0].urls.len(), 2);
    assert_eq!(d.posts[0].hashtags, vec!["EU2019"]);
    assert_eq!(d.posts[0].mentions, vec!["bob"]);
    assert_eq!(d.posts[1].kind, PostKind::Repost);
    assert_eq!(
        d.posts[0].created_at.to_rfc3339(),
        "2019-05-01T00:00:00+00:00"
    );
}

#[test]
fn qut_csv_without_required_column_fails_with_header_location() {
    let err =
        read_str("id,user\n1,2\n", &ReadOptions::new(InputFormat::QutCsv)).expect_err("header");
    assert_eq!(err.code(), "malformed_record");
    assert!(err.to_string().contains("message_id"), "{err}");
}

#[test]
fn snscrape_line_maps_user_and_links() {
    let line = r#"{"_type":"snscrape.modules.twitter.Tweet","url":"https://twitter.com/anna_martin/status/1","date":"2021-06-23T15:27:11+00:00","rawContent":"hi","id":1,"user":{"_type":"snscrape.modules.twitter.User","username":"anna_martin","id":1106186789012345678,"displayname":"Anna Martin","rawDescription":"Journalist. Views my own.","created":"2019-03-14T15:08:32+00:00","followersCount":583,"friendsCount":592,"statusesCount":541,"favouritesCount":1204,"listedCount":12,"verified":false,"protected":false},"links":[{"url":"https://example.org/dsa-report"}],"hashtags":["DSA"],"mentionedUsers":null,"retweetedTweet":null,"quotedTweet":null,"inReplyToTweetId":null,"sourceLabel":"Twitter Web App","lang":"en"}"#;
    let d = read_str(line, &ReadOptions::new(InputFormat::Snscrape)).expect("snscrape");
    assert_eq!(d.accounts[0].following, Some(592));
    assert_eq!(d.posts[0].urls, vec!["https://example.org/dsa-report"]);
    assert_eq!(d.posts[0].client.as_deref(), Some("Twitter Web App"));
}

fn user_line(i: usize) -> String {
    format!(
        r#"{{"id":"{i}","username":"user{i}","name":"User {i}","created_at":"2019-03-14T15:08:32Z","public_metrics":{{"followers_count":{i},"following_count":10,"tweet_count":5,"listed_count":0}}}}"#
    )
}

#[test]
fn malformed_line_in_a_100000_line_jsonl_strict_fails_lenient_reports_it() {
    let mut text = String::with_capacity(100_000 * 150);
    for i in 1..=100_000 {
        if i == 54_321 {
            text.push_str("{\"id\":\"54321\",\"username\":\n");
        } else {
            text.push_str(&user_line(i));
            text.push('\n');
        }
    }
    let mut strict = options(InputFormat::TwitterV2);
    strict.source_name = "users.jsonl".to_string();
    match read_str(&text, &strict) {
        Err(Error::MalformedRecord {
            line,
            location,
            source_name,
            ..
        }) => {
            assert_eq!(
                (line, location.as_str(), source_name.as_str()),
                (54_321, "line 54321", "users.jsonl")
            );
        }
        other => panic!(
            "expected malformed_record, got {:?}",
            other.map(|d| d.records_read)
        ),
    }
    let mut lenient = strict.clone();
    lenient.mode = Mode::Lenient;
    let d = read_str(&text, &lenient).expect("lenient");
    assert_eq!(d.accounts.len(), 99_999);
    assert_eq!(d.rejected.len(), 1);
    assert_eq!(d.rejected[0].line, 54_321);
    assert_eq!(
        (d.records_read, d.records_accepted, d.records_rejected),
        (100_000, 99_999, 1)
    );
}

fn lenient(format: InputFormat) -> ReadOptions {
    let mut o = options(format);
    o.mode = Mode::Lenient;
    o
}

#[test]
fn wrong_types_are_rejected_with_json_pointer() {
    let text = format!(
        "{}\n{}\n{}\n",
        user_line(1),
        r#"{"id":"2","username":"b","public_metrics":{"followers_count":"many"}}"#,
        r#"{"id":"3","username":"c","public_metrics":{"followers_count":-4}}"#
    );
    let d = read_str(&text, &lenient(InputFormat::TwitterV2)).expect("lenient");
    assert_eq!(d.accounts.len(), 1);
    assert_eq!(d.rejected.len(), 2);
    assert!(
        d.rejected[0]
            .reason
            .starts_with("/public_metrics/followers_count: expected"),
        "{}",
        d.rejected[0].reason
    );
    assert_eq!(d.rejected[1].line, 3);
}

#[test]
fn invalid_utf8_line_is_rejected_and_neighbours_kept() {
    let mut bytes = user_line(1).into_bytes();
    bytes.push(b'\n');
    bytes.extend_from_slice(b"{\"id\":\"2\",\"username\":\"b\xff\xfe\"}\n");
    bytes.extend_from_slice(user_line(3).as_bytes());
    let d = read_bytes(&bytes, &lenient(InputFormat::TwitterV2)).expect("lenient");
    assert_eq!(d.accounts.len(), 2);
    assert_eq!(d.rejected[0].line, 2);
    assert!(
        d.rejected[0].reason.contains("UTF-8"),
        "{}",
        d.rejected[0].reason
    );
    let err = read_bytes(&bytes, &options(InputFormat::TwitterV2)).expect_err("strict");
    assert!(err.to_string().contains("line 2"), "{err}");
}

#[test]
fn dates_out_of_range_are_rejected() {
    let text = r#"{"id":"1","username":"a","created_at":"+275760-09-13T00:00:00Z"}
{"id":"2","username":"b","created_at":"2019-13-45T00:00:00Z"}
{"data":{"videos":[{"id":1,"username":"x","create_time":99999999999999999}]}}"#;
    let d = read_str(text, &lenient(InputFormat::TwitterV2)).expect("lenient");
    assert_eq!(d.rejected.len(), 3, "{:?}", d.rejected);
    let t = read_str(
        r#"{"data":{"videos":[{"id":1,"username":"x","create_time":99999999999999999}]}}"#,
        &options(InputFormat::Tiktok),
    );
    assert!(t.is_err());
}

#[test]
fn truncated_json_array_is_reported_where_it_stops() {
    let text = "[\n{\"id\":\"1\",\"username\":\"a\"},\n{\"id\":\"2\",\"username\":\"b\"},\n{\"id\":\"3\",\"user";
    let d = read_str(text, &lenient(InputFormat::TwitterV2)).expect("lenient");
    assert_eq!(d.accounts.len(), 2);
    assert_eq!(d.rejected.len(), 1);
    assert!(
        d.rejected[0].reason.contains("truncated"),
        "{}",
        d.rejected[0].reason
    );
    assert_eq!(d.rejected[0].line, 4);
    let err = read_str(text, &options(InputFormat::TwitterV2)).expect_err("strict");
    assert_eq!(err.code(), "malformed_record");
}

#[test]
fn truncated_single_document_is_malformed() {
    let err = read_str("{\n  \"data\": [\n", &options(InputFormat::TwitterV2)).expect_err("strict");
    assert!(err.to_string().contains("truncated"), "{err}");
}

#[test]
fn array_elements_are_numbered_with_their_line() {
    let text = "[\n{\"id\":\"1\",\"username\":\"a\"},\n{\"id\":\"2\",\"username\":7}\n]";
    let d = read_str(text, &lenient(InputFormat::TwitterV2)).expect("lenient");
    assert_eq!(d.rejected.len(), 1);
    assert_eq!(d.rejected[0].record, 2);
    assert_eq!(d.rejected[0].line, 3);
}

#[test]
fn huge_strings_and_deep_nesting_do_not_break_reading() {
    let huge = "x".repeat(5_000_000);
    let line = format!(r#"{{"id":"1","username":"{huge}","description":"{huge}"}}"#);
    let d = read_str(&line, &options(InputFormat::TwitterV2)).expect("huge");
    let m = compute(&d.accounts, &[], &FeatureOptions::default()).expect("features");
    assert_eq!(m.get(0, "handle_length"), Some(5_000_000.0));
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let nested = format!(
        "{{\"id\":\"1\",\"username\":\"a\",\"x\":{deep}}}\n{}\n",
        user_line(2)
    );
    let d = read_str(&nested, &lenient(InputFormat::TwitterV2)).expect("lenient");
    assert_eq!(d.rejected.len(), 1, "recursion limit is a rejection");
    assert_eq!(d.accounts.len(), 1);
}

#[test]
fn empty_and_blank_inputs_give_empty_datasets() {
    for text in ["", "   \n\n  ", "[]", "\u{feff}"] {
        let d = read_str(text, &options(InputFormat::TwitterV2)).expect(text);
        assert_eq!((d.accounts.len(), d.records_read), (0, 0), "{text:?}");
    }
    let d = read_str("", &options(InputFormat::QutCsv)).expect("csv");
    assert_eq!(d.records_read, 0);
}

#[test]
fn non_object_records_are_rejected_not_dropped() {
    let d = read_str("42\n\"text\"\nnull\n", &lenient(InputFormat::Mastodon)).expect("lenient");
    assert_eq!(d.rejected.len(), 3);
    assert!(d.rejected[0].reason.contains("expected a JSON object"));
}

#[test]
fn unknown_format_name_is_an_invalid_argument() {
    let err = "twitter-v3".parse::<InputFormat>().expect_err("unknown");
    assert!(err.is_invalid_argument());
    assert_eq!(
        "qut-csv".parse::<InputFormat>().expect("known"),
        InputFormat::QutCsv
    );
}
