//! Text normalisations that decide whether two fragments differ only in form: whitespace,
//! Unicode look-alikes, Markdown markup, URL tracking parameters, link targets, punctuation.

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

/// Query parameters that only track the reader (the lists used by browsers' and ad-blockers'
/// "remove tracking parameters" features: UTM, click ids, mail campaign ids).
const TRACKING_PARAMS: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "hsctatracking",
    "mkt_tok",
    "oly_anon_id",
    "oly_enc_id",
    "vero_id",
    "ref_src",
    "s_cid",
    "trk",
    "si",
];

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:https?://|mailto:|www\.)[^\s<>()\[\]"'`]+"#)
        .expect("valid constant regex")
});
static LINK_TARGET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\]\(([^)\s]*)(\s+[^)]*)?\)").expect("valid constant regex"));
static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*(?:[*+\-]|\d+[.)]|#{1,6}|>)[ \t]+").expect("valid constant regex")
});
static RULE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*(?:=+|-{2,}|\*{3,}|_{3,})[ \t]*$").expect("valid constant regex")
});

/// Collapses every run of whitespace to one space and trims the ends.
pub(crate) fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Folds Unicode look-alikes to one form: NFKC, typographic quotes and dashes to ASCII, invisible
/// characters (zero-width, soft hyphen, BOM) removed.
pub(crate) fn fold_lookalikes(s: &str) -> String {
    s.nfkc()
        .filter_map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}'
            | '\u{02BC}' => Some('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => Some('"'),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' => Some('-'),
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => None,
            c if c.is_whitespace() => Some(' '),
            c => Some(c),
        })
        .collect()
}

/// Removes Markdown markup (list and heading markers, emphasis, code ticks, escapes, rules), keeping
/// the words and the link targets.
pub(crate) fn strip_markup(s: &str) -> String {
    let s = RULE_LINE.replace_all(s, " ");
    let s = LIST_MARKER.replace_all(&s, "");
    // URLs are kept verbatim: `_` and `*` are part of them, not emphasis.
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for m in URL.find_iter(&s) {
        strip_inline(&s[last..m.start()], &mut out);
        out.push_str(m.as_str());
        last = m.end();
    }
    strip_inline(&s[last..], &mut out);
    collapse_ws(&out.replace("( ", "(").replace(" )", ")"))
}

fn strip_inline(s: &str, out: &mut String) {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.peek() {
                Some(&next) if next.is_ascii_punctuation() => {
                    out.push(next);
                    chars.next();
                }
                _ => out.push(c),
            },
            '*' | '_' | '`' | '|' => out.push(' '),
            '[' | ']' => out.push(' '),
            _ => out.push(c),
        }
    }
}

/// Removes tracking query parameters from every URL in `s`.
pub(crate) fn strip_tracking(s: &str) -> String {
    URL.replace_all(s, |caps: &regex::Captures<'_>| clean_url(&caps[0]))
        .into_owned()
}

fn clean_url(url: &str) -> String {
    let Some((base, rest)) = url.split_once('?') else {
        return url.to_string();
    };
    let (query, fragment) = match rest.split_once('#') {
        Some((q, f)) => (q, Some(f)),
        None => (rest, None),
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or("").to_ascii_lowercase();
            !(key.is_empty() || key.starts_with("utm_") || TRACKING_PARAMS.contains(&key.as_str()))
        })
        .collect();
    let mut out = base.to_string();
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// The URLs of `s`: Markdown link targets and bare URLs, in order.
pub(crate) fn urls(s: &str) -> Vec<String> {
    let mut found: Vec<(usize, String)> = LINK_TARGET
        .captures_iter(s)
        .filter_map(|c| c.get(1).map(|m| (m.start(), m.as_str().to_string())))
        .collect();
    let targets = LINK_TARGET.replace_all(s, "](\u{1}");
    found.extend(
        URL.find_iter(&targets)
            .map(|m| (usize::MAX, m.as_str().to_string())),
    );
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, u)| u).collect()
}

/// `s` with every URL (link target or bare) replaced by one placeholder.
pub(crate) fn mask_urls(s: &str) -> String {
    let s = LINK_TARGET.replace_all(s, "](\u{1})");
    URL.replace_all(&s, "\u{1}").into_owned()
}

/// `s` without punctuation and symbols (letters, digits and single spaces remain).
pub(crate) fn strip_punctuation(s: &str) -> String {
    let kept: String = s
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    collapse_ws(&kept)
}

/// The words of `s` (runs of letters and digits).
pub(crate) fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookalikes_fold_quotes_dashes_and_invisible_characters() {
        assert_eq!(
            fold_lookalikes("we\u{2019}re \u{2014} a\u{00A0}b\u{200B}"),
            "we're - a b"
        );
    }

    #[test]
    fn markup_strip_treats_bullet_spacing_as_equal() {
        assert_eq!(strip_markup("* x\n* y"), strip_markup("*   x\n*   y"));
        assert_eq!(strip_markup("1\\. **Terms**"), "1. Terms");
    }

    #[test]
    fn tracking_parameters_are_removed_and_others_kept() {
        assert_eq!(
            strip_tracking("see https://a.example/p?id=3&utm_source=x&fbclid=y#top now"),
            "see https://a.example/p?id=3#top now"
        );
        assert_eq!(
            strip_tracking("https://a.example/?utm_medium=m"),
            "https://a.example/"
        );
    }

    #[test]
    fn urls_lists_link_targets_and_bare_urls() {
        assert_eq!(
            urls("[a](https://x.example/1) and https://y.example/2"),
            ["https://x.example/1", "https://y.example/2"]
        );
        assert_eq!(
            mask_urls("[a](https://x.example/1)"),
            mask_urls("[a](https://z.example/9)")
        );
    }
}
