//! Node bindings of the `bots` adapters, features, rules and synthetic data, in the
//! `bots` namespace: type conversion and error mapping only. The feature matrix crosses as one
//! `Float64Array` per column plus the column names.

// The exported functions are reached from JavaScript through napi's registration, which a plain
// `cargo check` of this private module does not see.
#![allow(dead_code)]

use disinfo::bots::adapters::{self, InputFormat, Mode, ReadOptions};
use disinfo::bots::features::{FeatureOptions, handle};
use disinfo::bots::pipeline::{self, FeaturesResult, ReadSummary};
use disinfo::bots::rules::Rule;
use disinfo::bots::synthetic::{self, SyntheticConfig};
use napi::bindgen_prelude::JsObjectValue;
use napi::bindgen_prelude::{AsyncTask, Buffer, Either, Float64Array, Uint8Array};
use napi::{Env, JsValue, Task};
use napi_derive::napi;

use crate::convert::to_json;
use crate::errors::{Result, run};

/// Options of `bots.features`, `bots.featuresFromText`, `bots.read` and `bots.rule`.
#[napi(object)]
#[derive(Default, Clone)]
pub struct BotsOptions {
    /// `strict` (default: fail on the first bad record) or `lenient` (collect rejections).
    pub mode: Option<String>,
    /// Observation time (RFC 3339) for profiles that carry none.
    pub observed_at: Option<String>,
    /// Name of the input in messages (in-memory inputs).
    pub source_name: Option<String>,
    /// Compute behaviour features over the posts (default true).
    pub behaviour: Option<bool>,
    /// Time zone of day/hour/night features, minutes east of UTC (default 0).
    pub utc_offset_minutes: Option<i32>,
    /// Night starts at this local hour (default 0).
    pub night_start_hour: Option<u32>,
    /// Night ends before this local hour (default 6).
    pub night_end_hour: Option<u32>,
    /// Hours after the longest silence counted as its wake-up burst (default 24).
    pub burst_window_h: Option<f64>,
}

/// A feature matrix: one `Float64Array` per column (NaN where missing), with names.
#[napi(object)]
pub struct BotsFeatures {
    /// The account id of each row.
    pub account_ids: Vec<String>,
    /// The handle of each row.
    pub handles: Vec<String>,
    /// Column names (profile columns first, then behaviour columns).
    pub columns: Vec<String>,
    /// One array per column, `values[j][i]` = column j of account i; NaN where missing.
    pub values: Vec<Float64Array>,
    /// One array per column, 1 where the value is missing, else 0.
    pub mask: Vec<Uint8Array>,
    /// Read counts and (lenient mode) rejections with line numbers.
    #[napi(
        ts_type = "{ records_read: number, records_accepted: number, records_rejected: number, rejected: Array<{ source: string, line: number, record: number, reason: string }> }"
    )]
    pub read: serde_json::Value,
}

fn options(input_format: &str, o: &BotsOptions) -> disinfo::Result<(ReadOptions, FeatureOptions)> {
    let mut read = ReadOptions::new(input_format.parse::<InputFormat>()?);
    if let Some(mode) = &o.mode {
        read.mode = mode.parse::<Mode>()?;
    }
    if let Some(t) = &o.observed_at {
        read.observed_at = Some(adapters::parse_time(t, "observedAt")?);
    }
    if let Some(name) = &o.source_name {
        read.source_name = name.clone();
    }
    let d = FeatureOptions::default();
    let features = FeatureOptions {
        behaviour: o.behaviour.unwrap_or(d.behaviour),
        utc_offset_minutes: o.utc_offset_minutes.unwrap_or(d.utc_offset_minutes),
        night_start_hour: o.night_start_hour.unwrap_or(d.night_start_hour),
        night_end_hour: o.night_end_hour.unwrap_or(d.night_end_hour),
        burst_window_h: o.burst_window_h.unwrap_or(d.burst_window_h),
    };
    features.validate()?;
    Ok((read, features))
}

fn to_js(result: FeaturesResult) -> Result<BotsFeatures> {
    let FeaturesResult { features, read } = result;
    let values = features
        .values
        .columns()
        .into_iter()
        .map(|c| Float64Array::new(c.to_vec()))
        .collect();
    let mask = features
        .mask
        .columns()
        .into_iter()
        .map(|c| Uint8Array::new(c.iter().map(|m| u8::from(*m)).collect()))
        .collect();
    Ok(BotsFeatures {
        account_ids: features.account_ids,
        handles: features.handles,
        columns: features.columns,
        values,
        mask,
        read: to_json(&read)?,
    })
}

fn text_features(
    data: &[u8],
    input_format: &str,
    o: &BotsOptions,
) -> disinfo::Result<FeaturesResult> {
    let (read, features) = options(input_format, o)?;
    let mut dataset = adapters::read_bytes(data, &read)?;
    let matrix = disinfo::bots::features::compute(&dataset.accounts, &dataset.posts, &features)?;
    let summary = ReadSummary {
        records_read: dataset.records_read,
        records_accepted: dataset.records_accepted,
        records_rejected: dataset.records_rejected,
        rejected: std::mem::take(&mut dataset.rejected),
    };
    Ok(FeaturesResult {
        features: matrix,
        read: summary,
    })
}

fn file_features(
    inputs: &[String],
    input_format: &str,
    o: &BotsOptions,
) -> disinfo::Result<FeaturesResult> {
    let (read, features) = options(input_format, o)?;
    let paths: Vec<std::path::PathBuf> = inputs.iter().map(Into::into).collect();
    Ok(pipeline::features_from_paths(&paths, &read, &features)?)
}

