//! `disinfo ads audit`: successive collections audited by `disinfo::ads::api::audit`, printed as
//! JSON (the default) or rendered by `disinfo::ads::api::render` (Markdown, a CSV table).

use std::path::PathBuf;

use clap::Args;
use disinfo::ads::AuditOptions;
use disinfo::ads::api::{self, RenderOptions};
use disinfo::ads::collection::Progress;
use disinfo::api::request::{OPTIONS, decode};

use super::collections::CollectionArgs;
use super::progress::AuditBars;
use crate::Outcome;
use crate::input::read_json;
use crate::request::Given;
use crate::tool::Tool;

/// The command line's output when `--format` is not given: JSON, the contract (DESIGN §7).
const DEFAULT_FORMAT: &str = "json";

/// Arguments of `disinfo ads audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub collections: CollectionArgs,
    /// Regime to check (repeatable): dsa_39_2 (the default), dsa_39_3, ttpa_12, platform_pledge.
    #[arg(long = "regime")]
    pub regimes: Vec<String>,
    /// Output: json (the default), markdown or csv.
    #[arg(long)]
    pub format: Option<String>,
    /// With `--format csv`: pairs (the default), countries, advertisers, coverage, evidence,
    /// rejected, notes.
    #[arg(long)]
    pub table: Option<String>,
    /// Report unreadable records instead of stopping at the first one.
    #[arg(long)]
    pub lenient: bool,
    /// Evidence items kept per rule and kind (counts stay complete; default 1000).
    #[arg(long)]
    pub evidence_limit: Option<usize>,
    /// Audit options as a JSON file (`AuditOptions`); flags override it.
    #[arg(long)]
    pub options: Option<PathBuf>,
    /// No progress bars.
    #[arg(long)]
    pub quiet: bool,
    /// Post a card of the violations found to this incoming webhook (Mattermost's or Slack's);
    /// nothing is posted when there are none. A failed post is reported on standard error and
    /// makes the exit code 2; the report is written all the same.
    #[arg(long, value_name = "URL")]
    pub notify: Option<String>,
    /// With `--notify`: post the whole summary (each pair's rates, the field coverage, violations
    /// and warnings), even when there is no violation.
    #[arg(long, requires = "notify")]
    pub notify_all: bool,
}

/// Runs `disinfo ads audit`: exit 1 when a violation is found.
pub fn run(args: AuditArgs) -> disinfo::Result<Outcome> {
    let options = audit_options(&args)?;
    let render = Given::new()
        .set("format", args.format.as_deref().unwrap_or(DEFAULT_FORMAT))
        .opt("table", args.table.clone());
    let render: RenderOptions =
        decode(OPTIONS, render.into_request()).map_err(|e| Tool::Ads.invalid(e))?;
    if let Some(url) = &args.notify {
        crate::notify::check_webhook(url, Tool::Ads)?;
    }
    let collections = args.collections.collections()?;
    let names = args
        .collections
        .dirs
        .iter()
        .map(|d| d.display().to_string());
    let bars = AuditBars::new(names.collect());
    let progress: &(dyn Fn(usize, Progress) + Sync) = &|i, p| bars.update(i, p);
    let report = api::audit(&collections, &options, (!args.quiet).then_some(progress))?;
    bars.finish();
    crate::output::print_lines(&api::render(&report, &render)?);
    if let Some(url) = &args.notify {
        crate::notify::post(
            url,
            disinfo::chat::cards::audit::audit_card(&report, args.notify_all),
        )?;
    }
    Ok(Outcome::findings_if(report.violations > 0))
}

/// The audit options: those of the `--options` file, then the flags the user gave over them.
fn audit_options(args: &AuditArgs) -> disinfo::Result<AuditOptions> {
    let mut given = Given::new();
    if let Some(path) = &args.options {
        let file: AuditOptions =
            decode(OPTIONS, read_json(path, "options", Tool::Ads)?).map_err(|mut e| {
                e.message = format!("{} (in {})", e.message, path.display());
                Tool::Ads.invalid(e)
            })?;
        given = Given::from_options(&file).map_err(|e| Tool::Ads.bad_argument("options", e))?;
    }
    let given = given
        .list("regimes", &args.regimes)
        .flag("strict", args.lenient, false)
        .opt("evidence_limit", args.evidence_limit);
    decode(OPTIONS, given.into_request()).map_err(|e| Tool::Ads.invalid(e))
}
