//! The commands: what each takes, what it answers, and the help generated from their definitions.
//!
//! A command is a [`CommandDef`]: its name, usage lines, a summary and the function that answers
//! it from a [`Context`] and the text typed after the command. A command never fails with an
//! error: bad input is a [`CommandError`] whose message says what was wrong, and the router adds
//! the command's usage so that the user knows what to type.

pub(crate) mod ads;
pub(crate) mod bots;
pub(crate) mod scale;
pub(crate) mod terms;
pub(crate) mod wiki;

use crate::config::Config;
use crate::links::Links;
use crate::request::SlashCommand;
use crate::response::Reply;

/// What a command sees: the configuration, the data it reads, the link maker and the request.
pub struct Context<'a> {
    /// The service's configuration.
    pub config: &'a Config,
    /// The data sources, loaded on first use.
    pub data: &'a Data,
    /// Signed links to the service's pages.
    pub links: &'a Links,
    /// The request (user, channel, text).
    pub request: &'a SlashCommand,
}

/// A problem with what the user typed (or with the data it names), said plainly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandError(pub String);

impl CommandError {
    /// An error with a message.
    pub fn new(message: impl Into<String>) -> CommandError {
        CommandError(message.into())
    }
}

/// A command's definition.
pub struct CommandDef {
    /// Its name (`bots`); typed as `/bots` or `/disinfo bots`.
    pub name: &'static str,
    /// Usage lines, each a way to call it (`/bots <account>`) and what it does.
    pub usage: &'static [(&'static str, &'static str)],
    /// One line: what it is for.
    pub summary: &'static str,
    /// Answers it from the text after the command.
    pub run: fn(&Context<'_>, &str) -> Result<Reply, CommandError>,
}

impl std::fmt::Debug for CommandDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CommandDef")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Every command, in help order.
pub const COMMANDS: &[&CommandDef] = &[
    &terms::COMMAND,
    &bots::COMMAND,
    &ads::COMMAND,
    &wiki::COMMAND,
    &scale::COMMAND,
    &HELP,
];

/// Command names, in help order.
pub const NAMES: &[&str] = &["terms", "bots", "ads", "wiki", "scale", "help"];

/// The data every command reads, each source loaded on first use and kept.
#[derive(Default)]
pub struct Data {
    pub(crate) terms: terms::Data,
    pub(crate) bots: bots::Data,
    pub(crate) ads: ads::Data,
    pub(crate) wiki: wiki::Data,
    pub(crate) scale: scale::Data,
}

/// The definition of `name`.
pub fn find(name: &str) -> Option<&'static CommandDef> {
    COMMANDS.iter().copied().find(|c| c.name == name)
}

/// `/help`: generated from the definitions.
pub const HELP: CommandDef = CommandDef {
    name: "help",
    usage: &[("/help", "what each command does and how to type it")],
    summary: "The commands and how to type them.",
    run: |_, text| {
        if !text.trim().is_empty()
            && let Some(command) = find(text.trim().trim_start_matches('/'))
        {
            return Ok(Reply::ephemeral(usage_text(command)));
        }
        Ok(Reply::ephemeral(help_text()))
    },
};

/// The whole help text.
pub fn help_text() -> String {
    let mut out = String::from("**disinfo commands**\n");
    for command in COMMANDS {
        out.push_str(&format!("\n**/{}** — {}\n", command.name, command.summary));
        for (line, what) in command.usage {
            out.push_str(&format!("- `{line}`: {what}\n"));
        }
    }
    out
}

/// The usage lines of one command.
pub fn usage_text(command: &CommandDef) -> String {
    let mut out = format!("**/{}** — {}\n", command.name, command.summary);
    for (line, what) in command.usage {
        out.push_str(&format!("- `{line}`: {what}\n"));
    }
    out
}

/// A page the service serves (a chart, a diff, a full result).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Its content type (`image/png`, `text/html; charset=utf-8`).
    pub content_type: &'static str,
    /// Its bytes.
    pub body: Vec<u8>,
}

/// Why a page cannot be served: a 4xx status and a plain message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageError {
    /// 400, 403 or 404.
    pub status: u16,
    /// What was wrong.
    pub message: String,
}

impl PageError {
    /// A page error.
    pub fn new(status: u16, message: impl Into<String>) -> PageError {
        PageError {
            status,
            message: message.into(),
        }
    }
}

/// What a page sees: the configuration, the data and the link maker.
pub struct PageContext<'a> {
    /// The service's configuration.
    pub config: &'a Config,
    /// The data sources.
    pub data: &'a Data,
    /// Signed links.
    pub links: &'a Links,
}

/// A page's renderer, from the link's parameters (already checked against its signature).
pub type PageFn = fn(&PageContext<'_>, &[(&str, &str)]) -> Result<Page, PageError>;

/// Every page, by name.
pub const PAGES: &[(&str, PageFn)] = &[
    ("diff.html", terms::diff_page),
    ("chart.png", bots::chart_page),
];

/// A card listing a source that is not configured.
pub(crate) fn not_configured(section: &str, command: &str) -> CommandError {
    CommandError::new(format!(
        "/{command} is not set up on this service (its configuration has no [{section}] section)"
    ))
}

/// The words of a command text (whitespace-separated).
pub(crate) fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// A reply as plain text (used by the `full.txt` page to print any reply as text).
pub(crate) fn plain(reply: &Reply) -> String {
    let mut out = reply.text.clone();
    for card in &reply.cards {
        out.push_str("\n\n");
        out.push_str(&card.plain());
    }
    out.push('\n');
    out
}
