//! Adapters: read one platform's raw files into normalised records, streaming, with the raw
//! hash and locator of every record, and a `rejected` entry (or a strict-mode error) for
//! anything that cannot be read. Adapters parse; they never judge (the checks do).
//!
//! - [`meta_json`]: Meta `ads_archive` Graph API (v3.3-era and current field names; arrays of
//!   ads or paged responses).
//! - [`meta_report`]: Meta Ad Library report CSV (per page and disclaimer).
//! - [`google_csv`]: Google political-ads transparency bundle (`creative-stats` CSV).
//! - [`google_atc`]: Google Ads Transparency Center `creative_stats` records (JSON/JSONL).
//! - [`tiktok`]: TikTok commercial content API responses.
//! - [`snapchat`]: Snapchat political ads library CSV.
//! - [`jsonl`]: the toolkit's neutral JSON Lines form.
//! - [`json_scan`], [`json_stream`], [`json_text`], [`object`], [`values`], [`builder`],
//!   [`csv_table`]: shared machinery.

pub mod builder;
pub mod csv_table;
pub mod google_atc;
pub mod google_csv;
#[cfg(test)]
mod json_gen;
pub mod json_scan;
pub mod json_stream;
pub mod json_text;
pub mod jsonl;
pub mod meta_json;
pub mod meta_report;
pub mod object;
pub mod snapchat;
pub mod tiktok;
pub mod values;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{Field, FieldStates, Range, RawSpan};
pub use json_stream::Layout;

/// The file formats the crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Meta `ads_archive` JSON.
    MetaJson,
    /// Meta Ad Library report CSV.
    MetaReportCsv,
    /// Google political-ads transparency bundle CSV.
    GoogleCsv,
    /// Google Ads Transparency Center records.
    GoogleAtc,
    /// TikTok commercial content API.
    Tiktok,
    /// Snapchat political ads CSV.
    SnapchatCsv,
    /// Neutral JSON Lines.
    Jsonl,
}

impl Format {
    /// Every format name, for messages.
    pub const NAMES: &'static [&'static str] = &[
        "meta_json",
        "meta_report_csv",
        "google_csv",
        "google_atc",
        "tiktok",
        "snapchat_csv",
        "jsonl",
    ];

    /// The format called `name`.
    pub fn from_name(name: &str) -> Result<Format> {
        Ok(match name {
            "meta_json" => Format::MetaJson,
            "meta_report_csv" => Format::MetaReportCsv,
            "google_csv" => Format::GoogleCsv,
            "google_atc" => Format::GoogleAtc,
            "tiktok" => Format::Tiktok,
            "snapchat_csv" => Format::SnapchatCsv,
            "jsonl" => Format::Jsonl,
            other => {
                return Err(Error::arg(
                    "format",
                    format!(
                        "unknown format `{other}`; use one of {}",
                        Format::NAMES.join(", ")
                    ),
                ));
            }
        })
    }

    /// The format for a file of `platform` named `file` when the collection does not say.
    pub fn detect(platform: &str, file: &str) -> Option<Format> {
        let lower = file.to_lowercase();
        let ext = lower.rsplit('.').next().unwrap_or("");
        Some(match (platform, ext) {
            ("meta" | "facebook" | "instagram", "json") => Format::MetaJson,
            ("meta" | "facebook" | "instagram", "csv") => Format::MetaReportCsv,
            ("google", "csv") => Format::GoogleCsv,
            ("google", "json" | "jsonl") => Format::GoogleAtc,
            ("tiktok", "json") => Format::Tiktok,
            ("snapchat", "csv") => Format::SnapchatCsv,
            (_, "jsonl" | "ndjson") => Format::Jsonl,
            _ => return None,
        })
    }
}

/// Which native fields the collection's query requested (Meta `fields=`).
#[derive(Debug, Clone, Default)]
pub struct Requested {
    /// `None`: the query's fields are unknown (everything counts as requested).
    names: Option<HashSet<String, foldhash::fast::RandomState>>,
    /// One bit per [`name_class`] of the requested names: a name whose bit is clear was not
    /// requested, known without hashing it (most lookups are of fields a query left out).
    classes: u64,
}

/// A name's class among 64, from its length and its first and last bytes.
fn name_class(name: &str) -> u64 {
    let b = name.as_bytes();
    let (first, last) = (b.first().copied(), b.last().copied());
    let k = b.len() * 31 + usize::from(first.unwrap_or(0)) * 7 + usize::from(last.unwrap_or(0));
    1 << (k % 64)
}

