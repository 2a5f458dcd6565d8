//! `disinfo bots ...`: features, rule, coordinate, cluster, export, cluster-features, report.
//!
//! The sub-commands are registered here; each lives in its own module, which maps its arguments
//! to a `disinfo::bots::api` call. What the commands that read platform exports share (the
//! inputs, how they are read, the feature settings) is in [`input`], below them all.

pub mod cluster;
pub mod export;
pub mod features;
pub mod input;
pub mod network;
pub mod report;
pub mod rule;

use clap::Subcommand;

use crate::Outcome;

/// The `disinfo bots` sub-commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Profile and behaviour features, one row per account (CSV or JSON).
    Features(features::FeaturesArgs),
    /// Apply a rule preset (`dormant_2019`, `amplifier`) or a rule JSON file to every account.
    Rule(rule::RuleArgs),
    /// Coordination network (co-repost, co-link, co-text, ...) as CSV, JSON, GraphML or GEXF.
    Coordinate(network::CoordinateArgs),
    /// Communities of a coordination network (JSON).
    Cluster(network::NetworkArgs),
    /// Re-render a network JSON as CSV, GraphML or GEXF.
    Export(export::ExportArgs),
    /// Cluster the accounts' features with DBSCAN, K-Means, GMM or HDBSCAN (JSON or CSV labels).
    ClusterFeatures(cluster::ClusterFeaturesArgs),
    /// The public cluster report: a self-contained static site (English and French pages, SVG
    /// charts, `report.json`) written into `--output`; the clusters ranked on stdout.
    Report(report::ReportArgs),
}

/// Runs one `disinfo bots` sub-command.
pub fn run(command: Command) -> disinfo::Result<Outcome> {
    match command {
        Command::Features(args) => features::run(args),
        Command::Rule(args) => rule::run(args),
        Command::Coordinate(args) => network::coordinate(args),
        Command::Cluster(args) => network::cluster(args),
        Command::Export(args) => export::run(args),
        Command::ClusterFeatures(args) => cluster::run(args),
        Command::Report(args) => report::run(args),
    }
}
