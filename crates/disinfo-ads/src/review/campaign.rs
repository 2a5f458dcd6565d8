//! A review campaign built from collections of an ad archive, oldest first: every ad seen, with
//! what a reviewer needs to judge it (its texts, page and payer, dates, spend and impressions
//! ranges, countries, the archive's snapshot link, whether it disappeared or changed since) and
//! its evidence (collection, locator, SHA-256 of the raw record) from its latest observation.
//!
//! Ads that disappeared come first (present in an earlier collection, absent from the latest:
//! the ads the 2019 team found illegal had often vanished), then ads whose content changed
//! between collections, then the others; within each, the largest spend first, then by id.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::DateTime;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::questionnaire::Questionnaire;
use crate::audit::{AuditOptions, load_dirs};
use crate::collection::Collection;
use crate::collection::args::{CollectionArg, collection_dirs};
use crate::error::{Error, Result};
use crate::model::{AdKey, AdRecord, Interner, Locator, Range};

/// Most reviewers per ad.
pub const MAX_REVIEWERS_PER_AD: u32 = 50;
/// Longest text kept per field of an ad, in characters.
const MAX_TEXT_CHARS: usize = 5_000;
/// Most texts kept per ad.
const MAX_TEXTS: usize = 20;

/// Options of [`campaign`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CampaignOptions {
    /// The campaign's id (default: `review-` and the latest collection's id).
    pub id: Option<String>,
    /// Reviewers who answer each ad (default 3, at most 50).
    pub reviewers_per_ad: u32,
    /// Keep only the first ads by priority (default: every ad).
    pub max_ads: Option<usize>,
    /// Keep only ads that disappeared or changed (default false: every ad).
    pub only_disappeared_or_changed: bool,
    /// The questionnaire (default: the French one).
    pub questionnaire: Option<Questionnaire>,
    /// Strict loading (default false: review what can be read; the rest is counted).
    pub strict: bool,
}

impl Default for CampaignOptions {
    fn default() -> Self {
        CampaignOptions {
            id: None,
            reviewers_per_ad: 3,
            max_ads: None,
            only_disappeared_or_changed: false,
            questionnaire: None,
            strict: false,
        }
    }
}

/// What happened to an ad across the collections.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum AdStatus {
    /// Seen in an earlier collection, absent from the latest.
    Disappeared,
    /// In the latest collection, with content (its texts) different from an earlier one.
    Changed,
    /// In the latest collection, unchanged (or seen once).
    Present,
}

/// Where the ad's latest record is: what an answer about it stands on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    /// The collection.
    pub collection: String,
    /// The file and the record in it.
    pub locator: Locator,
    /// SHA-256 of the record's raw bytes (hex); empty when the file changed since.
    pub raw_hash: String,
}

/// A text of the ad as the archive has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AdText {
    /// Where in the record: a JSON pointer (`/ad_creative_body`) or a CSV column.
    pub field: String,
    /// The text (cut at 5,000 characters).
    pub text: String,
}

/// One ad to review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReviewAd {
    /// The item id answers refer to: the ad's id, or `scope/id` where ids are scoped (Google).
    pub item: String,
    /// What happened to it.
    pub status: AdStatus,
    /// Collections it is in, oldest first.
    pub present_in: Vec<String>,
    /// Collections after its first appearance that lack it.
    pub missing_from: Vec<String>,
    /// The latest record.
    pub evidence: Evidence,
    /// The platform.
    pub platform: String,
    /// The page or advertiser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advertiser_name: Option<String>,
    /// The page or advertiser id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advertiser_id: Option<String>,
    /// Who paid, as declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<String>,
    /// The creative's texts.
    pub texts: Vec<AdText>,
    /// The archive's page of the ad.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_url: Option<String>,
    /// When it was created (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// First shown (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_shown: Option<String>,
    /// Last shown (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_shown: Option<String>,
    /// Spend range, in `currency`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spend: Option<Range>,
    /// Currency of the spend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Impressions range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impressions: Option<Range>,
    /// Countries it was shown in (ISO 3166-1 alpha-2).
    pub countries: Vec<String>,
    /// The platform says it removed or restricted it.
    pub removed: bool,
}

/// A collection the campaign was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CampaignCollection {
    /// Its id.
    pub id: String,
    /// The platform.
    pub platform: String,
    /// When it was collected.
    pub collected_at: String,
    /// The countries the collection was queried for (an ad's own countries are often absent:
    /// Meta's archive gives regions, not countries).
    pub countries: Vec<String>,
    /// Records that could not be read (lenient loading).
    pub rejected: usize,
}

