//! The versions repository held in memory: services, terms types, each document's versions and
//! (computed on first demand, then kept) its latest change, so that repeated `/terms` calls answer
//! without touching git.
//!
//! The index is rebuilt when the repository's HEAD moves (the tracker recorded something): at most
//! once per [`CHECK_EVERY`], one request reads HEAD and the ref it names (two small files) and,
//! when they changed, builds a new index while the others go on answering from the old one.
//! A repository that cannot be read is remembered as an error until its HEAD changes, so that a
//! broken configuration is not retried on every request.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, RwLock};
use std::time::{Duration, Instant};

use disinfo_terms::diff::{DiffOptions, diff};
use disinfo_terms::versions::{VersionInfo, VersionsRepository};

use crate::cards::change::Summary;

/// How often a request may look whether the repository's HEAD moved.
pub(crate) const CHECK_EVERY: Duration = Duration::from_secs(1);

/// The `/terms` state: the index of the versions repository, loaded on first use.
#[derive(Default)]
pub(crate) struct Data {
    current: RwLock<Option<Arc<Loaded>>>,
    /// When HEAD was last looked at (milliseconds since [`epoch`], 0: never).
    checked: AtomicU64,
    /// Held by the one request that (re)builds the index.
    building: Mutex<()>,
}

/// One load of the repository: what HEAD was, and the index or why there is none.
pub(crate) struct Loaded {
    stamp: String,
    /// The index, or a plain message saying why the repository cannot be read.
    pub index: Result<Index, String>,
}

/// The documents of a versions repository.
pub(crate) struct Index {
    /// The repository (to read texts from when a diff is asked for).
    pub path: PathBuf,
    /// Documents by service, then terms type.
    pub services: BTreeMap<String, BTreeMap<String, Document>>,
    /// Service names by their lower-case form (users do not type capitals).
    lower: HashMap<String, String>,
}

/// One terms document: its versions and its latest change.
pub(crate) struct Document {
    /// Its versions, oldest first.
    pub versions: Vec<VersionInfo>,
    latest: OnceLock<Result<Arc<Summary>, String>>,
}

fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

fn millis() -> u64 {
    u64::try_from(epoch().elapsed().as_millis()).unwrap_or(u64::MAX) + 1
}

impl Data {
    /// The index of the repository at `path`, reloaded when its HEAD moved.
    pub(crate) fn get(&self, path: &Path) -> Arc<Loaded> {
        let current = self
            .current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let now = millis();
        let Some(loaded) = current else {
            let _building = self.building.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(loaded) = self
                .current
                .read()
                .unwrap_or_else(PoisonError::into_inner)
                .clone()
            {
                return loaded;
            }
            self.checked.store(now, Ordering::Relaxed);
            return self.store(Loaded::build(path, stamp(path), None));
        };
        let last = self.checked.load(Ordering::Relaxed);
        let due = last == 0 || now.saturating_sub(last) >= CHECK_EVERY.as_millis() as u64;
        // One request looks; the others answer from what is loaded.
        if !due
            || self
                .checked
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_err()
        {
            return loaded;
        }
        let head = stamp(path);
        if head == loaded.stamp {
            return loaded;
        }
        let _building = self.building.lock().unwrap_or_else(PoisonError::into_inner);
        self.store(Loaded::build(path, head, Some(&loaded)))
    }

    fn store(&self, loaded: Loaded) -> Arc<Loaded> {
        let loaded = Arc::new(loaded);
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Some(loaded.clone());
        loaded
    }

    /// Makes the next request look at HEAD again (as if a second had passed).
    #[cfg(test)]
    pub(crate) fn expire(&self) {
        self.checked.store(0, Ordering::Relaxed);
    }
}

/// What HEAD is: the contents of `HEAD` and of the ref it names (loose, or its line in
/// `packed-refs`); `missing` when there is no repository.
fn stamp(path: &Path) -> String {
    let git_dir = git_dir(path);
    let Ok(head) = std::fs::read_to_string(git_dir.join("HEAD")) else {
        return "missing".into();
    };
    let target = head
        .trim()
        .strip_prefix("ref:")
        .map(str::trim)
        .filter(|r| r.starts_with("refs/") && !r.contains(".."));
    let Some(name) = target else {
        return head;
    };
    // A linked worktree keeps its HEAD here and its branches in the common folder.
    let common = std::fs::read_to_string(git_dir.join("commondir"))
        .map_or_else(|_| git_dir.clone(), |c| git_dir.join(c.trim()));
    let resolved = std::fs::read_to_string(common.join(name)).unwrap_or_else(|_| {
        std::fs::read_to_string(common.join("packed-refs"))
            .unwrap_or_default()
            .lines()
            .find(|l| l.split_once(' ').is_some_and(|(_, r)| r == name))
            .unwrap_or("")
            .to_string()
    });
    format!("{head}\n{resolved}")
}

