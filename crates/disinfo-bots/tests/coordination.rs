//! Coordination networks end to end on the public API: window boundaries, planted groups of the
//! synthetic generator, determinism, exports, hostile input.

use chrono::{DateTime, TimeZone, Utc};
use disinfo_bots::coordinate::{CoordinateOptions, CoordinationKind, UrlNormalization, coordinate};
use disinfo_bots::export::{ExportFormat, render};
use disinfo_bots::graph::{GraphOptions, adjusted_rand_index, analyse};
use disinfo_bots::synthetic::{Population, SyntheticConfig, generate};
use disinfo_bots::{Platform, Post, PostKind};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("time")
        .with_timezone(&Utc)
}

fn repost(id: &str, user: &str, time: DateTime<Utc>, of: &str) -> Post {
    let mut p = Post::new(Platform::Generic, id, user, time, PostKind::Repost);
    p.reposted_id = Some(of.to_string());
    p
}

fn pairs(posts: &[Post], options: &CoordinateOptions) -> Vec<(String, String, u64)> {
    let net = coordinate(posts, &[], options).expect("network");
    net.edges
        .into_iter()
        .map(|e| (e.source, e.target, e.weight))
        .collect()
}

#[test]
fn window_delta_equal_to_window_gives_an_edge_and_one_second_more_does_not() {
    let o = CoordinateOptions::new(CoordinationKind::CoRepost, 60.0);
    let t0 = Utc.timestamp_opt(1_000, 0).single().expect("t");
    let hit = [
        repost("1", "a", t0, "x"),
        repost("2", "b", t0 + chrono::Duration::seconds(60), "x"),
    ];
    assert_eq!(pairs(&hit, &o).len(), 2);
    let miss = [
        repost("1", "a", t0, "x"),
        repost("2", "b", t0 + chrono::Duration::seconds(61), "x"),
    ];
    assert!(pairs(&miss, &o).is_empty());
}

#[test]
fn shares_at_00_00_59_and_00_01_01_are_linked_with_a_60s_window() {
    let o = CoordinateOptions::new(CoordinationKind::CoRepost, 60.0);
    let posts = [
        repost("1", "a", at("2021-09-01T00:00:59Z"), "x"),
        repost("2", "b", at("2021-09-01T00:01:01Z"), "x"),
    ];
    assert_eq!(
        pairs(&posts, &o),
        vec![("a".into(), "b".into(), 1), ("b".into(), "a".into(), 1)]
    );
}

#[test]
fn directed_weight_and_balance_follow_the_toolkit_definition() {
    let t = at("2021-09-01T00:00:00Z");
    let s = chrono::Duration::seconds;
    let posts = [
        repost("1", "a", t, "x"),
        repost("2", "a", t + s(10), "x"),
        repost("3", "b", t + s(5), "x"),
    ];
    let net = coordinate(
        &posts,
        &[],
        &CoordinateOptions::new(CoordinationKind::CoRepost, 60.0),
    )
    .expect("net");
    let ab = &net.edges[0];
    assert_eq!(
        (ab.weight, ab.reverse_weight, ab.symmetric_weight),
        (2, 1, 3)
    );
    assert!((ab.balance - 0.5).abs() < 1e-12);
    assert_eq!(ab.evidence.len(), 2);
    assert_eq!(ab.evidence[0].source_post, "1");
}

#[test]
fn repeated_post_ids_keep_the_first_record() {
    let t = at("2021-09-01T00:00:00Z");
    let posts = [
        repost("1", "a", t, "x"),
        repost("1", "c", t, "x"),
        repost("2", "b", t, "x"),
    ];
    let net = coordinate(
        &posts,
        &[],
        &CoordinateOptions::new(CoordinationKind::CoRepost, 60.0),
    )
    .expect("net");
    assert_eq!(net.duplicate_posts, 1);
    assert!(net.nodes.iter().all(|n| n.id != "c"));
}

