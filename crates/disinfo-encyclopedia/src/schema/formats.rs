//! The value formats the schema names: `date` (a real calendar date), `bcp47` (a language tag
//! from the allow-list) and `iso3166-1-alpha-2` (a country code), with rewrite suggestions.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use chrono::NaiveDate;

const COUNTRIES_TSV: &str = include_str!("../../data/iso3166-1.tsv");
const LANGUAGES_TXT: &str = include_str!("../../data/languages.txt");

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// alpha-3 → alpha-2, and the set of alpha-2 codes.
static COUNTRIES: LazyLock<(HashSet<&'static str>, HashMap<&'static str, &'static str>)> =
    LazyLock::new(|| {
        let mut two = HashSet::new();
        let mut three = HashMap::new();
        for line in data_lines(COUNTRIES_TSV) {
            let mut parts = line.split('\t');
            if let (Some(a2), Some(a3)) = (parts.next(), parts.next()) {
                two.insert(a2);
                three.insert(a3, a2);
            }
        }
        (two, three)
    });

static LANGUAGES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data_lines(LANGUAGES_TXT).collect());

/// The ISO 3166-1 alpha-2 codes shipped with the crate (249).
pub fn country_codes() -> impl Iterator<Item = &'static str> {
    COUNTRIES.0.iter().copied()
}

/// The primary language subtags of the allow-list.
pub fn language_codes() -> impl Iterator<Item = &'static str> {
    LANGUAGES.iter().copied()
}

/// True for an `YYYY-MM-DD` string that names a real day of the proleptic Gregorian calendar.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if !(b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit()))
    {
        return false;
    }
    let number = |digits: &[u8]| {
        digits
            .iter()
            .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
    };
    let year = i32::try_from(number(&b[..4])).unwrap_or(i32::MAX);
    NaiveDate::from_ymd_opt(year, number(&b[5..7]), number(&b[8..])).is_some()
}

/// The ISO form of a date written another common way (`2017/07/07`, `2017.7.7`, `07/07/2017`
/// when the day is unambiguous, `20170707`), when it names a real day.
pub fn date_suggestion(s: &str) -> Option<String> {
    let s = s.trim();
    let parts: Vec<&str> = s
        .split(['/', '.', '-', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let num = |p: &str| -> Option<u32> {
        p.chars()
            .all(|c| c.is_ascii_digit())
            .then(|| p.parse().ok())
            .flatten()
    };
    let ymd = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => Some((num(y)?, num(m)?, num(d)?)),
        // D/M/Y: only when the first number cannot be a month.
        [d, m, y] if y.len() == 4 && num(d)? > 12 => Some((num(y)?, num(m)?, num(d)?)),
        // M/D/Y (US): only when the second number cannot be a month.
        [m, d, y] if y.len() == 4 && num(d)? > 12 => Some((num(y)?, num(m)?, num(d)?)),
        [all] if all.len() == 8 => Some((num(&all[..4])?, num(&all[4..6])?, num(&all[6..])?)),
        _ => None,
    }?;
    let date = NaiveDate::from_ymd_opt(i32::try_from(ymd.0).ok()?, ymd.1, ymd.2)?;
    let iso = date.format("%Y-%m-%d").to_string();
    (iso != s).then_some(iso)
}

fn is_region(s: &str) -> bool {
    (s.len() == 2 && COUNTRIES.0.contains(s))
        || (s.len() == 3 && s.chars().all(|c| c.is_ascii_digit()))
}

/// True for `language[-Script][-REGION]` with the language in the allow-list, a title-case
/// four-letter script and an ISO 3166-1 region (or a three-digit UN M.49 area), in canonical case.
pub fn is_bcp47(s: &str) -> bool {
    let mut parts = s.split('-');
    let Some(lang) = parts.next() else {
        return false;
    };
    if !LANGUAGES.contains(lang) {
        return false;
    }
    let rest: Vec<&str> = parts.collect();
    let script_ok = |p: &str| {
        p.len() == 4
            && p.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && p.chars().skip(1).all(|c| c.is_ascii_lowercase())
    };
    match rest.as_slice() {
        [] => true,
        [x] => script_ok(x) || is_region(x),
        [script, region] => script_ok(script) && is_region(region),
        _ => false,
    }
}

/// A canonical tag for a near miss: `en_US` → `en-US`, `FR` → `fr`, `fr-fr` → `fr-FR`,
/// `english` → `en`, `french`/`français` → `fr`.
pub fn bcp47_suggestion(s: &str) -> Option<String> {
    let names: &[(&str, &str)] = &[
        ("english", "en"),
        ("anglais", "en"),
        ("french", "fr"),
        ("français", "fr"),
        ("francais", "fr"),
        ("german", "de"),
        ("deutsch", "de"),
        ("spanish", "es"),
        ("español", "es"),
        ("italian", "it"),
        ("dutch", "nl"),
        ("portuguese", "pt"),
        ("polish", "pl"),
        ("russian", "ru"),
        ("ukrainian", "uk"),
        ("arabic", "ar"),
        ("chinese", "zh"),
        ("eng", "en"),
        ("fra", "fr"),
        ("fre", "fr"),
        ("deu", "de"),
        ("ger", "de"),
        ("spa", "es"),
        ("ita", "it"),
        ("nld", "nl"),
        ("por", "pt"),
        ("rus", "ru"),
    ];
    let lower = s.trim().to_lowercase();
    if let Some((_, tag)) = names.iter().find(|(n, _)| *n == lower) {
        return Some((*tag).to_owned());
    }
    let parts: Vec<String> = lower.split(['-', '_']).map(str::to_owned).collect();
    let mut out = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        out.push(match (i, p.len()) {
            (0, _) => p.clone(),
            (_, 4) => {
                let mut c = p.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default()
            }
            _ => p.to_uppercase(),
        });
    }
    let candidate = out.join("-");
    (candidate != s && is_bcp47(&candidate)).then_some(candidate)
}

