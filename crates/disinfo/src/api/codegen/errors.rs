//! `docs/errors.md`: every error code, the tools that raise it, and what to do about it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

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
