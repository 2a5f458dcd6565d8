//! `/wiki`: encyclopedia lookup.

use super::{CommandDef, CommandError};

/// The corpus, loaded on first use.
#[derive(Default)]
pub(crate) struct Data {}

pub(crate) const COMMAND: CommandDef = CommandDef {
    name: "wiki",
    usage: &[(
        "/wiki <term>",
        "the encyclopedia's entry: title, summary, link",
    )],
    summary: "The encyclopedia of counter-manipulation practices, tools and actors.",
    run: |_, _| Err(CommandError::new("not yet")),
};
