//! The Rust runner of the cross-language golden cases (see `tests/golden/README.md`).
//!
//! [`run_case`] reads a case folder, runs its setup calls and its call through
//! `disinfo::api::call` (the same registry the Python and Node packages call through) and
//! returns the canonical JSON of the outcome.

pub mod canonical;

use std::path::{Path, PathBuf};

use disinfo::api::Arg;
use serde_json::{Map, Value, json};

/// Where the case folders are.
pub fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../cases")
}

/// The placeholders of a case: its folder, a scratch folder, and the results of its setup
/// calls.
struct Context<'a> {
    dir: &'a Path,
    scratch: &'a Path,
    results: Vec<Value>,
}

/// The repository's root, from a case folder (`tests/golden/cases/<case>`).
const REPO_FROM_CASE: &str = "../../../..";

/// The scratch folders of the cases, from a case folder: the same relative paths in every
/// language, so that results holding them compare equal. Emptied before each case.
const SCRATCH_FROM_CASE: &str = "../../../../target/golden-scratch";

/// Clones a git bundle of the case folder (`dir`) into the scratch folder; returns the clone's
/// path, relative to the case folder.
fn clone_bundle(dir: &Path, bundle: &str, scratch: &Path) -> Result<PathBuf, String> {
    let name = Path::new(bundle)
        .file_stem()
        .map_or_else(|| "repo".into(), |n| n.to_string_lossy().into_owned());
    let dest = scratch.join(name);
    if !dir.join(&dest).exists() {
        let status = std::process::Command::new("git")
            .current_dir(dir)
            .args(["clone", "-q", bundle])
            .arg(&dest)
            .status()
            .map_err(|e| format!("git clone: {e}"))?;
        if !status.success() {
            return Err(format!("git clone {bundle} failed"));
        }
    }
    Ok(dest)
}

/// A value of case.json with its placeholders replaced (see the README): `$text`, `$path`,
/// `$repo`, `$git`, `$tmp`, `$result`. `{"$bytes": f}` is left for [`arg`].
fn resolve(value: &Value, ctx: &Context<'_>) -> Result<Value, String> {
    let path = |p: PathBuf| Ok(Value::String(p.display().to_string()));
    match value {
        // Calls run in the case folder: paths are relative, the same text in every language.
        Value::Object(o) if o.len() == 1 && o.contains_key("$path") => path(PathBuf::from(
            o["$path"].as_str().ok_or("$path takes a file name")?,
        )),
        Value::Object(o) if o.len() == 1 && o.contains_key("$repo") => {
            path(Path::new(REPO_FROM_CASE).join(o["$repo"].as_str().ok_or("$repo takes a path")?))
        }
        Value::Object(o) if o.len() == 1 && o.contains_key("$git") => {
            let bundle = o["$git"].as_str().ok_or("$git takes a bundle name")?;
            path(clone_bundle(ctx.dir, bundle, ctx.scratch)?)
        }
        Value::Object(o) if o.len() == 1 && o.contains_key("$text") => {
            let file = o["$text"].as_str().ok_or("$text takes a file name")?;
            std::fs::read_to_string(ctx.dir.join(file))
                .map(Value::String)
                .map_err(|e| format!("{file}: {e}"))
        }
        Value::Object(o) if o.len() == 1 && o.contains_key("$tmp") => {
            let name = o["$tmp"].as_str().ok_or("$tmp takes a name")?;
            Ok(Value::String(ctx.scratch.join(name).display().to_string()))
        }
        Value::Object(o) if o.len() == 1 && o.contains_key("$result") => {
            let i = o["$result"]
                .as_u64()
                .ok_or("$result takes a setup call index")?;
            usize::try_from(i)
                .ok()
                .and_then(|i| ctx.results.get(i).cloned())
                .ok_or_else(|| format!("no setup result {i}"))
        }
        Value::Object(o) if o.len() == 1 && o.contains_key("$bytes") => Ok(value.clone()),
        Value::Array(items) => items.iter().map(|v| resolve(v, ctx)).collect(),
        Value::Object(o) => o
            .iter()
            .map(|(k, v)| Ok((k.clone(), resolve(v, ctx)?)))
            .collect::<Result<Map<_, _>, String>>()
            .map(Value::Object),
        other => Ok(other.clone()),
    }
}

