//! A cheap pre-scan of element nesting. html5ever's tree builder checks element scopes by walking
//! the stack of open elements, so parsing costs O(depth²): 100,000 nested `div`s take minutes.
//! Browsers cap the tree depth for the same reason (Blink: 512). We estimate the nesting depth in
//! one linear pass and refuse pages above [`super::ExtractOptions::max_depth`] with a typed error.
//!
//! The estimate never over-counts well-formed pages: void elements, self-closing tags, elements
//! whose end tag is optional (`p`, `li`, `td`, ...), comments and raw-text content are ignored.

const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "rb",
    "rt", "rp", "rtc", "colgroup", "caption", "head", "body", "html",
];
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "command", "basefont", "bgsound", "frame", "image",
];
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// The estimated maximum nesting depth of the markup.
pub fn estimate_max_depth(text: &str) -> usize {
    let b = text.as_bytes();
    let mut i = 0;
    let mut depth: usize = 0;
    let mut max = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            i = find(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let name_len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        if name_len == 0 || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let name = text[start..start + name_len].to_ascii_lowercase();
        let tag_end = memchr(b'>', &b[start..]).map_or(b.len(), |e| start + e);
        let self_closing = tag_end > 0 && b.get(tag_end - 1) == Some(&b'/');
        i = tag_end.min(b.len());
        if closing {
            if !OPTIONAL_END.contains(&name.as_str()) && !VOID.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            let lower_search = find_ci(b, i, close.as_bytes());
            i = lower_search.unwrap_or(b.len());
            continue;
        }
        if self_closing || VOID.contains(&name.as_str()) || OPTIONAL_END.contains(&name.as_str()) {
            continue;
        }
        depth += 1;
        max = max.max(depth);
    }
    max
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|c| *c == needle)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_divs_are_counted_and_optional_end_tags_are_not() {
        assert_eq!(estimate_max_depth(&"<div>".repeat(50)), 50);
        assert_eq!(estimate_max_depth(&"<li>x".repeat(1000)), 0);
        assert_eq!(
            estimate_max_depth(
                "<div><br><img src=x/><!-- <div><div> --><script>'<div><div>'</script></div>"
            ),
            1
        );
        assert_eq!(
            estimate_max_depth("<main><div></div><div><span></span></div></main>"),
            3
        );
    }
}
