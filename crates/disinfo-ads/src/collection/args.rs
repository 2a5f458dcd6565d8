//! What callers name a collection by: its folder (with a `collection.json`), or a folder of raw
//! files described in the call; and the folders and metadata the loader reads from them.

use std::path::PathBuf;

use disinfo_core::request::FsPath;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::read_meta;
use crate::error::Result;
use crate::model::{CollectionMeta, Query};

/// A collection to audit: its folder (with a `collection.json`), or a folder of raw files
/// described here (for archives downloaded without one).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum CollectionArg {
    /// A folder holding the raw files and a `collection.json`.
    Folder(FsPath),
    /// A folder of raw files, described.
    Described(DescribedFolder),
}

impl From<PathBuf> for CollectionArg {
    fn from(p: PathBuf) -> Self {
        CollectionArg::Folder(FsPath(p))
    }
}

/// A folder of raw files without `collection.json`, and what the audit needs to know about it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
pub struct DescribedFolder {
    /// The folder of raw files.
    pub dir: FsPath,
    /// The platform: `meta`, `google`, `tiktok`, `snapchat` or any other name.
    pub platform: String,
    /// When the collection was taken (RFC 3339).
    pub collected_at: String,
    /// The collection's id in the report (default: the folder's name).
    #[serde(default)]
    pub id: Option<String>,
    /// The adapter (`meta_json`, `google_csv`, ...; default: detected from the platform and the
    /// file names).
    #[serde(default)]
    pub input_format: Option<String>,
    /// The query's countries (ISO 3166-1 alpha-2).
    #[serde(default)]
    pub countries: Vec<String>,
}

impl DescribedFolder {
    fn meta(&self) -> CollectionMeta {
        let id = self.id.clone().unwrap_or_else(|| {
            self.dir.0.file_name().map_or_else(
                || self.dir.0.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        });
        CollectionMeta {
            id,
            platform: self.platform.clone(),
            format: self.input_format.clone(),
            source_kind: Default::default(),
            endpoint: None,
            api_version: None,
            collected_at: self.collected_at.clone(),
            started_at: None,
            finished_at: None,
            query: Query {
                countries: self.countries.clone(),
                ..Query::default()
            },
            termination: Default::default(),
            declared_totals: Default::default(),
        }
    }
}

/// The folders of `collections`, and their metadata when one is described rather than read
/// from its `collection.json`.
pub fn collection_dirs(
    collections: &[CollectionArg],
) -> Result<(Vec<PathBuf>, Option<Vec<CollectionMeta>>)> {
    let dirs: Vec<PathBuf> = collections
        .iter()
        .map(|c| match c {
            CollectionArg::Folder(p) => p.0.clone(),
            CollectionArg::Described(d) => d.dir.0.clone(),
        })
        .collect();
    let metas = if collections
        .iter()
        .all(|c| matches!(c, CollectionArg::Folder(_)))
    {
        None
    } else {
        let metas = collections
            .iter()
            .map(|c| match c {
                CollectionArg::Folder(p) => read_meta(&p.0),
                CollectionArg::Described(d) => Ok(d.meta()),
            })
            .collect::<Result<Vec<_>>>()?;
        Some(metas)
    };
    Ok((dirs, metas))
}
