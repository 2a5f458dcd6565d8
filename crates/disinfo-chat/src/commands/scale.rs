//! `/scale`: where a share count falls among national media articles.

use super::{CommandDef, CommandError};

/// The reference table, loaded on first use.
#[derive(Default)]
pub(crate) struct Data {}

pub(crate) const COMMAND: CommandDef = CommandDef {
    name: "scale",
    usage: &[(
        "/scale <region> <shares>",
        "the percentile among the region's media articles, and the nearest ones",
    )],
    summary: "A content's reach compared with national media articles.",
    run: |_, _| Err(CommandError::new("not yet")),
};
