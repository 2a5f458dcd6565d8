//! Classification of one change: `formatting`, `editorial`, `link` or `substantive`, with the
//! reason a reader can check.
//!
//! The rules run from the least to the most significant; the first that explains the whole
//! difference wins. Each rule compares the two sides after a normalisation, so "formatting" means
//! "identical once whitespace / markup / look-alikes / tracking parameters are ignored".

use std::sync::LazyLock;

use regex::Regex;

use crate::diff::model::{ChangeKind, Classification};
use crate::diff::normalize::{
    collapse_ws, fold_lookalikes, mask_urls, strip_markup, strip_punctuation, strip_tracking, urls,
    words,
};

/// Lines that carry the document's own date stamp ("Last updated", "Effective as of", ...).
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(last\s+(updated|modified|revised|changed|reviewed)|updated\s+(on|as\s+of)|effective\s+(date|as\s+of|from|on)|revision\s+date|version\s+date|date\s+of\s+last|derni[eè]re\s+mise\s+[àa]\s+jour|mis\s+[àa]\s+jour|stand:|zuletzt\s+aktualisiert)",
    )
    .expect("valid constant regex")
});

const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "janvier",
    "février",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "decembre",
    "januar",
    "februar",
    "märz",
    "juni",
    "juli",
    "oktober",
    "dezember",
];

/// A classification and its reason.
pub(crate) struct Verdict {
    pub(crate) classification: Classification,
    pub(crate) reason: String,
}

fn verdict(classification: Classification, reason: impl Into<String>) -> Verdict {
    Verdict {
        classification,
        reason: reason.into(),
    }
}

/// Classifies a change from its two sides, each widened to whole whitespace-delimited words
/// (`old`, `new`), and the full lines around the change (`context`, used for date stamps).
#[cfg(test)]
pub(crate) fn classify(kind: ChangeKind, old: &str, new: &str, context: &str) -> Verdict {
    classify_exact(kind, (old, new), (old, new), context)
}

/// Like [`classify`], with the exact changed texts (`exact`) quoted in reasons for insertions and
/// deletions, and the widened texts (`wide`) used by the rules.
pub(crate) fn classify_exact(
    kind: ChangeKind,
    exact: (&str, &str),
    wide: (&str, &str),
    context: &str,
) -> Verdict {
    let (old, new) = wide;
    if collapse_ws(old) == collapse_ws(new) {
        return verdict(Classification::Formatting, "whitespace only");
    }
    let (fold_old, fold_new) = (
        collapse_ws(&fold_lookalikes(old)),
        collapse_ws(&fold_lookalikes(new)),
    );
    if fold_old == fold_new {
        return verdict(
            Classification::Formatting,
            "Unicode look-alike characters only (quotes, dashes, spaces)",
        );
    }
    let (bare_old, bare_new) = (strip_markup(&fold_old), strip_markup(&fold_new));
    if bare_old == bare_new {
        return verdict(
            Classification::Formatting,
            "Markdown markup only (list markers, emphasis, escapes)",
        );
    }
    let (clean_old, clean_new) = (strip_tracking(&bare_old), strip_tracking(&bare_new));
    if clean_old == clean_new {
        return verdict(
            Classification::Formatting,
            "tracking parameters in URLs only",
        );
    }
    if mask_urls(&clean_old) == mask_urls(&clean_new) {
        let (o, n) = (urls(&clean_old), urls(&clean_new));
        let changed: Vec<String> = o
            .iter()
            .zip(n.iter())
            .filter(|(a, b)| a != b)
            .map(|(a, b)| format!("{a} -> {b}"))
            .collect();
        return verdict(
            Classification::Link,
            format!("only the link target changed: {}", changed.join(", ")),
        );
    }
    if strip_punctuation(&clean_old) == strip_punctuation(&clean_new) {
        return verdict(Classification::Editorial, "punctuation only");
    }
    if clean_old.to_lowercase() == clean_new.to_lowercase() {
        return verdict(Classification::Editorial, "letter case only");
    }
    if let Some(reason) = date_stamp(&clean_old, &clean_new, context) {
        return verdict(Classification::Editorial, reason);
    }
    if let Some(reason) = typos(&clean_old, &clean_new) {
        return verdict(Classification::Editorial, reason);
    }
    let reason = match kind {
        ChangeKind::Insert => format!("text added: {}", quote(exact.1)),
        ChangeKind::Delete => format!("text removed: {}", quote(exact.0)),
        _ => substantive_reason(old, new),
    };
    verdict(Classification::Substantive, reason)
}

