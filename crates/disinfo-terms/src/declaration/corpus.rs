//! Loading a whole declarations directory (`declarations/` of an OTA collection): every service
//! file loads or is reported with its reason; nothing is skipped silently.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::ServiceDeclaration;
use crate::Result;

/// A file that did not load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Rejected {
    /// The file.
    pub file: String,
    /// The error code.
    pub code: String,
    /// The error message.
    pub message: String,
}

/// What a directory held.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DirectoryReport {
    /// Service files read (`*.json` but not `*.history.json`).
    pub service_files: usize,
    /// History files read.
    pub history_files: usize,
    /// Filter files seen (`*.filters.js`, not run).
    pub filter_files: usize,
    /// Other files (ignored, counted).
    pub other_files: usize,
    /// History files without a service file: validated (errors go to `rejected`), counted here.
    pub orphan_histories: usize,
    /// Services that loaded (with their history when present).
    pub loaded: Vec<ServiceDeclaration>,
    /// Files that did not load, with the reason.
    pub rejected: Vec<Rejected>,
}

/// Loads every service of a directory, sorted by file name.
pub fn load_directory(dir: &Path) -> Result<DirectoryReport> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| disinfo_core::IoError::new("read directory", dir.display(), e))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut report = DirectoryReport::default();
    for name in &names {
        let path = dir.join(name);
        if name.ends_with(".history.json") {
            report.history_files += 1;
            // Loaded with its service file; a history file without one is reported.
            let service = name.trim_end_matches(".history.json");
            if !names.iter().any(|n| n == &format!("{service}.json")) {
                report.orphan_histories += 1;
                let checked = super::read(&path)
                    .and_then(|text| super::parse::history(&text, &path.display().to_string()));
                if let Err(e) = checked {
                    report.rejected.push(Rejected {
                        file: path.display().to_string(),
                        code: e.code().into(),
                        message: e.to_string(),
                    });
                }
            }
        } else if name.ends_with(".filters.js") || name.ends_with(".filters.history.js") {
            report.filter_files += 1;
        } else if name.ends_with(".json") {
            report.service_files += 1;
            match ServiceDeclaration::load(&path) {
                Ok(service) => report.loaded.push(service),
                Err(e) => report.rejected.push(Rejected {
                    file: path.display().to_string(),
                    code: e.code().into(),
                    message: e.to_string(),
                }),
            }
        } else {
            report.other_files += 1;
        }
    }
    Ok(report)
}
