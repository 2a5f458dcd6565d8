//! The little Markdown the checks need: headings (as anchors) and links, with positions, outside
//! fenced code blocks and inline code.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::Span;

/// A link found in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The link target as written (`entry:disarm#counters`, `../tools/x.md`, `https://...`).
    pub target: String,
    /// Where the target is in the file.
    pub span: Span,
}

/// Headings and links of a Markdown body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// The anchors of the headings (GitHub style: `## What for?` → `what-for`), with `-1`, `-2`
    /// suffixes for repeated headings.
    pub anchors: BTreeSet<String>,
    /// The links, in source order.
    pub links: Vec<Link>,
}

static LINK: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r#"\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|<((?:https?|entry|mailto):[^>\s]+)>"#)
        .ok()
});

/// The GitHub-style anchor of a heading text: lower case, punctuation dropped (letters of any
/// script, digits, `-` and `_` kept), spaces → `-`.
///
/// ```
/// assert_eq!(disinfo_encyclopedia::markdown::anchor("What for? (2024)"), "what-for-2024");
/// assert_eq!(disinfo_encyclopedia::markdown::anchor("Pour quoi faire ?"), "pour-quoi-faire-");
/// ```
pub fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

fn blank_inline_code(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    for c in line.chars() {
        if c == '`' {
            in_code = !in_code;
            out.push(' ');
        } else if in_code {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads the outline of `body`, whose first line is line `first_line` of the file.
pub fn outline(body: &str, first_line: usize) -> Outline {
    let mut out = Outline::default();
    let mut fence: Option<&str> = None;
    for (i, raw) in body.lines().enumerate() {
        let line_no = first_line + i;
        let trimmed = raw.trim_start();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") {
            fence = Some("```");
            continue;
        }
        if trimmed.starts_with("~~~") {
            fence = Some("~~~");
            continue;
        }
        let hashes = trimmed.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with([' ', '\t']) {
            let text = trimmed[hashes..].trim().trim_end_matches('#').trim();
            let base = anchor(text);
            if out.anchors.contains(&base) {
                let mut n = 1;
                let mut a = format!("{base}-{n}");
                while out.anchors.contains(&a) {
                    n += 1;
                    a = format!("{base}-{n}");
                }
                out.anchors.insert(a);
            } else {
                out.anchors.insert(base);
            }
        }
        // Every link the pattern finds has `](` or `<`: other lines need no closer look.
        if !(raw.contains("](") || raw.contains('<')) {
            continue;
        }
        let Some(re) = LINK.as_ref() else { continue };
        let cleaned = blank_inline_code(raw);
        for caps in re.captures_iter(&cleaned) {
            if let Some(m) = caps.get(1).or_else(|| caps.get(2)) {
                let col = cleaned[..m.start()].chars().count() + 1;
                let end = col + m.as_str().chars().count();
                out.links.push(Link {
                    target: m.as_str().to_owned(),
                    span: Span::new(line_no, col, line_no, end),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_become_anchors_and_repeat_with_suffix() {
        let o = outline(
            "# A\n## By whom?\n## By whom?\n```\n# not a heading\n```\n",
            5,
        );
        let got: Vec<_> = o.anchors.iter().map(String::as_str).collect();
        assert_eq!(got, ["a", "by-whom", "by-whom-1"]);
    }

    #[test]
    fn links_have_line_and_column_and_skip_code() {
        let o = outline(
            "x\nSee [DISARM](entry:disarm#counters) and `[no](entry:zz)`.\n<https://example.org/a>\n",
            10,
        );
        assert_eq!(o.links.len(), 2);
        assert_eq!(o.links[0].target, "entry:disarm#counters");
        assert_eq!(
            (o.links[0].span.start.line, o.links[0].span.start.column),
            (11, 14)
        );
        assert_eq!(o.links[1].target, "https://example.org/a");
    }
}
