//! A loaded collection: its records (the first observation of each key), an index by key, the
//! later observations of duplicated keys, what was rejected, and per-file facts.

use std::borrow::Cow;
use std::io::{Read, Seek, SeekFrom};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::KeyIndex;
use super::source::FileSource;
use crate::adapters::{FileNote, Format, Layout, Position, ValueIssue, render_position, values};
use crate::error::{Error, Result};
use crate::model::{AdKey, AdRecord, CollectionMeta, Interner, Locator, Observation};

/// One raw file of a collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FileInfo {
    /// Path relative to the collection folder (`/` separators).
    pub path: String,
    /// SHA-256 of the file's bytes (hex).
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
    /// The adapter used.
    pub format: Format,
    /// Records read (accepted + rejected).
    pub read: u64,
    /// Records accepted.
    pub accepted: u64,
    /// Records or parts rejected.
    pub rejected: u64,
    #[serde(skip)]
    pub(crate) layout: Layout,
    /// Modification time when the file was read (files on disk).
    #[serde(skip)]
    pub(crate) modified: Option<SystemTime>,
}

impl FileInfo {
    /// True when `now` (the file's metadata) still shows the file that was read.
    fn unchanged(&self, now: &std::fs::Metadata) -> bool {
        now.len() == self.bytes && now.modified().ok() == self.modified
    }
}

/// Something that could not be read, with its locator (lenient mode).
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Rejected {
    /// Where.
    pub locator: Locator,
    /// Stable code (`malformed_json`, `malformed_record`, `missing_id`, `missing_column`,
    /// `wrong_field_count`).
    pub code: String,
    /// What is wrong.
    pub message: String,
    /// SHA-256 of the raw bytes, if any (hex).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_hash: Option<String>,
}

/// A loaded collection.
#[derive(Debug)]
pub struct Collection {
    /// The metadata.
    pub meta: CollectionMeta,
    /// `collected_at` as Unix seconds.
    pub collected_at: i64,
    /// The raw files, in reading order.
    pub files: Vec<FileInfo>,
    /// One record per key: the first observation in file order.
    pub ads: Vec<AdRecord>,
    /// Key -> position in `ads`.
    pub index: KeyIndex,
    /// Later observations of a key already seen: (position of the first in `ads`, observation).
    pub duplicates: Vec<(u32, Observation)>,
    /// What could not be read.
    pub rejected: Vec<Rejected>,
    /// Value problems: (position in `ads`, issue). Issues of duplicates are not kept.
    pub issues: Vec<(u32, ValueIssue)>,
    /// File facts: (file index, note).
    pub notes: Vec<(u32, FileNote)>,
    /// Records read in all files.
    pub read: u64,
    /// Where each file's bytes are (records' raw bytes are read back from them when cited).
    pub(crate) sources: Vec<FileSource>,
}

impl Collection {
    /// The locator of an observation.
    pub fn locator(&self, obs: &Observation) -> Locator {
        let file = self.files.get(obs.file as usize);
        let path = file.map(|f| f.path.clone()).unwrap_or_default();
        let layout = file.map(|f| f.layout).unwrap_or_default();
        let mut loc = Locator {
            collection: self.meta.id.clone(),
            file: path,
            pointer: None,
            line: None,
            row: None,
        };
        match layout {
            Layout::Csv => loc.row = Some(u64::from(obs.index)),
            Layout::Lines => loc.line = Some(u64::from(obs.index) + 1),
            l => loc.pointer = Some(format!("{}/{}", l.prefix(), obs.index)),
        }
        loc
    }

    /// The locator of a rejected position in file `file`.
    pub(crate) fn position_locator(&self, file: u32, p: &Position) -> Locator {
        let f = self.files.get(file as usize);
        let layout = f.map(|f| f.layout).unwrap_or_default();
        let mut loc = Locator {
            collection: self.meta.id.clone(),
            file: f.map(|f| f.path.clone()).unwrap_or_default(),
            pointer: None,
            line: None,
            row: None,
        };
        match p {
            Position::Record { index } => match layout {
                Layout::Lines => loc.line = Some(u64::from(*index) + 1),
                Layout::Csv => loc.row = Some(u64::from(*index)),
                _ => loc.pointer = Some(render_position(layout, p)),
            },
            Position::Row { line } => loc.row = Some(*line),
            Position::At { line, .. } => {
                loc.line = Some(*line);
                loc.pointer = Some(render_position(layout, p));
            }
            Position::File => {}
        }
        loc
    }