/// The words that differ between the two sides, with the common prefix and suffix dropped.
fn differing_words<'a>(old: &'a str, new: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
    let (o, n) = (words(old), words(new));
    let prefix = o.iter().zip(n.iter()).take_while(|(a, b)| a == b).count();
    let suffix = o[prefix..]
        .iter()
        .rev()
        .zip(n[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    (
        o[prefix..o.len() - suffix].to_vec(),
        n[prefix..n.len() - suffix].to_vec(),
    )
}

fn is_date_word(w: &str) -> bool {
    let lower = w.to_lowercase();
    w.chars().all(|c| c.is_ascii_digit())
        || MONTHS.contains(&lower.as_str())
        || ["st", "nd", "rd", "th", "er"].iter().any(|s| {
            lower
                .strip_suffix(s)
                .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
        })
}

fn date_stamp(old: &str, new: &str, context: &str) -> Option<String> {
    if !DATE_LINE.is_match(context) {
        return None;
    }
    let (o, n) = differing_words(old, new);
    if o.is_empty() && n.is_empty() {
        return None;
    }
    if o.iter().chain(n.iter()).all(|w| is_date_word(w)) {
        return Some(format!(
            "the document's date stamp changed ({} -> {})",
            o.join(" "),
            n.join(" ")
        ));
    }
    None
}

fn typos(old: &str, new: &str) -> Option<String> {
    let (o, n) = differing_words(old, new);
    if o.is_empty() || o.len() != n.len() {
        return None;
    }
    let mut pairs = Vec::new();
    for (a, b) in o.iter().zip(n.iter()) {
        let (la, lb) = (a.chars().count(), b.chars().count());
        let digits = |w: &str| w.chars().filter(char::is_ascii_digit).collect::<String>();
        if la < 4 || lb < 4 || digits(a) != digits(b) {
            return None;
        }
        let similarity =
            strsim::normalized_damerau_levenshtein(&a.to_lowercase(), &b.to_lowercase());
        if similarity < 0.8 {
            return None;
        }
        pairs.push(format!("{a} -> {b}"));
    }
    Some(format!("typo-level edit: {}", pairs.join(", ")))
}

fn quote(s: &str) -> String {
    let s = collapse_ws(s);
    if s.chars().count() > 80 {
        let cut: String = s.chars().take(77).collect();
        format!("\"{cut}...\"")
    } else {
        format!("\"{s}\"")
    }
}

/// The words of `s` (runs of letters and digits) with their byte ranges.
fn word_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                out.push((from, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        out.push((from, s.len()));
    }
    out
}

/// The stretch of each side that differs, as written: the words in common at the start and at
/// the end are dropped, and the rest is widened to whole whitespace-delimited tokens, so that a
/// reason quotes `[Terms](https://example.com/terms)` rather than `Terms https example com terms`.
fn differing_text<'a>(old: &'a str, new: &'a str) -> (&'a str, &'a str) {
    let (o, n) = (word_spans(old), word_spans(new));
    let word = |s: &'a str, (a, b): (usize, usize)| &s[a..b];
    let prefix = o
        .iter()
        .zip(&n)
        .take_while(|(a, b)| word(old, **a) == word(new, **b))
        .count();
    let suffix = o[prefix..]
        .iter()
        .rev()
        .zip(n[prefix..].iter().rev())
        .take_while(|(a, b)| word(old, **a) == word(new, **b))
        .count();
    let stretch = |s: &'a str, spans: &[(usize, usize)]| -> &'a str {
        let differing = &spans[prefix..spans.len() - suffix];
        let (Some(first), Some(last)) = (differing.first(), differing.last()) else {
            return "";
        };
        let from = s[..first.0]
            .rfind(char::is_whitespace)
            .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
        let to = s[last.1..]
            .find(char::is_whitespace)
            .map_or(s.len(), |i| last.1 + i);
        &s[from..to]
    };
    (stretch(old, &o), stretch(new, &n))
}

