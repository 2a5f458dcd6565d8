//! Reading an Open Terms Archive snapshots repository: its commits oldest first, the snapshot
//! file each record commit writes, and the trailers OTA's engine adds to the message.
//!
//! OTA's conventions (engine `src/archivist/recorder/repositories/git/` and `archivist/index.js`):
//! - one commit per fetched source document whose bytes changed, dated at the fetch (author and
//!   committer date);
//! - the file `<service id>/<terms type>.<ext>`, or `<service id>/<terms type> #<document id>.<ext>`
//!   when the terms combine several source documents (the id is the path of the document's URL,
//!   segments joined with `-`, see [`document_id`]);
//! - trailers `X-engine-version`, `X-fetcher` and `X-source-document-location` in the last
//!   paragraph of the message (engines of 2025 on; older commits have no trailers at all).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use gix::ObjectId;
use gix::bstr::ByteSlice;

use crate::error::{Error, Result};
use crate::versions::RecordKind;

/// Separator OTA puts between the terms type and the document id in a snapshot file name.
pub const DOCUMENT_ID_SEPARATOR: &str = " #";

/// What a snapshot file name says.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SnapshotFile {
    /// The service id (the folder).
    pub service: String,
    /// The terms type.
    pub terms_type: String,
    /// The source document id, for terms that combine several documents.
    pub document_id: Option<String>,
    /// The extension (`html`, `pdf`, ...), lower case.
    pub extension: String,
}

impl SnapshotFile {
    /// Reads `<service>/<terms type>[ #<document id>].<ext>`; `None` for files outside a service
    /// folder or without an extension.
    pub fn parse(path: &str) -> Option<SnapshotFile> {
        let (service, file) = path.rsplit_once('/')?;
        if service.is_empty() || service.starts_with('.') {
            return None;
        }
        let (stem, extension) = file.rsplit_once('.')?;
        if stem.is_empty() {
            return None;
        }
        let (terms_type, document_id) = match stem.split_once(DOCUMENT_ID_SEPARATOR) {
            Some((t, id)) => (t, Some(id.to_string())),
            None => (stem, None),
        };
        Some(SnapshotFile {
            service: service.to_string(),
            terms_type: terms_type.to_string(),
            document_id,
            extension: extension.to_ascii_lowercase(),
        })
    }

    /// The MIME type OTA's engine gives files of this extension (`None` when unknown: the
    /// extraction then sniffs the content).
    pub fn mime_type(&self) -> Option<&'static str> {
        match self.extension.as_str() {
            "html" | "htm" => Some("text/html"),
            "pdf" => Some("application/pdf"),
            "xhtml" => Some("application/xhtml+xml"),
            "xml" => Some("application/xml"),
            "txt" => Some("text/plain"),
            "json" => Some("application/json"),
            _ => None,
        }
    }
}

/// The id OTA's engine gives a source document (`SourceDocument` constructor): the path of its
/// URL, split on `/`, empty segments dropped, joined with `-`.
pub fn document_id(location: &str) -> String {
    let path = url::Url::parse(location)
        .map(|u| u.path().to_string())
        .unwrap_or_default();
    path.split('/')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The trailers of a snapshot commit that the replay reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trailers {
    /// `X-source-document-location`: the declared URL the snapshot was fetched from.
    pub location: Option<String>,
    /// `X-fetcher`: `htmlOnly` or `fullDom`.
    pub fetcher: Option<String>,
    /// `X-engine-version`.
    pub engine: Option<String>,
    /// True when the message has any trailer (engines that write trailers write all three).
    pub any: bool,
}

/// Parses the trailers of a commit message as OTA's engine does (`trailers.js`): `Key: value`
/// lines of the last paragraph, keys lower-cased; the subject is never a trailer paragraph.
pub fn parse_trailers(message: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let message = message.replace("\r\n", "\n");
    let paragraphs: Vec<&str> = message
        .split("\n\n")
        .map(|p| p.trim_matches('\n'))
        .filter(|p| !p.trim().is_empty())
        .collect();
    let [_, .., last] = paragraphs.as_slice() else {
        return out;
    };
    for line in last.lines() {
        let Some((key, value)) = line.trim().split_once(':') else {
            continue;
        };
        let valid_key = !key.is_empty()
            && key
                .split('-')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
        let value = value.trim();
        if valid_key && !value.is_empty() {
            out.insert(key.to_ascii_lowercase(), value.to_string());
        }
    }
    out
}

impl Trailers {
    /// The trailers the replay reads, from a commit message.
    pub fn from_message(message: &str) -> Trailers {
        let mut all = parse_trailers(message);
        Trailers {
            any: !all.is_empty(),
            location: all.remove("x-source-document-location"),
            fetcher: all.remove("x-fetcher"),
            engine: all.remove("x-engine-version"),
        }
    }
}

/// One snapshot: a record commit and the file it writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The commit id.
    pub commit: ObjectId,
    /// The fetch date (the commit's author date).
    pub date: DateTime<Utc>,
    /// The file path in the repository.
    pub path: String,
    /// What the file name says.
    pub file: SnapshotFile,
    /// The blob of the snapshot.
    pub blob: ObjectId,
    /// The trailers of the commit message.
    pub trailers: Trailers,
}

