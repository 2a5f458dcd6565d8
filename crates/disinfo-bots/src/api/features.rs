//! Reading platform exports, the feature matrix, rules and synthetic data: `features`,
//! `features_from_text`, `read`, `rule`, `handle_likelihood`, `synthetic`.

use std::path::PathBuf;

use disinfo_core::request::{FsPath, OPTIONS, OneOrMany, decode};
use disinfo_core::{ArgKind, ArgSpec, MatrixOutput, Operation, Output, ResultSpec, Spec};
use schemars::{JsonSchema, SchemaGenerator};
use serde::{Deserialize, Serialize};

pub use crate::adapters::ReadRequestOptions;
use crate::adapters::{self, Dataset, InputFormat};
use crate::features::FeatureOptions;
use crate::pipeline::{self, FeaturesResult, ReadSummary, RuleResult};
use crate::rules::Rule;
use crate::synthetic::{SyntheticConfig, SyntheticData};
use crate::{Error, Result};

/// Options of [`features`] and [`rule`]: how the inputs are read and the features computed.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct FeaturesOptions {
    /// How the inputs are read (`mode`, `observed_at`).
    #[serde(flatten)]
    pub read: ReadRequestOptions,
    /// The features' settings (`behaviour`, `utc_offset_minutes`, night hours, burst window).
    #[serde(flatten)]
    pub features: FeatureOptions,
}

/// Options of [`features_from_text`]: those of [`features`] and the input's name.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct FeaturesTextOptions {
    /// The input's name in messages and rejections (default `<input>`).
    pub source_name: Option<String>,
    /// How the input is read and the features computed.
    #[serde(flatten)]
    pub features: FeaturesOptions,
}

/// What a feature matrix carries besides its values: row ids, column names, read counts.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct FeaturesMeta {
    /// The account id of each row.
    pub account_ids: Vec<String>,
    /// The handle of each row (`""` when the account was only seen as a post author).
    pub handles: Vec<String>,
    /// The column names: the profile features, then the behaviour features.
    pub columns: Vec<String>,
    /// Read counts and (lenient mode) the rejected records with their line and reason.
    pub read: ReadSummary,
}

fn paths(inputs: OneOrMany<FsPath>) -> Vec<PathBuf> {
    inputs.into_vec().into_iter().map(PathBuf::from).collect()
}

/// Profile and behaviour features of the accounts in files (JSON, JSONL or CSV exports).
pub fn features(
    inputs: &[PathBuf],
    format: InputFormat,
    options: &FeaturesOptions,
) -> Result<FeaturesResult> {
    pipeline::features_from_paths(
        inputs,
        &options.read.read_options_for(format),
        &options.features,
    )
}

/// Features of one in-memory input.
pub fn features_from_text(
    data: &[u8],
    format: InputFormat,
    options: &FeaturesTextOptions,
) -> Result<FeaturesResult> {
    let mut read = options.features.read.read_options_for(format);
    if let Some(name) = &options.source_name {
        read.source_name.clone_from(name);
    }
    options.features.features.validate()?;
    if format == InputFormat::FeaturesCsv {
        let features = crate::features::csv::read_features_csv(data, &read.source_name)?;
        let n = features.len() as u64;
        return Ok(FeaturesResult {
            features,
            read: ReadSummary {
                records_read: n,
                records_accepted: n,
                ..ReadSummary::default()
            },
        });
    }
    let mut data = adapters::read_bytes(data, &read)?;
    let matrix = crate::features::compute(&data.accounts, &data.posts, &options.features.features)?;
    Ok(FeaturesResult {
        features: matrix,
        read: ReadSummary {
            records_read: data.records_read,
            records_accepted: data.records_accepted,
            records_rejected: data.records_rejected,
            rejected: std::mem::take(&mut data.rejected),
        },
    })
}

/// The matrix output of a features result: values and mask row-major, ids and counts as meta.
fn matrix_output(result: FeaturesResult) -> Output {
    let FeaturesResult { features, read } = result;
    let (rows, cols) = features.values.dim();
    Output::Matrix(MatrixOutput {
        rows,
        cols,
        values: features.values.iter().copied().collect(),
        mask: features.mask.iter().copied().collect(),
        meta: Box::new(FeaturesMeta {
            account_ids: features.account_ids,
            handles: features.handles,
            columns: features.columns,
            read,
        }),
    })
}

const FEATURES_DOC: &str = "Profile and behaviour features of the accounts, one row per account: the BotometerLite profile features and behaviour features over the posts. A missing value is NaN in `values` and true in `mask`, never a made-up constant. Column names are a contract shared by every language: the profile columns, then the behaviour columns.";

const INPUTS: ArgSpec = ArgSpec::json::<OneOrMany<FsPath>>(
    "inputs",
    "A path or a list of paths (JSON, JSONL or CSV as the platform delivers it; `.gz` is read directly).",
);
const INPUT_FORMAT: ArgSpec = ArgSpec::json::<InputFormat>(
    "input_format",
    "`twitter-v1`, `twitter-v2`, `snscrape`, `bluesky`, `mastodon`, `tiktok`, `qut-csv`, `coortweet` or `features-csv` (a features CSV read back).",
);

