//! Cluster profiles: what the accounts of each cluster have in common, and how bot-like the
//! cluster is — the numbers of the public report.
//!
//! For each cluster (and the noise, label `-1`): its size; the quartiles of every feature
//! ([`stats`]); the pass rates of the rule presets; the histogram of account creation dates and
//! its largest 30-day share (bursts of creation); the links, hashtags, domains and repost
//! sources its accounts share most ([`shared`]); with a coordination network, how densely its
//! accounts act together and the network among its most connected accounts; its most central
//! accounts (nearest to the cluster's mean in the clustered space); and its bot-likeness score
//! and verdict ([`score`]).
//!
//! [`profile_clusters`] computes all of it in one call; profiles come in label order, and
//! [`rank`] orders clusters by score (the noise is not ranked).

pub mod score;
pub mod shared;
pub mod stats;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use ndarray::ArrayView2;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cluster::summary::{groups, median};
use crate::features::{FeatureMatrix, latest_observations};
use crate::model::{Account, Post};
use crate::network::Network;
use crate::rules::Verdict as RuleVerdict;

pub use score::{ClusterVerdict, Signals};
pub use shared::{Shared, SharedItems};
pub use stats::{FeatureStats, Histogram};

/// A rule preset's outcome over a cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RuleRate {
    /// The preset (`dormant_2019`, `amplifier`).
    pub rule: String,
    /// Accounts that pass.
    pub passed: usize,
    /// Accounts whose verdict is undefined (a missing input, 0/0).
    pub undefined: usize,
    /// `passed / size`.
    pub pass_rate: f64,
}

/// How the cluster's accounts act together in the coordination network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Coordination {
    /// The cluster's accounts that are nodes of the network.
    pub in_network: usize,
    /// Directed edges between two accounts of the cluster.
    pub internal_edges: usize,
    /// Directed edges between an account of the cluster and one outside it.
    pub external_edges: usize,
    /// `internal_edges / (size × (size − 1))`: 1 when every account acts with every other.
    pub density: f64,
    /// Accounts with an edge to another account of the cluster.
    pub connected_inside: usize,
    /// The network among the (up to 40) accounts with the most edges inside the cluster:
    /// account ids, and edges as `[from, to, symmetric weight]` indices into them.
    pub nodes: Vec<String>,
    /// Edges among `nodes`, one per pair (the larger direction's weight).
    pub edges: Vec<(usize, usize, u64)>,
}

/// One of a cluster's most central accounts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Example {
    /// Account id.
    pub account_id: String,
    /// Handle (`""` when unknown).
    pub handle: String,
    /// Distance to the cluster's mean in the clustered (standardised) space.
    pub distance: f64,
    /// Its value of every feature column (`null` when missing), in the feature matrix's order.
    pub values: Vec<Option<f64>>,
}

/// Everything the report says about one cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ClusterProfile {
    /// The cluster label (`-1`: noise).
    pub label: i64,
    /// Rank by score among the clusters, from 1 (`null` for the noise).
    pub rank: Option<usize>,
    /// Accounts.
    pub size: usize,
    /// `size` over all accounts.
    pub share: f64,
    /// Quartiles of every feature.
    pub features: Vec<FeatureStats>,
    /// Pass rates of the rule presets.
    pub rules: Vec<RuleRate>,
    /// Creation dates (in the population's bins), when any is known.
    pub creation: Option<Histogram>,
    /// The largest share of the known creation dates within 30 days.
    pub creation_peak_30_days: f64,
    /// The items shared most.
    pub shared: SharedItems,
    /// Acting together, when a network was given.
    pub coordination: Option<Coordination>,
    /// The most central accounts.
    pub examples: Vec<Example>,
    /// The signals of the score.
    pub signals: Signals,
    /// Bot-likeness in [0, 1] (see [`score`]).
    pub score: f64,
    /// `bot-like`, `mixed` or `organic`.
    pub verdict: ClusterVerdict,
}

/// What [`profile_clusters`] reads.
pub struct ProfileInput<'a> {
    /// Every feature of every account (rows in label order).
    pub features: &'a FeatureMatrix,
    /// The cluster of each row (`-1`: noise).
    pub labels: &'a [i64],
    /// The clustered matrix (standardised kept columns), for centrality.
    pub clustered: ArrayView2<'a, f64>,
    /// Profile observations (creation dates); may be empty.
    pub accounts: &'a [Account],
    /// Posts; may be empty.
    pub posts: &'a [Post],
    /// Each rule preset's verdict per row.
    pub rules: &'a [(String, Vec<RuleVerdict>)],
    /// The coordination network, if any.
    pub network: Option<&'a Network>,
    /// Central accounts kept per cluster.
    pub examples: usize,
    /// Shared items kept per list.
    pub top: usize,
}