/// What one commit of a snapshots repository is.
#[derive(Debug)]
pub enum Entry {
    /// Not a record (README, licence, merge, workflow file): OTA ignores these.
    Skipped,
    /// A snapshot.
    Snapshot(Box<Snapshot>),
    /// A record commit that records no snapshot or several.
    Invalid {
        /// The commit id.
        commit: ObjectId,
        /// Its date.
        date: DateTime<Utc>,
        /// Why it is not a snapshot.
        error: Error,
    },
}

/// The commits of a snapshots repository, oldest first, read one at a time.
///
/// Only the commit ids and dates are held (28 bytes per commit); trees and blobs are read when
/// each commit is reached, so memory does not grow with the size of the history.
pub struct Walk<'r> {
    repo: &'r gix::Repository,
    path: String,
    commits: Vec<(i64, ObjectId)>,
    next: usize,
}

fn git_err(path: &str, operation: &str, e: impl std::fmt::Display) -> Error {
    Error::GitFailed {
        path: path.to_string(),
        operation: operation.to_string(),
        message: e.to_string(),
    }
}

fn date_of(seconds: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(seconds, 0).unwrap_or_default()
}

impl<'r> Walk<'r> {
    /// Lists the commits reachable from HEAD, oldest first: by author date, ties in the order of
    /// the history (`git log --reverse` order, as OTA's engine reads them). An empty repository has
    /// no commits.
    pub fn new(repo: &'r gix::Repository) -> Result<Walk<'r>> {
        let path = repo.path().display().to_string();
        let head = repo
            .head_id()
            .ok()
            .map(gix::Id::detach)
            .into_iter()
            .collect::<Vec<_>>();
        let mut commits = Vec::new();
        if let Some(&tip) = head.first() {
            let walk = repo
                .rev_walk([tip])
                .sorting(gix::revision::walk::Sorting::ByCommitTime(
                    Default::default(),
                ))
                .all()
                .map_err(|e| git_err(&path, "walk history", e))?;
            for info in walk {
                let info = info.map_err(|e| git_err(&path, "walk history", e))?;
                let commit = info
                    .object()
                    .map_err(|e| git_err(&path, "read commit", e))?;
                let seconds = commit
                    .author()
                    .map_err(|e| git_err(&path, "read commit author", e))?
                    .seconds();
                commits.push((seconds, info.id));
            }
        }
        commits.reverse();
        commits.sort_by_key(|(seconds, _)| *seconds);
        Ok(Walk {
            repo,
            path,
            commits,
            next: 0,
        })
    }

    /// Number of commits.
    pub fn len(&self) -> usize {
        self.commits.len()
    }

    /// True for a repository without commits.
    pub fn is_empty(&self) -> bool {
        self.commits.is_empty()
    }

    /// Commits already returned.
    pub fn position(&self) -> usize {
        self.next
    }

    fn read(&self, id: ObjectId, seconds: i64) -> Result<Entry> {
        let commit = self
            .repo
            .find_commit(id)
            .map_err(|e| git_err(&self.path, "read commit", e))?;
        let parents: Vec<ObjectId> = commit.parent_ids().map(gix::Id::detach).collect();
        if parents.len() > 1 {
            return Ok(Entry::Skipped);
        }
        let message = commit.message_raw_sloppy().to_str_lossy().into_owned();
        if RecordKind::from_message(&message).is_none() {
            return Ok(Entry::Skipped);
        }
        let tree = commit
            .tree_id()
            .map_err(|e| git_err(&self.path, "read commit", e))?
            .detach();
        let parent_tree = match parents.first() {
            Some(p) => Some(
                self.repo
                    .find_commit(*p)
                    .and_then(|c| c.tree_id().map(gix::Id::detach))
                    .map_err(|e| git_err(&self.path, "read commit", e))?,
            ),
            None => None,
        };
        let mut changes = Changes::default();
        self.diff_trees(parent_tree, Some(tree), "", &mut changes)?;
        let date = date_of(seconds);
        let invalid = |message: String| Entry::Invalid {
            commit: id,
            date,
            error: Error::SnapshotCommitInvalid {
                commit: id.to_string(),
                message,
            },
        };
        let (path, blob) = match (changes.written.as_slice(), changes.deleted.as_slice()) {
            ([], []) => return Ok(Entry::Skipped),
            ([one], _) => one.clone(),
            ([], deleted) => {
                return Ok(invalid(format!("it only deletes {}", deleted.join(", "))));
            }
            (many, _) => {
                let names: Vec<&str> = many.iter().map(|(p, _)| p.as_str()).collect();
                return Ok(invalid(format!(
                    "it writes {} files: {}",
                    many.len(),
                    names.join(", ")
                )));
            }
        };
        let Some(file) = SnapshotFile::parse(&path) else {
            return Ok(invalid(format!(
                "{path} is not named <service>/<terms type>.<extension>"
            )));
        };
        Ok(Entry::Snapshot(Box::new(Snapshot {
            commit: id,
            date,
            path,
            file,
            blob,
            trailers: Trailers::from_message(&message),
        })))
    }

    /// Collects the blobs written (added or changed) and deleted between two trees, inside
    /// service folders (files at the root and in dot-folders are not records). Only subtrees
    /// whose id changed are read.
    fn diff_trees(
        &self,
        old: Option<ObjectId>,
        new: Option<ObjectId>,
        prefix: &str,
        out: &mut Changes,
    ) -> Result<()> {
        let old_entries = self.entries(old)?;
        let new_entries = self.entries(new)?;
        for (name, (is_tree, oid)) in &new_entries {
            let path = format!("{prefix}{name}");
            let before = old_entries.get(name);
            if before.is_some_and(|(t, o)| t == is_tree && o == oid) {
                continue;
            }
            if *is_tree {
                if name.starts_with('.') {
                    continue;
                }
                let old_tree = before.filter(|(t, _)| *t).map(|(_, o)| *o);
                self.diff_trees(old_tree, Some(*oid), &format!("{path}/"), out)?;
            } else if !prefix.is_empty() {
                out.written.push((path, *oid));
            }
        }
        for (name, (is_tree, oid)) in &old_entries {
            if new_entries.contains_key(name) || name.starts_with('.') {
                continue;
            }
            let path = format!("{prefix}{name}");
            if *is_tree {
                self.diff_trees(Some(*oid), None, &format!("{path}/"), out)?;
            } else if !prefix.is_empty() {
                out.deleted.push(path);
            }
        }
        Ok(())
    }

    fn entries(&self, tree: Option<ObjectId>) -> Result<BTreeMap<String, (bool, ObjectId)>> {
        let mut out = BTreeMap::new();
        let Some(tree) = tree else {
            return Ok(out);
        };
        let tree = self
            .repo
            .find_tree(tree)
            .map_err(|e| git_err(&self.path, "read tree", e))?;
        let decoded = tree
            .decode()
            .map_err(|e| git_err(&self.path, "decode tree", e))?;
        for entry in &decoded.entries {
            if entry.mode.is_tree() || entry.mode.is_blob() {
                out.insert(
                    entry.filename.to_str_lossy().into_owned(),
                    (entry.mode.is_tree(), entry.oid.to_owned()),
                );
            }
        }
        Ok(out)
    }
}

#[derive(Default)]
struct Changes {
    written: Vec<(String, ObjectId)>,
    deleted: Vec<String>,
}

impl Iterator for Walk<'_> {
    type Item = Result<(ObjectId, Entry)>;

