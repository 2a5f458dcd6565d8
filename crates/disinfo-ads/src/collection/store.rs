//! A loaded collection: its records (the first observation of each key), an index by key, the
//! later observations of duplicated keys, what was rejected, and per-file facts.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::adapters::{FileNote, Format, Layout, Position, ValueIssue, render_position};
use crate::model::{AdKey, AdRecord, CollectionMeta, Interner, Locator, Observation};

/// One raw file of a collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// Something that could not be read, with its locator (lenient mode).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
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
    /// Key -> position in `ads` (hashed with a per-run random key).
    pub index: HashMap<AdKey, u32, foldhash::fast::RandomState>,
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

    /// The record of `key`, if the collection has it.
    pub fn get(&self, key: &AdKey) -> Option<&AdRecord> {
        self.index.get(key).and_then(|&i| self.ads.get(i as usize))
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