/// True for an assigned ISO 3166-1 alpha-2 code (upper case).
pub fn is_country(s: &str) -> bool {
    COUNTRIES.0.contains(s)
}

/// The alpha-2 code for an alpha-3 code (`USA` → `US`), a lower-case code (`fr` → `FR`) or the
/// common mistake `UK` → `GB`.
pub fn country_suggestion(s: &str) -> Option<String> {
    let upper = s.trim().to_uppercase();
    if upper == "UK" {
        return Some("GB".into());
    }
    if upper == "EL" {
        return Some("GR".into());
    }
    if is_country(&upper) && upper != s {
        return Some(upper);
    }
    COUNTRIES.1.get(upper.as_str()).map(|a2| (*a2).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_calendar_dates_only() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2017/07/07"));
        assert!(!is_date("2017-7-7"));
        for s in [
            "2024-00-10",
            "2024-13-01",
            "2024-12-32",
            "1900-02-29",
            "2024-1a-01",
            "",
        ] {
            assert!(!is_date(s), "{s}");
        }
        assert!(is_date("2000-02-29") && is_date("0000-01-01") && is_date("9999-12-31"));
    }

    #[test]
    fn dates_agree_with_chrono_parsing() {
        for year in [0, 1, 1900, 1999, 2000, 2023, 2024, 9999] {
            for month in 0..=13 {
                for day in 0..=32 {
                    let s = format!("{year:04}-{month:02}-{day:02}");
                    let chrono = NaiveDate::parse_from_str(&s, "%Y-%m-%d").is_ok();
                    assert_eq!(is_date(&s), chrono, "{s}");
                }
            }
        }
    }

    #[test]
    fn slash_date_gets_iso_suggestion() {
        assert_eq!(date_suggestion("2017/07/07").as_deref(), Some("2017-07-07"));
        assert_eq!(date_suggestion("31/12/2020").as_deref(), Some("2020-12-31"));
        assert_eq!(date_suggestion("05/06/2020"), None);
        assert_eq!(date_suggestion("2023-02-29"), None);
    }

    #[test]
    fn language_tags_from_the_allow_list() {
        assert!(is_bcp47("fr"));
        assert!(is_bcp47("en-GB"));
        assert!(is_bcp47("zh-Hant-TW"));
        assert!(!is_bcp47("xx"));
        assert!(!is_bcp47("en_US"));
        assert_eq!(bcp47_suggestion("en_US").as_deref(), Some("en-US"));
        assert_eq!(bcp47_suggestion("French").as_deref(), Some("fr"));
    }

    #[test]
    fn countries_and_alpha3_rewrites() {
        assert_eq!(country_codes().count(), 249);
        assert!(is_country("FR"));
        assert!(!is_country("UK"));
        assert_eq!(country_suggestion("USA").as_deref(), Some("US"));
        assert_eq!(country_suggestion("UK").as_deref(), Some("GB"));
        assert_eq!(country_suggestion("fr").as_deref(), Some("FR"));
    }
}
