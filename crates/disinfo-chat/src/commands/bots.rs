//! `/bots`: an account's features and rule verdicts; the accounts that shared an item.

use super::{CommandDef, CommandError, Page, PageContext, PageError};

/// The datasets, loaded on first use.
#[derive(Default)]
pub(crate) struct Data {}

pub(crate) const COMMAND: CommandDef = CommandDef {
    name: "bots",
    usage: &[
        ("/bots <account>", "an account's features and rule verdicts"),
        (
            "/bots shared <URL | #hashtag | post id>",
            "the accounts that shared it, their coordination network and a chart",
        ),
    ],
    summary: "Automated and coordinated accounts.",
    run: |_, _| Err(CommandError::new("not yet")),
};

pub(crate) fn chart_page(_: &PageContext<'_>, _: &[(&str, &str)]) -> Result<Page, PageError> {
    Err(PageError::new(404, "not yet"))
}
