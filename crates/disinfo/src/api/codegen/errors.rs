//! `docs/errors.md`: every error code, the tools that raise it, and what to do about it; and the
//! user guide's error pages: `docs/src/errors/index.md` and one `docs/src/errors/<code>.md` per
//! code, with an example message taken from the golden cases.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use disinfo_core::error::{CodeDoc, codes};

use super::NOTICE;

/// Every code of every tool (the shared ones first), with the tools that raise it.
pub fn catalogue() -> Vec<(CodeDoc, Vec<&'static str>)> {
    let mut by_code: BTreeMap<&'static str, (CodeDoc, Vec<&'static str>)> = BTreeMap::new();
    let tools: [(&'static str, &'static [CodeDoc]); 5] = [
        ("terms", tool_codes::terms()),
        ("bots", tool_codes::bots()),
        ("ads", tool_codes::ads()),
        ("encyclopedia", tool_codes::encyclopedia()),
        ("chat", tool_codes::chat()),
    ];
    for (tool, list) in tools {
        for c in list {
            by_code
                .entry(c.code)
                .or_insert_with(|| (*c, Vec::new()))
                .1
                .push(tool);
        }
    }
    let mut out: Vec<(CodeDoc, Vec<&'static str>)> = codes::SHARED
        .iter()
        .map(|c| {
            let tools = by_code.remove(c.code).map(|(_, t)| t).unwrap_or_default();
            (*c, tools)
        })
        .collect();
    out.extend(by_code.into_values());
    out
}

mod tool_codes {
    use disinfo_core::error::CodeDoc;

    pub fn terms() -> &'static [CodeDoc] {
        #[cfg(feature = "terms")]
        return disinfo_terms::Error::CODES;
        #[cfg(not(feature = "terms"))]
        return &[];
    }

    pub fn bots() -> &'static [CodeDoc] {
        #[cfg(feature = "bots")]
        return disinfo_bots::Error::CODES;
        #[cfg(not(feature = "bots"))]
        return &[];
    }

    pub fn ads() -> &'static [CodeDoc] {
        #[cfg(feature = "ads")]
        return disinfo_ads::Error::CODES;
        #[cfg(not(feature = "ads"))]
        return &[];
    }

    pub fn encyclopedia() -> &'static [CodeDoc] {
        #[cfg(feature = "encyclopedia")]
        return disinfo_encyclopedia::Error::CODES;
        #[cfg(not(feature = "encyclopedia"))]
        return &[];
    }

    pub fn chat() -> &'static [CodeDoc] {
        #[cfg(feature = "chat")]
        return disinfo_chat::Error::CODES;
        #[cfg(not(feature = "chat"))]
        return &[];
    }
}

/// The Markdown table.
pub fn table() -> String {
    let mut out = String::from("# Error codes\n\n");
    for l in NOTICE.lines() {
        let _ = writeln!(out, "<!-- {l} -->");
    }
    out.push_str(
        "\nEvery error disinfo raises has a stable snake_case code: `err.code` in Python (every error \
         is a `disinfo.DisinfoError`; bad arguments are also `ValueError`s) and in Node (an `Error` \
         whose `code` is the string), `Error::code()` in Rust, `error[code]` on the command line \
         (exit code 2). Codes are never renamed; new failures get new codes. The first four are \
         shared by every tool.\n\n| code | raised by | meaning and what to do |\n|---|---|---|\n",
    );
    for (c, tools) in catalogue() {
        let by = if tools.is_empty() {
            "all (the boundary)".to_owned()
        } else {
            tools.join(", ")
        };
        let _ = writeln!(
            out,
            "| `{}` | {by} | {} |",
            c.code,
            c.meaning.replace('|', "\\|")
        );
    }
    out
}

/// The guide's folder of error pages, relative to the repository root.
pub const GUIDE_DIR: &str = "docs/src/errors";

