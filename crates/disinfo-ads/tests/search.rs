//! Keyword search on the synthetic French case of May 2019: hits a person can read, and the
//! matched ads that disappeared.

use std::path::{Path, PathBuf};

use disinfo_ads::collection::{FileSource, LoadOptions, load_dir};
use disinfo_ads::model::Interner;
use disinfo_ads::search::{SearchOptions, search, search_dirs};
use disinfo_ads::synthetic;

fn fr2019() -> (tempfile::TempDir, Vec<PathBuf>) {
    let tmp = tempfile::tempdir().expect("tmp");
    let dirs = synthetic::generate("fr2019", tmp.path(), 2019, None, None).expect("generate");
    (tmp, dirs)
}

#[test]
fn keyword_search_on_fr2019_finds_readable_hits_including_disappeared_ads() {
    let (_tmp, dirs) = fr2019();
    let dirs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
    let options = SearchOptions {
        max_hits: 50,
        ..SearchOptions::default()
    };
    let found = search_dirs(&dirs, "européennes", &options).expect("search");
    assert!(found.total_hits > 5_000, "{}", found.total_hits);
    assert_eq!(found.hits.len(), 50);
    assert_eq!(found.hits_omitted, found.total_hits - 50);
    let hit = &found.hits[0];
    assert_eq!(hit.collection, "fr-2019-05-20");
    assert_eq!(hit.locator.collection, "fr-2019-05-20");
    assert_eq!(hit.locator.file, "page-0001.json");
    assert!(
        hit.locator
            .pointer
            .as_deref()
            .is_some_and(|p| p.starts_with("/data/"))
    );
    assert_eq!(hit.field, "/ad_creative_body");
    assert!(hit.excerpt.contains("européennes"), "{}", hit.excerpt);
    assert_eq!(hit.raw_hash.len(), 64);
    let page = hit.advertiser_name.as_deref().expect("page name");
    assert!(page.contains(" – "), "{page}");
    let payer = hit.payer.as_deref().expect("payer");
    assert!(payer.starts_with("Association de financement"), "{payer}");
    assert!(hit.advertiser_id.is_some());
    // Ads that matched on 20 May and are gone on 27 May, as the 2019 team found them.
    let gone: Vec<_> = found
        .ads
        .iter()
        .filter(|a| a.missing_from == ["fr-2019-05-27"])
        .collect();
    assert!(gone.len() > 1_000, "{}", gone.len());
    assert_eq!(gone[0].matched_in, ["fr-2019-05-20"]);
    assert_eq!(gone[0].present_in, ["fr-2019-05-20"]);
    assert!(gone[0].excerpt.contains("européennes"));
    assert!(gone[0].advertiser_name.is_some() && gone[0].payer.is_some());
    // Ads still there matched in both collections.
    assert!(
        found
            .ads
            .iter()
            .any(|a| a.matched_in.len() == 2 && a.missing_from.is_empty())
    );
}

#[test]
fn other_keywords_of_the_campaign_find_ads_too() {
    let (_tmp, dirs) = fr2019();
    // Loaded once, searched several times.
    let mut interner = Interner::new();
    let mut colls = Vec::new();
    let mut files = Vec::new();
    for dir in &dirs {
        let c = load_dir(dir, None, &LoadOptions::default(), &mut interner, None).expect("load");
        files.push(
            c.files
                .iter()
                .map(|f| (f.path.clone(), FileSource::Path(dir.join(&f.path))))
                .collect::<Vec<_>>(),
        );
        colls.push(c);
    }
    for (pattern, regex, expect) in [
        ("Europe", false, "europe"),
        ("sondage", false, "sondage"),
        (
            "réunion publique à (Lyon|Lille)",
            true,
            "réunion publique à l",
        ),
    ] {
        let options = SearchOptions {
            regex,
            max_hits: 1,
            ..SearchOptions::default()
        };
        let found = search(&colls, &files, &interner, pattern, &options).expect("search");
        assert!(found.total_hits > 100, "{pattern}: {}", found.total_hits);
        assert!(
            found.hits[0].excerpt.to_lowercase().contains(expect),
            "{pattern}: {}",
            found.hits[0].excerpt
        );
    }
    let none = search(
        &colls,
        &files,
        &interner,
        "brexit",
        &SearchOptions::default(),
    )
    .expect("search");
    assert_eq!(
        (none.total_hits, none.hits.len(), none.ads.len()),
        (0, 0, 0)
    );
}

#[test]
fn bad_patterns_are_typed_errors() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("c");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("collection.json"),
        r#"{"id": "c", "platform": "meta", "collected_at": "2019-05-20T00:00:00Z"}"#,
    )
    .expect("meta");
    std::fs::write(
        dir.join("p.json"),
        r#"[{"id": "1", "ad_creative_body": "x"}]"#,
    )
    .expect("page");
    let dirs = [dir.as_path()];
    let regex = SearchOptions {
        regex: true,
        ..SearchOptions::default()
    };
    let err = search_dirs(&dirs, "(européennes", &regex).expect_err("bad regex");
    assert_eq!(err.code(), "invalid_pattern");
    let err = search_dirs(&dirs, "", &SearchOptions::default()).expect_err("empty");
    assert_eq!(err.code(), "invalid_argument");
    let err = search_dirs(&[], "x", &SearchOptions::default()).expect_err("no folder");
    assert_eq!(err.code(), "invalid_argument");
    let found = search_dirs(&dirs, "X", &SearchOptions::default()).expect("search");
    assert_eq!(found.hits[0].field, "/ad_creative_body");
}
