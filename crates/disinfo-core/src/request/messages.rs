//! serde's error messages, rewritten for the caller: which option, in their spelling, and what
//! is accepted in words.
//!
//! serde's `de::Error` messages have had the same shapes for years (`invalid type: boolean
//! `true`, expected f64`, `missing field `x``, `unknown variant `x`, expected one of ...`); the
//! shapes that are not recognised are passed on unchanged.

use serde_json::Value;

use super::normalise::Renames;
use crate::InvalidArgument;
use crate::suggest::did_you_mean;

/// The error for a serde failure at a path of the normalised value.
pub fn from_serde(
    err: &serde_path_to_error::Error<serde_json::Error>,
    name: &str,
    is_options: bool,
    renames: &Renames,
) -> InvalidArgument {
    let normalised = path_string(err.path());
    let mut path = renames.caller_path(&normalised);
    let inner = err.inner().to_string();
    let message = if let Some(field) = between(&inner, "missing field `", "`") {
        path = join(&path, field);
        "is required".to_owned()
    } else {
        rewrite(&inner)
    };
    let name = match (is_options, path.is_empty()) {
        (true, true) => name.to_owned(),
        (true, false) => path,
        (false, _) => join(name, &path),
    };
    InvalidArgument::new(name, message)
}

fn join(prefix: &str, rest: &str) -> String {
    match (prefix.is_empty(), rest.is_empty()) {
        (true, _) => rest.to_owned(),
        (_, true) => prefix.to_owned(),
        _ if rest.starts_with('[') => format!("{prefix}{rest}"),
        _ => format!("{prefix}.{rest}"),
    }
}

/// `params.eps`, `inputs[0]`, or empty for the root.
fn path_string(path: &serde_path_to_error::Path) -> String {
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            serde_path_to_error::Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            serde_path_to_error::Segment::Map { key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {}
        }
    }
    out
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(start)?;
    rest.find(end).map(|i| &rest[..i])
}

/// serde's message in words a caller understands.
fn rewrite(message: &str) -> String {
    for kind in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(kind)
            && let Some((found, expected)) = rest.split_once(", expected ")
        {
            return format!(
                "must be {}, found {}",
                expected_words(expected),
                found_words(found)
            );
        }
    }
    if let Some(variant) = between(message, "unknown variant `", "`") {
        let accepted = accepted_variants(message);
        let mut out = format!("unknown value `{}`", crate::error::shorten(variant));
        if let Some(s) = did_you_mean(variant, accepted.iter().map(String::as_str)) {
            out.push_str(&format!("; did you mean `{s}`?"));
        }
        if !accepted.is_empty() {
            let list: Vec<String> = accepted.iter().map(|a| format!("`{a}`")).collect();
            out.push_str(&format!("; accepted: {}", list.join(", ")));
        }
        return out;
    }
    message.to_owned()
}

/// The names listed by serde after "expected" in an unknown-variant message.
fn accepted_variants(message: &str) -> Vec<String> {
    let Some((_, expected)) = message.split_once(", expected ") else {
        return Vec::new();
    };
    expected
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_owned())
        .collect()
}

fn expected_words(expected: &str) -> String {
    match expected.trim() {
        "f64" | "f32" => "a number".into(),
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a non-negative integer".into(),
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "an integer".into(),
        "a boolean" | "bool" => "true or false".into(),
        "a sequence" => "a list".into(),
        "a map" => "an object".into(),
        "unit" => "null".into(),
        "a borrowed string" | "a string" | "a character" => "a string".into(),
        other if other.starts_with("struct ") => "an object".into(),
        other if other.starts_with("tuple") => "a list".into(),
        other => other.to_owned(),
    }
}

fn found_words(found: &str) -> String {
    let found = found.trim();
    for (prefix, keep_quotes) in [
        ("boolean ", false),
        ("integer ", false),
        ("floating point ", false),
    ] {
        if let Some(v) = found.strip_prefix(prefix) {
            let v = v.trim_matches('`');
            return if keep_quotes {
                format!("`{v}`")
            } else {
                v.to_owned()
            };
        }
    }
    if let Some(s) = found.strip_prefix("string ") {
        return format!("the string {s}");
    }
    match found {
        "sequence" => "a list".into(),
        "map" => "an object".into(),
        "unit value" | "null" => "null".into(),
        other => other.to_owned(),
    }
}

/// A value described for a message: `a string`, `a list`, `42`.
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(_) => "a string".into(),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_errors_are_said_in_words() {
        assert_eq!(
            rewrite("invalid type: boolean `true`, expected f64"),
            "must be a number, found true"
        );
        assert_eq!(
            rewrite("invalid value: integer `-1`, expected u32"),
            "must be a non-negative integer, found -1"
        );
        assert_eq!(
            rewrite("invalid type: string \"abc\", expected f64"),
            "must be a number, found the string \"abc\""
        );
        assert_eq!(
            rewrite("invalid type: integer `42`, expected a sequence"),
            "must be a list, found 42"
        );
    }

    #[test]
    fn unknown_variants_get_a_suggestion_and_the_list() {
        assert_eq!(
            rewrite("unknown variant `co-repst`, expected one of `co-repost`, `co-link`"),
            "unknown value `co-repst`; did you mean `co-repost`?; accepted: `co-repost`, `co-link`"
        );
        assert_eq!(
            rewrite("unknown variant `zzz`, expected `a` or `b`"),
            "unknown value `zzz`; accepted: `a`, `b`"
        );
    }

    #[test]
    fn unrecognised_messages_pass_unchanged() {
        assert_eq!(rewrite("something else"), "something else");
    }
}