fn substantive_reason(old: &str, new: &str) -> String {
    let (o, n) = differing_text(old, new);
    if o.is_empty() {
        format!("words added: {}", quote(n))
    } else if n.is_empty() {
        format!("words removed: {}", quote(o))
    } else {
        format!("wording changed: {} -> {}", quote(o), quote(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(old: &str, new: &str) -> Classification {
        classify(ChangeKind::Replace, old, new, &format!("{old}\n{new}")).classification
    }

    #[test]
    fn bullet_spacing_is_formatting() {
        assert_eq!(class("* x", "*   x"), Classification::Formatting);
    }

    #[test]
    fn curly_quote_is_formatting() {
        assert_eq!(class("we're", "we\u{2019}re"), Classification::Formatting);
    }

    #[test]
    fn utm_parameter_is_formatting_but_new_path_is_link() {
        assert_eq!(
            class(
                "[a](https://x.example/p)",
                "[a](https://x.example/p?utm_source=news)"
            ),
            Classification::Formatting
        );
        assert_eq!(
            class("[a](https://x.example/p)", "[a](https://x.example/q)"),
            Classification::Link
        );
    }

    #[test]
    fn last_updated_date_is_editorial() {
        let v = classify(
            ChangeKind::Replace,
            "March 3, 2024",
            "June 10, 2025",
            "Last updated: June 10, 2025",
        );
        assert_eq!(v.classification, Classification::Editorial);
        assert!(v.reason.contains("date stamp"), "{}", v.reason);
    }

    #[test]
    fn date_outside_a_stamp_line_is_substantive() {
        let v = classify(
            ChangeKind::Replace,
            "March 3, 2024",
            "June 10, 2025",
            "We keep data until June 10, 2025",
        );
        assert_eq!(v.classification, Classification::Substantive);
    }

    #[test]
    fn typo_fix_is_editorial_but_word_swap_is_substantive() {
        assert_eq!(
            class("you will recieve", "you will receive"),
            Classification::Editorial
        );
        assert_eq!(
            class("we may sell", "we may share"),
            Classification::Substantive
        );
        assert_eq!(
            class("within 14 days", "within 30 days"),
            Classification::Substantive
        );
        assert_eq!(
            class("we sell data", "we tell data"),
            Classification::Substantive
        );
    }

    #[test]
    fn reasons_quote_the_words_as_written() {
        let v = classify(
            ChangeKind::Replace,
            "1. [Your Account](https://uptimerobot.com/terms/#your-ur-acc-and-site) applies",
            "1. [Your Account and Site](https://uptimerobot.com/terms/#your-account) applies",
            "",
        );
        assert_eq!(v.classification, Classification::Substantive);
        assert_eq!(
            v.reason,
            "wording changed: \"Account](https://uptimerobot.com/terms/#your-ur-acc-and-site)\" -> \"and Site](https://uptimerobot.com/terms/#your-account)\""
        );
        let v = classify(
            ChangeKind::Replace,
            "we sell data",
            "we do not sell data",
            "",
        );
        assert_eq!(v.reason, "words added: \"do not\"");
    }

    #[test]
    fn punctuation_and_case_are_editorial() {
        assert_eq!(class("data, and", "data and"), Classification::Editorial);
        assert_eq!(
            class("Personal Data", "personal data"),
            Classification::Editorial
        );
    }
}
