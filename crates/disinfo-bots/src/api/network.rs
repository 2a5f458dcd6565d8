//! Coordination networks and their exports: `coordinate`, `coordinate_text`,
//! `export_network`, `normalize_text`.

use std::path::PathBuf;

use disinfo_core::request::{FsPath, OPTIONS, OneOrMany, decode};
use disinfo_core::{ArgKind, ArgSpec, Operation, Output, ResultSpec, Spec};
use schemars::{JsonSchema, SchemaGenerator};
use serde::{Deserialize, Serialize};

use super::features::ReadRequestOptions;
use crate::adapters::InputFormat;
use crate::coordinate::CoordinateOptions;
use crate::coordinate::run::{self as coordinate_run, CoordinateResult};
use crate::export::ExportFormat;
use crate::graph::GraphOptions;
use crate::{Error, Result};

/// Options of [`coordinate`]: the trace and its thresholds, how the inputs are read, and
/// whether to find communities.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct CoordinateRequestOptions {
    /// The trace, window and thresholds (`kind`, `window`, `min_edge_weight`, ...).
    #[serde(flatten)]
    pub coordinate: CoordinateOptions,
    /// How the inputs are read (`mode`, `observed_at`).
    #[serde(flatten)]
    pub read: ReadRequestOptions,
    /// Also find components and seeded communities (`analysis` in the result); default false.
    pub communities: bool,
    /// Community detection's settings (`seed`, `resolution`, `min_community_size`), used with
    /// `communities`.
    #[serde(flatten)]
    pub graph: GraphOptions,
}

impl CoordinateRequestOptions {
    fn graph(&self) -> Option<&GraphOptions> {
        self.communities.then_some(&self.graph)
    }
}

/// Options of [`coordinate_text`]: those of [`coordinate`] and the input's name.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct CoordinateTextOptions {
    /// The input's name in messages and rejections (default `<input>`).
    pub source_name: Option<String>,
    /// The network's options.
    #[serde(flatten)]
    pub coordinate: CoordinateRequestOptions,
}

/// The coordination network of the posts in files.
pub fn coordinate(
    inputs: &[PathBuf],
    format: InputFormat,
    options: &CoordinateRequestOptions,
) -> Result<CoordinateResult> {
    coordinate_run::from_paths(
        inputs,
        &options.read.read_options_for(format),
        &options.coordinate,
        options.graph(),
    )
}

/// The coordination network of one in-memory input.
pub fn coordinate_text(
    data: &[u8],
    format: InputFormat,
    options: &CoordinateTextOptions,
) -> Result<CoordinateResult> {
    let mut read = options.coordinate.read.read_options_for(format);
    if let Some(name) = &options.source_name {
        read.source_name.clone_from(name);
    }
    coordinate_run::from_bytes(
        data,
        &read,
        &options.coordinate.coordinate,
        options.coordinate.graph(),
    )
}

const COORDINATE_DOC: &str = "Build the coordination network of the posts: accounts that act together on the same trace (`kind`: `co-repost`, `co-link`, `co-text`, `co-similar-text`, `co-reply`, `co-hashtag-sequence`, `synchrony`) within `window` seconds, inclusive. The directed weight u → v counts distinct posts of u matched by a post of v (the QUT coordination-network-toolkit's definition); every edge has `weight`, `reverse_weight`, `symmetric_weight`, `balance` and `evidence` (matched post pairs). With `communities`, the result also has `analysis` (components and seeded communities).";

pub(super) const COORDINATE: Operation<Error> = Operation {
    spec: Spec {
        tool: "bots",
        name: "coordinate",
        doc: COORDINATE_DOC,
        args: &[
            ArgSpec::json::<OneOrMany<FsPath>>("inputs", "A path or a list of paths."),
            ArgSpec::json::<InputFormat>(
                "input_format",
                "The format of the inputs (`qut-csv`, `twitter-v1`, ...).",
            ),
        ],
        options: Some(SchemaGenerator::subschema_for::<CoordinateRequestOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<CoordinateResult>),
        progress: false,
    },
    run: |mut args, options| {
        let inputs: Vec<PathBuf> = args
            .json::<OneOrMany<FsPath>>(0)?
            .into_vec()
            .into_iter()
            .map(PathBuf::from)
            .collect();
        let format: InputFormat = args.json(1)?;
        let options: CoordinateRequestOptions = decode(OPTIONS, options)?;
        Ok(Output::json(coordinate(&inputs, format, &options)?))
    },
};

pub(super) const COORDINATE_TEXT: Operation<Error> = Operation {
    spec: Spec {
        tool: "bots",
        name: "coordinate_text",
        doc: "Like `coordinate`, on one in-memory input (text or bytes).",
        args: &[
            ArgSpec::of("data", "The posts (a QUT CSV, JSONL, ...).", ArgKind::Bytes),
            ArgSpec::json::<InputFormat>("input_format", "The format of the data."),
        ],
        options: Some(SchemaGenerator::subschema_for::<CoordinateTextOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<CoordinateResult>),
        progress: false,
    },
    run: |mut args, options| {
        let data = args.bytes(0)?.unwrap_or_default();
        let format: InputFormat = args.json(1)?;
        let options: CoordinateTextOptions = decode(OPTIONS, options)?;
        Ok(Output::json(coordinate_text(&data, format, &options)?))
    },
};

/// Renders a coordination result (its network, and its analysis when present).
pub fn export_network(result: &CoordinateResult, format: ExportFormat) -> Result<String> {
    crate::export::render(&result.network, result.analysis.as_ref(), format)
}

pub(super) const EXPORT_NETWORK: Operation<Error> = Operation {
    spec: Spec {
        tool: "bots",
        name: "export_network",
        doc: "Render a `coordinate` result as `csv`, `json`, `graphml` (the default) or `gexf` text. GraphML and GEXF carry node attributes `handle`, `trace_posts` (and `component`, `community` when the result was analysed; -1 = no community) and edge attributes `weight`, `reverse_weight`, `symmetric_weight`, `balance`, `evidence`; Gephi, networkx and igraph read them.",
        args: &[
            ArgSpec::json::<CoordinateResult>("result", "What `coordinate` returned."),
            ArgSpec::json::<ExportFormat>("format", "`csv`, `json`, `graphml` or `gexf`.")
                .optional(),
        ],
        options: None,
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<String>),
        progress: false,
    },
    run: |mut args, _| {
        let result: CoordinateResult = args.json(0)?;
        let format: Option<ExportFormat> = args.json(1)?;
        Ok(Output::json(export_network(
            &result,
            format.unwrap_or(ExportFormat::Graphml),
        )?))
    },
};

pub(super) const NORMALIZE_TEXT: Operation<Error> = Operation {
    spec: Spec {
        tool: "bots",
        name: "normalize_text",
        doc: "The co-text normalisation (the QUT toolkit's): lower-cased, @mentions stripped, white space collapsed.",
        args: &[ArgSpec::json::<String>("text", "A post's text.")],
        options: None,
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<String>),
        progress: false,
    },
    run: |mut args, _| {
        let text: String = args.json(0)?;
        Ok(Output::json(crate::coordinate::traces::normalize_text(
            &text,
        )))
    },
};
