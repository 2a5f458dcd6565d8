//! The one lexical primitive both JSON readers share: finding where a run of plain string
//! text ends, eight bytes at a time. The validating scan of whole files and the shallow reader of
//! checked records both spend most of their time inside strings.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Flags the bytes of `w` that end a run of plain string text: a quote, a backslash or a
/// control character. The lowest flagged byte is always a real one (borrows only flag bytes
/// above a real match).
fn string_stops(w: u64) -> u64 {
    let quote = w ^ (ONES * u64::from(b'"'));
    let backslash = w ^ (ONES * u64::from(b'\\'));
    let found_quote = quote.wrapping_sub(ONES) & !quote;
    let found_backslash = backslash.wrapping_sub(ONES) & !backslash;
    let found_control = w.wrapping_sub(ONES * 0x20) & !w;
    (found_quote | found_backslash | found_control) & HIGHS
}

/// The first index at or after `i` holding a quote, a backslash or a control character
/// (`b.len()` when there is none), eight bytes at a time.
pub fn string_stop(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let stops = string_stops(u64::from_le_bytes(word));
        if stops != 0 {
            return i + (stops.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            return i;
        }
        i += 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_stops_find_the_first_special_byte() {
        for text in [
            "abcdefgh\"",
            "abc\\defghijk",
            "0123456789abcde\u{1}",
            "éàü\"",
            "",
            "plain text without stops at all",
        ] {
            let expected = text
                .bytes()
                .position(|c| c == b'"' || c == b'\\' || c < 0x20)
                .unwrap_or(text.len());
            for from in 0..=expected {
                assert_eq!(
                    string_stop(text.as_bytes(), from),
                    expected,
                    "{text:?} {from}"
                );
            }
        }
    }
}
