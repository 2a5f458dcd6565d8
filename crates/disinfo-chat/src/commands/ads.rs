//! `/ads`: ads matching a keyword across collections; the latest audit.

use super::{CommandDef, CommandError};

/// The collections, loaded on first use.
#[derive(Default)]
pub(crate) struct Data {}

pub(crate) const COMMAND: CommandDef = CommandDef {
    name: "ads",
    usage: &[
        (
            "/ads <keyword>",
            "matching ads and where each is present or missing",
        ),
        (
            "/ads audit",
            "the latest pair of collections: rates and violations",
        ),
    ],
    summary: "Political-ad archives.",
    run: |_, _| Err(CommandError::new("not yet")),
};
