//! `disinfo bots rule`: a rule preset or a rule file applied to every account, by
//! `disinfo::bots::api::rule`.

use std::path::Path;

use clap::Args;
use disinfo::api::request::{OPTIONS, decode};
use disinfo::bots::api::{FeaturesOptions, RuleArg};
use disinfo::bots::rules::{PRESETS, Rule};

use super::input::{FeatureArgs, ReadArgs, report_rejections};
use crate::Outcome;
use crate::input::read_json;
use crate::request::Given;
use crate::tool::Tool;

/// Arguments of `disinfo bots rule`.
#[derive(Debug, Args)]
pub struct RuleArgs {
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub features: FeatureArgs,
    /// A preset name (`dormant_2019`, `amplifier`) or the path of a rule JSON file
    /// (`{name, description?, conditions: [{input, op, value}]}`).
    #[arg(long)]
    pub rule: String,
}

/// Runs `disinfo bots rule`: the verdicts as JSON; exit 1 when accounts pass (or records were
/// rejected).
pub fn run(args: RuleArgs) -> disinfo::Result<Outcome> {
    let format = args.read.format()?;
    let given = args.features.given(args.read.given(Given::new()));
    let options: FeaturesOptions =
        decode(OPTIONS, given.into_request()).map_err(|e| Tool::Bots.invalid(e))?;
    let rule = rule_arg(&args.rule)?.resolve()?;
    let result = disinfo::bots::api::rule(&rule, &args.read.inputs, format, &options)?;
    crate::output::print_json(&result)?;
    let rejected = report_rejections(&result.read);
    Ok(Outcome::findings_if(rejected || result.passed > 0))
}

/// A preset's name stays a name (the core says which presets exist); any other value that
/// names a file is a rule file.
fn rule_arg(value: &str) -> disinfo::Result<RuleArg> {
    let path = Path::new(value);
    if PRESETS.contains(&value) || !path.is_file() {
        return Ok(RuleArg::Preset(value.to_owned()));
    }
    let json = read_json(path, "rule", Tool::Bots)?;
    let rule: Rule = decode("rule", json).map_err(|e| Tool::Bots.invalid(e))?;
    Ok(RuleArg::Rule(rule))
}
