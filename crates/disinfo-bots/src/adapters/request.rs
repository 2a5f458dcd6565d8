//! How a caller asks for inputs to be read: the options shared by every operation that reads
//! files (`mode`, `observed_at`, `compat`).

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Compat, InputFormat, Mode, ReadOptions};

/// How the inputs are read.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct ReadRequestOptions {
    /// `strict` (fail on the first bad record, code `malformed_record` with its line, the
    /// default) or `lenient` (collect rejections in `read.rejected` and go on).
    pub mode: Mode,
    /// Observation time (RFC 3339) for profiles that carry none (standalone user objects,
    /// Bluesky profile views, TikTok user info).
    pub observed_at: Option<DateTime<Utc>>,
    /// Another tool's reading, for parity checks: `none` (default) or `qut-1.5.2` (QUT `urls`
    /// cells split on single spaces as that toolkit does, so that its list text `['a', 'b']`
    /// gives the "links" `['a',` and `'b']`; by default list text is parsed).
    pub compat: Compat,
}

impl ReadRequestOptions {
    /// The adapters' options for a format.
    pub fn read_options_for(&self, format: InputFormat) -> ReadOptions {
        ReadOptions {
            mode: self.mode,
            observed_at: self.observed_at,
            compat: self.compat,
            ..ReadOptions::new(format)
        }
    }
}
