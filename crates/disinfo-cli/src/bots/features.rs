//! `disinfo bots features`: profile and behaviour features of the accounts, by
//! `disinfo::bots::api::features`, as the core's CSV or as JSON rows.

use std::io::Write;

use clap::{Args, ValueEnum};
use disinfo::api::request::{OPTIONS, decode};
use disinfo::bots::api::FeaturesOptions;
use disinfo::bots::features::FeatureMatrix;

use super::input::{FeatureArgs, ReadArgs, report_rejections};
use crate::Outcome;
use crate::request::Given;
use crate::tool::Tool;

/// What `bots features` prints.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FeaturesFormat {
    /// CSV with header `account_id,handle,<features>`; missing values are empty cells.
    Csv,
    /// JSON: one object per account; missing values are null.
    Json,
}

/// Arguments of `disinfo bots features`.
#[derive(Debug, Args)]
pub struct FeaturesArgs {
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub features: FeatureArgs,
    /// Output rendering.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: FeaturesFormat,
}

/// Runs `disinfo bots features`: exit 1 when records were rejected (`--lenient`).
pub fn run(args: FeaturesArgs) -> disinfo::Result<Outcome> {
    let format = args.read.format()?;
    let given = args.features.given(args.read.given(Given::new()));
    let options: FeaturesOptions =
        decode(OPTIONS, given.into_request()).map_err(|e| Tool::Bots.invalid(e))?;
    let result = disinfo::bots::api::features(&args.read.inputs, format, &options)?;
    match args.format {
        FeaturesFormat::Csv => result.features.write_csv(crate::output::stdout())?,
        FeaturesFormat::Json => write_json_rows(&result.features),
    }
    Ok(Outcome::findings_if(report_rejections(&result.read)))
}

/// Writes `[`, one JSON object per account per line, `]`: keys `account_id`, `handle`, then the
/// columns in their order (the order is part of the contract), missing values as null.
fn write_json_rows(m: &FeatureMatrix) {
    let string = |s: &str| serde_json::Value::from(s).to_string();
    let number =
        |v: f64| serde_json::Number::from_f64(v).map_or_else(|| "null".into(), |n| n.to_string());
    let keys: Vec<String> = m.columns.iter().map(|c| string(c)).collect();
    let mut out = crate::output::stdout();
    let mut text = String::from("[\n");
    for (i, row) in m.values.outer_iter().enumerate() {
        text.push_str(&format!(
            "{{\"account_id\":{},\"handle\":{}",
            string(&m.account_ids[i]),
            string(&m.handles[i])
        ));
        for (key, &v) in keys.iter().zip(row.iter()) {
            text.push_str(&format!(",{key}:{}", number(v)));
        }
        text.push('}');
        if i + 1 < m.len() {
            text.push(',');
        }
        text.push('\n');
        // Written in pieces, so that a million rows never make one huge string.
        if text.len() > 1 << 16 {
            let _ = out.write_all(text.as_bytes());
            text.clear();
        }
    }
    text.push_str("]\n");
    let _ = out.write_all(text.as_bytes());
}