/// What the whole population looks like (for the overview and the burst signal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PopulationProfile {
    /// Creation dates of all accounts, when any is known.
    pub creation: Option<Histogram>,
    /// The largest share of all known creation dates within 30 days.
    pub creation_peak_30_days: f64,
}

/// The creation date of each row, where known.
fn creation_dates(features: &FeatureMatrix, accounts: &[Account]) -> Vec<Option<DateTime<Utc>>> {
    let by_id: HashMap<&str, DateTime<Utc>> = latest_observations(accounts)
        .into_iter()
        .filter_map(|a| a.created_at.map(|c| (a.id.as_str(), c)))
        .collect();
    features
        .account_ids
        .iter()
        .map(|id| by_id.get(id.as_str()).copied())
        .collect()
}

/// The profile of every label present (noise first when present), and the population's.
pub fn profile_clusters(input: &ProfileInput<'_>) -> (Vec<ClusterProfile>, PopulationProfile) {
    let n = input.labels.len();
    let created = creation_dates(input.features, input.accounts);
    let all_dates: Vec<DateTime<Utc>> = created.iter().flatten().copied().collect();
    let bins = stats::Bins::covering(&all_dates);
    let population = PopulationProfile {
        creation: bins.as_ref().map(|b| b.histogram(&all_dates)),
        creation_peak_30_days: stats::peak_30_days(&all_dates),
    };
    let groups = groups(input.labels);
    let index_of: HashMap<i64, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, (l, _))| (*l, i))
        .collect();
    let row_of: HashMap<&str, u32> = input
        .features
        .account_ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i as u32))
        .collect();
    let cluster_of = |id: &str| {
        let row = *row_of.get(id)?;
        Some((*index_of.get(&input.labels[row as usize])?, row))
    };
    let shared = shared::shared_items(input.posts, groups.len(), &cluster_of, input.top);
    let coordination = input
        .network
        .map(|net| network_by_cluster(net, input.labels, &row_of, &groups, &index_of));
    let profiles: Vec<ClusterProfile> = groups
        .par_iter()
        .zip(shared)
        .enumerate()
        .map(|(g, ((label, rows), shared))| {
            let dates: Vec<DateTime<Utc>> = rows.iter().filter_map(|&r| created[r]).collect();
            let peak = stats::peak_30_days(&dates);
            let coordination = coordination.as_ref().map(|c| c[g].clone());
            let duplicates = input
                .features
                .column_index("duplicate_text_ratio")
                .map_or(0.0, |j| {
                    let mut v: Vec<f64> = rows
                        .iter()
                        .map(|&r| input.features.values[[r, j]])
                        .collect();
                    let m = median(&mut v);
                    if m.is_finite() { m } else { 0.0 }
                });
            let rules = rule_rates(input.rules, rows);
            let signals = Signals {
                rules: rules.iter().map(|r| r.pass_rate).fold(0.0, f64::max),
                coordination: coordination.as_ref().map_or(0.0, |c| {
                    c.connected_inside as f64 / rows.len().max(1) as f64
                }),
                creation_burst: score::creation_burst(peak, population.creation_peak_30_days),
                duplicates,
            };
            let value = score::score(&signals);
            ClusterProfile {
                label: *label,
                rank: None,
                size: rows.len(),
                share: rows.len() as f64 / n.max(1) as f64,
                features: feature_stats(input.features, rows),
                rules,
                creation: bins
                    .as_ref()
                    .filter(|_| !dates.is_empty())
                    .map(|b| b.histogram(&dates)),
                creation_peak_30_days: peak,
                shared,
                coordination,
                examples: examples(input, rows),
                signals,
                score: value,
                verdict: score::verdict(value),
            }
        })
        .collect();
    (profiles, population)
}

fn feature_stats(features: &FeatureMatrix, rows: &[usize]) -> Vec<FeatureStats> {
    features
        .columns
        .iter()
        .enumerate()
        .map(|(j, column)| {
            let values: Vec<f64> = rows.iter().map(|&r| features.values[[r, j]]).collect();
            stats::feature_stats(column, &values)
        })
        .collect()
}

fn rule_rates(rules: &[(String, Vec<RuleVerdict>)], rows: &[usize]) -> Vec<RuleRate> {
    rules
        .iter()
        .map(|(name, verdicts)| {
            let passed = rows
                .iter()
                .filter(|&&r| verdicts[r] == RuleVerdict::Pass)
                .count();
            let undefined = rows
                .iter()
                .filter(|&&r| verdicts[r] == RuleVerdict::Undefined)
                .count();
            RuleRate {
                rule: name.clone(),
                passed,
                undefined,
                pass_rate: passed as f64 / rows.len().max(1) as f64,
            }
        })
        .collect()
}