#[test]
fn co_link_ignores_urls_of_reposts_and_basic_normalisation_joins_variants() {
    let t = at("2021-09-01T00:00:00Z");
    let mut a = Post::new(Platform::Generic, "1", "a", t, PostKind::Original);
    a.urls = vec!["https://www.Example.com/x?utm_source=t".into()];
    let mut b = Post::new(Platform::Generic, "2", "b", t, PostKind::Original);
    b.urls = vec!["http://example.com/x".into()];
    let mut c = repost("3", "c", t, "y");
    c.urls = vec!["http://example.com/x".into()];
    let mut o = CoordinateOptions::new(CoordinationKind::CoLink, 60.0);
    assert!(pairs(&[a.clone(), b.clone(), c.clone()], &o).is_empty());
    o.url_normalization = UrlNormalization::Basic;
    assert_eq!(pairs(&[a, b, c], &o).len(), 2);
}

#[test]
fn co_similar_text_links_near_duplicates_only() {
    let t = at("2021-09-01T00:00:00Z");
    let text = |id: &str, u: &str, s: &str| {
        let mut p = Post::new(Platform::Generic, id, u, t, PostKind::Original);
        p.text = s.to_string();
        p
    };
    let posts = [
        text(
            "1",
            "a",
            "the election was stolen by the usual suspects today",
        ),
        text(
            "2",
            "b",
            "@x The election was stolen by the usual suspects TODAY!",
        ),
        text(
            "3",
            "c",
            "the election went fine and the results are certified",
        ),
        text("4", "d", "too short"),
    ];
    let got = pairs(
        &posts,
        &CoordinateOptions::new(CoordinationKind::CoSimilarText, 60.0),
    );
    assert_eq!(
        got,
        vec![("a".into(), "b".into(), 1), ("b".into(), "a".into(), 1)]
    );
}

#[test]
fn hashtag_sequence_and_reply_kinds_match_on_their_trace() {
    let t = at("2021-09-01T00:00:00Z");
    let mut a = Post::new(Platform::Generic, "1", "a", t, PostKind::Reply);
    a.replied_to_id = Some("p".into());
    a.hashtags = vec!["Wahl".into(), "btw21".into()];
    let mut b = Post::new(Platform::Generic, "2", "b", t, PostKind::Reply);
    b.replied_to_id = Some("p".into());
    b.hashtags = vec!["wahl".into(), "BTW21".into()];
    let mut c = b.clone();
    c.id = "3".into();
    c.account_id = "c".into();
    c.hashtags = vec!["btw21".into(), "wahl".into()];
    c.replied_to_id = Some("q".into());
    let posts = [a, b, c];
    assert_eq!(
        pairs(
            &posts,
            &CoordinateOptions::new(CoordinationKind::CoHashtagSequence, 1.0)
        )
        .len(),
        2
    );
    assert_eq!(
        pairs(
            &posts,
            &CoordinateOptions::new(CoordinationKind::CoReply, 1.0)
        )
        .len(),
        2
    );
    assert_eq!(
        pairs(
            &posts,
            &CoordinateOptions::new(CoordinationKind::Synchrony, 0.0)
        )
        .len(),
        6
    );
}

#[test]
fn bad_options_are_typed_errors() {
    for o in [
        CoordinateOptions {
            window_secs: f64::NAN,
            ..Default::default()
        },
        CoordinateOptions {
            window_secs: -1.0,
            ..Default::default()
        },
        CoordinateOptions {
            min_edge_weight: 0,
            ..Default::default()
        },
        CoordinateOptions {
            similarity_threshold: 1.5,
            ..Default::default()
        },
    ] {
        let err = coordinate(&[], &[], &o).expect_err("must fail");
        assert_eq!(err.code(), "invalid_argument");
    }
    assert!(CoordinationKind::parse("co-nothing").is_err());
    assert_eq!(
        CoordinationKind::parse("co_repost").expect("kind"),
        CoordinationKind::CoRepost
    );
}

