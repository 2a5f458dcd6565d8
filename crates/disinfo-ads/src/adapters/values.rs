//! Parsing of the value formats the platforms use: dates, numbers (also as strings), ranges
//! and buckets, payer sentinels.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use sha2::{Digest, Sha256};

use crate::model::Range;

/// True when `s` is empty or only whitespace (what `s.trim().is_empty()` says, stopping at the
/// first character that is not whitespace).
pub fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// Parses a timestamp into Unix seconds. Accepted: RFC 3339, Meta's `2019-05-13T15:30:13+0000`,
/// Snapchat's `2019/10/03 17:03:46Z`, Google's `2019-05-13 15:30:13 UTC`, a date `2019-05-13`,
/// and TikTok's `20190513` (as a number or a string). Naive times are UTC.
pub fn parse_time(s: &str) -> Result<i64, String> {
    let s = s.trim();
    if let Some(t) = fast_time(s.as_bytes()) {
        return t;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.timestamp());
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y/%m/%d %H:%M:%S%#z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(s, fmt) {
            return Ok(t.timestamp());
        }
    }
    let trimmed = s
        .strip_suffix(" UTC")
        .or_else(|| s.strip_suffix('Z'))
        .unwrap_or(s);
    for fmt in [
        "%Y-%m-%d %H:%M:%S",
        "%Y/%m/%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(trimmed, fmt) {
            return Ok(t.and_utc().timestamp());
        }
    }
    for fmt in ["%Y-%m-%d", "%Y%m%d", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            if fmt == "%Y%m%d" && s.len() != 8 {
                continue;
            }
            return d
                .and_hms_opt(0, 0, 0)
                .map(|t| t.and_utc().timestamp())
                .ok_or_else(|| format!("`{s}` is not a date"));
        }
    }
    Err(format!("`{s}` is not a valid or possible date-time"))
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// `YYYY-MM-DDTHH:MM:SS` followed by `Z`, `+0000` or `+00:00` (the common forms, millions of
/// times per audit) without chrono's format parser; `None` sends other forms to the slow path.
fn fast_time(b: &[u8]) -> Option<Result<i64, String>> {
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (y, mo, d) = (digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?);
    let (h, mi, se) = (
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    );
    let offset = match &b[19..] {
        b"Z" => 0i64,
        [sign @ (b'+' | b'-'), rest @ ..]
            if rest.len() == 4 || (rest.len() == 5 && rest[2] == b':') =>
        {
            let hh = i64::from(digits(&rest[0..2])?);
            let mm = i64::from(digits(&rest[rest.len() - 2..])?);
            let v = hh * 3600 + mm * 60;
            if *sign == b'-' { -v } else { v }
        }
        _ => return None,
    };
    let text = || String::from_utf8_lossy(b).into_owned();
    let Some(date) = NaiveDate::from_ymd_opt(y as i32, mo, d) else {
        return Some(Err(format!(
            "`{}` is not a valid or possible date-time",
            text()
        )));
    };
    let Some(t) = date.and_hms_opt(h, mi, se) else {
        return Some(Err(format!(
            "`{}` is not a valid or possible date-time",
            text()
        )));
    };
    Some(Ok(t.and_utc().timestamp() - offset))
}

/// Formats Unix seconds as RFC 3339 (UTC).
pub fn format_time(t: i64) -> String {
    DateTime::from_timestamp(t, 0)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_else(|| t.to_string())
}

/// Parses a non-negative integer written as digits (`"199"`, `199`, `199.0`).
pub fn parse_count(s: &str) -> Result<u64, String> {
    let t = s.trim();
    if let Ok(v) = t.parse::<u64>() {
        return Ok(v);
    }
    if let Ok(f) = t.parse::<f64>()
        && f.is_finite()
        && f >= 0.0
        && f.fract() == 0.0
        && f < 1.8e19
    {
        return Ok(f as u64);
    }
    Err(format!("`{s}` is not a non-negative whole number"))
}

fn scaled(s: &str) -> Option<u64> {
    let t = s.trim().replace([',', ' ', '\u{a0}'], "");
    let t = t.trim_start_matches(['$', '€', '£']);
    let (num, mult) = match t.chars().last()? {
        'k' | 'K' => (&t[..t.len() - 1], 1_000.0),
        'm' | 'M' => (&t[..t.len() - 1], 1_000_000.0),
        'b' | 'B' => (&t[..t.len() - 1], 1_000_000_000.0),
        _ => (t, 1.0),
    };
    let v: f64 = num.parse().ok()?;
    (v.is_finite() && v >= 0.0).then(|| (v * mult).round() as u64)
}