impl Requested {
    /// From the query's field list; empty means unknown (everything counts as requested).
    ///
    /// TikTok names fields by their object (`ad.first_shown_date`): such a name also requests
    /// its last part, which is what the adapter looks up. A whole object (`fields=ad,ad_group`,
    /// as in TikTok's own example) requests every field of it, which this list cannot tell
    /// apart: the request then counts as unknown.
    pub fn new(fields: &[String]) -> Self {
        const TIKTOK_OBJECTS: &[&str] = &["ad", "advertiser", "ad_group"];
        let fields: Vec<&str> = fields.iter().map(|f| f.trim()).collect();
        if fields.is_empty() || fields.iter().any(|f| TIKTOK_OBJECTS.contains(f)) {
            return Requested::default();
        }
        let names: HashSet<String, _> = fields
            .iter()
            .flat_map(|f| [Some(*f), f.rsplit_once('.').map(|(_, last)| last)])
            .flatten()
            .map(str::to_owned)
            .collect();
        let classes = names.iter().fold(0, |c, n| c | name_class(n));
        Requested {
            names: Some(names),
            classes,
        }
    }

    /// True when one of `aliases` was requested (or the request is unknown).
    pub fn any(&self, aliases: &[&str]) -> bool {
        match &self.names {
            None => true,
            Some(set) => aliases
                .iter()
                .any(|a| self.classes & name_class(a) != 0 && set.contains(*a)),
        }
    }
}

/// What an adapter needs to know about the file it reads.
#[derive(Debug)]
pub struct FileContext<'a> {
    /// The file, relative to its collection folder.
    pub file: &'a str,
    /// Strict mode: the first unreadable record or file is an error.
    pub strict: bool,
    /// Fields requested by the collection's query.
    pub requested: &'a Requested,
}

/// A problem with one value of an otherwise readable record (the field becomes `invalid`).
#[derive(Debug, Clone, PartialEq)]
pub struct ValueIssue {
    /// The canonical field.
    pub field: Field,
    /// Stable code: `invalid_date`, `invalid_range`, `number_as_string`, `wrong_type`.
    pub code: &'static str,
    /// The native field name.
    pub native: String,
    /// The raw value (shortened).
    pub raw: String,
    /// What is wrong.
    pub message: String,
}

/// One ad as an adapter read it, before interning.
#[derive(Debug, Clone, Default)]
pub struct ParsedAd {
    /// Native id.
    pub id: String,
    /// Scope of the id (Google advertiser id).
    pub scope: Option<String>,
    /// State of every canonical field.
    pub states: FieldStates,
    /// Advertiser id.
    pub advertiser_id: Option<String>,
    /// Advertiser name.
    pub advertiser_name: Option<String>,
    /// Payer as read (sentinels included).
    pub payer: Option<String>,
    /// Beneficiary.
    pub beneficiary: Option<String>,
    /// Currency.
    pub currency: Option<String>,
    /// Created (Unix seconds).
    pub created: Option<i64>,
    /// First shown (Unix seconds).
    pub first_shown: Option<i64>,
    /// Last shown (Unix seconds).
    pub last_shown: Option<i64>,
    /// Spend.
    pub spend: Option<Range>,
    /// Impressions.
    pub impressions: Option<Range>,
    /// Audience.
    pub audience: Option<Range>,
    /// Total reach.
    pub reach_total: Option<Range>,
    /// Ads an aggregated row stands for.
    pub ads_count: Option<u64>,
    /// Countries (ISO alpha-2, upper case).
    pub countries: Vec<String>,
    /// Excluded countries.
    pub excluded_countries: Vec<String>,
    /// Hash of the text fields.
    pub content_hash: Option<[u8; 16]>,
    /// Removed or restricted by the platform.
    pub removed: bool,
    /// Reason for the removal.
    pub removal_reason: Option<String>,
    /// Sum of demographic percentages.
    pub demographic_share_sum: Option<f32>,
    /// Sum of region percentages.
    pub region_share_sum: Option<f32>,
    /// Sum of per-country reach.
    pub country_reach_sum: Option<u64>,
    /// Problems with single values.
    pub issues: Vec<ValueIssue>,
}

/// A record that was read and accepted.
#[derive(Debug, Clone)]
pub struct ParsedRecord {
    /// 0-based record number in the file.
    pub index: u32,
    /// The raw record bytes in the file.
    pub raw: RawSpan,
    /// The record.
    pub ad: ParsedAd,
}

/// Where in a file something was rejected.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Position {
    /// A record, by its 0-based number (rendered with the file's layout).
    Record {
        /// Record number.
        index: u32,
    },
    /// A CSV row by its 1-based line.
    Row {
        /// Line of the row.
        line: u64,
    },
    /// A point of the file (syntax errors).
    At {
        /// 1-based line.
        line: u64,
        /// 1-based column.
        column: u64,
    },
    /// The whole file.
    File,
}

