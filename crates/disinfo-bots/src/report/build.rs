//! From inputs to a [`Report`]: read, features, clusters, rules, network, profiles, map.

use std::path::PathBuf;

use ndarray::{Array2, Axis};

use super::{Clustering, Map, MapPoint, NetworkSummary, Report, ReportOptions, ScoreScale};
use crate::adapters::{Dataset, InputFormat};
use crate::cluster::accounts::cluster_accounts_with;
use crate::cluster::{ClusterOptions, pca, standardise};
use crate::coordinate::run::CoordinateResult;
use crate::coordinate::{CoordinateOptions, coordinate};
use crate::features::FeatureMatrix;
use crate::network::Network;
use crate::pipeline::{self, ReadSummary};
use crate::profile::{self, ProfileInput, score};
use crate::rules::{PRESETS, Rule, Verdict};
use crate::{Error, Result};

/// The inputs read: the dataset (empty for a features CSV) and the features.
fn read_inputs(
    inputs: &[PathBuf],
    format: InputFormat,
    options: &ReportOptions,
) -> Result<(Dataset, FeatureMatrix, ReadSummary)> {
    options.features.validate()?;
    if format == InputFormat::FeaturesCsv {
        let r = pipeline::features_from_paths(
            inputs,
            &options.read.read_options_for(format),
            &options.features,
        )?;
        return Ok((Dataset::default(), r.features, r.read));
    }
    let mut data = pipeline::read_paths(inputs, &options.read.read_options_for(format))?;
    let features = crate::features::compute(&data.accounts, &data.posts, &options.features)?;
    let read = ReadSummary {
        records_read: data.records_read,
        records_accepted: data.records_accepted,
        records_rejected: data.records_rejected,
        rejected: std::mem::take(&mut data.rejected),
    };
    Ok((data, features, read))
}

/// Each rule preset's verdict per row; a preset whose inputs are not there is left out, with
/// a note.
fn rule_verdicts(
    data: &Dataset,
    features: &FeatureMatrix,
    notes: &mut Vec<String>,
) -> Result<Vec<(String, Vec<Verdict>)>> {
    let mut out = Vec::new();
    for name in PRESETS {
        let rule = Rule::preset(name)?;
        match rule.evaluate(&data.accounts, features) {
            Ok(outcomes) => out.push((
                name.to_string(),
                outcomes.into_iter().map(|o| o.verdict).collect(),
            )),
            Err(e) => notes.push(format!("rule `{name}` not applied: {e}")),
        }
    }
    Ok(out)
}

/// The network: read from a `coordinate` result, or built from the posts.
fn network(data: &Dataset, options: &ReportOptions) -> Result<Option<Network>> {
    if let Some(path) = &options.network_file {
        let name = path.display().to_string();
        let text =
            std::fs::read_to_string(&path.0).map_err(|e| disinfo_core::IoError::read(&name, e))?;
        let result: CoordinateResult = serde_json::from_str(&text)
            .or_else(|_| {
                serde_json::from_str::<Network>(&text).map(|network| CoordinateResult {
                    network,
                    analysis: None,
                    read: ReadSummary::default(),
                })
            })
            .map_err(|e| {
                Error::arg(
                    "network_file",
                    format!("{name} is not a `coordinate` result: {e}"),
                )
            })?;
        return Ok(Some(result.network));
    }
    let Some(kind) = options.network else {
        return Ok(None);
    };
    let coordinate_options = CoordinateOptions {
        window_secs: options.network_window,
        min_edge_weight: options.network_min_edge_weight,
        evidence: 0,
        ..CoordinateOptions::new(kind, options.network_window)
    };
    coordinate(&data.posts, &data.accounts, &coordinate_options).map(Some)
}

