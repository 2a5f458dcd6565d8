//! The report on the synthetic generator's planted populations (organic users, dormant-rule
//! bots, amplifiers, coordinated groups): the planted bot clusters rank above the organic ones
//! and each planted group lies, for at least 90 %, within one cluster.

use std::collections::HashMap;

use disinfo_bots::adapters::{Dataset, InputFormat};
use disinfo_bots::cluster::ClusterOptions;
use disinfo_bots::cluster::accounts::cluster_accounts_with;
use disinfo_bots::features::{FeatureOptions, compute};
use disinfo_bots::pipeline::ReadSummary;
use disinfo_bots::profile::ClusterVerdict as Verdict;
use disinfo_bots::report::{Report, ReportOptions, Source, build_from};
use disinfo_bots::synthetic::{Population, SyntheticConfig, generate};

const OPTIONS: &str = r#"{"network": "co-repost", "params": {"n_clusters": 5}}"#;

/// The report, each account's cluster (as the report's clustering gives it) and its planted
/// group (`dormant_bot`, `amplifier`, `coordinated-3`, `organic`).
fn report() -> (Report, Vec<(i64, String)>) {
    let data = generate(&SyntheticConfig::default()).expect("generate");
    let features =
        compute(&data.accounts, &data.posts, &FeatureOptions::default()).expect("features");
    let options: ReportOptions = serde_json::from_str(OPTIONS).expect("options");
    let clustering = ClusterOptions {
        method: options.method,
        params: options.params.clone(),
        ..ClusterOptions::default()
    };
    let labels = cluster_accounts_with(&features, &clustering, true, None, vec![])
        .expect("clusters")
        .result
        .labels;
    let group: HashMap<&str, String> = data
        .accounts
        .iter()
        .zip(&data.planted)
        .map(|(a, p)| {
            let name = match (p.population, p.group) {
                (Population::Coordinated, Some(g)) => format!("coordinated-{g}"),
                (Population::Organic, _) => "organic".into(),
                (Population::DormantBot, _) => "dormant_bot".into(),
                _ => "amplifier".into(),
            };
            (a.id.as_str(), name)
        })
        .collect();
    let truth: Vec<(i64, String)> = features
        .account_ids
        .iter()
        .zip(&labels)
        .map(|(id, l)| (*l, group.get(id.as_str()).cloned().unwrap_or_default()))
        .collect();
    let source = Source {
        names: vec!["synthetic".into()],
        format: InputFormat::TwitterV1,
        data: Dataset {
            accounts: data.accounts.clone(),
            posts: data.posts.clone(),
            ..Dataset::default()
        },
        features,
        read: ReadSummary::default(),
    };
    (build_from(source, &options).expect("report"), truth)
}

/// For each planted group: the cluster holding most of it and the share it holds.
fn containment(truth: &[(i64, String)]) -> HashMap<String, (i64, f64)> {
    let mut counts: HashMap<&str, HashMap<i64, usize>> = HashMap::new();
    for (label, group) in truth {
        *counts.entry(group).or_default().entry(*label).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(group, by)| {
            let total: usize = by.values().sum();
            let (label, most) = by
                .into_iter()
                .max_by_key(|(l, c)| (*c, -l))
                .unwrap_or((-1, 0));
            (group.to_string(), (label, most as f64 / total as f64))
        })
        .collect()
}

#[test]
fn planted_groups_lie_within_one_cluster_each() {
    let (_, truth) = report();
    let contained = containment(&truth);
    let mut groups: Vec<_> = contained.iter().collect();
    groups.sort_by(|a, b| a.0.cmp(b.0));
    for (group, (label, share)) in groups {
        println!("{group}: {:.1} % in cluster {label}", share * 100.0);
        if group != "organic" {
            assert!(*share >= 0.9, "{group}: only {share} in one cluster");
        }
    }
}

#[test]
fn planted_bot_clusters_rank_above_organic_clusters() {
    let (r, truth) = report();
    let contained = containment(&truth);
    let bot_clusters: Vec<i64> = contained
        .iter()
        .filter(|(g, _)| g.as_str() != "organic")
        .map(|(_, (label, _))| *label)
        .collect();
    // A cluster is organic when most of its accounts are organic users.
    let mut organic_share: HashMap<i64, (usize, usize)> = HashMap::new();
    for (label, group) in &truth {
        let e = organic_share.entry(*label).or_default();
        e.1 += 1;
        if group == "organic" {
            e.0 += 1;
        }
    }
    let organic: Vec<i64> = organic_share
        .iter()
        .filter(|(_, (o, n))| *o * 2 > *n)
        .map(|(l, _)| *l)
        .collect();
    let rank = |label: i64| {
        r.clusters
            .iter()
            .find(|c| c.label == label)
            .and_then(|c| c.rank)
            .unwrap_or(usize::MAX)
    };
    for c in &r.clusters {
        println!(
            "rank {:?}: cluster {} ({} accounts) score {:.3} {}",
            c.rank,
            c.label,
            c.size,
            c.score,
            c.verdict.as_str()
        );
    }
    for &b in &bot_clusters {
        assert!(!organic.contains(&b), "cluster {b} is mostly organic");
        for &o in &organic {
            assert!(
                rank(b) < rank(o),
                "bot cluster {b} ranks below organic cluster {o}"
            );
        }
        let verdict = r.clusters.iter().find(|c| c.label == b).map(|c| c.verdict);
        assert_eq!(verdict, Some(Verdict::BotLike), "cluster {b}");
    }
    for &o in &organic {
        let verdict = r.clusters.iter().find(|c| c.label == o).map(|c| c.verdict);
        assert_eq!(verdict, Some(Verdict::Organic), "cluster {o}");
    }
}
