//! How bad a diagnostic is. Its own module because both the rule table ([`crate::rules`], each
//! rule's default severity) and the diagnostics ([`crate::diagnostic`]) use it.

use serde::{Deserialize, Serialize};

/// How bad a diagnostic is. Any [`Severity::Error`] makes `disinfo encyclopedia check` exit 1.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The entry is wrong and must be fixed before publication.
    Error,
    /// Worth a look; does not fail the check.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}
