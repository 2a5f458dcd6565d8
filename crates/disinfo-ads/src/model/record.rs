//! A normalised ad record, its key, ranges, and the observation (evidence) it came from.

use serde::{Deserialize, Serialize};

use super::field::FieldStates;
use super::intern::Sym;

/// The identity of an ad: native id plus scope. Google's political-ads bundle pairs the ad id
/// with the advertiser id (the same ad id under another advertiser is another key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AdKey {
    /// The platform's id of the ad.
    pub id: Sym,
    /// The scope the id lives in (Google: advertiser id); `None` where ids are global.
    pub scope: Option<Sym>,
}

/// A range with an optional open upper bound: Meta's `{"lower_bound": "100", "upper_bound":
/// "199"}`, Google's `10k-100k`, Meta report's `≤100`, TikTok's `1K-10K`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Range {
    /// Lower bound (inclusive).
    pub lo: u64,
    /// Upper bound (inclusive); `None` is open-ended (`> 10M`, a missing `upper_bound`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hi: Option<u64>,
}

impl Range {
    /// A range from its bounds.
    pub fn new(lo: u64, hi: Option<u64>) -> Self {
        Range { lo, hi }
    }

    /// An exact value (`lo == hi`).
    pub fn exact(v: u64) -> Self {
        Range { lo: v, hi: Some(v) }
    }
}

/// Where a record's raw bytes are in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RawSpan {
    /// Offset of the first byte.
    pub start: u64,
    /// Length in bytes.
    pub len: u32,
}

impl RawSpan {
    /// The span of `part`, a subslice of `file`; empty (and never cited with a hash) if it is
    /// not one or is 4 GiB or longer.
    pub fn within(file: &[u8], part: &[u8]) -> Self {
        let start = (part.as_ptr() as usize).wrapping_sub(file.as_ptr() as usize);
        if start > file.len() || part.len() > file.len() - start {
            return RawSpan::default();
        }
        match u32::try_from(part.len()) {
            Ok(len) => RawSpan {
                start: start as u64,
                len,
            },
            Err(_) => RawSpan::default(),
        }
    }
}

/// Where a record was read. With its collection and ad key, it is the unit of evidence: a
/// finding cites (collection, ad key, SHA-256 of the record's raw bytes, locator). The hash is
/// computed only when the observation is cited, by the loaded collection that holds the bytes:
/// few observations are, and hashing every record of a large dump costs as much as reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Observation {
    /// Index of the file in its collection's file list.
    pub file: u32,
    /// 0-based record number within the file (array index, JSONL line, CSV data row).
    pub index: u32,
    /// The record's raw bytes in the file.
    pub raw: RawSpan,
}

/// A human- and machine-readable locator: the file plus a JSON pointer, a line or a CSV row.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Locator {
    /// The collection id.
    pub collection: String,
    /// The file, relative to the collection folder.
    pub file: String,
    /// JSON pointer of the record (`/data/17`), for JSON files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// 1-based line, for JSONL files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// 1-based row number in the file (the header is row 1), for CSV files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
}

/// One ad as seen in one collection, normalised. Only what the checks need is kept; strings are
/// interned ([`super::Interner`]).
#[derive(Debug, Clone, PartialEq)]
pub struct AdRecord {
    /// The ad's key.
    pub key: AdKey,
    /// Where it was read.
    pub obs: Observation,
    /// The state of every canonical field.
    pub states: FieldStates,
    /// Advertiser id.
    pub advertiser_id: Option<Sym>,
    /// Advertiser name.
    pub advertiser_name: Option<Sym>,
    /// Payer (funding entity, byline, paid for by), sentinels included as read.
    pub payer: Option<Sym>,
    /// Beneficiary.
    pub beneficiary: Option<Sym>,
    /// Currency of `spend`.
    pub currency: Option<Sym>,
    /// Creation time (Unix seconds).
    pub created: Option<i64>,
    /// First shown (Unix seconds).
    pub first_shown: Option<i64>,
    /// Last shown (Unix seconds); `None` for an ad still running or unknown.
    pub last_shown: Option<i64>,
    /// Spend range.
    pub spend: Option<Range>,
    /// Impressions range.
    pub impressions: Option<Range>,
    /// Audience range.
    pub audience: Option<Range>,
    /// Total reach.
    pub reach_total: Option<Range>,
    /// Number of ads an aggregated row stands for (Meta Ad Library report).
    pub ads_count: Option<u64>,
    /// Countries the ad was delivered in or targeted (ISO alpha-2), sorted, deduplicated.
    pub countries: Box<[Sym]>,
    /// Countries excluded by targeting.
    pub excluded_countries: Box<[Sym]>,
    /// First 16 bytes of the SHA-256 of the ad's text fields (immutable-content check).
    pub content_hash: Option<[u8; 16]>,
    /// The platform says the ad was removed or restricted.
    pub removed: bool,
    /// The platform's reason or legal ground for the removal.
    pub removal_reason: Option<Sym>,
    /// Sum of the demographic distribution's percentages (should be 1).
    pub demographic_share_sum: Option<f32>,
    /// Sum of the region distribution's percentages (should be 1).
    pub region_share_sum: Option<f32>,
    /// Sum of per-country reach figures (should equal the total reach).
    pub country_reach_sum: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_subslices_only() {
        let file = b"[{\"id\": 1}, {\"id\": 2}]";
        let record = &file[12..21];
        assert_eq!(RawSpan::within(file, record), RawSpan { start: 12, len: 9 });
        assert_eq!(RawSpan::within(file, &file[..]).len, file.len() as u32);
        let elsewhere = b"{\"id\": 2}".to_vec();
        assert_eq!(RawSpan::within(file, &elsewhere), RawSpan::default());
        assert_eq!(RawSpan::within(&file[12..], &file[..4]), RawSpan::default());
    }
}
