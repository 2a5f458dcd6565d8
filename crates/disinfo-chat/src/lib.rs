//! The analysts' chat commands for Mattermost and Slack: a pure router with no server in it.
//!
//! A slash command arrives as an HTTP request (headers and a form-encoded body). The [`Router`]
//! verifies it ([`verify`]: Slack's v0 signature or Mattermost's token), reads it ([`request`]),
//! checks who may run the command ([`config::Access`]), runs the command over the disinfo tools
//! ([`commands`]) and answers the JSON the platform reads ([`response`]). The "Send to analysis"
//! button ([`actions`](crate::Router::run)) forwards a card to the qualification channel.
//! Web frameworks embed the router as it is; `disinfo-server` serves it over HTTP.
//!
//! Modules:
//! - [`config`]: the TOML configuration; [`links`]: signed links to charts, diffs, full results.
//! - [`request`], [`verify`]: what arrives and whether it is genuine.
//! - [`commands`]: `/terms`, `/bots`, `/ads`, `/wiki`, `/scale`, `/help`; their pages.
//! - [`response`]: replies and cards, rendered for each platform within its size limits.
//! - [`cards`]: cards made from the tools' reports: the tracker's and the audit's notifications,
//!   posted to an incoming webhook ([`deliver`]), and what `/terms` and `/ads audit` answer.
//! - [`chart`]: the PNG charts answered to `/bots shared`.
//! - [`api`]: the operations exposed to Python and Node (`chat.handle`, ...).
//!
//! ```
//! use disinfo_chat::{Config, Incoming, Platform, Router};
//! use std::path::{Path, PathBuf};
//!
//! let config = Config::from_toml("[mattermost]\ntokens = [\"secret-token\"]\n",
//!                                Path::new("chat.toml"), PathBuf::from("."))?;
//! let router = Router::new(config, Path::new("chat.toml"))?;
//! let body = b"token=secret-token&user_id=u1&command=%2Fhelp&text=".to_vec();
//! let answer = router.handle(None, &Incoming::new([], body), 0);
//! assert_eq!(answer.status, 200);
//! assert_eq!(answer.body["response_type"], "ephemeral");
//! assert!(answer.body["text"].as_str().unwrap().contains("/wiki <term>"));
//!
//! let forged = b"token=guess&user_id=u1&command=%2Fhelp&text=".to_vec();
//! assert_eq!(router.handle(None, &Incoming::new([], forged), 0).status, 401);
//! # Ok::<(), disinfo_chat::Error>(())
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

mod actions;
mod answer;
pub mod api;
pub mod cards;
pub mod chart;
pub mod commands;
pub mod config;
pub mod deliver;
pub mod error;
pub mod links;
pub mod request;
pub mod response;
mod router;
pub mod verify;

/// What this crate can do, as `disinfo info` lists it.
pub const CAPABILITIES: &[&str] = &[
    "slack-signatures",
    "mattermost-tokens",
    "terms",
    "bots",
    "ads",
    "wiki",
    "scale",
    "send-to-analysis",
    "notify",
];

pub use answer::{Delivery, Platform, Response};
pub use config::Config;
pub use error::{Error, Result};
pub use request::{Incoming, SlashCommand};
pub use response::{Card, Reply, Visibility};
pub use router::{Accepted, Router};

/// The README's examples, run as doctests so that what crates.io shows compiles and holds.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
