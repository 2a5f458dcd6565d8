//! `/terms`: the latest recorded change of a service's terms, and diffs between dates.

use super::{CommandDef, CommandError, Page, PageContext, PageError};

/// The versions repository's state, loaded on first use.
#[derive(Default)]
pub(crate) struct Data {}

pub(crate) const COMMAND: CommandDef = CommandDef {
    name: "terms",
    usage: &[
        (
            "/terms <service> [<terms type>]",
            "the latest recorded change",
        ),
        (
            "/terms diff <service> <terms type> <date> <date>",
            "what changed between two dates",
        ),
    ],
    summary: "Platforms' terms of service as Open Terms Archive records them.",
    run: |_, _| Err(CommandError::new("not yet")),
};

pub(crate) fn diff_page(_: &PageContext<'_>, _: &[(&str, &str)]) -> Result<Page, PageError> {
    Err(PageError::new(404, "not yet"))
}
