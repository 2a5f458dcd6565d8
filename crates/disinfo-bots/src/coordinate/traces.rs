//! Trace keys: what two posts must share to count as a co-action, per kind.
//!
//! Normalisations (documented contract, matched by the parity tests):
//! - text ([`normalize_text`]): the QUT toolkit's `message_preprocessor` — lower-case (full
//!   Unicode), delete every `@` and what follows it up to the next whitespace, collapse runs of
//!   whitespace to one space, trim. The empty result is a key like any other (as in the toolkit).
//! - URLs ([`normalize_url`]): [`UrlNormalization::None`] (default, the toolkit's behaviour)
//!   compares URLs byte for byte; [`UrlNormalization::Basic`] lower-cases scheme and host, drops a
//!   leading `www.`, the `#fragment`, `utm_*`/`fbclid`/`gclid` query parameters, a trailing `/`
//!   and the scheme itself (so `http://` and `https://` match).
//! - hashtag sequences: hashtags lower-cased, in order, joined by a space.

// The option moved to `network::options` (the network records its options); its old path
// keeps working.
pub use crate::network::options::UrlNormalization;

/// Python's `str.isspace()` for one character (Unicode whitespace plus `\x1c`..`\x1f`).
pub(crate) fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// The QUT toolkit's text normalisation (`message_preprocessor`): lower-case, strip
/// `@mentions` (an `@` up to the next whitespace), collapse whitespace.
///
/// ```
/// use disinfo_bots::coordinate::traces::normalize_text;
/// assert_eq!(normalize_text("  Hello @Bob  WORLD\n"), "hello world");
/// ```
pub fn normalize_text(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut in_mention = false;
    let mut pending_space = false;
    for c in lower.chars() {
        if in_mention {
            if is_py_space(c) {
                in_mention = false;
            } else {
                continue;
            }
        } else if c == '@' {
            in_mention = true;
            continue;
        }
        if is_py_space(c) {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// The set of lower-cased word tokens of a text with mentions stripped, sorted and distinct
/// (for near-duplicate text). A token is a maximal run of alphanumeric characters, `_` or `'`.
pub fn word_set(text: &str) -> Vec<String> {
    let norm = normalize_text(text);
    let mut words: Vec<String> = norm
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// Normalises a URL for co-link comparison.
///
/// ```
/// use disinfo_bots::coordinate::traces::{normalize_url, UrlNormalization};
/// assert_eq!(normalize_url("HTTPS://WWW.Example.com/a/?utm_source=x#top", UrlNormalization::Basic), "example.com/a");
/// assert_eq!(normalize_url("https://Example.com/", UrlNormalization::None), "https://Example.com/");
/// ```
pub fn normalize_url(url: &str, mode: UrlNormalization) -> String {
    match mode {
        UrlNormalization::None => url.to_string(),
        UrlNormalization::Basic => basic_url(url.trim()),
    }
}

fn basic_url(url: &str) -> String {
    let without_fragment = url.split('#').next().unwrap_or_default();
    let rest = match without_fragment.find("://") {
        Some(i) => &without_fragment[i + 3..],
        None => without_fragment,
    };
    let (host_path, query) = match rest.split_once('?') {
        Some((a, b)) => (a, Some(b)),
        None => (rest, None),
    };
    let (host, path) = match host_path.find('/') {
        Some(i) => (&host_path[..i], &host_path[i..]),
        None => (host_path, ""),
    };
    let host = host.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let mut out = String::with_capacity(url.len());
    out.push_str(host);
    out.push_str(path.trim_end_matches('/'));
    if let Some(q) = query {
        let kept: Vec<&str> = q
            .split('&')
            .filter(|p| {
                let name = p.split('=').next().unwrap_or_default().to_ascii_lowercase();
                !(p.is_empty() || name.starts_with("utm_") || name == "fbclid" || name == "gclid")
            })
            .collect();
        if !kept.is_empty() {
            out.push('?');
            out.push_str(&kept.join("&"));
        }
    }
    out
}

/// The host of a URL for co-domain networks: lower-cased, without `www.`, port or
/// credentials; `None` when the URL has no host.
///
/// ```
/// use disinfo_bots::coordinate::traces::url_host;
/// assert_eq!(url_host("https://WWW.Example.com:443/a?b").as_deref(), Some("example.com"));
/// assert_eq!(url_host("not a url"), None);
/// ```
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty() && !host.contains(char::is_whitespace)).then_some(host)
}

/// The hashtag-sequence key: lower-cased hashtags in order, joined by a space.
pub fn hashtag_sequence(tags: &[String]) -> String {
    tags.iter()
        .map(|t| t.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_text_strips_mentions_up_to_whitespace_like_toolkit() {
        assert_eq!(normalize_text("RT @a_b: Hi  there"), "rt hi there");
        assert_eq!(normalize_text("x@y.com z"), "x z");
        assert_eq!(normalize_text("@only"), "");
        assert_eq!(normalize_text("a\u{1f}b"), "a b");
        assert_eq!(normalize_text("ΣΑΣ"), "σας");
    }

    #[test]
    fn basic_url_drops_tracking_and_scheme() {
        let b = |u| normalize_url(u, UrlNormalization::Basic);
        assert_eq!(b("http://example.com"), b("https://www.EXAMPLE.com/#x"));
        assert_eq!(b("https://e.com/p?id=3&utm_medium=tw"), "e.com/p?id=3");
        assert_eq!(b(""), "");
    }

    #[test]
    fn word_set_is_sorted_and_distinct() {
        assert_eq!(word_set("B a b, @x A!"), vec!["a", "b"]);
    }
}
