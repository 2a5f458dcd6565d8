//! The collections of `ads audit` as the core's request: a folder with a `collection.json`, or a
//! folder of raw files described by `--platform`, `--collected-at`, `--country` and
//! `--input-format` (`CollectionArg::Described`).

use std::path::PathBuf;

use clap::Args;
use disinfo::ads::api::{CollectionArg, DescribedFolder};
use disinfo::api::request::FsPath;

use crate::tool::Tool;

/// The collection folders, and what describes those without `collection.json`.
#[derive(Debug, Args)]
pub struct CollectionArgs {
    /// Collection folders (raw files, with or without `collection.json`), oldest first.
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// For folders without collection.json: the platform (meta, google, tiktok, snapchat).
    #[arg(long)]
    pub platform: Option<String>,
    /// For folders without collection.json: when each was collected (RFC 3339), one per such
    /// folder, in folder order.
    #[arg(long = "collected-at")]
    pub collected_at: Vec<String>,
    /// For folders without collection.json: the query's countries (repeatable).
    #[arg(long = "country")]
    pub countries: Vec<String>,
    /// For folders without collection.json: the adapter (meta_json, google_csv, ...; default:
    /// detected).
    #[arg(long = "input-format")]
    pub input_format: Option<String>,
}

impl CollectionArgs {
    /// The collections, oldest first. A folder without `collection.json` takes the next
    /// `--collected-at`; there must be exactly one per such folder.
    pub fn collections(&self) -> disinfo::Result<Vec<CollectionArg>> {
        let bare: Vec<&PathBuf> = self
            .dirs
            .iter()
            .filter(|d| !d.join("collection.json").is_file())
            .collect();
        if bare.len() != self.collected_at.len() {
            return Err(self.undescribed(&bare));
        }
        let mut times = self.collected_at.iter();
        let mut out = Vec::with_capacity(self.dirs.len());
        for dir in &self.dirs {
            if !bare.contains(&dir) {
                out.push(CollectionArg::Folder(FsPath(dir.clone())));
                continue;
            }
            let (Some(platform), Some(collected_at)) = (&self.platform, times.next()) else {
                return Err(self.undescribed(&bare));
            };
            out.push(CollectionArg::Described(DescribedFolder {
                dir: FsPath(dir.clone()),
                platform: platform.clone(),
                collected_at: collected_at.clone(),
                id: None,
                input_format: self.input_format.clone(),
                countries: self.countries.clone(),
            }));
        }
        Ok(out)
    }

    /// The error when the folders without `collection.json` are not described one for one.
    fn undescribed(&self, bare: &[&PathBuf]) -> disinfo::Error {
        let names: Vec<String> = bare.iter().map(|d| d.display().to_string()).collect();
        let (name, message) = if bare.is_empty() {
            (
                "collected-at",
                format!(
                    "every folder has a collection.json, but {} --collected-at given; drop them",
                    self.collected_at.len()
                ),
            )
        } else if self.platform.is_none() {
            (
                "platform",
                format!(
                    "{} ha{} no collection.json: give --platform and one --collected-at per such folder",
                    names.join(", "),
                    if bare.len() == 1 { "s" } else { "ve" }
                ),
            )
        } else {
            (
                "collected-at",
                format!(
                    "{} folder(s) without collection.json ({}) but {} --collected-at: give one per such folder, in folder order",
                    bare.len(),
                    names.join(", "),
                    self.collected_at.len()
                ),
            )
        };
        Tool::Ads.bad_argument(name, message)
    }
}
