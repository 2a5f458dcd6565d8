//! The one-call path the CLI and the bindings share: read inputs with an adapter, compute the
//! feature matrix, keep the read counts and rejections next to it.
//!
//! ```
//! use disinfo_bots::adapters::{InputFormat, ReadOptions};
//! use disinfo_bots::features::FeatureOptions;
//! use disinfo_bots::pipeline::features_from_text;
//!
//! let csv = "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n\
//!            1,u1,anna,,,hello,1556668800,\n";
//! let r = features_from_text(csv, &ReadOptions::new(InputFormat::QutCsv), &FeatureOptions::default()).unwrap();
//! assert_eq!(r.features.account_ids, vec!["u1"]);
//! assert_eq!(r.read.records_accepted, 1);
//! ```

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::Result;
use crate::adapters::{self, Dataset, InputFormat, ReadOptions, Rejection};
use crate::features::{self, FeatureMatrix, FeatureOptions};
use crate::rules::{Rule, RuleOutcome};

/// Counts and rejections of a read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReadSummary {
    /// Records read.
    pub records_read: u64,
    /// Records accepted.
    pub records_accepted: u64,
    /// Records rejected (lenient mode).
    pub records_rejected: u64,
    /// The rejected records with line numbers and reasons.
    pub rejected: Vec<Rejection>,
}

impl ReadSummary {
    fn of(data: &mut Dataset) -> ReadSummary {
        ReadSummary {
            records_read: data.records_read,
            records_accepted: data.records_accepted,
            records_rejected: data.records_rejected,
            rejected: std::mem::take(&mut data.rejected),
        }
    }
}

/// The feature matrix and how the inputs were read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeaturesResult {
    /// The features.
    pub features: FeatureMatrix,
    /// Read counts and rejections.
    pub read: ReadSummary,
}

/// Reads every path (in order) with the same options into one dataset. `-` reads stdin.
pub fn read_paths(paths: &[PathBuf], options: &ReadOptions) -> Result<Dataset> {
    let mut all = Dataset::default();
    for path in paths {
        let data = if path.as_os_str() == "-" {
            let mut o = options.clone();
            if o.source_name == "<input>" {
                o.source_name = "<stdin>".to_string();
            }
            adapters::read(std::io::stdin().lock(), &o)?
        } else {
            adapters::read_path(path, options)?
        };
        all.extend(data);
    }
    Ok(all)
}

/// Features of the accounts and posts in files.
pub fn features_from_paths(
    paths: &[PathBuf],
    read: &ReadOptions,
    options: &FeatureOptions,
) -> Result<FeaturesResult> {
    options.validate()?;
    if read.format == InputFormat::FeaturesCsv {
        return features_from_csv(paths);
    }
    let mut data = read_paths(paths, read)?;
    finish(&mut data, options)
}

/// Feature matrices read back from features CSV files (`-` reads stdin).
fn features_from_csv(paths: &[PathBuf]) -> Result<FeaturesResult> {
    let mut parts = Vec::with_capacity(paths.len());
    for path in paths {
        parts.push(if path.as_os_str() == "-" {
            features::csv::read_features_csv(std::io::stdin().lock(), "<stdin>")?
        } else {
            let name = path.display().to_string();
            let file =
                std::fs::File::open(path).map_err(|e| disinfo_core::IoError::read(&name, e))?;
            features::csv::read_features_csv(file, &name)?
        });
    }
    let features = features::csv::concat(parts)?;
    let n = features.len() as u64;
    Ok(FeaturesResult {
        features,
        read: ReadSummary {
            records_read: n,
            records_accepted: n,
            records_rejected: 0,
            rejected: Vec::new(),
        },
    })
}

/// Features of the accounts and posts in one in-memory input.
pub fn features_from_text(
    text: &str,
    read: &ReadOptions,
    options: &FeatureOptions,
) -> Result<FeaturesResult> {
    options.validate()?;
    let mut data = adapters::read_str(text, read)?;
    finish(&mut data, options)
}

fn finish(data: &mut Dataset, options: &FeatureOptions) -> Result<FeaturesResult> {
    let features = features::compute(&data.accounts, &data.posts, options)?;
    Ok(FeaturesResult {
        features,
        read: ReadSummary::of(data),
    })
}

/// Rule outcomes for the accounts in files.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RuleResult {
    /// The rule applied.
    pub rule: Rule,
    /// One outcome per account, in feature-matrix row order.
    pub outcomes: Vec<RuleOutcome>,
    /// How many accounts pass.
    pub passed: usize,
    /// Read counts and rejections.
    pub read: ReadSummary,
}

/// Applies a rule to the accounts (and posts) in files.
pub fn rule_from_paths(
    rule: &Rule,
    paths: &[PathBuf],
    read: &ReadOptions,
    options: &FeatureOptions,
) -> Result<RuleResult> {
    options.validate()?;
    let mut data = read_paths(paths, read)?;
    let matrix = features::compute(&data.accounts, &data.posts, options)?;
    let outcomes = rule.evaluate(&data.accounts, &matrix)?;
    let passed = outcomes
        .iter()
        .filter(|o| o.verdict == crate::rules::Verdict::Pass)
        .count();
    Ok(RuleResult {
        rule: rule.clone(),
        outcomes,
        passed,
        read: ReadSummary::of(&mut data),
    })
}
