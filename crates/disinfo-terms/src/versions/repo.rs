//! Reading and writing an OTA-layout git repository with `gix` (pure Rust).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use gix::bstr::ByteSlice;
use gix::object::tree::EntryKind;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::versions::layout::{self, RecordKind};

/// Who commits the records (OTA collections configure their bot here).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Author {
    /// Author and committer name (default `Open Terms Archive Bot`).
    pub name: String,
    /// Author and committer e-mail (default `bot@opentermsarchive.org`).
    pub email: String,
}

impl Default for Author {
    fn default() -> Self {
        Author {
            name: "Open Terms Archive Bot".into(),
            email: "bot@opentermsarchive.org".into(),
        }
    }
}

/// One record (version or snapshot) of one terms document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct VersionInfo {
    /// The commit id (40 hex digits).
    pub id: String,
    /// The service id (the folder name).
    pub service: String,
    /// The terms type (the file name without extension).
    pub terms_type: String,
    /// The record date: the snapshot's fetch date (commit date, RFC 3339, UTC).
    pub date: String,
    /// First record, update or technical upgrade (from the commit message).
    pub kind: RecordKind,
    /// The snapshot ids named in the commit message.
    pub snapshot_ids: Vec<String>,
    /// The first line of the commit message.
    pub subject: String,
    /// The file path in the repository.
    pub path: String,
    /// The blob id of the recorded text.
    pub blob: String,
}

/// A record to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record<'a> {
    /// The service id.
    pub service: &'a str,
    /// The terms type.
    pub terms_type: &'a str,
    /// File extension: `md` for versions, `html` or `pdf` for snapshots.
    pub extension: &'a str,
    /// The content.
    pub content: &'a [u8],
    /// The fetch date, used as author and committer date.
    pub date: DateTime<Utc>,
    /// Snapshot ids the version was extracted from (empty for snapshots).
    pub snapshot_ids: Vec<String>,
    /// The snapshot id template (`%SNAPSHOT_ID` is replaced by each id).
    pub snapshot_id_template: &'a str,
    /// True for a re-extraction without change at the source.
    pub technical_upgrade: bool,
}

/// The history of every terms document in a repository, from one walk over its commits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Index {
    /// Records per `(service, terms type)`, oldest first.
    pub terms: BTreeMap<(String, String), Vec<VersionInfo>>,
    /// Commits walked.
    pub commits: usize,
    /// Commits that are not records (README, licence, ...), as OTA ignores them.
    pub skipped_commits: usize,
}

/// The files of the tree last walked, per service folder.
#[derive(Default)]
struct TreeState {
    tree: Option<gix::ObjectId>,
    services: BTreeMap<String, gix::ObjectId>,
    files: BTreeMap<String, BTreeMap<String, gix::ObjectId>>,
}

/// An OTA-layout versions (or snapshots) repository.
pub struct VersionsRepository {
    repo: gix::Repository,
    path: PathBuf,
    extension: String,
    author: Option<Author>,
}