/// Ads of a campaign, by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct CampaignCounts {
    /// Ads that disappeared.
    pub disappeared: usize,
    /// Ads that changed.
    pub changed: usize,
    /// Other ads.
    pub present: usize,
    /// Ads seen but left out (`max_ads`, `only_disappeared_or_changed`).
    pub left_out: usize,
}

/// A review campaign: the ads, the questionnaire and how many reviewers answer each ad.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Campaign {
    /// Its id.
    pub id: String,
    /// The collections, oldest first.
    pub collections: Vec<CampaignCollection>,
    /// Reviewers who answer each ad.
    pub reviewers_per_ad: u32,
    /// The questionnaire.
    pub questionnaire: Questionnaire,
    /// Ads by status.
    pub counts: CampaignCounts,
    /// The ads, in review priority.
    pub ads: Vec<ReviewAd>,
}

impl Campaign {
    /// The ad `item`.
    pub fn ad(&self, item: &str) -> Option<&ReviewAd> {
        self.ads.iter().find(|a| a.item == item)
    }
}

/// Builds a campaign from collections, oldest first.
pub fn campaign(collections: &[CollectionArg], options: &CampaignOptions) -> Result<Campaign> {
    if !(1..=MAX_REVIEWERS_PER_AD).contains(&options.reviewers_per_ad) {
        return Err(Error::arg(
            "reviewers_per_ad",
            format!("must be from 1 to {MAX_REVIEWERS_PER_AD}"),
        ));
    }
    let (dirs, metas) = collection_dirs(collections)?;
    let dirs: Vec<&Path> = dirs.iter().map(|d| d.as_path()).collect();
    let load = AuditOptions {
        strict: options.strict,
        ..AuditOptions::default()
    };
    let (colls, interner) = load_dirs(&dirs, metas, &load, None, None)?;
    let mut seen = ads_seen(&colls);
    let total = seen.len();
    if options.only_disappeared_or_changed {
        seen.retain(|s| s.status != AdStatus::Present);
    }
    seen.sort_by_cached_key(|s| {
        let spend = s.record(&colls).spend.map_or(0, |r| r.hi.unwrap_or(r.lo));
        (
            s.status,
            std::cmp::Reverse(spend),
            item_id(&interner, &s.key),
        )
    });
    if let Some(max) = options.max_ads {
        seen.truncate(max);
    }
    let mut headers = CsvHeaders::default();
    let ads: Vec<ReviewAd> = seen
        .iter()
        .map(|s| review_ad(s, &colls, &interner, &mut headers))
        .collect();
    let count = |status| ads.iter().filter(|a| a.status == status).count();
    let counts = CampaignCounts {
        disappeared: count(AdStatus::Disappeared),
        changed: count(AdStatus::Changed),
        present: count(AdStatus::Present),
        left_out: total - ads.len(),
    };
    let latest = colls.last().map(|c| c.meta.id.clone()).unwrap_or_default();
    Ok(Campaign {
        id: options
            .id
            .clone()
            .unwrap_or_else(|| format!("review-{latest}")),
        collections: colls
            .iter()
            .map(|c| CampaignCollection {
                id: c.meta.id.clone(),
                platform: c.meta.platform.clone(),
                collected_at: c.meta.collected_at.clone(),
                countries: c.meta.query.countries.clone(),
                rejected: c.rejected.len(),
            })
            .collect(),
        reviewers_per_ad: options.reviewers_per_ad,
        questionnaire: options
            .questionnaire
            .clone()
            .unwrap_or_else(Questionnaire::france),
        counts,
        ads,
    })
}

/// An ad key and the collections it is in.
struct Seen {
    key: AdKey,
    /// Indices of the collections that have it, ascending.
    present: Vec<usize>,
    status: AdStatus,
}

impl Seen {
    /// The latest record of the ad.
    fn record<'a>(&self, colls: &'a [Collection]) -> &'a AdRecord {
        let last = *self.present.last().unwrap_or(&0);
        colls[last]
            .get(&self.key)
            .unwrap_or_else(|| unreachable!("present lists only collections that have the key"))
    }
}

