//! Schema validation errors → diagnostics at the span of the offending key or value.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{JsonType, ValidationError};
use serde_json::Value;

use super::{Schema, formats};
use crate::parse::yaml::{Node, NodeKind, escape_pointer};
use crate::suggest::did_you_mean;
use crate::{Diagnostic, Span};

/// What the mapper needs to place a diagnostic.
pub(crate) struct Ctx<'a> {
    pub file: &'a str,
    pub root: &'a Node,
    pub schema: &'a Schema,
    pub kind: Option<&'a str>,
    /// The span of the opening `---` (where root-level missing fields are reported).
    pub doc_span: Span,
}

impl Ctx<'_> {
    /// The span of the value at `pointer` (or of its nearest existing ancestor) and the span of
    /// its key, if it has one.
    fn locate(&self, pointer: &str) -> (Span, Option<Span>) {
        let mut p = pointer;
        loop {
            if let Some((node, key)) = self.root.find(p) {
                if p.is_empty() {
                    return (self.doc_span, None);
                }
                return (node.span, key);
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return (self.doc_span, None),
            }
        }
    }

    fn diag(&self, pointer: &str, rule: &str, message: String) -> Diagnostic {
        let (span, _) = self.locate(pointer);
        Diagnostic::new(self.file, span, pointer, rule, message)
    }

    fn node(&self, pointer: &str) -> Option<&Node> {
        self.root.find(pointer).map(|(n, _)| n)
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "a mapping",
    }
}

fn expected_types(kind: &TypeKind) -> (String, bool) {
    let name = |t: JsonType| match t {
        JsonType::Object => "a mapping".to_owned(),
        JsonType::Array | JsonType::Integer => format!("an {}", t.as_str()),
        JsonType::Null => "null".to_owned(),
        other => format!("a {}", other.as_str()),
    };
    match kind {
        TypeKind::Single(t) => (name(*t), *t == JsonType::String),
        TypeKind::Multiple(set) => {
            let names: Vec<String> = set.iter().map(name).collect();
            (names.join(" or "), set.contains(JsonType::String))
        }
    }
}

