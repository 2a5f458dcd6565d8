//! The public operations of the bots tool: one options type and one result type each, the one
//! place where a caller's request is interpreted. Python, Node, the CLI and the golden tests all
//! call these (the bindings through [`OPERATIONS`]).
//!
//! - [`features`](mod@features): reading platform exports, the feature matrix, rules, synthetic
//!   data;
//! - [`network`]: coordination networks and their exports;
//! - [`cluster`]: feature clustering of tables and files;
//! - [`report`](mod@report): the public cluster report.
//!
//! ```
//! use disinfo_bots::adapters::InputFormat;
//! use disinfo_bots::api;
//!
//! let csv = "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n\
//!            1,u1,anna,,,hello,1556668800,\n";
//! let r = api::features_from_text(csv.as_bytes(), InputFormat::QutCsv, &Default::default())?;
//! assert_eq!(r.features.account_ids, ["u1"]);
//! # Ok::<(), disinfo_bots::Error>(())
//! ```

pub mod cluster;
pub mod features;
pub mod network;
pub mod partitioned;
pub mod report;

pub use cluster::{
    ClusterAccountsOptions, ClusterRequestOptions, cluster_accounts, cluster_features,
};
pub use features::{
    FeaturesMeta, FeaturesOptions, FeaturesTextOptions, ReadRequestOptions, RuleArg, features,
    features_from_text, read, rule,
};
pub use network::{
    CoordinateRequestOptions, CoordinateTextOptions, coordinate, coordinate_text, export_network,
};

use disinfo_core::Operation;

use crate::Error;

/// Every public operation of the bots tool, in documentation order.
pub const OPERATIONS: &[Operation<Error>] = &[
    features::FEATURES,
    features::FEATURES_FROM_TEXT,
    features::READ,
    features::RULE,
    features::HANDLE_LIKELIHOOD,
    features::SYNTHETIC,
    network::COORDINATE,
    network::COORDINATE_TEXT,
    network::EXPORT_NETWORK,
    network::NORMALIZE_TEXT,
    partitioned::COORDINATE_TRACES,
    partitioned::COORDINATE_TRACES_FILE,
    partitioned::COORDINATE_PARTITION,
    partitioned::COORDINATE_MERGE,
    partitioned::COORDINATE_MERGE_EDGES,
    cluster::CLUSTER_FEATURES,
    cluster::CLUSTER_ACCOUNTS,
    report::REPORT,
];
