//! Many extractions at once, in parallel (rayon), results in input order, with progress.
//!
//! A job is one JSON object (one line of a JSONL file for the CLI):
//! `{"id": "a", "snapshot": "path/to/page.html", "location": "https://...", "select": "main", "remove": [...]}`
//! or with `"content": "<html>..."` instead of `snapshot`. A failing job yields an error result
//! with its code; it never stops the others.

use serde::{Deserialize, Serialize};

use super::{ExtractOptions, extract};
use crate::declaration::{Selectors, SourceDocument};
use crate::{Error, Result};

/// One extraction job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchJob {
    /// A caller label echoed in the result (default: the 1-based job number).
    #[serde(default)]
    pub id: Option<String>,
    /// Path of the snapshot file.
    #[serde(default)]
    #[schemars(with = "Option<disinfo_core::request::FsPath>")]
    pub snapshot: Option<String>,
    /// The snapshot itself (instead of `snapshot`).
    #[serde(default)]
    pub content: Option<String>,
    /// The document location (the base of relative links), as in OTA's job files.
    pub location: String,
    /// `select` in OTA's syntax.
    #[schemars(with = "crate::declaration::Selectors")]
    pub select: serde_json::Value,
    /// `remove` in OTA's syntax.
    #[serde(default)]
    #[schemars(with = "Option<crate::declaration::Selectors>")]
    pub remove: Option<serde_json::Value>,
    /// MIME type (default: sniffed).
    #[serde(default)]
    pub mime_type: Option<String>,
}

/// The error of a failed job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct JobError {
    /// Stable error code.
    pub code: String,
    /// Message.
    pub message: String,
}

/// The result of one job: `markdown` or `error`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BatchResult {
    /// The job's id.
    pub id: String,
    /// The Markdown, when the job succeeded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub markdown: Option<String>,
    /// The error, when it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<JobError>,
}

fn run_job(job: &BatchJob, options: &ExtractOptions) -> Result<String> {
    let select = Selectors::from_json(&job.select)?;
    let remove = job.remove.as_ref().map(Selectors::from_json).transpose()?;
    let source = SourceDocument::new(&job.location, select, remove);
    let bytes = match (&job.content, &job.snapshot) {
        (Some(c), _) => c.as_bytes().to_vec(),
        (None, Some(path)) => {
            std::fs::read(path).map_err(|e| disinfo_core::IoError::read(path, e))?
        }
        (None, None) => {
            return Err(Error::arg(
                "snapshot",
                "a job needs `snapshot` (a file path) or `content`",
            ));
        }
    };
    extract(&bytes, job.mime_type.as_deref(), &source, options)
}

/// Runs the jobs in parallel; `progress` is called once per finished job.
pub fn extract_batch(
    jobs: &[BatchJob],
    options: &ExtractOptions,
    progress: Option<&(dyn Fn() + Sync)>,
) -> Vec<BatchResult> {
    use rayon::prelude::*;
    jobs.par_iter()
        .enumerate()
        .map(|(i, job)| {
            let id = job.id.clone().unwrap_or_else(|| (i + 1).to_string());
            let result = match run_job(job, options) {
                Ok(md) => BatchResult {
                    id,
                    markdown: Some(md),
                    error: None,
                },
                Err(e) => BatchResult {
                    id,
                    markdown: None,
                    error: Some(JobError {
                        code: e.code().into(),
                        message: e.to_string(),
                    }),
                },
            };
            if let Some(p) = progress {
                p();
            }
            result
        })
        .collect()
}

/// Parses a JSONL text of jobs. A line that is not JSON is `declaration_syntax` with its line
/// and column; a job with an unknown, misspelt or mistyped field is `invalid_argument` naming
/// the line and the field (with "did you mean"), as an option passed in code would be.
///
/// ```
/// use disinfo_terms::extract::batch::parse_jobs;
///
/// let jobs = parse_jobs(r#"{"id": "a", "content": "<p>x</p>", "location": "https://example.com/", "select": "p"}"#, "jobs.jsonl").unwrap();
/// assert_eq!(jobs[0].location, "https://example.com/");
/// let err = parse_jobs(r#"{"content": "<p>x</p>", "locaton": "https://example.com/"}"#, "jobs.jsonl").unwrap_err();
/// assert_eq!(err.code(), "invalid_argument");
/// assert!(err.to_string().contains("did you mean `location`"), "{err}");
/// ```
pub fn parse_jobs(jsonl: &str, file: &str) -> Result<Vec<BatchJob>> {
    let mut jobs = Vec::new();
    for (i, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| Error::DeclarationSyntax {
                file: file.to_string(),
                line: i + 1,
                column: e.column(),
                message: format!("job {}: {e}", i + 1),
            })?;
        let job: BatchJob = disinfo_core::request::decode(&format!("line {}", i + 1), value)?;
        jobs.push(job);
    }
    Ok(jobs)
}