/// The `input.examples` rows nearest to the mean of `rows` in the clustered space.
fn examples(input: &ProfileInput<'_>, rows: &[usize]) -> Vec<Example> {
    let x = input.clustered;
    let d = x.ncols();
    let mut mean = vec![0.0; d];
    for &r in rows {
        for (m, v) in mean.iter_mut().zip(x.row(r)) {
            *m += v;
        }
    }
    mean.iter_mut().for_each(|m| *m /= rows.len().max(1) as f64);
    let mut near: Vec<(f64, usize)> = rows
        .iter()
        .map(|&r| {
            let d2: f64 = x
                .row(r)
                .iter()
                .zip(&mean)
                .map(|(a, b)| (a - b) * (a - b))
                .sum();
            (d2.sqrt(), r)
        })
        .collect();
    near.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    near.truncate(input.examples);
    let f = input.features;
    near.into_iter()
        .map(|(distance, r)| Example {
            account_id: f.account_ids[r].clone(),
            handle: f.handles[r].clone(),
            distance,
            values: f
                .values
                .row(r)
                .iter()
                .map(|v| v.is_finite().then_some(*v))
                .collect(),
        })
        .collect()
}

/// Nodes kept in a cluster's drawn network.
const DRAWN_NODES: usize = 40;

fn network_by_cluster(
    net: &Network,
    labels: &[i64],
    row_of: &HashMap<&str, u32>,
    groups: &[(i64, Vec<usize>)],
    index_of: &HashMap<i64, usize>,
) -> Vec<Coordination> {
    let g = groups.len();
    let group = |id: &str| {
        row_of
            .get(id)
            .and_then(|&r| index_of.get(&labels[r as usize]).copied())
    };
    let mut in_network = vec![0usize; g];
    for node in &net.nodes {
        if let Some(c) = group(&node.id) {
            in_network[c] += 1;
        }
    }
    let (mut internal, mut external) = (vec![0usize; g], vec![0usize; g]);
    let mut degree: Vec<HashMap<&str, usize>> = vec![HashMap::new(); g];
    let mut pairs: Vec<HashMap<(&str, &str), u64>> = vec![HashMap::new(); g];
    for e in &net.edges {
        match (group(&e.source), group(&e.target)) {
            (Some(a), Some(b)) if a == b => {
                internal[a] += 1;
                *degree[a].entry(&e.source).or_default() += 1;
                *degree[a].entry(&e.target).or_default() += 1;
                let key = if e.source < e.target {
                    (e.source.as_str(), e.target.as_str())
                } else {
                    (e.target.as_str(), e.source.as_str())
                };
                let w = pairs[a].entry(key).or_default();
                *w = (*w).max(e.symmetric_weight);
            }
            (a, b) => {
                for c in [a, b].into_iter().flatten() {
                    external[c] += 1;
                }
            }
        }
    }
    (0..g)
        .map(|c| {
            let size = groups[c].1.len();
            let mut top: Vec<(&str, usize)> = degree[c].iter().map(|(id, d)| (*id, *d)).collect();
            top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            top.truncate(DRAWN_NODES);
            let mut nodes: Vec<String> = top.iter().map(|(id, _)| id.to_string()).collect();
            nodes.sort();
            let at = |id: &str| nodes.binary_search_by(|n| n.as_str().cmp(id)).ok();
            let mut edges: Vec<(usize, usize, u64)> = pairs[c]
                .iter()
                .filter_map(|((a, b), w)| Some((at(a)?, at(b)?, *w)))
                .collect();
            edges.sort_unstable();
            let pairs_possible = size.saturating_mul(size.saturating_sub(1));
            Coordination {
                in_network: in_network[c],
                internal_edges: internal[c],
                external_edges: external[c],
                density: if pairs_possible == 0 {
                    0.0
                } else {
                    internal[c] as f64 / pairs_possible as f64
                },
                connected_inside: degree[c].len(),
                nodes,
                edges,
            }
        })
        .collect()
}

/// Ranks the clusters by score (highest first; ties by size, then label) and writes their
/// rank; the noise keeps no rank and comes last.
pub fn rank(profiles: &mut [ClusterProfile]) {
    profiles.sort_by(|a, b| {
        (a.label < 0)
            .cmp(&(b.label < 0))
            .then(b.score.total_cmp(&a.score))
            .then(b.size.cmp(&a.size))
            .then(a.label.cmp(&b.label))
    });
    for (i, p) in profiles.iter_mut().enumerate() {
        p.rank = (p.label >= 0).then_some(i + 1);
    }
}
