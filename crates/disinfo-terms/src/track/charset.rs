//! Decoding fetched bytes to text: the charset from the `Content-Type` header, else a byte order
//! mark, else an HTML `<meta charset>` in the first 1024 bytes, else UTF-8 when valid, else the
//! guess of `chardetng` (the detector Firefox uses).

use std::sync::LazyLock;

use encoding_rs::Encoding;
use regex::bytes::Regex;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#)
        .expect("valid constant regex")
});

/// The `charset` parameter of a `Content-Type` value.
pub(crate) fn header_charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']))
    })
}

/// Decodes `bytes`; returns the text and the name of the encoding used.
pub(crate) fn decode(bytes: &[u8], content_type: &str) -> (String, &'static str) {
    let encoding = header_charset(content_type)
        .and_then(|label| Encoding::for_label(label.as_bytes()))
        .or_else(|| Encoding::for_bom(bytes).map(|(e, _)| e))
        .or_else(|| {
            let head = &bytes[..bytes.len().min(1024)];
            META_CHARSET
                .captures(head)
                .and_then(|c| c.get(1))
                .and_then(|m| Encoding::for_label(m.as_bytes()))
        })
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                encoding_rs::UTF_8
            } else {
                let mut detector = chardetng::EncodingDetector::new();
                detector.feed(bytes, true);
                detector.guess(None, true)
            }
        });
    // A page that declares UTF-16 in a meta tag but is ASCII-compatible is really UTF-8 (WHATWG).
    let encoding = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        if Encoding::for_bom(bytes).is_some() {
            encoding
        } else {
            encoding_rs::UTF_8
        }
    } else {
        encoding
    };
    let (text, used, _had_errors) = encoding.decode(bytes);
    (text.into_owned(), used.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_charset_wins() {
        let (text, name) = decode(b"caf\xe9", "text/html; charset=ISO-8859-1");
        assert_eq!((text.as_str(), name), ("café", "windows-1252"));
    }

    #[test]
    fn meta_charset_is_read_when_header_has_none() {
        let page =
            b"<html><head><meta charset=\"windows-1252\"></head><body>\x93quoted\x94</body></html>";
        let (text, name) = decode(page, "text/html");
        assert_eq!(name, "windows-1252");
        assert!(text.contains("\u{201C}quoted\u{201D}"));
    }

    #[test]
    fn utf8_without_declaration_and_detection_fallback() {
        assert_eq!(decode("é".as_bytes(), "").1, "UTF-8");
        let latin = "Les données personnelles sont traitées conformément à la loi française.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(latin);
        let (text, _) = decode(&bytes, "");
        assert_eq!(text, latin);
    }

    #[test]
    fn bom_selects_utf16() {
        let (text, name) = decode(b"\xff\xfeh\x00i\x00", "text/plain");
        assert_eq!((text.as_str(), name), ("hi", "UTF-16LE"));
    }
}