/// A record (or a part of a file) that could not be read, in lenient mode.
#[derive(Debug, Clone)]
pub struct RawRejected {
    /// Where.
    pub position: Position,
    /// Stable code: `malformed_json`, `malformed_record`, `missing_id`, `missing_column`,
    /// `wrong_field_count`.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// SHA-256 of the raw bytes, when there are bytes to hash.
    pub raw_hash: Option<[u8; 32]>,
}

/// A fact about a file that a check needs (page sizes, API errors, missing optional columns).
#[derive(Debug, Clone)]
pub struct FileNote {
    /// Stable code: `page_rows`, `api_error`, `missing_column`.
    pub code: &'static str,
    /// A number that goes with the code (rows in the page).
    pub value: u64,
    /// Details.
    pub message: String,
}

/// Everything read from one file.
#[derive(Debug, Default)]
pub struct FileOutput {
    /// How records are located in the file.
    pub layout: Layout,
    /// Records read (accepted + rejected records; a truncated tail counts as one rejection).
    pub read: u64,
    /// Accepted records, in file order.
    pub records: Vec<ParsedRecord>,
    /// Rejected records or file parts.
    pub rejected: Vec<RawRejected>,
    /// Facts for the checks.
    pub notes: Vec<FileNote>,
}

impl FileOutput {
    /// Turns the first rejection into an error (strict mode).
    pub fn strict_error(&self, file: &str) -> Option<Error> {
        let r = self.rejected.first()?;
        Some(match &r.position {
            Position::At { line, column } => Error::MalformedJson {
                file: file.to_owned(),
                line: *line as usize,
                column: *column as usize,
                message: r.message.clone(),
            },
            p => Error::MalformedRecord {
                file: file.to_owned(),
                locator: render_position(self.layout, p),
                message: format!("[{}] {}", r.code, r.message),
            },
        })
    }
}

/// Renders a position as text: `/data/17`, `line 18`, `row 18`, `line 3 column 9`, `file`.
pub fn render_position(layout: Layout, p: &Position) -> String {
    match p {
        Position::Record { index } => match layout {
            Layout::Lines => format!("line {}", u64::from(*index) + 1),
            Layout::Csv => format!("record {index}"),
            l => format!("{}/{index}", l.prefix()),
        },
        Position::Row { line } => format!("row {line}"),
        Position::At { line, column } => format!("line {line} column {column}"),
        Position::File => "file".to_owned(),
    }
}

/// Reads one file with the adapter of `format`. In strict mode the first unreadable record or
/// file part is an error; in lenient mode it is in [`FileOutput::rejected`].
pub fn parse_file(format: Format, ctx: &FileContext<'_>, bytes: &[u8]) -> Result<FileOutput> {
    let out = match format {
        Format::MetaJson => meta_json::parse(ctx, bytes)?,
        Format::MetaReportCsv => meta_report::parse(ctx, bytes)?,
        Format::GoogleCsv => google_csv::parse(ctx, bytes)?,
        Format::GoogleAtc => google_atc::parse(ctx, bytes)?,
        Format::Tiktok => tiktok::parse(ctx, bytes)?,
        Format::SnapchatCsv => snapchat::parse(ctx, bytes)?,
        Format::Jsonl => jsonl::parse(ctx, bytes)?,
    };
    if ctx.strict
        && let Some(err) = out.strict_error(ctx.file)
    {
        return Err(err);
    }
    Ok(out)
}

/// The records a file of `file_bytes` probably holds when its first record has `first_bytes`
/// (records of one file are alike), so that its record list is allocated once rather than
/// grown and copied a dozen times. At most one record per 256 bytes of file: a tiny first
/// record cannot make a large file reserve many times its size.
fn expected_records(file_bytes: usize, first_bytes: usize) -> usize {
    (file_bytes / first_bytes.max(1)).min(file_bytes / 256 + 1)
}

