//! Open Terms Archive's repository layout and commit messages, as its engine writes them
//! (`src/archivist/recorder/repositories/git/dataMapper.js` and `record.js` of
//! `OpenTermsArchive/engine`).
//!
//! - file: `<service id>/<terms type>.<ext>` (`.md` for versions, `.html`/`.pdf` for snapshots);
//! - subject: `First record of <service> <terms type>` for the first record,
//!   `Record new changes of ...` for an update, `Apply technical or declaration upgrade on ...`
//!   for a re-extraction without a change at the source (older engines wrote `Start tracking`,
//!   `Update` and `Refilter`);
//! - body of a version: `This version was recorded after extracting from snapshot <id>`, or for
//!   several source documents `This version was recorded after extracting from and assembling the
//!   following snapshots from N source documents:` and one `- <id>` line each;
//! - author and committer date: the fetch date of the snapshot.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// Subject prefix of a first record.
pub const FIRST_RECORD: &str = "First record of";
/// Subject prefix of a recorded change.
pub const UPDATE: &str = "Record new changes of";
/// Subject prefix of a re-extraction without change at the source.
pub const TECHNICAL_UPGRADE: &str = "Apply technical or declaration upgrade on";
/// The marker replaced by a snapshot id in a snapshot identifier template.
pub const SNAPSHOT_ID_MARKER: &str = "%SNAPSHOT_ID";

static SNAPSHOT_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[0-9a-f]{5,40}\b").expect("valid constant regex"));

/// Why a record was written.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// The first record of these terms.
    FirstRecord,
    /// A change at the source.
    Update,
    /// A re-extraction (new declaration or engine), not a change at the source.
    TechnicalUpgrade,
}

impl RecordKind {
    /// The subject prefix OTA writes for this kind.
    pub fn prefix(self) -> &'static str {
        match self {
            RecordKind::FirstRecord => FIRST_RECORD,
            RecordKind::Update => UPDATE,
            RecordKind::TechnicalUpgrade => TECHNICAL_UPGRADE,
        }
    }

    /// The kind of a commit from its message, or `None` for commits that are not records
    /// (README, licence, ...), as OTA's engine decides.
    pub fn from_message(message: &str) -> Option<RecordKind> {
        if message.starts_with(FIRST_RECORD) || message.starts_with("Start tracking") {
            Some(RecordKind::FirstRecord)
        } else if message.starts_with(TECHNICAL_UPGRADE) || message.starts_with("Refilter") {
            Some(RecordKind::TechnicalUpgrade)
        } else if message.starts_with(UPDATE) || message.starts_with("Update") {
            Some(RecordKind::Update)
        } else {
            None
        }
    }
}

/// The path of a record in the repository.
pub fn file_path(service: &str, terms_type: &str, extension: &str) -> String {
    format!("{service}/{terms_type}.{extension}")
}

/// The commit message of a record, as git stores it (OTA passes it to `git commit -m`, which
/// collapses the empty lines it leaves when there is no document id).
pub fn commit_message(
    kind: RecordKind,
    service: &str,
    terms_type: &str,
    snapshot_ids: &[String],
    snapshot_id_template: &str,
) -> String {
    let subject = format!("{} {service} {terms_type}", kind.prefix());
    let id = |s: &String| snapshot_id_template.replace(SNAPSHOT_ID_MARKER, s);
    match snapshot_ids {
        [] => format!("{subject}\n"),
        [one] => format!(
            "{subject}\n\nThis version was recorded after extracting from snapshot {}\n",
            id(one)
        ),
        many => {
            let list: Vec<String> = many.iter().map(|s| format!("- {}", id(s))).collect();
            format!(
                "{subject}\n\nThis version was recorded after extracting from and assembling the following snapshots from {} source documents:\n{}\n",
                many.len(),
                list.join("\n")
            )
        }
    }
}

/// `message` (as [`commit_message`] returns it) followed by a trailer paragraph, one `Key: value`
/// line per trailer, as OTA's engine appends its `X-engine-version` trailer; `message` unchanged
/// when there are none.
pub fn with_trailers(message: String, trailers: &[(&str, &str)]) -> String {
    if trailers.is_empty() {
        return message;
    }
    let mut out = message;
    out.push('\n');
    for (key, value) in trailers {
        out.push_str(&format!("{key}: {value}\n"));
    }
    out
}

/// The snapshot ids named in the body of a version's commit message.
pub fn snapshot_ids(message: &str) -> Vec<String> {
    let body = message.split_once('\n').map_or("", |(_, b)| b);
    SNAPSHOT_ID
        .find_iter(body)
        .map(|m| m.as_str().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_match_the_engine_formats() {
        let m = commit_message(
            RecordKind::Update,
            "GitHub",
            "Terms of Service",
            &["0b7dd1cb".into()],
            "https://github.com/OpenTermsArchive/demo-snapshots/commit/%SNAPSHOT_ID",
        );
        assert_eq!(
            m,
            "Record new changes of GitHub Terms of Service\n\nThis version was recorded after extracting from snapshot https://github.com/OpenTermsArchive/demo-snapshots/commit/0b7dd1cb\n"
        );
        assert_eq!(snapshot_ids(&m), ["0b7dd1cb"]);
        assert_eq!(RecordKind::from_message(&m), Some(RecordKind::Update));
        assert_eq!(
            commit_message(RecordKind::FirstRecord, "A", "Imprint", &[], "%SNAPSHOT_ID"),
            "First record of A Imprint\n"
        );
        assert_eq!(
            RecordKind::from_message("Refilter A Imprint"),
            Some(RecordKind::TechnicalUpgrade)
        );
        assert_eq!(RecordKind::from_message("Add README"), None);
    }

    #[test]
    fn trailers_follow_the_body_as_in_demo_versions() {
        let m = commit_message(
            RecordKind::Update,
            "UptimeRobot",
            "Terms of Service",
            &["fcca462ee32d6cd133efbfc7da1d1b829dc61950".into()],
            "https://github.com/OpenTermsArchive/demo-snapshots/commit/%SNAPSHOT_ID",
        );
        assert_eq!(
            with_trailers(m, &[("X-engine-version", "14.0.0")]),
            "Record new changes of UptimeRobot Terms of Service\n\nThis version was recorded after extracting from snapshot https://github.com/OpenTermsArchive/demo-snapshots/commit/fcca462ee32d6cd133efbfc7da1d1b829dc61950\n\nX-engine-version: 14.0.0\n"
        );
        assert_eq!(with_trailers("A\n".into(), &[]), "A\n");
    }
}
