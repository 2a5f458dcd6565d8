//! HTML → Markdown in two flavours.
//!
//! - [`Flavor::Ota`]: byte for byte what Open Terms Archive's engine writes (turndown 7 with its
//!   default options, `joplin-turndown-plugin-gfm`, and OTA's link rule). The rules are ported
//!   from turndown's documented behaviour, not copied.
//! - [`Flavor::Canonical`]: our stable form. Differences from `ota`, all deliberate:
//!   1. ATX headings (`# Title`, `## Title`) instead of setext underlines;
//!   2. `<br>` is a plain newline (no trailing double space);
//!   3. table cells never contain `<br>`: line breaks and paragraphs in a cell become single spaces;
//!   4. ordered lists count only `li` siblings, and a missing or non-numeric `start` counts from 1
//!      (OTA counts every element child and prints `NaN.` for `start="x"`);
//!   5. the text is Unicode NFC, no-break and other Unicode spaces become plain spaces, trailing
//!      spaces are removed from every line, and runs of blank lines become one blank line;
//!   6. before rendering, the extraction drops `noscript`, `template`, `svg`, form controls
//!      (`button`, `select`, `input`, `textarea`, `option`) and hidden elements (`hidden`,
//!      `aria-hidden="true"`, inline `display:none`), makes image URLs absolute and removes the
//!      tracking parameters of [`crate::extract::DEFAULT_TRACKING_PARAMS`] from link and image URLs
//!      (see [`crate::extract`]).

pub mod collapse;
pub mod fragment;
pub mod info;
pub mod render;
pub mod rules;
mod table;
pub mod text;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use fragment::Fragment;
use rules::{Rules, Style};

/// Which Markdown to write.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Flavor {
    /// Byte-identical to Open Terms Archive's engine.
    #[default]
    Ota,
    /// Our cleaner, stable form (see the module docs for every difference).
    Canonical,
}

impl Flavor {
    /// Parses `ota` or `canonical`.
    pub fn parse(name: &str) -> crate::Result<Flavor> {
        match name {
            "ota" => Ok(Flavor::Ota),
            "canonical" => Ok(Flavor::Canonical),
            other => Err(crate::Error::arg(
                "flavor",
                format!("unknown flavor \"{other}\"; use \"ota\" or \"canonical\""),
            )),
        }
    }

    /// The flavour's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Flavor::Ota => "ota",
            Flavor::Canonical => "canonical",
        }
    }
}

/// Converts a fragment to Markdown (the fragment is whitespace-collapsed in place first).
pub fn to_markdown(fragment: &mut Fragment, flavor: Flavor) -> String {
    collapse::collapse_whitespace(fragment, Fragment::ROOT);
    let style = match flavor {
        Flavor::Ota => Style::OTA,
        Flavor::Canonical => Style::CANONICAL,
    };
    let out = Rules::new(fragment, style).convert();
    match flavor {
        Flavor::Ota => out,
        Flavor::Canonical => canonicalize_text(&out),
    }
}

/// The text normalisation of the canonical flavour: NFC, Unicode spaces to plain spaces, no
/// trailing spaces, at most one blank line in a row, no blank lines at the start or end.
pub fn canonicalize_text(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    let mut blank_run = 0;
    for line in nfc.split('\n') {
        let line: String = line
            .chars()
            .map(|c| {
                if c != '\n' && c != '\t' && text::js_ws(c) {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with('\n') {
        out.pop();
    }
    out
}
