//! List cells as researchers' CSV files hold them: `urls` written by pandas or the QUT
//! toolkit's own sample as Python list text (`"['http://a', 'http://b']"`, `[]`), as JSON
//! (`["http://a"]`), or space-separated (`http://a http://b`).
//!
//! [`items`] reads all three; an empty list and an empty string are no item at all. The QUT
//! coordination-network-toolkit 1.5.2 splits the cell on single spaces (`cell.split(" ")`), so
//! its own sample's `[]` and `['http://example.com/4',` become "links" that co-link networks
//! match; [`qut_152`] keeps exactly that behaviour for parity checks (option
//! `compat: "qut-1.5.2"`), with its empty items (two spaces in a row give `""`).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// Behaviour kept for compatibility with another tool's reading of the same files.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum Compat {
    /// Our reading (the default): list text parsed, empty items dropped.
    #[default]
    #[serde(rename = "none")]
    None,
    /// The QUT coordination-network-toolkit 1.5.2: a `urls` cell split on single spaces, as
    /// is, empty items included (see [`qut_152`]).
    #[serde(rename = "qut-1.5.2")]
    Qut152,
}

/// The items of a list cell: Python or JSON list text, or space-separated items; empty items
/// and an empty list give nothing.
///
/// ```
/// use disinfo_bots::adapters::lists::items;
/// assert_eq!(items("['http://a/4', 'http://a/6']"), ["http://a/4", "http://a/6"]);
/// assert_eq!(items(r#"["x", "y\"z"]"#), ["x", "y\"z"]);
/// assert_eq!(items("http://a  http://b "), ["http://a", "http://b"]);
/// assert!(items("[]").is_empty() && items("  ").is_empty() && items("['']").is_empty());
/// ```
pub fn items(cell: &str) -> Vec<Cow<'_, str>> {
    let t = cell.trim();
    if t.starts_with('[')
        && t.ends_with(']')
        && let Some(list) = quoted_list(&t[1..t.len() - 1])
    {
        return list.into_iter().filter(|s| !s.trim().is_empty()).collect();
    }
    t.split_whitespace().map(Cow::Borrowed).collect()
}

/// The QUT toolkit 1.5.2's reading of a `urls` cell: nothing for an empty cell, else the cell
/// split on single spaces, empty items included.
///
/// ```
/// use disinfo_bots::adapters::lists::qut_152;
/// assert_eq!(qut_152("['http://a/4', 'http://a/6']"), ["['http://a/4',", "'http://a/6']"]);
/// assert_eq!(qut_152("[]"), ["[]"]);
/// assert_eq!(qut_152("a  b"), ["a", "", "b"]);
/// assert!(qut_152("").is_empty());
/// ```
pub fn qut_152(cell: &str) -> Vec<&str> {
    if cell.is_empty() {
        Vec::new()
    } else {
        cell.split(' ').collect()
    }
}

/// The quoted strings of a list body (`'a', "b"`), with `\` escapes; `None` when the body is
/// not a list of quoted strings (the cell is then read as space-separated).
fn quoted_list(body: &str) -> Option<Vec<Cow<'_, str>>> {
    let mut out = Vec::new();
    let bytes = body.as_bytes();
    let mut i = 0;
    loop {
        while i < bytes.len() && (bytes[i] as char).is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() {
            return Some(out);
        }
        let quote = bytes[i];
        if quote != b'\'' && quote != b'"' {
            return None;
        }
        let start = i + 1;
        let mut j = start;
        let mut escaped = false;
        while j < bytes.len() && bytes[j] != quote {
            if bytes[j] == b'\\' {
                escaped = true;
                j += 1;
            }
            j += 1;
        }
        if j >= bytes.len() {
            return None;
        }
        let raw = &body[start..j];
        out.push(if escaped {
            Cow::Owned(unescape(raw))
        } else {
            Cow::Borrowed(raw)
        });
        i = j + 1;
        while i < bytes.len() && (bytes[i] as char).is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i) {
            None => return Some(out),
            Some(b',') => i += 1,
            Some(_) => return None,
        }
    }
}

fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_toolkit_sample_cells_give_urls_and_no_bracket_links() {
        assert_eq!(items("['http://example.com/2']"), ["http://example.com/2"]);
        assert!(items("[]").is_empty());
        assert_eq!(items(" http://x "), ["http://x"]);
    }

    #[test]
    fn text_that_is_not_a_list_of_strings_is_read_as_space_separated() {
        assert_eq!(items("[1, 2]"), ["[1,", "2]"]);
        assert_eq!(items("['unterminated"), ["['unterminated"]);
    }
}
