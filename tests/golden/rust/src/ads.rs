//! Dispatch of the `ads.*` golden calls.

use crate::{Call, Outcome};

/// `ads.audit_generated(scenario, seed=..., **audit_options)`: writes the seeded scenario into
/// a fresh temporary folder, audits it, removes the folder. The report holds only collection
/// ids and relative paths, so the folder's name does not show.
fn audit_generated(call: &Call<'_>) -> Result<Outcome, String> {
    let scenario = call.str_arg(0)?;
    let seed = call
        .kwarg("seed")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(2019);
    let mut options = call.kwargs.clone();
    options.remove("seed");
    let dir = std::env::temp_dir().join(format!(
        "disinfo-golden-ads-{}-{scenario}-{seed}",
        std::process::id()
    ));
    let outcome = (|| -> Outcome {
        let options: disinfo::ads::AuditOptions =
            serde_json::from_value(serde_json::Value::Object(options)).map_err(|e| {
                disinfo::ads::Error::InvalidArgument {
                    name: "options".into(),
                    message: e.to_string(),
                }
            })?;
        let dirs = disinfo::ads::synthetic::generate(scenario, &dir, seed, None, None)?;
        let dirs: Vec<&std::path::Path> = dirs.iter().map(|d| d.as_path()).collect();
        let report = disinfo::ads::audit_dirs(&dirs, None, &options, None)?;
        serde_json::to_value(&report).map_err(|e| disinfo::Error::Internal {
            message: e.to_string(),
        })
    })();
    let _ = std::fs::remove_dir_all(&dir);
    Ok(outcome)
}

/// Runs `ads.<function>`; `None` when there is no such function.
pub fn call(function: &str, call: &Call<'_>) -> Option<Result<Outcome, String>> {
    match function {
        "audit_generated" => Some(audit_generated(call)),
        _ => None,
    }
}