pub(super) const FEATURES: Operation<Error> = Operation {
    spec: Spec {
        tool: "bots",
        name: "features",
        doc: FEATURES_DOC,
        args: &[INPUTS, INPUT_FORMAT],
        options: Some(SchemaGenerator::subschema_for::<FeaturesOptions>),
        result: ResultSpec::Matrix(SchemaGenerator::subschema_for::<FeaturesMeta>),
        progress: false,
    },
    run: |mut args, options| {
        let inputs = paths(args.json(0)?);
        let format: InputFormat = args.json(1)?;
        let options: FeaturesOptions = decode(OPTIONS, options)?;
        Ok(matrix_output(features(&inputs, format, &options)?))
    },
};

pub(super) const FEATURES_FROM_TEXT: Operation<Error> = Operation {
    spec: Spec {
        tool: "bots",
        name: "features_from_text",
        doc: "Like `features`, on one in-memory input (text or bytes).",
        args: &[
            ArgSpec::of("data", "The export's content.", ArgKind::Bytes),
            INPUT_FORMAT,
        ],
        options: Some(SchemaGenerator::subschema_for::<FeaturesTextOptions>),
        result: ResultSpec::Matrix(SchemaGenerator::subschema_for::<FeaturesMeta>),
        progress: false,
    },
    run: |mut args, options| {
        let data = args.bytes(0)?.unwrap_or_default();
        let format: InputFormat = args.json(1)?;
        let options: FeaturesTextOptions = decode(OPTIONS, options)?;
        Ok(matrix_output(features_from_text(&data, format, &options)?))
    },
};

/// Reads files into the platform-neutral model: accounts, posts, rejections and counts.
pub fn read(
    inputs: &[PathBuf],
    format: InputFormat,
    options: &ReadRequestOptions,
) -> Result<Dataset> {
    pipeline::read_paths(inputs, &options.read_options_for(format))
}

pub(super) const READ: Operation<Error> = Operation {
    spec: Spec {
        tool: "bots",
        name: "read",
        doc: "Read files into the platform-neutral model: `accounts`, `posts`, `rejected` and the read counts.",
        args: &[INPUTS, INPUT_FORMAT],
        options: Some(SchemaGenerator::subschema_for::<ReadRequestOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<Dataset>),
        progress: false,
    },
    run: |mut args, options| {
        let inputs = paths(args.json(0)?);
        let format: InputFormat = args.json(1)?;
        let options: ReadRequestOptions = decode(OPTIONS, options)?;
        Ok(Output::json(read(&inputs, format, &options)?))
    },
};

/// A rule: a preset's name (`dormant_2019`, `amplifier`) or a rule object.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum RuleArg {
    /// A preset's name.
    Preset(String),
    /// A rule: `{name, description?, conditions: [{input, op, value}]}`.
    Rule(Rule),
}

impl RuleArg {
    /// The rule itself.
    pub fn resolve(self) -> Result<Rule> {
        match self {
            RuleArg::Preset(name) => Rule::preset(&name),
            RuleArg::Rule(rule) => {
                rule.check()?;
                Ok(rule)
            }
        }
    }
}

/// Applies a rule to every account of the inputs.
pub fn rule(
    rule: &Rule,
    inputs: &[PathBuf],
    format: InputFormat,
    options: &FeaturesOptions,
) -> Result<RuleResult> {
    pipeline::rule_from_paths(
        rule,
        inputs,
        &options.read.read_options_for(format),
        &options.features,
    )
}

pub(super) const RULE: Operation<Error> = Operation {
    spec: Spec {
        tool: "bots",
        name: "rule",
        doc: "Apply a rule preset (`dormant_2019`, `amplifier`) or a rule object (`{name, conditions: [{input, op, value}]}`) to every account: `outcomes` with a `verdict` of `pass`, `fail` or `undefined` (0/0 ratios and missing inputs are undefined, never a pass).",
        args: &[
            ArgSpec::json::<RuleArg>("rule", "A preset's name or a rule object."),
            INPUTS,
            INPUT_FORMAT,
        ],
        options: Some(SchemaGenerator::subschema_for::<FeaturesOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<RuleResult>),
        progress: false,
    },
    run: |mut args, options| {
        let the_rule = args.json::<RuleArg>(0)?.resolve()?;
        let inputs = paths(args.json(1)?);
        let format: InputFormat = args.json(2)?;
        let options: FeaturesOptions = decode(OPTIONS, options)?;
        Ok(Output::json(rule(&the_rule, &inputs, format, &options)?))
    },
};

pub(super) const HANDLE_LIKELIHOOD: Operation<Error> = Operation {
    spec: Spec {
        tool: "bots",
        name: "handle_likelihood",
        doc: "How much a handle looks like the handles people choose, in (0, 1]: the geometric mean of smoothed character-bigram probabilities; `null` for an empty handle.",
        args: &[ArgSpec::json::<String>(
            "handle",
            "The handle, without `@`.",
        )],
        options: None,
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<Option<f64>>),
        progress: false,
    },
    run: |mut args, _| {
        let handle: String = args.json(0)?;
        Ok(Output::json(crate::features::handle::handle_likelihood(
            &handle,
        )))
    },
};

pub(super) const SYNTHETIC: Operation<Error> = Operation {
    spec: Spec {
        tool: "bots",
        name: "synthetic",
        doc: "Seeded synthetic accounts, posts and the planted population of every account (organic users, dormant-rule bots, amplifiers, coordinated groups): `{seed, accounts, posts, planted}`.",
        args: &[],
        options: Some(SchemaGenerator::subschema_for::<SyntheticConfig>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<SyntheticData>),
        progress: false,
    },
    run: |_, options| {
        let config: SyntheticConfig = decode(OPTIONS, options)?;
        Ok(Output::json(crate::synthetic::generate(&config)?))
    },
};
