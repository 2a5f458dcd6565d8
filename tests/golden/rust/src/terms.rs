//! Dispatch of the `terms.*` golden calls.

use crate::{Call, Outcome};

/// Runs `terms.<function>`; `None` when there is no such function.
pub fn call(function: &str, call: &Call<'_>) -> Option<Result<Outcome, String>> {
    match function {
        // --- extraction and declarations ---
        "extract" => Some(extract_call(call)),
        "parse_declaration" => Some(parse_declaration_call(call)),
        // --- diffs ---
        "diff" | "diff_render" => Some(diff_call(function, call)),
        _ => None,
    }
}

// --- extraction and declarations ---
fn extract_call(call: &Call<'_>) -> Result<Outcome, String> {
    use disinfo::terms::declaration::{Selectors, SourceDocument};
    use disinfo::terms::extract::{ExtractOptions, extract};
    use disinfo::terms::markdown::Flavor;
    let content = call.bytes_arg(0)?;
    let outcome = (|| -> disinfo::Result<serde_json::Value> {
        let location = call
            .kwarg("location")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let select =
            Selectors::from_json(call.kwarg("select").unwrap_or(&serde_json::Value::Null))?;
        let remove = call
            .kwarg("remove")
            .filter(|v| !v.is_null())
            .map(Selectors::from_json)
            .transpose()?;
        let flavor = Flavor::parse(
            call.kwarg("flavor")
                .and_then(|v| v.as_str())
                .unwrap_or("ota"),
        )?;
        let mime = call.kwarg("mime_type").and_then(|v| v.as_str());
        let source = SourceDocument::new(location, select, remove);
        let md = extract(
            &content,
            mime,
            &source,
            &ExtractOptions::with_flavor(flavor),
        )?;
        Ok(serde_json::Value::String(md))
    })();
    Ok(outcome)
}

fn parse_declaration_call(call: &Call<'_>) -> Result<Outcome, String> {
    let text = call.str_arg(0)?;
    let outcome = (|| -> disinfo::Result<serde_json::Value> {
        let file = call
            .kwarg("file")
            .and_then(|v| v.as_str())
            .unwrap_or("<input>");
        let service = disinfo::terms::declaration::ServiceDeclaration::parse(text, file)?;
        serde_json::to_value(&service).map_err(|e| disinfo::Error::Internal {
            message: e.to_string(),
        })
    })();
    Ok(outcome)
}

// --- diffs ---
fn diff_call(function: &str, call: &Call<'_>) -> Result<Outcome, String> {
    use disinfo::terms::diff::{self, DiffOptions, Format, Granularity};
    let (old, new) = (call.str_arg(0)?, call.str_arg(1)?);
    let str_kw = |name: &str, default: &str| -> String {
        call.kwarg(name)
            .and_then(|v| v.as_str())
            .unwrap_or(default)
            .to_owned()
    };
    let outcome = (|| -> disinfo::Result<serde_json::Value> {
        let defaults = DiffOptions::default();
        let options = DiffOptions {
            granularity: str_kw("granularity", "word").parse::<Granularity>()?,
            detect_moves: call
                .kwarg("detect_moves")
                .and_then(|v| v.as_bool())
                .unwrap_or(true),
            old_name: str_kw("old_name", "old"),
            new_name: str_kw("new_name", "new"),
            context_lines: call
                .kwarg("context_lines")
                .and_then(|v| v.as_u64())
                .map_or(defaults.context_lines, |n| n as usize),
        };
        let d = diff::diff(old, new, &options);
        if function == "diff" {
            return serde_json::to_value(&d).map_err(|e| disinfo::Error::Internal {
                message: e.to_string(),
            });
        }
        let format = str_kw("format", "html").parse::<Format>()?;
        Ok(serde_json::Value::String(diff::render(
            &d, old, new, &options, format,
        )))
    })();
    Ok(outcome)
}