#[test]
fn huge_single_key_burst_stays_exact() {
    // 600 accounts repost the same post within one second: a complete directed graph.
    let t = at("2021-09-01T00:00:00Z");
    let posts: Vec<Post> = (0..600)
        .map(|i| repost(&i.to_string(), &format!("u{i}"), t, "x"))
        .collect();
    let net = coordinate(
        &posts,
        &[],
        &CoordinateOptions::new(CoordinationKind::CoRepost, 1.0),
    )
    .expect("net");
    assert_eq!(net.edges.len(), 600 * 599);
    assert!(net.edges.iter().all(|e| e.weight == 1 && e.balance == 1.0));
}

#[test]
fn hostile_strings_are_escaped_in_xml_exports() {
    let t = at("2021-09-01T00:00:00Z");
    let posts = [
        repost("<1>", "a&\"b'\u{1}", t, "x"),
        repost("2", "]]>", t, "x"),
    ];
    let net = coordinate(
        &posts,
        &[],
        &CoordinateOptions::new(CoordinationKind::CoRepost, 1.0),
    )
    .expect("net");
    for f in [ExportFormat::Graphml, ExportFormat::Gexf] {
        let xml = render(&net, None, f).expect("xml");
        assert!(xml.contains("a&amp;&quot;b&apos;"));
        assert!(!xml.contains('\u{1}'));
        assert!(xml.contains("]]&gt;"));
    }
}

fn planted() -> (
    disinfo_bots::synthetic::SyntheticData,
    disinfo_bots::coordinate::Network,
) {
    let data = generate(&SyntheticConfig::default()).expect("synthetic");
    let net = coordinate(
        &data.posts,
        &data.accounts,
        &CoordinateOptions::new(CoordinationKind::CoRepost, 60.0),
    )
    .expect("net");
    (data, net)
}

#[test]
fn planted_groups_are_recovered_by_communities_and_no_organic_account_joins_them() {
    let (data, net) = planted();
    let analysis = analyse(&net, &GraphOptions::default()).expect("analysis");
    // Labels over every account: planted group, or its own singleton label.
    let n = data.accounts.len() as u64;
    let mut truth = Vec::new();
    let mut found = Vec::new();
    for (i, (account, p)) in data.accounts.iter().zip(&data.planted).enumerate() {
        truth.push(p.group.map_or(n + i as u64, u64::from));
        let c = analysis.community_of.get(&account.id).copied().flatten();
        found.push(c.map_or(n + i as u64, u64::from));
    }
    let ari = adjusted_rand_index(&truth, &found);
    println!("adjusted Rand index, planted groups vs communities: {ari:.4}");
    assert!(ari >= 0.95, "ARI {ari}");
    // Every community holding a coordinated account holds only coordinated accounts.
    for community in &analysis.communities {
        let coordinated = community
            .members
            .iter()
            .filter(|m| {
                let i = data
                    .accounts
                    .iter()
                    .position(|a| &a.id == *m)
                    .expect("member");
                data.planted[i].population == Population::Coordinated
            })
            .count();
        assert!(
            coordinated == 0 || coordinated == community.size,
            "mixed community {:?}",
            community.members
        );
    }
}

#[test]
fn communities_are_identical_across_runs_with_the_same_seed() {
    let (_, net) = planted();
    let a = analyse(
        &net,
        &GraphOptions {
            seed: 9,
            ..Default::default()
        },
    )
    .expect("a");
    let b = analyse(
        &net,
        &GraphOptions {
            seed: 9,
            ..Default::default()
        },
    )
    .expect("b");
    assert_eq!(a, b);
    assert_eq!(
        render(&net, Some(&a), ExportFormat::Json).expect("j"),
        render(&net, Some(&b), ExportFormat::Json).expect("j")
    );
}