/// Every key of every collection, in order of first appearance.
fn ads_seen(colls: &[Collection]) -> Vec<Seen> {
    let mut order: Vec<AdKey> = Vec::new();
    let mut present: BTreeMap<AdKey, Vec<usize>> = BTreeMap::new();
    for (i, c) in colls.iter().enumerate() {
        for ad in &c.ads {
            present
                .entry(ad.key)
                .or_insert_with(|| {
                    order.push(ad.key);
                    Vec::new()
                })
                .push(i);
        }
    }
    let last = colls.len().saturating_sub(1);
    order
        .into_iter()
        .map(|key| {
            let present = present.remove(&key).unwrap_or_default();
            let hashes: Vec<Option<[u8; 16]>> = present
                .iter()
                .filter_map(|&i| colls[i].get(&key).map(|r| r.content_hash))
                .collect();
            let status = if present.last() != Some(&last) {
                AdStatus::Disappeared
            } else if hashes.windows(2).any(|w| w[0] != w[1]) {
                AdStatus::Changed
            } else {
                AdStatus::Present
            };
            Seen {
                key,
                present,
                status,
            }
        })
        .collect()
}

/// The item id of an ad: its id, or `scope/id`.
pub(crate) fn item_id(interner: &Interner, key: &AdKey) -> String {
    match key.scope {
        Some(scope) => format!("{}/{}", interner.resolve(scope), interner.resolve(key.id)),
        None => interner.resolve(key.id).to_owned(),
    }
}

/// The column names of the CSV files read so far, by (collection, file): read once per file.
#[derive(Default)]
struct CsvHeaders(HashMap<(usize, u32), Option<Vec<String>>>);

impl CsvHeaders {
    fn of(&mut self, colls: &[Collection], coll: usize, file: u32) -> Option<&[String]> {
        self.0
            .entry((coll, file))
            .or_insert_with(|| colls[coll].csv_header(file))
            .as_deref()
    }
}

fn review_ad(
    seen: &Seen,
    colls: &[Collection],
    interner: &Interner,
    headers: &mut CsvHeaders,
) -> ReviewAd {
    let last = *seen.present.last().unwrap_or(&0);
    let coll = &colls[last];
    let record = seen.record(colls);
    let first = seen.present.first().copied().unwrap_or(0);
    let text = |s| interner.opt(s).map(str::to_owned);
    let date = |t: Option<i64>| {
        t.and_then(|t| DateTime::from_timestamp(t, 0))
            .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    };
    let raw = RawRecord::read(coll, record, headers.of(colls, last, record.obs.file));
    ReviewAd {
        item: item_id(interner, &seen.key),
        status: seen.status,
        present_in: seen
            .present
            .iter()
            .map(|&i| colls[i].meta.id.clone())
            .collect(),
        missing_from: (first..colls.len())
            .filter(|i| !seen.present.contains(i))
            .map(|i| colls[i].meta.id.clone())
            .collect(),
        evidence: Evidence {
            collection: coll.meta.id.clone(),
            locator: coll.locator(&record.obs),
            raw_hash: coll
                .raw_hash(&record.obs)
                .map(hex::encode)
                .unwrap_or_default(),
        },
        platform: coll.meta.platform.clone(),
        advertiser_name: text(record.advertiser_name),
        advertiser_id: text(record.advertiser_id),
        payer: text(record.payer),
        texts: raw.texts,
        snapshot_url: raw.snapshot_url,
        created: date(record.created),
        first_shown: date(record.first_shown),
        last_shown: date(record.last_shown),
        spend: record.spend,
        currency: text(record.currency),
        impressions: record.impressions,
        countries: record
            .countries
            .iter()
            .map(|&c| interner.resolve(c).to_owned())
            .collect(),
        removed: record.removed,
    }
}

/// What the normalised record does not keep: the creative's texts and the snapshot link, read
/// back from the record's raw bytes.
#[derive(Default)]
struct RawRecord {
    texts: Vec<AdText>,
    snapshot_url: Option<String>,
}

impl RawRecord {
    /// The texts and link of `record`, whose file has the CSV `header` when it is a CSV.
    fn read(coll: &Collection, record: &AdRecord, header: Option<&[String]>) -> Self {
        let mut out = RawRecord::default();
        let Some(bytes) = coll.raw_bytes(&record.obs) else {
            return out;
        };
        match header {
            Some(header) => {
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(bytes.as_ref());
                if let Some(Ok(row)) = reader.records().next() {
                    for (name, cell) in header.iter().zip(row.iter()) {
                        out.field(name, cell);
                    }
                }
            }
            None => {
                if let Ok(value) = serde_json::from_slice::<serde_json::Value>(&bytes) {
                    out.walk(&value, &mut String::new());
                }
            }
        }
        out
    }

