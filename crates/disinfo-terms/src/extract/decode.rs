//! Bytes → text: BOM, the MIME type's `charset`, valid UTF-8, a `<meta charset>` in the first
//! 1024 bytes, then statistical detection (chardetng) — the order a browser roughly follows, with
//! UTF-8 first because OTA's snapshots are stored as UTF-8.

use encoding_rs::Encoding;

/// Decodes a snapshot; returns the text and the encoding name used.
pub fn decode(bytes: &[u8], mime_type: Option<&str>) -> (String, &'static str) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc.name());
    }
    if let Some(enc) = mime_type
        .and_then(charset_param)
        .and_then(|l| Encoding::for_label(l.as_bytes()))
    {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return (text.into_owned(), enc.name());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), "UTF-8");
    }
    let enc = meta_charset(bytes).unwrap_or_else(|| {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        detector.guess(None, true)
    });
    // A page declaring UTF-8 that is not valid UTF-8 decodes with replacement characters.
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), enc.name())
}

fn charset_param(mime: &str) -> Option<&str> {
    mime.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"'))
    })
}

/// A `charset` declared in a `<meta>` within the first 1024 bytes.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset=") {
            let value = &tag[c + 8..];
            let value: Vec<u8> = value
                .iter()
                .copied()
                .skip_while(|b| *b == b'"' || *b == b'\'' || *b == b' ')
                .take_while(|b| !matches!(b, b'"' | b'\'' | b' ' | b';' | b'/' | b'>'))
                .collect();
            if let Some(enc) = Encoding::for_label(&value) {
                // A page claiming UTF-16 in ASCII-compatible bytes is really UTF-8 (HTML spec).
                return Some(
                    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                        encoding_rs::UTF_8
                    } else {
                        enc
                    },
                );
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_windows_1252_is_decoded() {
        let bytes =
            b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9</body></html>";
        let (text, enc) = decode(bytes, None);
        assert_eq!(enc, "windows-1252");
        assert!(text.contains("café"));
    }

    #[test]
    fn mime_charset_wins_over_detection() {
        let bytes = b"<p>\xe9t\xe9</p>";
        let (text, enc) = decode(bytes, Some("text/html; charset=ISO-8859-1"));
        assert_eq!(enc, "windows-1252");
        assert_eq!(text, "<p>été</p>");
    }

    #[test]
    fn bom_utf16_is_decoded() {
        let bytes = [0xFF, 0xFE, b'<', 0, b'p', 0, b'>', 0];
        assert_eq!(decode(&bytes, None).0, "<p>");
    }
}
