//! Finding a pattern in a collection's raw files: every string of every JSON record (with its
//! JSON pointer inside the record) or every cell of every CSV row (with its column), and the
//! text around each match.

use regex::Regex;

use crate::adapters::{Format, json_stream};

/// Bytes of context kept on each side of a match.
const CONTEXT: usize = 60;

/// One match in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMatch {
    /// Record number in the file, as the adapters number them (array index, JSONL line, CSV
    /// line).
    pub index: u32,
    /// JSON pointer inside the record (`/ad_creative_body`) or the CSV column name.
    pub field: String,
    /// The text around the match (see [`excerpt`]).
    pub excerpt: String,
}

/// The text around `text[start..end]` for a person to read: up to 60 bytes on each
/// side (cut at character boundaries), `…` where it was cut, line breaks and runs of spaces as
/// one space.
pub fn excerpt(text: &str, start: usize, end: usize) -> String {
    let mut a = start.saturating_sub(CONTEXT).min(text.len());
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = end.saturating_add(CONTEXT).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    let mut out = String::new();
    if a > 0 {
        out.push('…');
    }
    out.push_str(&text[a..b].split_whitespace().collect::<Vec<_>>().join(" "));
    if b < text.len() {
        out.push('…');
    }
    out
}

/// Every string of `v` that matches, with its JSON pointer (the first match of each string).
fn walk(v: &serde_json::Value, pointer: &mut String, re: &Regex, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::String(s) => {
            if let Some(m) = re.find(s) {
                out.push((pointer.clone(), excerpt(s, m.start(), m.end())));
            }
        }
        serde_json::Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&i.to_string());
                walk(x, pointer, re, out);
                pointer.truncate(len);
            }
        }
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&k.replace('~', "~0").replace('/', "~1"));
                walk(x, pointer, re, out);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

fn scan_csv(bytes: &[u8], re: &Regex) -> Vec<RawMatch> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header: Vec<String> = r
        .headers()
        .map(|h| h.iter().map(str::to_owned).collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    for rec in r.records().flatten() {
        let line = rec.position().map_or(0, |p| p.line());
        for (i, cell) in rec.iter().enumerate() {
            if let Some(m) = re.find(cell) {
                out.push(RawMatch {
                    index: u32::try_from(line).unwrap_or(u32::MAX),
                    field: header.get(i).cloned().unwrap_or_else(|| i.to_string()),
                    excerpt: excerpt(cell, m.start(), m.end()),
                });
            }
        }
    }
    out
}

/// The matches in one file of `format` named `name`, in file order. With `literal` (the pattern
/// is a keyword, without anchors), a JSON record whose raw text neither matches nor holds an
/// escape is skipped unparsed: its strings are in its text as they are, so none can match.
pub fn scan_file(
    format: Format,
    name: &str,
    bytes: &[u8],
    re: &Regex,
    literal: bool,
) -> Vec<RawMatch> {
    if matches!(
        format,
        Format::GoogleCsv | Format::MetaReportCsv | Format::SnapchatCsv
    ) {
        return scan_csv(bytes, re);
    }
    let mut out = Vec::new();
    let mut record = |i: usize, raw: &str| {
        if literal && !raw.contains('\\') && !re.is_match(raw) {
            return;
        }
        let Ok(v) = serde_json::from_str::<serde_json::Value>(raw) else {
            return;
        };
        let mut found = Vec::new();
        walk(&v, &mut String::new(), re, &mut found);
        for (field, excerpt) in found {
            out.push(RawMatch {
                index: u32::try_from(i).unwrap_or(u32::MAX),
                field,
                excerpt,
            });
        }
    };
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            if let Ok(s) = std::str::from_utf8(line) {
                record(i, s);
            }
        }
    } else {
        let mut raws = Vec::new();
        let _ = json_stream::stream_records(bytes, &mut |i, raw| raws.push((i, raw.get())));
        for (i, raw) in raws {
            record(i, raw);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_written_with_escapes_are_found_without_parsing_every_record() {
        let re = Regex::new("(?i)européennes").expect("regex");
        let json = r#"[{"id": "1", "b": "Europ\u00e9ennes"}, {"id": "2", "b": "rien"}, {"id": "3", "b": "européennes"}]"#;
        let found = scan_file(Format::MetaJson, "p.json", json.as_bytes(), &re, true);
        let at: Vec<u32> = found.iter().map(|m| m.index).collect();
        assert_eq!(at, [0, 2]);
        // Anchored regexes see each string whole, never the record's text.
        let anchored = Regex::new("^rien$").expect("regex");
        let found = scan_file(
            Format::MetaJson,
            "p.json",
            json.as_bytes(),
            &anchored,
            false,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].index, 1);
    }

    #[test]
    fn excerpts_are_cut_at_characters_and_read_on_one_line() {
        let text = format!(
            "{}élections\n\neuropéennes   du 26 mai{}",
            "é".repeat(40),
            "à".repeat(40)
        );
        let at = text.find("européennes").expect("present");
        let e = excerpt(&text, at, at + "européennes".len());
        assert!(e.starts_with('…') && e.ends_with('…'), "{e}");
        assert!(e.contains("élections européennes du 26 mai"), "{e}");
        assert_eq!(excerpt("Europe", 0, 6), "Europe");
        assert_eq!(excerpt("", 0, 0), "");
    }

    #[test]
    fn json_matches_carry_their_pointer_and_csv_matches_their_column() {
        let re = Regex::new("(?i)europe").expect("regex");
        let json = br#"{"data": [{"id": "1", "ad_creative_bodies": ["x", "Pour l'Europe"]}, {"id": "2"}]}"#;
        let found = scan_file(Format::MetaJson, "p.json", json, &re, true);
        assert_eq!(
            found,
            [RawMatch {
                index: 0,
                field: "/ad_creative_bodies/1".into(),
                excerpt: "Pour l'Europe".into()
            }]
        );
        let csv = "Ad_ID,Ad_Text\nCR1,rien\nCR2,Europe unie\n";
        let found = scan_file(Format::GoogleCsv, "c.csv", csv.as_bytes(), &re, true);
        assert_eq!((found[0].index, found[0].field.as_str()), (3, "Ad_Text"));
    }
}