    fn next(&mut self) -> Option<Self::Item> {
        let &(seconds, id) = self.commits.get(self.next)?;
        self.next += 1;
        Some(self.read(id, seconds).map(|entry| (id, entry)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_follow_ota_layout() {
        let f = SnapshotFile::parse("GitHub/Privacy Policy.html").expect("parses");
        assert_eq!(
            (f.service.as_str(), f.terms_type.as_str(), f.document_id),
            ("GitHub", "Privacy Policy", None)
        );
        let f = SnapshotFile::parse("Acme/Terms of Service #legal-tos.PDF").expect("parses");
        assert_eq!(f.document_id.as_deref(), Some("legal-tos"));
        assert_eq!(f.mime_type(), Some("application/pdf"));
        assert!(SnapshotFile::parse("README.md").is_none());
        assert!(SnapshotFile::parse(".github/workflows/x.yml").is_none());
    }

    #[test]
    fn document_ids_join_url_path_segments() {
        assert_eq!(document_id("https://buffer.com/legal/tos/"), "legal-tos");
        assert_eq!(document_id("https://example.com"), "");
    }

    #[test]
    fn trailers_are_read_from_the_last_paragraph_only() {
        let message = "Record new changes of Open Collective Privacy Policy\n\nX-engine-version: 15.1.0\nX-fetcher: htmlOnly\nX-source-document-location: https://opencollective.com/privacypolicy\n";
        let t = Trailers::from_message(message);
        assert_eq!(
            t.location.as_deref(),
            Some("https://opencollective.com/privacypolicy")
        );
        assert_eq!(t.fetcher.as_deref(), Some("htmlOnly"));
        assert_eq!(t.engine.as_deref(), Some("15.1.0"));
        assert!(t.any);
        let legacy = Trailers::from_message("Update GitHub Privacy Policy: a: b\n");
        assert_eq!(legacy, Trailers::default());
    }
}