/// Parses a bucket: Google's `≤ 10k`, `10k-100k`, `> 10M`; Meta report's `≤100`; TikTok's
/// `1K-10K`; `100K+`; or a plain number (an exact value).
pub fn parse_bucket(s: &str) -> Result<Range, String> {
    let t = s.trim();
    let err = || format!("`{s}` is not a range or bucket");
    if let Some(rest) = t
        .strip_prefix('≤')
        .or_else(|| t.strip_prefix("<="))
        .or_else(|| t.strip_prefix('<'))
    {
        return scaled(rest)
            .map(|hi| Range::new(0, Some(hi)))
            .ok_or_else(err);
    }
    if let Some(rest) = t
        .strip_prefix('>')
        .or_else(|| t.strip_prefix('≥'))
        .or_else(|| t.strip_prefix(">="))
    {
        return scaled(rest).map(|lo| Range::new(lo, None)).ok_or_else(err);
    }
    if let Some(rest) = t.strip_suffix('+') {
        return scaled(rest).map(|lo| Range::new(lo, None)).ok_or_else(err);
    }
    if let Some((a, b)) = t.split_once(['-', '–']) {
        let lo = scaled(a).ok_or_else(err)?;
        let hi = scaled(b).ok_or_else(err)?;
        return Ok(Range::new(lo, Some(hi)));
    }
    scaled(t).map(Range::exact).ok_or_else(err)
}

/// True for the placeholders platforms put where a payer should be. Meta writes "These ads ran
/// without a disclaimer" in its Ad Library report; empty or "null"-like strings appear in dumps.
pub fn is_payer_sentinel(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "null",
        "none",
        "n/a",
        "na",
        "-",
        "unknown",
        "not provided",
        "undefined",
    ];
    let t = s.trim();
    let contains = |needle: &str| {
        t.as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    };
    t.is_empty()
        || WORDS.iter().any(|w| t.eq_ignore_ascii_case(w))
        || contains("without a disclaimer")
        || contains("sans mention")
}

/// SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// First 16 bytes of the SHA-256 of the text parts, separated by U+001F.
pub fn content_hash<'a>(parts: impl IntoIterator<Item = &'a str>) -> Option<[u8; 16]> {
    let mut h = Sha256::new();
    let mut any = false;
    for p in parts {
        h.update(p.as_bytes());
        h.update([0x1f]);
        any = true;
    }
    if !any {
        return None;
    }
    let d: [u8; 32] = h.finalize().into();
    let mut out = [0u8; 16];
    out.copy_from_slice(&d[..16]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_what_trim_leaves_empty() {
        for s in [
            "",
            " ",
            "\t\n\r ",
            "\u{a0}",
            "\u{3000}\u{2028}",
            " x ",
            "x",
            "\u{200b}",
            "é ",
        ] {
            assert_eq!(is_blank(s), s.trim().is_empty(), "{s:?}");
        }
    }

    #[test]
    fn meta_and_other_time_formats() {
        let a = parse_time("2019-05-13T15:30:13+0000").expect("meta");
        assert_eq!(a, parse_time("2019-05-13T15:30:13Z").expect("rfc"));
        assert_eq!(a, parse_time("2019/05/13 15:30:13Z").expect("snap"));
        assert_eq!(a, parse_time("2019-05-13 15:30:13 UTC").expect("google"));
        assert_eq!(parse_time("20190513"), parse_time("2019-05-13"));
    }

    #[test]
    fn impossible_dates_are_errors() {
        assert!(parse_time("2019-02-30").is_err());
        assert!(parse_time("2019-13-01T00:00:00+0000").is_err());
        assert!(parse_time("yesterday").is_err());
    }

    #[test]
    fn buckets_of_every_platform() {
        assert_eq!(parse_bucket("≤ 10k"), Ok(Range::new(0, Some(10_000))));
        assert_eq!(parse_bucket("≤100"), Ok(Range::new(0, Some(100))));
        assert_eq!(
            parse_bucket("10k-100k"),
            Ok(Range::new(10_000, Some(100_000)))
        );
        assert_eq!(parse_bucket("> 10M"), Ok(Range::new(10_000_000, None)));
        assert_eq!(parse_bucket("1K-10K"), Ok(Range::new(1_000, Some(10_000))));
        assert_eq!(parse_bucket("1234"), Ok(Range::exact(1234)));
        assert!(parse_bucket("lots").is_err());
    }

    #[test]
    fn counts_accept_digit_strings_only() {
        assert_eq!(parse_count("199"), Ok(199));
        assert_eq!(parse_count("199.0"), Ok(199));
        assert!(parse_count("1,000").is_err());
        assert!(parse_count("-5").is_err());
    }

    #[test]
    fn sentinel_payers() {
        assert!(is_payer_sentinel("These ads ran without a disclaimer"));
        assert!(is_payer_sentinel(" "));
        assert!(is_payer_sentinel("N/A"));
        assert!(is_payer_sentinel(
            "Ces publicités ont été diffusées SANS MENTION"
        ));
        assert!(!is_payer_sentinel("Nathalie"));
        assert!(!is_payer_sentinel("Parti X"));
    }
}
