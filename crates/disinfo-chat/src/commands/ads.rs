//! `/ads`: ads matching a keyword across collections; the latest audit.
//!
//! The collections of `[ads] collections` (oldest first) are loaded once, on first use, and
//! searched in memory for each keyword (the raw files are scanned for the text, page and payer,
//! as `disinfo ads search` does). `/ads audit` audits the last two collections, once, with the
//! options `disinfo ads audit` uses by default, and answers the summary
//! ([`crate::cards::audit::audit_reply`]): the same cards the audit posts to a webhook.

use std::path::PathBuf;
use std::sync::OnceLock;

use disinfo_ads::AuditReport;
use disinfo_ads::api::CollectionArg;
use disinfo_ads::collection::{self, Collection, FileSource, LoadOptions};
use disinfo_ads::model::Interner;
use disinfo_ads::search::{self, MatchedAd, SearchOptions};

use super::{CommandDef, CommandError, Context, not_configured};
use crate::config::AdsConfig;
use crate::response::{Card, Reply};

/// Ads shown in an answer; the rest are counted.
const MAX_ADS: usize = 20;

/// Amber: an ad missing from a later collection.
const MISSING_COLOR: &str = "#d4a72c";

/// The collections and the latest audit, each loaded on first use.
#[derive(Default)]
pub(crate) struct Data {
    collections: OnceLock<Result<Loaded, String>>,
    audit: OnceLock<Result<AuditReport, String>>,
}

/// Collections loaded for searching: the collections, their raw files and the strings they share.
struct Loaded {
    collections: Vec<Collection>,
    files: Vec<Vec<(String, FileSource)>>,
    interner: Interner,
}

pub(crate) const COMMAND: CommandDef = CommandDef {
    name: "ads",
    usage: &[
        (
            "/ads <keyword>",
            "matching ads (text, page or payer) and where each is present or missing",
        ),
        (
            "/ads audit",
            "the latest pair of collections: rates and violations",
        ),
    ],
    summary: "Political-ad archives.",
    run,
};

fn run(ctx: &Context<'_>, text: &str) -> Result<Reply, CommandError> {
    let config = ctx
        .config
        .ads
        .as_ref()
        .ok_or_else(|| not_configured("ads", "ads"))?;
    if config.collections.is_empty() {
        return Err(CommandError::new(
            "/ads is not set up on this service (its [ads] section lists no collections)",
        ));
    }
    let words = super::words(text);
    match words.as_slice() {
        [] => Err(CommandError::new(
            "Which keyword? Type a word of the ads' text, page or payer after /ads, e.g. `/ads européennes`; or `/ads audit`.",
        )),
        ["audit"] => audit(ctx, config),
        ["audit", extra @ ..] => Err(CommandError::new(format!(
            "/ads audit takes nothing after it (it audits the latest two collections); `{}` is too much.",
            crate::response::cut(&extra.join(" "), 60).0
        ))),
        _ => find(ctx, config, &words.join(" ")),
    }
}

fn dirs(ctx: &Context<'_>, config: &AdsConfig) -> Vec<PathBuf> {
    config
        .collections
        .iter()
        .map(|p| ctx.config.resolve(p))
        .collect()
}

fn audit(ctx: &Context<'_>, config: &AdsConfig) -> Result<Reply, CommandError> {
    let report = ctx
        .data
        .ads
        .audit
        .get_or_init(|| {
            let dirs = dirs(ctx, config);
            let latest: Vec<CollectionArg> = dirs[dirs.len().saturating_sub(2)..]
                .iter()
                .cloned()
                .map(CollectionArg::from)
                .collect();
            disinfo_ads::api::audit(&latest, &Default::default(), None).map_err(|e| {
                format!("The audit cannot run ({e}); tell the service's administrators.")
            })
        })
        .as_ref()
        .map_err(|e| CommandError::new(e.clone()))?;
    Ok(crate::cards::audit::audit_reply(report))
}

