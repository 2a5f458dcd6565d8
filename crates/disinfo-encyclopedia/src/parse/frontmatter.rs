//! Splits `---\n<yaml>\n---\n<markdown>` into its two parts, remembering line numbers.

/// The two parts of an entry file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML text between the delimiters (may be empty).
    pub yaml: &'a str,
    /// The 1-based file line on which the YAML text starts.
    pub yaml_line: usize,
    /// The Markdown body after the closing delimiter.
    pub body: &'a str,
    /// The 1-based file line on which the body starts.
    pub body_line: usize,
}

/// Why a file has no usable front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with a `---` line.
    Missing,
    /// No closing `---` (or `...`) line.
    Unclosed,
    /// The front matter is longer than the limit (bytes read before giving up).
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
}

fn is_delimiter(line: &str, closing: bool) -> bool {
    let t = line.trim_end_matches(['\r', ' ', '\t']);
    t == "---" || (closing && t == "...")
}

/// Splits `text` (without BOM) into front matter and body.
///
/// ```
/// use disinfo_encyclopedia::parse::frontmatter::split;
/// let s = split("---\nid: a\n---\n# A\n", 1 << 20).expect("front matter");
/// assert_eq!((s.yaml, s.yaml_line, s.body, s.body_line), ("id: a\n", 2, "# A\n", 4));
/// ```
pub fn split(text: &str, max_bytes: usize) -> Result<Split<'_>, SplitError> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if !is_delimiter(&text[..first_end], false) {
        return Err(SplitError::Missing);
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut offset = yaml_start;
    let mut line = 2;
    while offset < text.len() {
        if offset - yaml_start > max_bytes {
            return Err(SplitError::TooLarge { limit: max_bytes });
        }
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        if is_delimiter(&text[offset..end], true) {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset = end + 1;
        line += 1;
    }
    if text.len().saturating_sub(yaml_start) > max_bytes {
        return Err(SplitError::TooLarge { limit: max_bytes });
    }
    Err(SplitError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_opening_line_is_missing() {
        assert_eq!(split("# Title\n", 100), Err(SplitError::Missing));
        assert_eq!(split("", 100), Err(SplitError::Missing));
    }

    #[test]
    fn no_closing_line_is_unclosed() {
        assert_eq!(split("---\nid: a\n", 100), Err(SplitError::Unclosed));
    }

    #[test]
    fn crlf_and_dots_close() {
        let s = split("---\r\nid: a\r\n...\r\nbody", 100).expect("split");
        assert_eq!(s.yaml, "id: a\r\n");
        assert_eq!(s.body, "body");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn oversized_front_matter_is_too_large() {
        let big = format!("---\n{}---\n", "a: b\n".repeat(100));
        assert_eq!(split(&big, 64), Err(SplitError::TooLarge { limit: 64 }));
    }
}
