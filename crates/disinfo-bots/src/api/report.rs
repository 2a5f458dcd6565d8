//! The public cluster report: `report`.

use std::path::PathBuf;

use disinfo_core::request::{FsPath, OPTIONS, OneOrMany, decode};
use disinfo_core::{ArgSpec, Operation, Output, ResultSpec, Spec};
use schemars::SchemaGenerator;

use crate::Error;
use crate::adapters::InputFormat;
use crate::report::{Report, ReportOptions};

pub use crate::report::report;

const REPORT_DOC: &str = "Cluster the accounts of the inputs and write the public report: with `output`, a self-contained static site in that folder (an overview ranking the clusters by bot-likeness with the map of accounts and creation dates, one page per cluster with its profile, charts, central accounts and the network among them, in English and French, the method written out; no server, no script, nothing loaded from outside the folder) and `report.json`. Returns the report: every number the pages show (per cluster: size, feature quartiles, rule pass rates, creation-date histogram, shared links, hashtags, domains and repost sources, coordination when `network` or `network_file` is given, central accounts, the score's signals, score and verdict).";

pub(super) const REPORT: Operation<Error> = Operation {
    spec: Spec {
        tool: "bots",
        name: "report",
        doc: REPORT_DOC,
        args: &[
            ArgSpec::json::<OneOrMany<FsPath>>(
                "inputs",
                "A path or a list of paths (`.gz` is read directly).",
            ),
            ArgSpec::json::<InputFormat>(
                "input_format",
                "A platform format (`twitter-v1`, `qut-csv`, `coortweet`, ...) or `features-csv`.",
            ),
        ],
        options: Some(SchemaGenerator::subschema_for::<ReportOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<Report>),
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
        let options: ReportOptions = decode(OPTIONS, options)?;
        Ok(Output::json(report(&inputs, format, &options)?))
    },
};