/// A spread sample of each cluster's rows for the map: every row when they fit, else an even
/// stride through each cluster, at least 20 rows of every cluster.
fn map(z: &Array2<f64>, labels: &[i64], max_points: usize) -> Map {
    let (coords, explained) = pca::project(z.view(), 2);
    let n = labels.len();
    let groups = crate::cluster::summary::groups(labels);
    let mut rows: Vec<usize> = Vec::new();
    for (_, members) in &groups {
        let quota = if n <= max_points {
            members.len()
        } else {
            ((members.len() as f64 * max_points as f64 / n as f64).ceil() as usize).max(20)
        };
        let step = members.len().div_ceil(quota.max(1)).max(1);
        rows.extend(members.iter().step_by(step));
    }
    rows.sort_unstable();
    let at = |r: usize, c: usize| coords.get((r, c)).copied().unwrap_or(0.0);
    Map {
        explained,
        points: rows
            .into_iter()
            .map(|r| MapPoint {
                x: at(r, 0),
                y: at(r, 1),
                label: labels[r],
            })
            .collect(),
        total: n,
    }
}

/// Builds the report of files (nothing is written).
pub fn build_report(
    inputs: &[PathBuf],
    format: InputFormat,
    options: &ReportOptions,
) -> Result<Report> {
    let (data, features, read) = read_inputs(inputs, format, options)?;
    let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    build_from(
        Source {
            names,
            format,
            data,
            features,
            read,
        },
        options,
    )
}

/// What a report is built from: the inputs' names and format, what was read, the features.
pub struct Source {
    /// The inputs' names, as shown in the report.
    pub names: Vec<String>,
    /// Their format.
    pub format: InputFormat,
    /// Accounts and posts (empty for a features CSV).
    pub data: Dataset,
    /// The feature matrix of the accounts.
    pub features: FeatureMatrix,
    /// Read counts.
    pub read: ReadSummary,
}

/// Builds the report of data already read (synthetic data, a dataset assembled by hand).
pub fn build_from(source: Source, options: &ReportOptions) -> Result<Report> {
    let Source {
        names,
        format,
        data,
        features,
        read,
    } = source;
    let cluster_options = ClusterOptions {
        method: options.method,
        params: options.params.clone(),
        standardise: options.standardise,
        log1p: options.log1p,
        include_matrix: false,
    };
    let clusters = cluster_accounts_with(
        &features,
        &cluster_options,
        true,
        options.columns.as_deref(),
        Vec::new(),
    )?;
    let result = &clusters.result;
    let keep: Vec<usize> = result
        .columns
        .iter()
        .filter_map(|c| features.column_index(c))
        .collect();
    let kept = features.values.select(Axis(1), &keep);
    let z = if options.standardise {
        standardise(kept.view(), options.log1p, &result.columns)?
    } else {
        kept
    };
    let mut notes = clusters.notes.clone();
    let rules = rule_verdicts(&data, &features, &mut notes)?;
    let network = network(&data, options)?;
    let (mut profiles, population) = profile::profile_clusters(&ProfileInput {
        features: &features,
        labels: &result.labels,
        clustered: z.view(),
        accounts: &data.accounts,
        posts: &data.posts,
        rules: &rules,
        network: network.as_ref(),
        examples: options.examples,
        top: options.top,
    });
    profile::rank(&mut profiles);
    Ok(Report {
        title: options
            .title
            .clone()
            .unwrap_or_else(|| super::DEFAULT_TITLE.to_string()),
        version: env!("CARGO_PKG_VERSION").to_string(),
        inputs: names,
        input_format: format,
        read,
        accounts: features.len(),
        posts: data.posts.len(),
        feature_columns: features.columns.clone(),
        clustering: Clustering {
            method: options.method,
            params: options.params.clone().unwrap_or_default(),
            columns: result.columns.clone(),
            dropped_columns: clusters.dropped_columns.clone(),
            notes,
            n_clusters: result.n_clusters,
            n_noise: result.n_noise,
        },
        network: network.as_ref().map(|n| NetworkSummary {
            kind: n.options.kind,
            window: n.options.window_secs,
            nodes: n.nodes.len(),
            edges: n.edges.len(),
        }),
        score: ScoreScale {
            bot_like: score::BOT_LIKE,
            organic: score::ORGANIC,
        },
        population,
        map: map(&z, &result.labels, options.map_points.max(1)),
        clusters: profiles,
        files: Vec::new(),
    })
}