/// The bytes of a `{"$bytes": f}` value, if it is one.
fn bytes_of(value: &Value, dir: &Path) -> Option<Result<Vec<u8>, String>> {
    let file = value.get("$bytes")?.as_str()?;
    Some(std::fs::read(dir.join(file)).map_err(|e| format!("{file}: {e}")))
}

/// A positional argument: bytes for `{"$bytes": f}`, a list of byte strings for a list of
/// them, JSON otherwise.
fn arg(value: Value, dir: &Path) -> Result<Arg<'static>, String> {
    if let Some(bytes) = bytes_of(&value, dir) {
        return bytes.map(Arg::Bytes);
    }
    if let Value::Array(items) = &value
        && !items.is_empty()
        && items.iter().all(|i| i.get("$bytes").is_some())
    {
        return items
            .iter()
            .filter_map(|i| bytes_of(i, dir))
            .collect::<Result<Vec<_>, _>>()
            .map(Arg::BytesList);
    }
    Ok(Arg::Json(value))
}

/// Runs `f` with the case folder as the working directory.
fn in_folder<T>(dir: &Path, f: impl FnOnce() -> T) -> Result<T, String> {
    let previous = std::env::current_dir().map_err(|e| e.to_string())?;
    std::env::set_current_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let out = f();
    std::env::set_current_dir(previous).map_err(|e| e.to_string())?;
    Ok(out)
}

/// Runs one call of a case: `(operation, args, kwargs)`.
fn call(call: &Value, ctx: &Context<'_>) -> Result<disinfo::Result<Value>, String> {
    let operation = call["call"].as_str().ok_or("`call` is missing")?;
    let args = resolve(&call["args"], ctx)?;
    let args = args
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|a| arg(a, ctx.dir))
        .collect::<Result<Vec<_>, _>>()?;
    let kwargs = resolve(&call["kwargs"], ctx)?;
    let outcome = in_folder(ctx.dir, || {
        disinfo::catch_panic(|| disinfo::api::call(operation, args, kwargs))
    })?;
    Ok(match outcome {
        Ok(out) => Ok(out.to_json().map_err(|e| e.to_string())?),
        Err(e) => Err(e),
    })
}

/// Runs one case folder and returns the canonical JSON of its outcome.
pub fn run_case(dir: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(dir.join("case.json")).map_err(|e| e.to_string())?;
    let case: Value = serde_json::from_str(&text).map_err(|e| format!("case.json: {e}"))?;
    let name = dir
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let scratch = Path::new(SCRATCH_FROM_CASE).join(&name);
    let absolute = dir.join(&scratch);
    if absolute.exists() {
        std::fs::remove_dir_all(&absolute).map_err(|e| format!("{}: {e}", absolute.display()))?;
    }
    std::fs::create_dir_all(&absolute).map_err(|e| format!("{}: {e}", absolute.display()))?;
    let mut ctx = Context {
        dir,
        scratch: &scratch,
        results: Vec::new(),
    };
    for setup in case["setup"].as_array().into_iter().flatten() {
        let result = call(setup, &ctx)?.map_err(|e| format!("setup failed: {e}"))?;
        ctx.results.push(result);
    }
    let wrapped = match call(&case, &ctx)? {
        Ok(result) => json!({ "ok": result }),
        Err(err) => {
            json!({"error": {"code": err.code(), "tool": err.tool(), "message": err.to_string()}})
        }
    };
    canonical::to_canonical(&wrapped)
}