    /// Keeps `value` if `name` is a text field or the snapshot link.
    fn field(&mut self, pointer: &str, value: &str) {
        let name = pointer
            .rsplit('/')
            .find(|p| p.parse::<usize>().is_err())
            .unwrap_or(pointer);
        let lower = name.to_ascii_lowercase();
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        if lower.contains("snapshot") || lower == "ad_url" {
            if self.snapshot_url.is_none() && value.starts_with("http") {
                self.snapshot_url = Some(value.to_owned());
            }
            return;
        }
        let is_text = [
            "body",
            "bodies",
            "title",
            "text",
            "description",
            "caption",
            "headline",
        ]
        .iter()
        .any(|w| lower.contains(w));
        if is_text && self.texts.len() < MAX_TEXTS && !self.texts.iter().any(|t| t.text == value) {
            self.texts.push(AdText {
                field: pointer.to_owned(),
                text: value.chars().take(MAX_TEXT_CHARS).collect(),
            });
        }
    }

    fn walk(&mut self, v: &serde_json::Value, pointer: &mut String) {
        match v {
            serde_json::Value::String(s) => {
                let p = pointer.clone();
                self.field(&p, s);
            }
            serde_json::Value::Array(items) => {
                for (i, x) in items.iter().enumerate() {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    self.walk(x, pointer);
                    pointer.truncate(len);
                }
            }
            serde_json::Value::Object(map) => {
                for (k, x) in map {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&k.replace('~', "~0").replace('/', "~1"));
                    self.walk(x, pointer);
                    pointer.truncate(len);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn example(day: &str) -> CollectionArg {
        let root =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/ads/meta-fr");
        CollectionArg::from(root.join(day))
    }

    #[test]
    fn the_example_collections_make_a_campaign() {
        let days = ["2019-05-20", "2019-05-27", "2019-06-03"].map(example);
        let c = campaign(&days, &CampaignOptions::default()).expect("accepted");
        assert_eq!(c.collections.len(), 3);
        assert!(!c.ads.is_empty());
        // Priority: disappeared, then changed, then present.
        let statuses: Vec<AdStatus> = c.ads.iter().map(|a| a.status).collect();
        let mut sorted = statuses.clone();
        sorted.sort();
        assert_eq!(statuses, sorted);
        assert!(c.counts.disappeared > 0, "{:?}", c.counts);
        for ad in &c.ads {
            assert_eq!(ad.evidence.raw_hash.len(), 64, "{}", ad.item);
            assert!(ad.present_in.contains(&ad.evidence.collection));
            assert_eq!(
                ad.status == AdStatus::Disappeared,
                ad.missing_from
                    .last()
                    .is_some_and(|m| m == &c.collections[2].id)
            );
        }
        let first = &c.ads[0];
        assert!(!first.texts.is_empty(), "{first:?}");
        assert!(
            first
                .snapshot_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://"))
        );
        assert_eq!(c.collections[0].countries, ["FR"]);
    }

    #[test]
    fn csv_collections_give_their_links_and_scoped_items() {
        let root =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/ads/google-fr");
        let weeks = ["week-1", "week-2"].map(|w| CollectionArg::from(root.join(w)));
        let c = campaign(&weeks, &CampaignOptions::default()).expect("accepted");
        // Google scopes ids by advertiser: CR0002 under AR01 disappeared, under AR03 it is new.
        let item = |i: &str| c.ads.iter().find(|a| a.item == i).expect(i);
        assert_eq!(item("AR01/CR0002").status, AdStatus::Disappeared);
        assert_eq!(item("AR03/CR0002").status, AdStatus::Present);
        for ad in &c.ads {
            let url = ad.snapshot_url.as_deref().expect("Ad_URL");
            assert!(
                url.starts_with("https://adstransparency.google.com/"),
                "{url}"
            );
            assert_eq!(ad.evidence.raw_hash.len(), 64);
            assert!(ad.evidence.locator.row.is_some());
        }
    }

    #[test]
    fn options_are_checked_and_applied() {
        let days = ["2019-05-20", "2019-06-03"].map(example);
        let options = CampaignOptions {
            reviewers_per_ad: 0,
            ..Default::default()
        };
        assert!(
            campaign(&days, &options)
                .expect_err("refused")
                .to_string()
                .contains("reviewers_per_ad")
        );
        let options = CampaignOptions {
            max_ads: Some(1),
            id: Some("fr-2019".into()),
            ..Default::default()
        };
        let c = campaign(&days, &options).expect("accepted");
        assert_eq!((c.id.as_str(), c.ads.len()), ("fr-2019", 1));
        assert!(c.counts.left_out > 0);
        let options = CampaignOptions {
            only_disappeared_or_changed: true,
            ..Default::default()
        };
        let c = campaign(&days, &options).expect("accepted");
        assert!(c.ads.iter().all(|a| a.status != AdStatus::Present));
    }
}