fn rfc3339(seconds: i64) -> String {
    DateTime::<Utc>::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Memory for decompressed delta bases per repository handle: the versions of a document (and its
/// snapshots) are stored as deltas of each other, and without this cache every read inflates the
/// whole delta chain again (78 % of the time of a 5,000-commit history).
pub(crate) const PACK_CACHE_BYTES: usize = 64 * 1024 * 1024;

/// A worker thread's view of `shared`, with a cache of delta bases.
fn local_repo(shared: &gix::ThreadSafeRepository) -> gix::Repository {
    let mut repo = shared.to_thread_local();
    with_pack_cache(&mut repo);
    repo
}

thread_local! {
    /// Each worker thread's view of the repository being read, kept from one task to the next so
    /// that its cache of delta bases stays warm: versions (and snapshots) of a document are read in
    /// order, each a delta of the one before.
    static THREAD_REPO: std::cell::RefCell<Option<(PathBuf, gix::Repository)>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs `f` with this thread's view of `shared` (opened on first use).
pub(crate) fn with_thread_repo<R>(
    shared: &gix::ThreadSafeRepository,
    f: impl FnOnce(&gix::Repository) -> R,
) -> R {
    THREAD_REPO.with(|cell| {
        // Busy only if `f` re-entered through rayon work stealing: use a view of its own.
        let Ok(mut slot) = cell.try_borrow_mut() else {
            return f(&local_repo(shared));
        };
        if slot.as_ref().is_none_or(|(path, _)| path != shared.path()) {
            *slot = Some((shared.path().to_path_buf(), local_repo(shared)));
        }
        match slot.as_ref() {
            Some((_, repo)) => f(repo),
            None => f(&local_repo(shared)),
        }
    })
}

/// Drops the views (and caches) [`with_thread_repo`] keeps on the threads of the current rayon
/// pool, at the end of an operation.
pub(crate) fn release_thread_repos() {
    rayon::broadcast(|_| {
        THREAD_REPO.with(|cell| {
            if let Ok(mut slot) = cell.try_borrow_mut() {
                slot.take();
            }
        });
    });
}

/// Gives `repo` a cache of decompressed delta bases ([`PACK_CACHE_BYTES`]).
pub(crate) fn with_pack_cache(repo: &mut gix::Repository) {
    repo.objects.set_pack_cache(|| {
        Box::new(gix::odb::pack::cache::lru::MemoryCappedHashmap::new(
            PACK_CACHE_BYTES,
        ))
    });
}

/// The content of `version` read through `repo` (a worker thread's view of the repository at
/// `path`).
pub(crate) fn read_with(
    repo: &gix::Repository,
    path: &Path,
    version: &VersionInfo,
) -> Result<Vec<u8>> {
    let id = gix::ObjectId::from_hex(version.blob.as_bytes()).map_err(|e| {
        Error::arg(
            "version.blob",
            format!("`{}` is not a git object id: {e}", version.blob),
        )
    })?;
    let mut blob = repo.find_blob(id).map_err(|e| Error::GitFailed {
        path: path.display().to_string(),
        operation: "read blob".into(),
        message: e.to_string(),
    })?;
    Ok(blob.take_data())
}

impl VersionsRepository {
    /// Opens an existing repository (a clone of an OTA versions repository, or one written by
    /// [`VersionsRepository::open_or_init`]). Records are `.md` files.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let mut repo = gix::open(path).map_err(|e| Error::RepositoryNotFound {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        with_pack_cache(&mut repo);
        Ok(VersionsRepository {
            repo,
            path: path.to_path_buf(),
            extension: "md".into(),
            author: None,
        })
    }

    /// Opens the repository at `path`, creating it (with a working tree) when it does not exist.
    pub fn open_or_init(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        if path.join(".git").exists() || path.join("HEAD").exists() {
            return Self::open(path);
        }
        std::fs::create_dir_all(path)
            .map_err(|e| disinfo_core::IoError::new("create directory", path.display(), e))?;
        let repo = gix::init(path).map_err(|e| Error::GitFailed {
            path: path.display().to_string(),
            operation: "init".into(),
            message: e.to_string(),
        })?;
        Ok(VersionsRepository {
            repo,
            path: path.to_path_buf(),
            extension: "md".into(),
            author: None,
        })
    }

    /// Uses `extension` for the records this handle lists and writes (`md` by default; `html` for a
    /// snapshots repository).
    pub fn with_extension(mut self, extension: &str) -> Self {
        self.extension = extension.trim_start_matches('.').to_string();
        self
    }

    /// Commits as `author` whatever the git configuration says (by default the repository's
    /// `user.name` and `user.email`, else [`Author::default`]), so that the same records give the
    /// same commits on every machine.
    pub fn with_author(mut self, author: Author) -> Self {
        self.author = Some(author);
        self
    }

    /// The repository path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn git_err(&self, operation: &str) -> impl Fn(gix::Error) -> Error + '_ {
        let operation = operation.to_string();
        move |e| Error::GitFailed {
            path: self.path.display().to_string(),
            operation: operation.clone(),
            message: e.to_string(),
        }
    }

    fn head_id(&self) -> Result<Option<gix::ObjectId>> {
        let head = self.repo.head().map_err(self.git_err("read HEAD"))?;
        Ok(head.id().map(|id| id.detach()))
    }

    /// Walks the history once and indexes every record of this handle's extension, oldest first
    /// (ties in date keep the commit order), as OTA's engine lists them.
    pub fn index(&self) -> Result<Index> {
        let mut index = Index::default();
        let Some(head) = self.head_id()? else {
            return Ok(index);
        };
        let walk = self
            .repo
            .rev_walk([head])
            .first_parent_only()
            .all()
            .map_err(self.git_err("walk history"))?;
        let mut ids = Vec::new();
        for info in walk {
            ids.push(info.map_err(self.git_err("walk history"))?.id);
        }
        ids.reverse();
        let suffix = format!(".{}", self.extension);
        let mut state = TreeState::default();
        for id in ids {
            index.commits += 1;
            let commit = self
                .repo
                .find_commit(id)
                .map_err(self.git_err("read commit"))?;
            let tree = commit
                .tree_id()
                .map_err(self.git_err("read commit"))?
                .detach();
            let message = commit.message_raw_sloppy().to_str_lossy().into_owned();
            let seconds = commit
                .time()
                .map_err(self.git_err("read commit date"))?
                .seconds;
            let changed = self.advance(&mut state, tree)?;
            let Some(kind) = RecordKind::from_message(&message) else {
                index.skipped_commits += 1;
                continue;
            };
            if changed.is_empty() {
                index.skipped_commits += 1;
                continue;
            }
            let subject = message.lines().next().unwrap_or("").to_string();
            for ((service, file), blob) in changed {
                let Some(terms_type) = file.strip_suffix(&suffix) else {
                    continue;
                };
                index
                    .terms
                    .entry((service.clone(), terms_type.to_string()))
                    .or_default()
                    .push(VersionInfo {
                        id: id.to_string(),
                        service: service.clone(),
                        terms_type: terms_type.to_string(),
                        date: rfc3339(seconds),
                        kind,
                        snapshot_ids: layout::snapshot_ids(&message),
                        subject: subject.clone(),
                        path: format!("{service}/{file}"),
                        blob: blob.to_string(),
                    });
            }
        }
        for list in index.terms.values_mut() {
            list.sort_by(|a, b| a.date.cmp(&b.date));
        }
        Ok(index)
    }

    /// Moves `state` to the tree `tree_id` and returns the files that are new or changed. Only the
    /// service folders whose tree id changed are read, so a walk costs O(changes), not
    /// O(commits x services).
    fn advance(
        &self,
        state: &mut TreeState,
        tree_id: gix::ObjectId,
    ) -> Result<Vec<((String, String), gix::ObjectId)>> {
        if state.tree == Some(tree_id) {
            return Ok(Vec::new());
        }
        state.tree = Some(tree_id);
        let root = self
            .repo
            .find_tree(tree_id)
            .map_err(self.git_err("read tree"))?;
        let root = root.decode().map_err(self.git_err("decode tree"))?;
        let mut services: BTreeMap<String, gix::ObjectId> = BTreeMap::new();
        for entry in &root.entries {
            if entry.mode.is_tree() && !entry.filename.starts_with(b".") {
                services.insert(
                    entry.filename.to_str_lossy().into_owned(),
                    entry.oid.to_owned(),
                );
            }
        }
        let mut changed = Vec::new();
        for (service, oid) in &services {
            if state.services.get(service) == Some(oid) {
                continue;
            }
            let sub = self
                .repo
                .find_tree(*oid)
                .map_err(self.git_err("read tree"))?;
            let sub = sub.decode().map_err(self.git_err("decode tree"))?;
            let old = state.files.remove(service).unwrap_or_default();
            let mut files = BTreeMap::new();
            for file in &sub.entries {
                if file.mode.is_blob() {
                    let name = file.filename.to_str_lossy().into_owned();
                    let blob = file.oid.to_owned();
                    if old.get(&name) != Some(&blob) {
                        changed.push(((service.clone(), name.clone()), blob));
                    }
                    files.insert(name, blob);
                }
            }
            state.files.insert(service.clone(), files);
        }
        state
            .files
            .retain(|service, _| services.contains_key(service));
        state.services = services;
        Ok(changed)
    }

    /// The services and, for each, its terms types.
    pub fn services(&self) -> Result<BTreeMap<String, Vec<String>>> {
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (service, terms_type) in self.index()?.terms.keys() {
            out.entry(service.clone())
                .or_default()
                .push(terms_type.clone());
        }
        Ok(out)
    }

    /// The records of one terms document, oldest first.
    pub fn versions(&self, service: &str, terms_type: &str) -> Result<Vec<VersionInfo>> {
        let mut index = self.index()?;
        self.take_terms(&mut index, service, terms_type)
    }

    pub(crate) fn take_terms(
        &self,
        index: &mut Index,
        service: &str,
        terms_type: &str,
    ) -> Result<Vec<VersionInfo>> {
        if let Some(list) = index
            .terms
            .remove(&(service.to_string(), terms_type.to_string()))
        {
            return Ok(list);
        }
        let mut close: Vec<String> = index
            .terms
            .keys()
            .filter(|(s, t)| {
                strsim::jaro_winkler(&s.to_lowercase(), &service.to_lowercase()) > 0.85
                    && strsim::jaro_winkler(&t.to_lowercase(), &terms_type.to_lowercase()) > 0.8
            })
            .map(|(s, t)| format!("\"{s}\" / \"{t}\""))
            .collect();
        close.truncate(3);
        Err(Error::TermsNotFound {
            path: self.path.display().to_string(),
            service: service.into(),
            terms_type: terms_type.into(),
            suggestion: if close.is_empty() {
                String::new()
            } else {
                format!("; did you mean {}?", close.join(", "))
            },
        })
    }

    /// The content of a record.
    pub fn read(&self, version: &VersionInfo) -> Result<Vec<u8>> {
        read_with(&self.repo, &self.path, version)
    }

    /// A handle from which worker threads open their own view of the repository.
    pub(crate) fn thread_safe(&self) -> gix::ThreadSafeRepository {
        self.repo.clone().into_sync()
    }

    /// The text of a record (invalid UTF-8 replaced by U+FFFD).
    pub fn read_text(&self, version: &VersionInfo) -> Result<String> {
        Ok(String::from_utf8_lossy(&self.read(version)?).into_owned())
    }

    /// The version in force at `date`: the last one recorded at or before it.
    pub fn version_at(
        &self,
        service: &str,
        terms_type: &str,
        date: DateTime<Utc>,
    ) -> Result<VersionInfo> {
        let versions = self.versions(service, terms_type)?;
        let at = date.to_rfc3339_opts(SecondsFormat::Secs, true);
        versions
            .iter()
            .rev()
            .find(|v| v.date <= at)
            .cloned()
            .ok_or_else(|| Error::VersionNotFound {
                service: service.into(),
                terms_type: terms_type.into(),
                date: at,
                first: versions.first().map(|v| v.date.clone()).unwrap_or_default(),
            })
    }

    /// The content of the latest record of a document, if any.
    pub fn latest(&self, service: &str, terms_type: &str) -> Result<Option<Vec<u8>>> {
        self.latest_with_extension(service, terms_type, &self.extension)
    }

    fn latest_with_extension(
        &self,
        service: &str,
        terms_type: &str,
        extension: &str,
    ) -> Result<Option<Vec<u8>>> {
        let Some(head) = self.head_id()? else {
            return Ok(None);
        };
        let commit = self
            .repo
            .find_commit(head)
            .map_err(self.git_err("read commit"))?;
        let tree = commit
            .tree_id()
            .map_err(self.git_err("read commit"))?
            .detach();
        let file = format!("{terms_type}.{extension}");
        match self.blob_at(tree, service, &file)? {
            Some(blob) => {
                let blob = self
                    .repo
                    .find_blob(blob)
                    .map_err(self.git_err("read blob"))?;
                Ok(Some(blob.data.clone()))
            }
            None => Ok(None),
        }
    }

    /// The commit id of the latest record of a document with `extension`.
    pub fn latest_id(&self, service: &str, terms_type: &str, extension: &str) -> Result<String> {
        let path = layout::file_path(service, terms_type, extension);
        let Some(head) = self.head_id()? else {
            return Err(self.not_found(service, terms_type));
        };
        let walk = self
            .repo
            .rev_walk([head])
            .first_parent_only()
            .all()
            .map_err(self.git_err("walk history"))?;
        let key = path
            .split_once('/')
            .map(|(s, f)| (s.to_string(), f.to_string()))
            .unwrap_or_default();
        let mut newest: Option<(gix::ObjectId, gix::ObjectId)> = None;
        for info in walk {
            let id = info.map_err(self.git_err("walk history"))?.id;
            let commit = self
                .repo
                .find_commit(id)
                .map_err(self.git_err("read commit"))?;
            let tree = commit
                .tree_id()
                .map_err(self.git_err("read commit"))?
                .detach();
            let blob = self.blob_at(tree, &key.0, &key.1)?;
            match (newest, blob) {
                (None, Some(b)) => newest = Some((id, b)),
                (Some((_, nb)), Some(b)) if nb == b => newest = Some((id, b)),
                _ => break,
            }
        }
        newest
            .map(|(id, _)| id.to_string())
            .ok_or_else(|| self.not_found(service, terms_type))
    }

    /// The blob of `service/file` in the tree `tree_id`, reading only the two trees on its path.
    fn blob_at(
        &self,
        tree_id: gix::ObjectId,
        service: &str,
        file: &str,
    ) -> Result<Option<gix::ObjectId>> {
        let root = self
            .repo
            .find_tree(tree_id)
            .map_err(self.git_err("read tree"))?;
        let root = root.decode().map_err(self.git_err("decode tree"))?;
        let Some(sub) = root
            .entries
            .iter()
            .find(|e| e.mode.is_tree() && e.filename == service.as_bytes())
        else {
            return Ok(None);
        };
        let sub = self
            .repo
            .find_tree(sub.oid)
            .map_err(self.git_err("read tree"))?;
        let sub = sub.decode().map_err(self.git_err("decode tree"))?;
        Ok(sub
            .entries
            .iter()
            .find(|e| e.mode.is_blob() && e.filename == file.as_bytes())
            .map(|e| e.oid.to_owned()))
    }

    fn not_found(&self, service: &str, terms_type: &str) -> Error {
        Error::TermsNotFound {
            path: self.path.display().to_string(),
            service: service.into(),
            terms_type: terms_type.into(),
            suggestion: String::new(),
        }
    }

    /// Records `record` as one commit dated at its fetch date, with OTA's message, unless the
    /// content is byte-identical to the latest record (then returns `None`). The working tree file
    /// and the index are updated too, so `git status` stays clean.
    pub fn record(&self, record: &Record<'_>) -> Result<Option<VersionInfo>> {
        self.record_with_trailers(record, &[])
    }

    /// [`VersionsRepository::record`] with trailers after the message body (`X-engine-version`
    /// and the like, see [`layout::with_trailers`]).
    pub fn record_with_trailers(
        &self,
        record: &Record<'_>,
        trailers: &[(&str, &str)],
    ) -> Result<Option<VersionInfo>> {
        if record.service.is_empty()
            || record.service.contains('/')
            || record.terms_type.contains('/')
            || record.terms_type.is_empty()
        {
            return Err(Error::arg(
                "service/terms_type",
                format!(
                    "\"{}\" / \"{}\" cannot name a file: both must be non-empty and contain no `/`",
                    record.service, record.terms_type
                ),
            ));
        }
        let latest =
            self.latest_with_extension(record.service, record.terms_type, record.extension)?;
        if latest.as_deref() == Some(record.content) {
            return Ok(None);
        }
        let kind = if latest.is_none() {
            RecordKind::FirstRecord
        } else if record.technical_upgrade {
            RecordKind::TechnicalUpgrade
        } else {
            RecordKind::Update
        };
        let path = layout::file_path(record.service, record.terms_type, record.extension);
        let message = layout::with_trailers(
            layout::commit_message(
                kind,
                record.service,
                record.terms_type,
                &record.snapshot_ids,
                record.snapshot_id_template,
            ),
            trailers,
        );
        let head = self.head_id()?;
        let base_tree = match head {
            Some(id) => self
                .repo
                .find_commit(id)
                .map_err(self.git_err("read commit"))?
                .tree_id()
                .map_err(self.git_err("read commit"))?
                .detach(),
            None => gix::ObjectId::empty_tree(gix::hash::Kind::Sha1),
        };
        let blob = self
            .repo
            .write_blob(record.content)
            .map_err(self.git_err("write blob"))?
            .detach();
        let mut editor = self
            .repo
            .edit_tree(base_tree)
            .map_err(self.git_err("edit tree"))?;
        editor
            .upsert(path.as_str(), EntryKind::Blob, blob)
            .map_err(self.git_err("edit tree"))?;
        let tree = editor.write().map_err(self.git_err("write tree"))?.detach();
        let author = self.author()?;
        let signature = gix::actor::Signature {
            name: author.name.as_str().into(),
            email: author.email.as_str().into(),
            time: gix::date::Time::new(record.date.timestamp(), 0),
        };
        let mut time_buf = gix::date::parse::TimeBuf::default();
        let sig = signature.to_ref(&mut time_buf);
        let id = self
            .repo
            .commit_as(sig, sig, "HEAD", &message, tree, head)
            .map_err(self.git_err("commit"))?
            .detach();
        self.sync_worktree(&path, record.content, tree)?;
        Ok(Some(VersionInfo {
            id: id.to_string(),
            service: record.service.into(),
            terms_type: record.terms_type.into(),
            date: rfc3339(record.date.timestamp()),
            kind,
            snapshot_ids: record.snapshot_ids.clone(),
            subject: message.lines().next().unwrap_or("").into(),
            path,
            blob: blob.to_string(),
        }))
    }

    fn author(&self) -> Result<Author> {
        if let Some(author) = &self.author {
            return Ok(author.clone());
        }
        let config = self.repo.config_snapshot();
        let default = Author::default();
        Ok(Author {
            name: config
                .string("user.name")
                .map_or(default.name, |s| s.to_str_lossy().into_owned()),
            email: config
                .string("user.email")
                .map_or(default.email, |s| s.to_str_lossy().into_owned()),
        })
    }

    /// Writes the recorded file into the working tree and the index from `tree`, as `git add` +
    /// `git commit` would leave them.
    fn sync_worktree(&self, path: &str, content: &[u8], tree: gix::ObjectId) -> Result<()> {
        let Some(workdir) = self.repo.workdir() else {
            return Ok(());
        };
        let file = workdir.join(path);
        let io = |operation: &'static str, p: &Path, e: std::io::Error| {
            Error::from(disinfo_core::IoError::new(operation, p.display(), e))
        };
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io("create directory", parent, e))?;
        }
        std::fs::write(&file, content).map_err(|e| io("write", &file, e))?;
        let mut index = self
            .repo
            .index_from_tree(&tree)
            .map_err(self.git_err("build index"))?;
        index
            .write(Default::default())
            .map_err(|e| Error::GitFailed {
                path: self.path.display().to_string(),
                operation: "write index".into(),
                message: e.to_string(),
            })?;
        Ok(())
    }
}
