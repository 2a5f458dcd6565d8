//! Writing the report's folder: `index.html`, `en/` and `fr/` pages, `report.json`.

use std::path::Path;

use super::Report;
use super::html;
use super::i18n::Lang;
use crate::Result;

fn put(dir: &Path, name: &str, text: &str) -> Result<()> {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| disinfo_core::IoError::write(parent.display(), e))?;
    }
    std::fs::write(&path, text).map_err(|e| disinfo_core::IoError::write(path.display(), e).into())
}

/// The files of a report's site, relative to its folder, sorted.
pub fn files(report: &Report) -> Vec<String> {
    let mut out = vec!["index.html".to_string(), "report.json".to_string()];
    for lang in Lang::ALL {
        out.push(format!("{}/index.html", lang.code()));
        for c in &report.clusters {
            out.push(format!("{}/{}", lang.code(), html::cluster_file(c.label)));
        }
    }
    out.sort();
    out
}

/// Writes the site into `dir` (created if needed; files of an earlier report with the same
/// names are replaced) and records the files in `report.files`.
pub fn write(report: &mut Report, dir: &Path) -> Result<()> {
    report.files = files(report);
    put(dir, "index.html", &html::root(report))?;
    for lang in Lang::ALL {
        put(
            dir,
            &format!("{}/index.html", lang.code()),
            &html::overview(lang, report),
        )?;
        for c in &report.clusters {
            let name = format!("{}/{}", lang.code(), html::cluster_file(c.label));
            put(dir, &name, &html::cluster_page(lang, report, c))?;
        }
    }
    let json = serde_json::to_string_pretty(report)
        .map_err(|e| disinfo_core::IoError::write("report.json", std::io::Error::other(e)))?;
    put(dir, "report.json", &format!("{json}\n"))
}
