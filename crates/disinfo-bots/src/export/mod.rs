//! Exports of a coordination network: GraphML and GEXF 1.2 (read by Gephi, networkx and
//! igraph), JSON node/edge lists with evidence, and a CSV edge list whose first three columns
//! are `source,target,weight`.
//!
//! Node attributes: `handle`, `trace_posts`, and when a [`GraphAnalysis`] is given `component`
//! and `community` (`-1` = in no community). Edge attributes: `weight`, `reverse_weight`,
//! `symmetric_weight`, `balance`, `evidence` (`source_post>target_post` pairs joined by `;`).
//!
//! ```
//! use disinfo_bots::coordinate::{coordinate, CoordinateOptions, CoordinationKind};
//! use disinfo_bots::export::{render, ExportFormat};
//! let net = coordinate(&[], &[], &CoordinateOptions::new(CoordinationKind::CoLink, 60.0)).unwrap();
//! assert_eq!(render(&net, None, ExportFormat::Csv).unwrap(), "source,target,weight,reverse_weight,symmetric_weight,balance,evidence\n");
//! ```

mod xml;

use serde::{Deserialize, Serialize};

use crate::graph::GraphAnalysis;
use crate::network::{CoordinateOptions, CoordinationKind, Edge, Network, Node};
use crate::{Error, Result};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// CSV edge list (`source,target,weight,...`).
    Csv,
    /// JSON `{"nodes": [...], "edges": [...], ...}` with evidence.
    Json,
    /// GraphML (directed).
    Graphml,
    /// GEXF 1.2 (directed).
    Gexf,
}

impl ExportFormat {
    /// Parses `csv`, `json`, `graphml` or `gexf`.
    pub fn parse(name: &str) -> Result<ExportFormat> {
        match name.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(ExportFormat::Csv),
            "json" => Ok(ExportFormat::Json),
            "graphml" => Ok(ExportFormat::Graphml),
            "gexf" => Ok(ExportFormat::Gexf),
            _ => Err(Error::arg(
                "format",
                format!("unknown export format `{name}`; use csv, json, graphml or gexf"),
            )),
        }
    }
}

/// A node as exported (the network's node plus its labels).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ExportNode {
    /// Account id.
    pub id: String,
    /// Handle, when known.
    pub handle: Option<String>,
    /// Posts carrying the trace.
    pub trace_posts: u64,
    /// Weakly connected component (when analysed).
    pub component: Option<u32>,
    /// Community (when analysed and in a community).
    pub community: Option<u32>,
}

/// The JSON export document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ExportDocument {
    /// Coordination kind name.
    pub kind: String,
    /// Window in seconds (named `window`, as the option is).
    #[serde(rename = "window")]
    pub window_secs: f64,
    /// Nodes sorted by id.
    pub nodes: Vec<ExportNode>,
    /// Directed edges with evidence, sorted by (source, target).
    pub edges: Vec<Edge>,
    /// The graph analysis, when given.
    pub analysis: Option<GraphAnalysis>,
}

/// The nodes with their labels.
pub fn export_nodes(network: &Network, analysis: Option<&GraphAnalysis>) -> Vec<ExportNode> {
    network
        .nodes
        .iter()
        .map(|n| ExportNode {
            id: n.id.clone(),
            handle: n.handle.clone(),
            trace_posts: n.trace_posts,
            component: analysis.and_then(|a| a.component_of.get(&n.id).copied()),
            community: analysis.and_then(|a| a.community_of.get(&n.id).copied().flatten()),
        })
        .collect()
}

/// Evidence of an edge as one cell: `source_post>target_post` pairs joined by `;`.
pub fn evidence_cell(edge: &Edge) -> String {
    edge.evidence
        .iter()
        .map(|e| format!("{}>{}", e.source_post, e.target_post))
        .collect::<Vec<_>>()
        .join(";")
}

/// Renders a network (optionally with its analysis) in a format.
pub fn render(
    network: &Network,
    analysis: Option<&GraphAnalysis>,
    format: ExportFormat,
) -> Result<String> {
    match format {
        ExportFormat::Csv => csv_edges(network),
        ExportFormat::Json => {
            let doc = ExportDocument {
                kind: network.options.kind.as_str().to_string(),
                window_secs: network.options.window_secs,
                nodes: export_nodes(network, analysis),
                edges: network.edges.clone(),
                analysis: analysis.cloned(),
            };
            serde_json::to_string_pretty(&doc).map_err(|e| Error::arg("network", e.to_string()))
        }
        ExportFormat::Graphml => Ok(xml::graphml(
            network,
            &export_nodes(network, analysis),
            analysis.is_some(),
        )),
        ExportFormat::Gexf => Ok(xml::gexf(
            network,
            &export_nodes(network, analysis),
            analysis.is_some(),
        )),
    }
}

fn csv_edges(network: &Network) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| Error::arg("network", format!("CSV export failed: {e}"));
    w.write_record([
        "source",
        "target",
        "weight",
        "reverse_weight",
        "symmetric_weight",
        "balance",
        "evidence",
    ])
    .map_err(err)?;
    for e in &network.edges {
        w.write_record([
            e.source.clone(),
            e.target.clone(),
            e.weight.to_string(),
            e.reverse_weight.to_string(),
            e.symmetric_weight.to_string(),
            format!("{}", e.balance),
            evidence_cell(e),
        ])
        .map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::arg("network", e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Error::arg("network", e.to_string()))
}

/// Reads a JSON export (what [`render`] writes with [`ExportFormat::Json`]) back into a network
/// and its analysis, so that it can be rendered in another format.
pub fn from_json(text: &str) -> Result<(Network, Option<GraphAnalysis>)> {
    let doc: ExportDocument = serde_json::from_str(text).map_err(|e| Error::arg("network", format!(
            "not a network JSON export at line {}, column {}: {e}; write one with `--format json`",
            e.line(),
            e.column()
        )))?;
    let kind = CoordinationKind::parse(&doc.kind)?;
    let options = CoordinateOptions::new(kind, doc.window_secs);
    let trace_posts = doc.nodes.iter().map(|n| n.trace_posts).sum();
    let nodes = doc
        .nodes
        .into_iter()
        .map(|n| Node {
            id: n.id,
            handle: n.handle,
            trace_posts: n.trace_posts,
        })
        .collect();
    let network = Network {
        options,
        nodes,
        edges: doc.edges,
        posts: 0,
        trace_posts,
        duplicate_posts: 0,
    };
    Ok((network, doc.analysis))
}