/// The git directory of a repository: `.git` in a working tree (or the one a `.git` file points
/// to), else the folder itself (a bare clone).
fn git_dir(path: &Path) -> PathBuf {
    let dot = path.join(".git");
    if dot.is_dir() {
        return dot;
    }
    if let Ok(text) = std::fs::read_to_string(&dot)
        && let Some(target) = text.trim().strip_prefix("gitdir:")
    {
        return path.join(target.trim());
    }
    path.to_path_buf()
}

impl Loaded {
    /// Reads the repository; summaries already computed in `previous` are kept for documents
    /// whose last two versions did not change.
    fn build(path: &Path, stamp: String, previous: Option<&Loaded>) -> Loaded {
        let index = Index::read(path).map(|mut index| {
            if let Some(Ok(old)) = previous.map(|p| &p.index) {
                index.keep_summaries(old);
            }
            index
        });
        Loaded { stamp, index }
    }
}

impl Index {
    fn read(path: &Path) -> Result<Index, String> {
        let repo = VersionsRepository::open(path).map_err(|e| e.to_string())?;
        let walked = repo.index().map_err(|e| e.to_string())?;
        let mut services: BTreeMap<String, BTreeMap<String, Document>> = BTreeMap::new();
        for ((service, terms_type), versions) in walked.terms {
            services.entry(service).or_default().insert(
                terms_type,
                Document {
                    versions,
                    latest: OnceLock::new(),
                },
            );
        }
        let lower = services
            .keys()
            .map(|s| (s.to_lowercase(), s.clone()))
            .collect();
        Ok(Index {
            path: path.to_path_buf(),
            services,
            lower,
        })
    }

    fn keep_summaries(&mut self, old: &Index) {
        for (service, documents) in &mut self.services {
            for (terms_type, document) in documents {
                let Some(before) = old.services.get(service).and_then(|d| d.get(terms_type)) else {
                    continue;
                };
                if let Some(Ok(summary)) = before.latest.get()
                    && document.last_pair_ids() == before.last_pair_ids()
                {
                    let _ = document.latest.set(Ok(summary.clone()));
                }
            }
        }
    }

    /// The service named `name`, in any case.
    pub(crate) fn service(&self, name: &str) -> Option<(&str, &BTreeMap<String, Document>)> {
        let key = self.lower.get(&name.to_lowercase())?;
        self.services
            .get_key_value(key)
            .map(|(k, v)| (k.as_str(), v))
    }

    /// The texts of two versions.
    pub(crate) fn texts(
        &self,
        repo: &mut Option<VersionsRepository>,
        a: &VersionInfo,
        b: &VersionInfo,
    ) -> Result<(String, String), String> {
        let repo = match repo {
            Some(repo) => repo,
            None => repo.insert(VersionsRepository::open(&self.path).map_err(|e| e.to_string())?),
        };
        let old = repo.read_text(a).map_err(|e| e.to_string())?;
        let new = repo.read_text(b).map_err(|e| e.to_string())?;
        Ok((old, new))
    }
}

impl Document {
    fn last_pair_ids(&self) -> Option<(&str, &str)> {
        match self.versions.as_slice() {
            [.., a, b] => Some((a.id.as_str(), b.id.as_str())),
            _ => None,
        }
    }

    /// The change from the last-but-one version to the last (computed once, then kept); `None`
    /// when the document has a single version. `repo` is opened when first needed.
    pub(crate) fn latest(
        &self,
        index: &Index,
        repo: &mut Option<VersionsRepository>,
    ) -> Option<Result<Arc<Summary>, String>> {
        let [.., from, to] = self.versions.as_slice() else {
            return None;
        };
        Some(
            self.latest
                .get_or_init(|| {
                    let (old, new) = index.texts(repo, from, to)?;
                    let d = diff(&old, &new, &DiffOptions::default());
                    Ok(Arc::new(Summary::new(from, to, &d)))
                })
                .clone(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::stamp;

    #[test]
    fn head_is_followed_to_loose_and_packed_refs() {
        let dir = tempfile::tempdir().expect("temp dir");
        let git = dir.path().join(".git");
        std::fs::create_dir_all(git.join("refs/heads")).expect("mkdir");
        assert_eq!(stamp(dir.path()), "missing");
        std::fs::write(git.join("HEAD"), "ref: refs/heads/main\n").expect("write");
        std::fs::write(
            git.join("packed-refs"),
            "# pack-refs with: peeled\naaaa refs/heads/xmain\nbbbb refs/heads/main\n",
        )
        .expect("write");
        let packed = stamp(dir.path());
        assert!(packed.ends_with("bbbb refs/heads/main"), "{packed}");
        std::fs::write(git.join("refs/heads/main"), "cccc\n").expect("write");
        assert!(stamp(dir.path()).ends_with("cccc\n"));
    }
}
