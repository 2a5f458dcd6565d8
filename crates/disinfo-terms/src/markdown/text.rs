//! JavaScript string semantics that turndown relies on: `\s`, `trim()`, UTF-16 lengths,
//! `Number()`, and turndown's Markdown escaping.

/// JavaScript's `\s` (WhiteSpace and LineTerminator), which differs from Rust's `char::is_whitespace`
/// (JS includes U+FEFF and excludes U+0085).
pub fn js_ws(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// ASCII whitespace as turndown's `[ \t\r\n]`.
pub fn ascii_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// JavaScript `String.prototype.trim`.
pub fn js_trim(s: &str) -> &str {
    s.trim_matches(js_ws)
}

/// JavaScript `string.length` (UTF-16 code units).
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// JavaScript line terminators (what `^` with the `m` flag and `.` care about).
pub fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// turndown's `trimLeadingNewlines` (only `\n`).
pub fn trim_leading_newlines(s: &str) -> &str {
    s.trim_start_matches('\n')
}

/// turndown's `trimTrailingNewlines` (only `\n`).
pub fn trim_trailing_newlines(s: &str) -> &str {
    s.trim_end_matches('\n')
}

/// JavaScript `Number(string)`.
pub fn js_number(s: &str) -> f64 {
    let t = js_trim(s);
    if t.is_empty() {
        return 0.0;
    }
    match t {
        "Infinity" | "+Infinity" => return f64::INFINITY,
        "-Infinity" => return f64::NEG_INFINITY,
        _ => {}
    }
    let lower = t.get(..2).map(str::to_ascii_lowercase);
    let radix = match lower.as_deref() {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    if let Some(radix) = radix {
        let digits = &t[2..];
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return f64::NAN;
        }
        return digits.chars().fold(0.0, |acc, c| {
            acc * f64::from(radix) + f64::from(c.to_digit(radix).unwrap_or(0))
        });
    }
    // StrDecimalLiteral: [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?
    let b = t.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut digits = i - int_start;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        digits += i - frac_start;
    }
    if digits == 0 {
        return f64::NAN;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let exp_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return f64::NAN;
        }
    }
    if i != b.len() {
        return f64::NAN;
    }
    t.parse::<f64>().unwrap_or(f64::NAN)
}

/// JavaScript `String(number)` for the values list numbering can produce.
pub fn js_number_to_string(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_infinite() {
        return if n > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    if n == 0.0 {
        return "0".into();
    }
    if n.fract() == 0.0 && n.abs() < 1e21 {
        return format!("{n:.0}");
    }
    if n.abs() >= 1e21 || n.abs() < 1e-6 {
        // JS uses exponent notation here: 1e+21, 1.5e-7.
        let s = format!("{n:e}");
        return match s.split_once('e') {
            Some((m, e)) if !e.starts_with('-') => format!("{m}e+{e}"),
            _ => s,
        };
    }
    format!("{n}")
}

/// turndown's `escapeMarkdown`: the thirteen replacements, in turndown's order.
pub fn escape_markdown(input: &str) -> String {
    let mut s = replace_char(input, '\\', "\\\\");
    s = replace_char(&s, '*', "\\*");
    if s.starts_with('-') {
        s.insert(0, '\\');
    }
    if s.starts_with("+ ") {
        s.insert(0, '\\');
    }
    if s.starts_with('=') {
        s.insert(0, '\\');
    }
    let hashes = s.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&hashes) && s[hashes..].starts_with(' ') {
        s.insert(0, '\\');
    }
    s = replace_char(&s, '`', "\\`");
    if s.starts_with("~~~") {
        s.insert(0, '\\');
    }
    s = replace_char(&s, '[', "\\[");
    s = replace_char(&s, ']', "\\]");
    if s.starts_with('>') {
        s.insert(0, '\\');
    }
    s = replace_char(&s, '_', "\\_");
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && s[digits..].starts_with(". ") {
        s.insert(digits, '\\');
    }
    s
}

fn replace_char(s: &str, c: char, with: &str) -> String {
    if s.contains(c) {
        s.replace(c, with)
    } else {
        s.to_string()
    }
}

/// turndown's `cleanAttribute`: each newline run (with the whitespace after it) becomes one `\n`.
pub fn clean_attribute(attr: Option<&str>) -> String {
    let Some(attr) = attr else {
        return String::new();
    };
    let mut out = String::with_capacity(attr.len());
    let mut chars = attr.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            while chars.peek().is_some_and(|c| js_ws(*c)) {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// turndown's `escapeLinkDestination`.
pub fn escape_link_destination(dest: &str) -> String {
    let mut escaped = String::with_capacity(dest.len());
    for c in dest.chars() {
        if matches!(c, '<' | '>' | '(' | ')') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    if escaped.contains(' ') {
        format!("<{escaped}>")
    } else {
        escaped
    }
}

/// turndown's `escapeLinkTitle`.
pub fn escape_link_title(title: &str) -> String {
    title.replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_markdown_matches_turndown_rules() {
        assert_eq!(escape_markdown("1. item"), "1\\. item");
        assert_eq!(escape_markdown("- a"), "\\- a");
        assert_eq!(escape_markdown("## x"), "\\## x");
        assert_eq!(escape_markdown("####### x"), "####### x");
        assert_eq!(escape_markdown("a_b*c[d]`e\\"), "a\\_b\\*c\\[d\\]\\`e\\\\");
        assert_eq!(escape_markdown("> q"), "\\> q");
        assert_eq!(escape_markdown("== x"), "\\== x");
        assert_eq!(escape_markdown("+ x"), "\\+ x");
        assert_eq!(escape_markdown("~~~"), "\\~~~");
    }

    #[test]
    fn js_number_parses_like_javascript() {
        assert_eq!(js_number(" 3 "), 3.0);
        assert_eq!(js_number(""), 0.0);
        assert_eq!(js_number("0x10"), 16.0);
        assert!(js_number("3a").is_nan());
        assert!(js_number("inf").is_nan());
        assert_eq!(js_number_to_string(4.0), "4");
        assert_eq!(js_number_to_string(f64::NAN), "NaN");
        assert_eq!(js_number_to_string(2.5), "2.5");
    }
}