/// Profile and behaviour features of the accounts in files (JSON, JSONL or CSV).
#[napi(namespace = "bots", catch_unwind)]
pub fn features(
    inputs: Vec<String>,
    input_format: String,
    options: Option<BotsOptions>,
) -> Result<BotsFeatures> {
    let o = options.unwrap_or_default();
    to_js(run(|| file_features(&inputs, &input_format, &o))?)
}

/// Like `features`, on one in-memory input (a string or a Buffer).
#[napi(namespace = "bots", catch_unwind)]
pub fn features_from_text(
    data: Either<String, Buffer>,
    input_format: String,
    options: Option<BotsOptions>,
) -> Result<BotsFeatures> {
    let o = options.unwrap_or_default();
    let bytes: Vec<u8> = match data {
        Either::A(s) => s.into_bytes(),
        Either::B(b) => b.to_vec(),
    };
    to_js(run(|| text_features(&bytes, &input_format, &o))?)
}

/// The off-thread work of `featuresAsync`.
pub struct FeaturesTask {
    inputs: Vec<String>,
    input_format: String,
    options: BotsOptions,
}

impl Task for FeaturesTask {
    type Output = std::result::Result<FeaturesResult, (String, String)>;
    type JsValue = BotsFeatures;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(
            disinfo::catch_panic(|| file_features(&self.inputs, &self.input_format, &self.options))
                .map_err(|e| (e.code().to_owned(), e.to_string())),
        )
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<BotsFeatures> {
        match output {
            Ok(result) => to_js(result).map_err(|e| napi::Error::from_reason(e.reason.clone())),
            Err((code, message)) => {
                let mut error = env.create_error(napi::Error::from_reason(message))?;
                error.set_named_property("code", code)?;
                Err(napi::Error::from(error.to_unknown()))
            }
        }
    }
}

/// `features` on libuv's thread pool: resolves to the same result.
#[napi(namespace = "bots", ts_return_type = "Promise<BotsFeatures>")]
pub fn features_async(
    inputs: Vec<String>,
    input_format: String,
    options: Option<BotsOptions>,
) -> AsyncTask<FeaturesTask> {
    AsyncTask::new(FeaturesTask {
        inputs,
        input_format,
        options: options.unwrap_or_default(),
    })
}

/// Reads files into the platform-neutral model: `accounts`, `posts`, `rejected` and counts.
#[napi(
    namespace = "bots",
    ts_return_type = "{ accounts: Array<Record<string, unknown>>, posts: Array<Record<string, unknown>>, rejected: Array<{ source: string, line: number, record: number, reason: string }>, records_read: number, records_accepted: number, records_rejected: number }"
)]
pub fn read(
    inputs: Vec<String>,
    input_format: String,
    options: Option<BotsOptions>,
) -> Result<serde_json::Value> {
    let o = options.unwrap_or_default();
    let data = run(|| {
        let (read, _) = self::options(&input_format, &o)?;
        let paths: Vec<std::path::PathBuf> = inputs.iter().map(Into::into).collect();
        Ok(pipeline::read_paths(&paths, &read)?)
    })?;
    to_json(&data)
}

/// Applies a rule preset name (`dormant_2019`, `amplifier`) or a rule object to every account.
#[napi(
    namespace = "bots",
    ts_args_type = "rule: string | { name: string, description?: string, conditions: Array<{ input: string, op: string, value: number | boolean | string }> }, inputs: string[], inputFormat: string, options?: BotsOptions",
    ts_return_type = "{ rule: Record<string, unknown>, outcomes: Array<{ account_id: string, verdict: 'pass' | 'fail' | 'undefined', failed: string[], undefined: string[] }>, passed: number, read: Record<string, unknown> }"
)]
pub fn rule(
    rule: serde_json::Value,
    inputs: Vec<String>,
    input_format: String,
    options: Option<BotsOptions>,
) -> Result<serde_json::Value> {
    let o = options.unwrap_or_default();
    let result = run(|| {
        let rule = match &rule {
            serde_json::Value::String(name) => Rule::preset(name)?,
            value => Rule::from_json(&value.to_string())?,
        };
        let (read, features) = self::options(&input_format, &o)?;
        let paths: Vec<std::path::PathBuf> = inputs.iter().map(Into::into).collect();
        Ok(pipeline::rule_from_paths(&rule, &paths, &read, &features)?)
    })?;
    to_json(&result)
}

/// How much a handle looks like handles people choose, in (0, 1]; null for "".
#[napi(namespace = "bots")]
pub fn handle_likelihood(handle: String) -> Option<f64> {
    handle::handle_likelihood(&handle)
}

fn snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Seeded synthetic accounts, posts and planted truth. Config keys are camelCase
/// (`seed`, `organic`, `dormantBots`, `amplifiers`, `coordinatedGroups`, `groupSize`, ...).
#[napi(
    namespace = "bots",
    ts_return_type = "{ seed: number, accounts: Array<Record<string, unknown>>, posts: Array<Record<string, unknown>>, planted: Array<{ population: string, group: number | null }> }"
)]
pub fn synthetic(
    config: Option<serde_json::Map<String, serde_json::Value>>,
) -> Result<serde_json::Value> {
    let config: serde_json::Map<String, serde_json::Value> = config
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (snake_case(&k), v))
        .collect();
    let data = run(|| {
        let config: SyntheticConfig = serde_json::from_value(serde_json::Value::Object(config))
            .map_err(|e| {
                disinfo::Error::from(disinfo::bots::Error::InvalidArgument {
                    name: "config".to_owned(),
                    message: e.to_string(),
                })
            })?;
        Ok(synthetic::generate(&config)?)
    })?;
    to_json(&data)
}
