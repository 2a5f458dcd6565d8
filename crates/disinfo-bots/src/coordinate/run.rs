//! The one-call path the CLI and the bindings share: read inputs with an adapter, build the
//! network, optionally analyse it (components, communities).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{CoordinateOptions, Network, coordinate};
use crate::Result;
use crate::adapters::{self, Dataset, ReadOptions};
use crate::graph::{self, GraphAnalysis, GraphOptions};
use crate::pipeline::{self, ReadSummary};

/// A network, its analysis (when asked) and how the inputs were read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoordinateResult {
    /// The network.
    pub network: Network,
    /// Components and communities, when `graph` options were given.
    pub analysis: Option<GraphAnalysis>,
    /// Read counts and rejections.
    pub read: ReadSummary,
}

/// Reads files (`-` = stdin) and builds the network.
pub fn from_paths(
    paths: &[PathBuf],
    read: &ReadOptions,
    options: &CoordinateOptions,
    graph: Option<&GraphOptions>,
) -> Result<CoordinateResult> {
    options.validate()?;
    let data = pipeline::read_paths(paths, read)?;
    finish(data, options, graph)
}

/// Reads one in-memory input and builds the network.
pub fn from_bytes(
    bytes: &[u8],
    read: &ReadOptions,
    options: &CoordinateOptions,
    graph: Option<&GraphOptions>,
) -> Result<CoordinateResult> {
    options.validate()?;
    let data = adapters::read_bytes(bytes, read)?;
    finish(data, options, graph)
}

fn finish(
    data: Dataset,
    options: &CoordinateOptions,
    graph_options: Option<&GraphOptions>,
) -> Result<CoordinateResult> {
    let network = coordinate(&data.posts, &data.accounts, options)?;
    let analysis = match graph_options {
        Some(g) => Some(graph::analyse(&network, g)?),
        None => None,
    };
    let read = ReadSummary {
        records_read: data.records_read,
        records_accepted: data.records_accepted,
        records_rejected: data.records_rejected,
        rejected: data.rejected,
    };
    Ok(CoordinateResult {
        network,
        analysis,
        read,
    })
}