/// Drives a record-per-object JSON adapter: streams the records (array, paged response or
/// JSON Lines), parses each record with `read`, and files failures (with the hash of their raw
/// bytes). Files are
/// read by the validating scan of [`json_scan`]; a file it does not take (a syntax error, an
/// unusual layout) is read again through `serde_json`, which locates the error.
pub(crate) fn json_records<F>(ctx: &FileContext<'_>, bytes: &[u8], read: F) -> FileOutput
where
    F: Fn(&object::RawObject<'_>, &mut builder::Builder<'_>) -> Result<(), String>,
{
    let handle = |index: usize,
                  raw: object::Raw<'_>,
                  obj: Result<&object::RawObject<'_>, String>,
                  out: &mut FileOutput| {
        let raw_hash = || Some(values::sha256(raw.get().as_bytes()));
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        let obj = match obj {
            Ok(o) => o,
            Err(message) => {
                out.rejected.push(RawRejected {
                    position: Position::Record { index },
                    code: "malformed_record",
                    message,
                    raw_hash: raw_hash(),
                });
                return;
            }
        };
        let mut b = builder::Builder::new(ctx);
        match read(obj, &mut b) {
            Ok(()) => {
                if out.records.is_empty() {
                    out.records
                        .reserve(expected_records(bytes.len(), raw.get().len()));
                }
                out.records.push(ParsedRecord {
                    index,
                    raw: RawSpan::within(bytes, raw.get().as_bytes()),
                    ad: b.finish(),
                });
            }
            Err(message) => out.rejected.push(RawRejected {
                position: Position::Record { index },
                code: if message.starts_with("missing id") {
                    "missing_id"
                } else {
                    "malformed_record"
                },
                message,
                raw_hash: raw_hash(),
            }),
        }
    };
    let handle_value = |index: usize, raw: &serde_json::value::RawValue, out: &mut FileOutput| {
        let raw = object::Raw::from(raw);
        handle(
            index,
            raw,
            object::RawObject::parse(raw)
                .as_ref()
                .map_err(String::clone),
            out,
        );
    };
    let mut out = FileOutput::default();
    if ctx.file.ends_with(".jsonl") || ctx.file.ends_with(".ndjson") {
        out.layout = Layout::Lines;
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            out.read += 1;
            match serde_json::from_slice::<&serde_json::value::RawValue>(line) {
                Ok(raw) => handle_value(i, raw, &mut out),
                Err(e) => out.rejected.push(RawRejected {
                    position: Position::Record {
                        index: u32::try_from(i).unwrap_or(u32::MAX),
                    },
                    code: "malformed_json",
                    message: format!("column {}: {e}", e.column()),
                    raw_hash: Some(values::sha256(line)),
                }),
            }
        }
        return out;
    }
    let scanned = json_scan::scan_records(bytes, &mut |i, raw, obj| {
        out.read += 1;
        handle(i, raw, obj, &mut out);
    });
    let (info, result) = match scanned {
        Some(info) => (info, Ok(())),
        None => {
            out = FileOutput::default();
            let mut pending: Vec<(usize, &serde_json::value::RawValue)> = Vec::new();
            let (info, result) =
                json_stream::stream_records(bytes, &mut |i, raw| pending.push((i, raw)));
            out.read = pending.len() as u64;
            for (i, raw) in pending {
                handle_value(i, raw, &mut out);
            }
            (info, result)
        }
    };
    out.layout = info.layout;
    out.notes.push(FileNote {
        code: "page_rows",
        value: info.records as u64,
        message: format!("{} records under `{}`", info.records, info.layout.prefix()),
    });
    if let Some(e) = info.api_error {
        out.notes.push(FileNote {
            code: "api_error",
            value: 0,
            message: e,
        });
    }
    if let Err(e) = result {
        out.read += 1;
        out.rejected.push(RawRejected {
            position: Position::At {
                line: e.line() as u64,
                column: e.column() as u64,
            },
            code: "malformed_json",
            message: format!(
                "{e}; the {} records before this point were kept, the rest of the file could not be read",
                info.records
            ),
            raw_hash: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requested_fields_are_matched_by_exact_trimmed_name() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let unknown = Requested::new(&[]);
        assert!(unknown.any(&["anything"]) && unknown.any(&[]));
        let req = Requested::new(&names(&[" spend ", "funding_entity", "id"]));
        assert!(req.any(&["spend"]));
        assert!(req.any(&["bylines", "funding_entity"]));
        assert!(!req.any(&["bylines"]));
        assert!(!req.any(&["spend ", "Spend", "i", "", "ids"]));
        assert!(!req.any(&[]));
        // Every name of a long query, whatever classes collide.
        let many: Vec<String> = (0..500).map(|n| format!("field_{n}")).collect();
        let req = Requested::new(&many);
        assert!(many.iter().all(|n| req.any(&[n.as_str()])));
        assert!(!req.any(&["field_500", "field_", "ield_1"]));
    }

    #[test]
    fn tiktok_field_names_request_their_last_part_and_whole_objects_everything() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let req = Requested::new(&names(&[
            "ad.id",
            "ad.first_shown_date",
            "advertiser.paid_for_by",
        ]));
        assert!(req.any(&["first_shown_date"]) && req.any(&["paid_for_by"]));
        assert!(req.any(&["ad.first_shown_date"]));
        assert!(!req.any(&["last_shown_date"]));
        let whole = Requested::new(&names(&["ad", "ad_group"]));
        assert!(whole.any(&["last_shown_date"]));
    }
}