/// The guide's error pages: the index and one page per code (path relative to the repository
/// root, content).
pub fn guide_pages() -> BTreeMap<String, String> {
    let examples =
        golden_examples(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/cases"));
    let catalogue = catalogue();
    let mut out = BTreeMap::new();
    out.insert(format!("{GUIDE_DIR}/index.md"), guide_index(&catalogue));
    for (doc, tools) in &catalogue {
        out.insert(
            format!("{GUIDE_DIR}/{}.md", doc.code),
            guide_page(doc, tools, examples.get(doc.code)),
        );
    }
    out
}

/// The lines of the guide's `SUMMARY.md` that list the error pages, under the index's entry.
pub fn summary_entries() -> String {
    let mut out = String::from("- [Error codes](errors/index.md)\n");
    for (doc, _) in catalogue() {
        let _ = writeln!(out, "  - [`{0}`](errors/{0}.md)", doc.code);
    }
    out
}

/// A real message of a code and the golden case it comes from.
pub struct Example {
    /// The golden case's folder name.
    pub case: String,
    /// The error message, the same in Rust, Python, Node and the CLI.
    pub message: String,
}

/// The first golden case (by folder name) whose expected result is an error, per code. The
/// golden cases are the messages the three languages are checked to give byte for byte, so an
/// example taken from them cannot drift from what users see. Outside a checkout (a packaged
/// crate) there are none, and the pages say nothing of examples.
pub fn golden_examples(cases: &Path) -> BTreeMap<String, Example> {
    let mut dirs: Vec<_> = std::fs::read_dir(cases)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    dirs.sort();
    let mut out = BTreeMap::new();
    for dir in dirs {
        let Ok(text) = std::fs::read_to_string(dir.join("expected.json")) else {
            continue;
        };
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        let error = &value["error"];
        if let (Some(code), Some(message)) = (error["code"].as_str(), error["message"].as_str()) {
            let case = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.entry(code.to_owned()).or_insert(Example {
                case,
                message: message.to_owned(),
            });
        }
    }
    out
}

fn raised_by(tools: &[&str]) -> String {
    if tools.is_empty() {
        "every tool, at the boundary of the API".to_owned()
    } else {
        tools
            .iter()
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn guide_index(catalogue: &[(CodeDoc, Vec<&'static str>)]) -> String {
    let mut out = String::from("# Error codes\n\n");
    for l in NOTICE.lines() {
        let _ = writeln!(out, "<!-- {l} -->");
    }
    out.push_str(
        "\nEvery error disinfo raises has a stable snake_case code, the same in every language:\n\n\
         - Python: `err.code` (every error is a `disinfo.DisinfoError`, with one subclass per \
         tool; bad arguments are also `ValueError`s);\n\
         - Node: an `Error` whose `code` is the string;\n\
         - Rust: `Error::code()`;\n\
         - command line: `error[code]: message` on stderr, exit status 2.\n\n\
         Codes are never renamed; new failures get new codes. The first four are shared by every \
         tool. Each page says when the error is raised and what to do.\n\n\
         | code | raised by | meaning |\n|---|---|---|\n",
    );
    for (c, tools) in catalogue {
        let first = c.meaning.split(". ").next().unwrap_or(c.meaning);
        let first = first.trim_end_matches('.');
        let _ = writeln!(
            out,
            "| [`{0}`]({0}.md) | {1} | {2}. |",
            c.code,
            raised_by(tools),
            first.replace('|', "\\|")
        );
    }
    out
}

fn python_class(code: &str, tools: &[&str]) -> String {
    if code == codes::INTERNAL {
        return "`disinfo.InternalError`".to_owned();
    }
    let class = |t: &str| {
        let mut c = t.chars();
        c.next()
            .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
            .unwrap_or_default()
    };
    let names: Vec<String> = tools
        .iter()
        .map(|t| {
            if code == codes::INVALID_ARGUMENT {
                format!("`disinfo.{}ValueError`", class(t))
            } else {
                format!("`disinfo.{}Error`", class(t))
            }
        })
        .collect();
    names.join(", ")
}

fn guide_page(doc: &CodeDoc, tools: &[&str], example: Option<&Example>) -> String {
    let code = doc.code;
    let mut out = format!("# `{code}`\n\n");
    for l in NOTICE.lines() {
        let _ = writeln!(out, "<!-- {l} -->");
    }
    let _ = write!(
        out,
        "\n**Raised by:** {}.\n\n## What it means and what to do\n\n{}\n",
        raised_by(tools),
        doc.meaning
    );
    if let Some(e) = example {
        let _ = write!(
            out,
            "\n## Example\n\nThe message of the golden case `{}` (`tests/golden/cases/{}/`), the same \
             in Rust, Python, Node and on the command line:\n\n```text\n{}\n```\n",
            e.case, e.case, e.message
        );
    }
    let _ = write!(
        out,
        "\n## How it shows\n\n\
         | where | how |\n|---|---|\n\
         | Python | {} with `err.code == \"{code}\"` |\n\
         | Node | an `Error` with `err.code === '{code}'` |\n\
         | Rust | `disinfo::Error` with `err.code() == \"{code}\"` |\n\
         | command line | `error[{code}]: …` on stderr, exit status 2 |\n\n\
         All codes: [Error codes](index.md).\n",
        python_class(code, tools)
    );
    out
}
