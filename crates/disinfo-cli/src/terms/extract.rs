//! `disinfo terms extract`: one snapshot (or one per source document of a declaration) to its
//! Markdown version, by `disinfo::terms::api::extract` or `extract_declared`.

use std::path::PathBuf;

use clap::Args;
use disinfo::api::request::{OPTIONS, decode};
use disinfo::terms::api::{self, DeclaredOptions, ExtractOptions};
use disinfo::terms::declaration::Selectors;

use crate::Outcome;
use crate::input::read_bytes;
use crate::request::Given;
use crate::tool::Tool;

/// Arguments of `disinfo terms extract`: either `--url` and `--select` (a source document given
/// here), or `--declaration` and `--terms-type` (an OTA service file).
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("source").required(true).args(["url", "declaration"]))]
pub struct ExtractArgs {
    /// Snapshot file(s) (`-` for stdin); with a combined declaration, one per source document in declared order.
    #[arg(required = true)]
    pub snapshot: Vec<PathBuf>,
    /// The document location (base of relative links).
    #[arg(long, conflicts_with = "declaration", requires = "select")]
    pub url: Option<String>,
    /// What to keep: a CSS selector, or OTA's JSON syntax when it starts with `[` or `{`.
    #[arg(long, requires = "url")]
    pub select: Option<String>,
    /// What to drop first (same syntax as --select).
    #[arg(long, requires = "select")]
    pub remove: Option<String>,
    /// An OTA service declaration (`Service.json`; its history file beside it is read too).
    #[arg(long, requires = "terms_type")]
    pub declaration: Option<PathBuf>,
    /// The terms type in the declaration (`Terms of Service`, `Privacy Policy`, ...).
    #[arg(long, requires = "declaration")]
    pub terms_type: Option<String>,
    /// Date of the snapshot (RFC 3339): picks the declaration in force then.
    #[arg(long, requires = "declaration")]
    pub at: Option<String>,
    /// Markdown flavour: `ota` (byte-identical to Open Terms Archive's engine, the default) or
    /// `canonical`.
    #[arg(long)]
    pub flavor: Option<String>,
    /// MIME type of the snapshot (default: sniffed, `application/pdf` for `%PDF-`).
    #[arg(long)]
    pub mime_type: Option<String>,
}

/// The core's request: a source document given on the command line, or a declaration.
enum Request {
    /// `api::extract` (`--url`, `--select`).
    Source(ExtractOptions),
    /// `api::extract_declared` (`--declaration`, `--terms-type`).
    Declared(DeclaredOptions),
}

/// Maps the arguments to the core's request (clap has checked that `--url` comes with
/// `--select`, or `--declaration` with `--terms-type`).
fn request(args: &ExtractArgs) -> disinfo::Result<Request> {
    let given = Given::new()
        .opt("flavor", args.flavor.clone())
        .opt("mime_type", args.mime_type.clone());
    let decoded = match (&args.declaration, &args.url, &args.select) {
        (Some(declaration), _, _) => {
            let given = given
                .path("declaration", Some(declaration))
                .opt("terms_type", args.terms_type.clone())
                .opt("at", args.at.clone());
            decode(OPTIONS, given.into_request()).map(Request::Declared)
        }
        (None, Some(url), Some(select)) => {
            // Selectors are written as CSS or as OTA's JSON on the command line; the core reads
            // both forms.
            let remove = args
                .remove
                .as_deref()
                .map(Selectors::from_arg)
                .transpose()?;
            let given = given
                .set("location", url.as_str())
                .set("select", Selectors::from_arg(select)?.to_json())
                .opt("remove", remove.map(|r| r.to_json()));
            decode(OPTIONS, given.into_request()).map(Request::Source)
        }
        _ => {
            return Err(Tool::Terms.bad_argument(
                "--select",
                "give --url and --select, or --declaration and --terms-type",
            ));
        }
    };
    decoded.map_err(|e| Tool::Terms.invalid(e))
}

/// Runs `disinfo terms extract`: the Markdown on stdout.
pub fn run(args: ExtractArgs) -> disinfo::Result<Outcome> {
    let request = request(&args)?;
    let snapshots = args
        .snapshot
        .iter()
        .map(|p| read_bytes(p))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Tool::Terms.io(e))?;
    let markdown = match request {
        Request::Declared(options) => api::extract_declared(&snapshots, &options)?,
        Request::Source(options) => {
            let [snapshot] = snapshots.as_slice() else {
                return Err(Tool::Terms
                    .bad_argument("SNAPSHOT", "with --select, give exactly one snapshot"));
            };
            api::extract(snapshot, &options, Default::default())?
        }
    };
    crate::output::print_text(&markdown);
    Ok(Outcome::Ok)
}
