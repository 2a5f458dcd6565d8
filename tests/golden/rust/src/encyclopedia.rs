//! Dispatch of the `encyclopedia.*` golden calls.

use serde_json::{Map, Value};

use crate::{Call, Outcome, to_value};

/// Runs `encyclopedia.<function>`; `None` when there is no such function.
pub fn call(function: &str, call: &Call<'_>) -> Option<Result<Outcome, String>> {
    Some(match function {
        "check_files" => check_files(call),
        "migrate_pages" => migrate_pages(call),
        "rules" => to_value(&disinfo::encyclopedia::rules::RULES).map(Ok),
        _ => return None,
    })
}

fn files_arg(call: &Call<'_>) -> Result<Vec<disinfo::encyclopedia::SourceFile>, String> {
    let files = call
        .args
        .first()
        .and_then(Value::as_object)
        .ok_or("argument 0 must map paths to texts")?;
    files
        .iter()
        .map(|(path, text)| {
            let text = text
                .as_str()
                .ok_or_else(|| format!("{path}: text expected"))?;
            Ok(disinfo::encyclopedia::SourceFile {
                path: path.clone(),
                bytes: text.as_bytes().to_vec(),
            })
        })
        .collect()
}

fn check_files(call: &Call<'_>) -> Result<Outcome, String> {
    let files = files_arg(call)?;
    let options: Result<disinfo::encyclopedia::CheckOptions, _> =
        serde_json::from_value(Value::Object(call.kwargs.clone()));
    let options = match options {
        Ok(o) => o,
        Err(e) => {
            return Ok(Err(disinfo::encyclopedia::Error::InvalidArgument {
                name: "options".into(),
                message: e.to_string(),
            }
            .into()));
        }
    };
    Ok(disinfo::encyclopedia::check_files(&files, &options)
        .map_err(disinfo::Error::from)
        .and_then(|r| {
            serde_json::to_value(r).map_err(|e| disinfo::Error::Internal {
                message: e.to_string(),
            })
        }))
}

fn migrate_pages(call: &Call<'_>) -> Result<Outcome, String> {
    let pages = files_arg(call)?;
    let created = call.str_arg(1)?;
    Ok(disinfo::encyclopedia::migrate_pages(&pages, created)
        .map_err(disinfo::Error::from)
        .map(|(files, report)| {
            let files: Map<String, Value> = files
                .into_iter()
                .map(|f| {
                    (
                        f.path,
                        Value::String(String::from_utf8_lossy(&f.bytes).into_owned()),
                    )
                })
                .collect();
            serde_json::json!({ "files": files, "report": report })
        }))
}