    /// The raw bytes of an observation, read back from its file; `None` when the file cannot be
    /// read or changed since it was loaded (or the span is empty: no record is).
    pub(crate) fn raw_bytes(&self, obs: &Observation) -> Option<Cow<'_, [u8]>> {
        (obs.raw.len > 0).then_some(())?;
        let info = self.files.get(obs.file as usize)?;
        let start = usize::try_from(obs.raw.start).ok()?;
        let end = start.checked_add(obs.raw.len as usize)?;
        match self.sources.get(obs.file as usize)? {
            FileSource::Bytes(bytes) => bytes.get(start..end).map(Cow::Borrowed),
            FileSource::Path(path) => {
                let mut file = std::fs::File::open(path).ok()?;
                info.unchanged(&file.metadata().ok()?).then_some(())?;
                file.seek(SeekFrom::Start(obs.raw.start)).ok()?;
                let mut bytes = vec![0; obs.raw.len as usize];
                file.read_exact(&mut bytes).ok()?;
                Some(Cow::Owned(bytes))
            }
        }
    }

    /// The column names of a CSV file of the collection (its first row); `None` for other
    /// layouts or when the file cannot be read.
    pub(crate) fn csv_header(&self, file: u32) -> Option<Vec<String>> {
        let info = self.files.get(file as usize)?;
        (info.layout == Layout::Csv).then_some(())?;
        let header = |reader: &mut csv::Reader<&mut dyn Read>| {
            reader.headers().ok().map(|h| {
                h.iter()
                    .map(|c| c.trim_start_matches('\u{feff}').to_owned())
                    .collect()
            })
        };
        match self.sources.get(file as usize)? {
            FileSource::Bytes(bytes) => {
                let mut input: &[u8] = bytes;
                header(&mut csv::Reader::from_reader(&mut input as &mut dyn Read))
            }
            FileSource::Path(path) => {
                let mut input = std::fs::File::open(path).ok()?;
                header(&mut csv::Reader::from_reader(&mut input as &mut dyn Read))
            }
        }
    }

    /// SHA-256 of an observation's raw bytes (see [`Self::check_unchanged`]).
    pub fn raw_hash(&self, obs: &Observation) -> Option<[u8; 32]> {
        self.raw_bytes(obs).map(|bytes| values::sha256(&bytes))
    }

    /// True when two observations have the same raw bytes.
    pub fn same_raw(&self, a: &Observation, b: &Observation) -> bool {
        a.raw.len == b.raw.len
            && self
                .raw_bytes(a)
                .is_some_and(|x| self.raw_bytes(b).is_some_and(|y| x == y))
    }

    /// Checks that every file on disk is still the one that was loaded (raw hashes of cited
    /// records are read back from them).
    pub fn check_unchanged(&self) -> Result<()> {
        for (info, source) in self.files.iter().zip(&self.sources) {
            let FileSource::Path(path) = source else {
                continue;
            };
            let same = std::fs::metadata(path).is_ok_and(|m| info.unchanged(&m));
            if !same {
                return Err(Error::InvalidCollection {
                    path: format!("{}/{}", self.meta.id, info.path),
                    message:
                        "the file changed or went away during the audit; audit the collection again"
                            .into(),
                });
            }
        }
        Ok(())
    }

    /// The record of `key`, if the collection has it.
    pub fn get(&self, key: &AdKey) -> Option<&AdRecord> {
        self.index.get(key).and_then(|i| self.ads.get(i as usize))
    }

    /// Number of distinct keys.
    pub fn len(&self) -> usize {
        self.ads.len()
    }

    /// True when the collection holds no ad.
    pub fn is_empty(&self) -> bool {
        self.ads.is_empty()
    }

    /// The key as text (`id` or `scope/id`).
    pub fn key_text(interner: &Interner, key: &AdKey) -> (String, Option<String>) {
        (
            interner.resolve(key.id).to_owned(),
            key.scope.map(|s| interner.resolve(s).to_owned()),
        )
    }
}
