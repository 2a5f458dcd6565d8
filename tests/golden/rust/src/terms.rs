//! Dispatch of the `terms.*` golden calls.

use crate::{Call, Outcome};

/// Runs `terms.<function>`; `None` when there is no such function.
pub fn call(function: &str, call: &Call<'_>) -> Option<Result<Outcome, String>> {
    match function {
        // --- issue 4: diffs ---
        "diff" | "diff_render" => Some(diff_call(function, call)),
        _ => None,
    }
}

// --- issue 4: diffs ---
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