fn short(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

/// A slug in the id pattern's shape (`Open Terms Archive` → `open-terms-archive`).
pub(crate) fn slugify(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in s.nfkd().filter(|c| c.is_ascii()) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// Validates one front matter and maps every error to a diagnostic.
pub(crate) fn validate(ctx: &Ctx<'_>, json: &Value) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut suggested_required: Vec<String> = Vec::new();
    if let (Some(allowed), Value::Object(map)) = (ctx.schema.allowed_keys(ctx.kind), json) {
        for key in map.keys() {
            if allowed.contains(key) {
                continue;
            }
            let pointer = format!("/{}", escape_pointer(key));
            let (_, key_span) = ctx.locate(&pointer);
            let suggestion = did_you_mean(key, allowed.iter().map(String::as_str));
            let missing = suggestion
                .as_ref()
                .filter(|s| !map.contains_key(s.as_str()))
                .cloned();
            let kind = ctx
                .kind
                .map(|k| format!(" for kind `{k}`"))
                .unwrap_or_default();
            let mut message = format!("unknown key `{key}`{kind}");
            if let Some(s) = &suggestion {
                message.push_str(&format!("; did you mean `{s}`?"));
            }
            let d = Diagnostic::new(
                ctx.file,
                key_span.unwrap_or(ctx.doc_span),
                &pointer,
                "SC004",
                message,
            )
            .with_suggestion(suggestion);
            out.push(d);
            suggested_required.extend(missing);
        }
    }
    let validator = ctx.schema.validator();
    if !validator.is_valid(json) {
        for error in validator.iter_errors(json) {
            map_error(ctx, &error, &suggested_required, &mut out);
        }
    }
    out.dedup_by(|a, b| a.rule == b.rule && a.pointer == b.pointer && a.message == b.message);
    out
}

/// Maps one validation error to diagnostics (none, when another diagnostic already says it).
fn map_error(
    ctx: &Ctx<'_>,
    error: &ValidationError<'_>,
    suggested: &[String],
    out: &mut Vec<Diagnostic>,
) {
    let pointer = error.instance_path().as_str().to_owned();
    let instance: &Value = error.instance();
    match error.kind() {
        ValidationErrorKind::Required { property } => {
            out.extend(missing_field(ctx, error, &pointer, property, suggested));
        }
        ValidationErrorKind::Type { kind } => out.push(wrong_type(ctx, &pointer, instance, kind)),
        ValidationErrorKind::Enum { options } => {
            out.push(not_an_option(ctx, &pointer, instance, options));
        }
        ValidationErrorKind::Constant { expected_value } => {
            out.push(ctx.diag(
                &pointer,
                "SC003",
                format!(
                    "`{}` is not allowed at `{pointer}`; expected `{}`",
                    short(instance),
                    short(expected_value)
                ),
            ));
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            out.extend(unknown_keys(ctx, &pointer, unexpected));
        }
        ValidationErrorKind::Pattern { pattern } => {
            out.push(pattern_mismatch(ctx, &pointer, instance, pattern));
        }
        ValidationErrorKind::MinLength { limit } | ValidationErrorKind::MaxLength { limit } => {
            let len = instance.as_str().map_or(0, |s| s.chars().count());
            let bound = if matches!(error.kind(), ValidationErrorKind::MinLength { .. }) {
                "at least"
            } else {
                "at most"
            };
            out.push(ctx.diag(
                &pointer,
                "SC006",
                format!("`{pointer}` is {len} character(s) long; {bound} {limit} expected"),
            ));
        }
        ValidationErrorKind::MinItems { limit } | ValidationErrorKind::MaxItems { limit } => {
            let len = instance.as_array().map_or(0, Vec::len);
            let bound = if matches!(error.kind(), ValidationErrorKind::MinItems { .. }) {
                "at least"
            } else {
                "at most"
            };
            out.push(ctx.diag(
                &pointer,
                "SC006",
                format!("`{pointer}` has {len} item(s); {bound} {limit} expected"),
            ));
        }
        ValidationErrorKind::Format { format } => {
            out.push(bad_format(ctx, &pointer, instance, format));
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            // The real cause is in the branch that came closest: the one with the fewest errors.
            if let Some(best) = context
                .iter()
                .filter(|b| !b.is_empty())
                .min_by_key(|b| b.len())
            {
                for e in best {
                    map_error(ctx, e, suggested, out);
                }
            } else {
                out.push(ctx.diag(&pointer, "SC007", error.to_string()));
            }
        }
        _ => out.push(ctx.diag(&pointer, "SC007", format!("`{pointer}`: {error}"))),
    }
}

/// SC001: a required field is missing, reported at the key of the mapping that lacks it (the
/// opening `---` for the root). Nothing when an unknown-key diagnostic already suggested it.
fn missing_field(
    ctx: &Ctx<'_>,
    error: &ValidationError<'_>,
    pointer: &str,
    property: &Value,
    suggested: &[String],
) -> Option<Diagnostic> {
    let name = property
        .as_str()
        .map_or_else(|| property.to_string(), str::to_owned);
    if pointer.is_empty() && suggested.contains(&name) {
        return None; // the unknown-key diagnostic already names the misspelt field
    }
    let child = format!("{pointer}/{}", escape_pointer(&name));
    let (span, key) = if pointer.is_empty() {
        (ctx.doc_span, None)
    } else {
        ctx.locate(pointer)
    };
    let from_kind = error.schema_path().as_str().contains("/then/");
    let kind = match (from_kind, ctx.kind) {
        (true, Some(k)) => format!(" (required for kind `{k}`)"),
        _ => String::new(),
    };
    Some(Diagnostic::new(
        ctx.file,
        key.unwrap_or(span),
        &child,
        "SC001",
        format!("required field `{name}` is missing{kind}"),
    ))
}

/// SC002, or FM005 when a string was expected and YAML read a plain scalar as a boolean or
/// null (`no`, `~`, an empty value): then the fix is quoting, and the diagnostic says so.
fn wrong_type(ctx: &Ctx<'_>, pointer: &str, instance: &Value, kind: &TypeKind) -> Diagnostic {
    let (expected, wants_string) = expected_types(kind);
    if let Some(Node {
        kind:
            NodeKind::Scalar {
                text,
                plain: true,
                value,
            },
        ..
    }) = ctx.node(pointer)
        && wants_string
        && matches!(value, Value::Bool(_) | Value::Null)
    {
        let (what, suggestion) = if text.is_empty() {
            (
                "an empty value is null; write the value or remove the key".to_owned(),
                None,
            )
        } else {
            (
                format!("plain `{text}` is read as {}; quote it", type_name(value)),
                Some(format!("'{text}'")),
            )
        };
        return ctx
            .diag(
                pointer,
                "FM005",
                format!("{what} (`{pointer}` expects a string)"),
            )
            .with_suggestion(suggestion);
    }
    let shown = if pointer.is_empty() {
        "the front matter".to_owned()
    } else {
        format!("`{pointer}`")
    };
    ctx.diag(
        pointer,
        "SC002",
        format!("{shown} must be {expected}, found {}", type_name(instance)),
    )
}

/// SC003: a value outside an enumeration, with the closest allowed value as the suggestion.
fn not_an_option(ctx: &Ctx<'_>, pointer: &str, instance: &Value, options: &Value) -> Diagnostic {
    let opts: Vec<&str> = options
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let suggestion = instance
        .as_str()
        .and_then(|v| did_you_mean(v, opts.iter().copied()));
    ctx.diag(
        pointer,
        "SC003",
        format!(
            "`{}` is not allowed at `{pointer}`; expected one of: {}",
            short(instance),
            opts.join(", ")
        ),
    )
    .with_suggestion(suggestion)
}

/// SC004 for each key a nested mapping does not allow, at the key, with a "did you mean".
fn unknown_keys(ctx: &Ctx<'_>, pointer: &str, unexpected: &[String]) -> Vec<Diagnostic> {
    unexpected
        .iter()
        .map(|key| {
            let child = format!("{pointer}/{}", escape_pointer(key));
            let (value_span, key_span) = ctx.locate(&child);
            let suggestion = did_you_mean(key, ctx.schema.property_names());
            let mut message = format!("unknown key `{key}` in `{pointer}`");
            if let Some(s) = &suggestion {
                message.push_str(&format!("; did you mean `{s}`?"));
            }
            Diagnostic::new(
                ctx.file,
                key_span.unwrap_or(value_span),
                &child,
                "SC004",
                message,
            )
            .with_suggestion(suggestion)
        })
        .collect()
}

/// SC005; for the id pattern (`^[a-z0-9]+...`) the slug of the value is the suggestion.
fn pattern_mismatch(ctx: &Ctx<'_>, pointer: &str, instance: &Value, pattern: &str) -> Diagnostic {
    let value = short(instance);
    let suggestion = instance
        .as_str()
        .map(slugify)
        .filter(|s| !s.is_empty() && *s != value);
    let suggestion = if pattern.starts_with("^[a-z0-9]+") {
        suggestion
    } else {
        None
    };
    ctx.diag(
        pointer,
        "SC005",
        format!("`{value}` at `{pointer}` does not match the pattern `{pattern}`"),
    )
    .with_suggestion(suggestion)
}

/// A value that fails its `format`: dates (SC010), language tags (SC020) and country codes
/// (SC021) have their own rules and suggestions; any other format is SC007.
fn bad_format(ctx: &Ctx<'_>, pointer: &str, instance: &Value, format: &str) -> Diagnostic {
    let value = instance.as_str().unwrap_or_default();
    let (rule, message, suggestion) = match format {
        "date" => (
            "SC010",
            format!("`{value}` at `{pointer}` is not a real calendar date in the form YYYY-MM-DD"),
            formats::date_suggestion(value),
        ),
        "bcp47" => (
            "SC020",
            format!(
                "`{value}` is not a supported BCP 47 language tag (language from the allow-list, optional -Script and -REGION)"
            ),
            formats::bcp47_suggestion(value),
        ),
        "iso3166-1-alpha-2" => (
            "SC021",
            format!("`{value}` is not an ISO 3166-1 alpha-2 country code"),
            formats::country_suggestion(value),
        ),
        other => (
            "SC007",
            format!("`{value}` at `{pointer}` is not a valid `{other}`"),
            None,
        ),
    };
    ctx.diag(pointer, rule, message).with_suggestion(suggestion)
}
