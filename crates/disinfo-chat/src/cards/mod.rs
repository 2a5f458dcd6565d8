//! Cards made from the tools' reports, shared by the commands' answers and the notifications.
//!
//! A notification is the JSON an incoming webhook takes (`{"text": ..., "attachments": [...]}`:
//! Mattermost's format, which Slack's incoming webhooks read too) made from a report, or nothing
//! when there is nothing to say; [`crate::deliver::post`] posts it.
//!
//! - [`track`]: the changes `disinfo terms track` recorded (substantive ones by default).
//! - [`audit`]: the violations `disinfo ads audit` found, and the summary `/ads audit` answers.
//! - `change`: what a change between two versions amounts to (`/terms` and the tracker).

pub mod audit;
pub(crate) mod change;
pub mod track;