fn find(ctx: &Context<'_>, config: &AdsConfig, keyword: &str) -> Result<Reply, CommandError> {
    let loaded = ctx
        .data
        .ads
        .collections
        .get_or_init(|| Loaded::load(&dirs(ctx, config)))
        .as_ref()
        .map_err(|e| CommandError::new(e.clone()))?;
    let options = SearchOptions {
        // Only the matched ads are answered; hits are counted, not listed.
        max_hits: 0,
        ..SearchOptions::default()
    };
    let found = search::search(
        &loaded.collections,
        &loaded.files,
        &loaded.interner,
        keyword,
        &options,
    )
    .map_err(|e| CommandError::new(format!("The search failed: {e}.")))?;
    let ids: Vec<&str> = loaded
        .collections
        .iter()
        .map(|c| c.meta.id.as_str())
        .collect();
    let shown_keyword = crate::response::cut(keyword, 80).0;
    if found.ads.is_empty() {
        return Ok(Reply::ephemeral(format!(
            "No ad matches `{shown_keyword}` in the {} collections ({}). The search ignores case but not accents; try another word of the text, page or payer.",
            ids.len(),
            ids.join(", ")
        )));
    }
    let missing = found
        .ads
        .iter()
        .filter(|a| !a.missing_from.is_empty())
        .count();
    let matched = match found.ads.len() {
        1 => "**1 ad** matches".to_string(),
        n => format!("**{n} ads** match"),
    };
    let mut text = format!(
        "{matched} `{shown_keyword}` in {} collections ({} → {}); missing from a later collection: {missing}.",
        ids.len(),
        ids.first().copied().unwrap_or_default(),
        ids.last().copied().unwrap_or_default(),
    );
    // The ones that went missing first: they are what the analysts look for.
    let mut ads: Vec<&MatchedAd> = found.ads.iter().collect();
    ads.sort_by_key(|a| a.missing_from.is_empty());
    if ads.len() > MAX_ADS {
        text.push_str(&format!(
            "\nShowing {MAX_ADS}; {} more match: narrow the keyword.",
            ads.len() - MAX_ADS
        ));
    }
    let cards = ads.iter().take(MAX_ADS).map(|a| ad_card(a, &ids)).collect();
    Ok(Reply::in_channel(text, cards))
}

/// An ad: its page, payer, the text around the match and its presence in each collection.
fn ad_card(ad: &MatchedAd, ids: &[&str]) -> Card {
    let title = match &ad.ad.scope {
        Some(scope) => format!("Ad {} ({scope})", ad.ad.id),
        None => format!("Ad {}", ad.ad.id),
    };
    let mut card = Card::new(title, ad.excerpt.clone());
    if let Some(page) = &ad.advertiser_name {
        card = card.field("Page", page.clone(), true);
    }
    if let Some(payer) = &ad.payer {
        card = card.field("Payer", payer.clone(), true);
    }
    let present = |id: &str| ad.present_in.iter().any(|p| p == id);
    let timeline: Vec<String> = ids
        .iter()
        .map(|id| format!("{id} {}", if present(id) { "✓" } else { "✗" }))
        .collect();
    card = card.field("Collections", timeline.join(" · "), false);
    let history = history(ids, &present);
    if !history.is_empty() {
        card = card.field("Missing", history, false).color(MISSING_COLOR);
    }
    card
}

/// Where the ad went missing and came back, after it was first present: `disappeared in B,
/// came back in C`.
fn history(ids: &[&str], present: &dyn Fn(&str) -> bool) -> String {
    let mut events = Vec::new();
    let mut seen = false;
    let mut was = false;
    for id in ids {
        let now = present(id);
        if seen && was && !now {
            events.push(format!("disappeared in {id}"));
        }
        if seen && !was && now {
            events.push(format!("came back in {id}"));
        }
        seen |= now;
        was = now;
    }
    events.join(", ")
}

impl Loaded {
    /// Loads the collections (leniently, as `disinfo ads search` does: what can be read is
    /// searched).
    fn load(dirs: &[PathBuf]) -> Result<Loaded, String> {
        let mut interner = Interner::new();
        let options = LoadOptions::default();
        let mut collections = Vec::new();
        let mut files = Vec::new();
        for dir in dirs {
            let c = collection::load_dir(dir, None, &options, &mut interner, None).map_err(|e| {
                format!(
                    "The ad collection {} cannot be read ({e}); tell the service's administrators.",
                    dir.display()
                )
            })?;
            files.push(
                c.files
                    .iter()
                    .map(|f| (f.path.clone(), FileSource::Path(dir.join(&f.path))))
                    .collect(),
            );
            collections.push(c);
        }
        Ok(Loaded {
            collections,
            files,
            interner,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::history;
    use crate::commands::wiki::support::{ask, router};
    use serde_json::Value;

    const META: &str = "[ads]\ncollections = [\"../data/ads/meta-fr/2019-05-20\", \"../data/ads/meta-fr/2019-05-27\", \"../data/ads/meta-fr/2019-06-03\"]\n";
    const GOOGLE: &str = "[ads]\ncollections = [\"../data/ads/google-fr/week-1\", \"../data/ads/google-fr/week-2\"]\n";

    fn text(answer: &Value) -> String {
        answer["text"].as_str().unwrap_or_default().to_string()
    }

    fn card<'a>(answer: &'a Value, title: &str) -> &'a Value {
        answer["attachments"]
            .as_array()
            .and_then(|a| a.iter().find(|c| c["title"] == title))
            .unwrap_or_else(|| panic!("no card {title}: {answer}"))
    }

    fn field(card: &Value, title: &str) -> String {
        card["fields"]
            .as_array()
            .and_then(|f| f.iter().find(|f| f["title"] == title))
            .and_then(|f| f["value"].as_str())
            .unwrap_or_default()
            .to_string()
    }

    #[test]
    fn a_keyword_answers_the_matching_ads_and_where_they_are() {
        let answer = ask(&router(META), "/ads", "votez");
        assert_eq!(answer["response_type"], "in_channel");
        assert!(
            text(&answer).contains("match `votez` in 3 collections"),
            "{}",
            text(&answer)
        );
        let ad = card(&answer, "Ad 2300000000000001");
        assert_eq!(field(ad, "Page"), "Page 1");
        assert_eq!(field(ad, "Payer"), "Liste A");
        assert!(ad["text"].as_str().is_some_and(|t| t.contains("votez")));
    }

    #[test]
    fn an_ad_that_disappeared_and_came_back_says_so() {
        let answer = ask(&router(META), "/ads", "2300000000000006");
        let ad = card(&answer, "Ad 2300000000000006");
        assert_eq!(
            field(ad, "Collections"),
            "meta-fr-2019-05-20 ✓ · meta-fr-2019-05-27 ✗ · meta-fr-2019-06-03 ✓"
        );
        assert_eq!(
            field(ad, "Missing"),
            "disappeared in meta-fr-2019-05-27, came back in meta-fr-2019-06-03"
        );
        assert_eq!(ad["color"], "#d4a72c");
    }

    #[test]
    fn a_payer_matches_too() {
        let answer = ask(&router(META), "/ads", "without a disclaimer");
        assert!(
            text(&answer).starts_with("**1 ad** matches `without a disclaimer`"),
            "{}",
            text(&answer)
        );
        let ad = card(&answer, "Ad 2300000000000003");
        assert_eq!(field(ad, "Missing"), "disappeared in meta-fr-2019-05-27");
    }

    #[test]
    fn a_keyword_without_match_names_the_collections() {
        let answer = ask(&router(META), "/ads", "zzzqqq");
        assert_eq!(answer["response_type"], "ephemeral");
        assert!(
            text(&answer).contains("No ad matches `zzzqqq`"),
            "{}",
            text(&answer)
        );
        assert!(text(&answer).contains("meta-fr-2019-05-20, meta-fr-2019-05-27"));
    }

    #[test]
    fn many_matches_are_capped_and_counted() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dirs = disinfo_ads::synthetic::generate("fr2019", tmp.path(), 2019, None, None)
            .expect("synthetic collections");
        let list: Vec<String> = dirs
            .iter()
            .map(|d| format!("{:?}", d.display().to_string()))
            .collect();
        let router = router(&format!("[ads]\ncollections = [{}]\n", list.join(", ")));
        let answer = ask(&router, "/ads", "européennes");
        assert_eq!(
            answer["attachments"].as_array().map_or(0, Vec::len),
            super::MAX_ADS
        );
        let text = text(&answer);
        let total: usize = text
            .strip_prefix("**")
            .and_then(|t| t.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert!(total > super::MAX_ADS, "{text}");
        assert!(
            text.contains(&format!("Showing 20; {} more match", total - 20)),
            "{text}"
        );
    }

    #[test]
    fn audit_answers_the_latest_pair_s_rates_and_violations() {
        let answer = ask(&router(GOOGLE), "/ads", "audit");
        assert_eq!(answer["response_type"], "in_channel");
        assert!(
            text(&answer).contains("**16 violations**"),
            "{}",
            text(&answer)
        );
        let pair = card(&answer, "google-fr-week-1 → google-fr-week-2");
        assert_eq!(field(pair, "Gross rate"), "66.7 %");
        assert_eq!(field(pair, "Unexplained rate"), "33.3 %");
        let violation = card(&answer, "ADS002 unexplained: 1 violation");
        assert_eq!(violation["color"], "#cf222e");
        assert!(field(violation, "Legal reference").contains("DSA (EU) 2022/2065 art. 39(1)"));
    }

    #[test]
    fn audit_takes_only_the_last_two_collections() {
        let answer = ask(&router(META), "/ads", "audit");
        assert!(text(&answer).contains("`meta-fr-2019-05-27` → `meta-fr-2019-06-03`"));
        assert!(text(&answer).contains("no violation"), "{}", text(&answer));
    }

    #[test]
    fn audit_with_extra_words_is_refused() {
        let answer = ask(&router(META), "/ads", "audit now please");
        assert_eq!(answer["response_type"], "ephemeral");
        assert!(
            text(&answer).contains("`now please` is too much"),
            "{}",
            text(&answer)
        );
    }

    #[test]
    fn a_missing_keyword_asks_for_one() {
        let answer = ask(&router(META), "/ads", "");
        assert!(
            text(&answer).starts_with("Which keyword?"),
            "{}",
            text(&answer)
        );
        assert!(text(&answer).contains("/ads <keyword>"));
    }

    #[test]
    fn unconfigured_collections_say_so() {
        let answer = ask(&router(""), "/ads", "votez");
        assert!(
            text(&answer).contains("no [ads] section"),
            "{}",
            text(&answer)
        );
        let answer = ask(&router("[ads]\ncollections = []\n"), "/ads", "audit");
        assert!(
            text(&answer).contains("lists no collections"),
            "{}",
            text(&answer)
        );
    }

    #[test]
    fn an_unreadable_collection_is_an_ephemeral_error() {
        let router = router("[ads]\ncollections = [\"no-such-folder\"]\n");
        let answer = ask(&router, "/ads", "votez");
        assert_eq!(answer["response_type"], "ephemeral");
        assert!(
            text(&answer).contains("cannot be read"),
            "{}",
            text(&answer)
        );
        let answer = ask(&router, "/ads", "audit");
        assert!(
            text(&answer).contains("The audit cannot run"),
            "{}",
            text(&answer)
        );
    }

    #[test]
    fn the_loaded_collections_can_be_shared_across_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<super::Data>();
    }

    #[test]
    fn history_follows_presence_after_the_first_sighting() {
        let ids = ["a", "b", "c", "d"];
        let only = |set: &'static [&'static str]| move |id: &str| set.contains(&id);
        assert_eq!(history(&ids, &only(&["b", "c", "d"])), "");
        assert_eq!(
            history(&ids, &only(&["a", "c"])),
            "disappeared in b, came back in c, disappeared in d"
        );
    }
}
