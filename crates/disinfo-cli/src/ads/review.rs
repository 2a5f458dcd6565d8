//! `disinfo ads review ...`: the citizens' review of political ads. `init` builds a campaign
//! from collections into a folder (`campaign.json`, and `review.db` with the owner's
//! invitation — or a PostgreSQL database with `--database postgres://…`); `serve` runs the web interface on it; `invite` makes a reviewer's invitation;
//! `export` writes a campaign's answers with their evidence, conclusions and agreement; `agreement` measures how far reviewers agree on a
//! CSV of answers (`item,reviewer,answer[,question]`) or a JSON list of them; `questionnaire`
//! prints a questionnaire checked (the French default, or a file).

use std::path::{Path, PathBuf};

use chrono::{Duration, Utc};
use clap::{Args, Subcommand, ValueEnum};
use disinfo::ads::api::CollectionArg;
use disinfo::ads::review::export::ExportOptions;
use disinfo::ads::review::store::{Database, ReviewStore};
use disinfo::ads::review::{
    self, AgreementOptions, Answer, Campaign, CampaignOptions, Questionnaire,
};
use disinfo::api::IoError;
use disinfo::api::request::{OPTIONS, decode};

use crate::Outcome;
use crate::input;
use crate::request::Given;
use crate::tool::Tool;

/// Where a campaign's state is kept.
#[derive(Debug, Args)]
pub struct DatabaseArg {
    /// The campaign's database: a `postgres://USER@HOST:PORT/DB` URL for a deployment shared by
    /// several servers (the password in the URL or in `PGPASSWORD`; not encrypted: a local or
    /// private network), or a SQLite file. Default: `review.db` in the campaign's folder.
    #[arg(long)]
    pub database: Option<String>,
}

impl DatabaseArg {
    /// The campaign's store: `--database`, else the folder's `review.db`.
    fn open(&self, campaign: Option<&Path>) -> disinfo::Result<ReviewStore> {
        let folder = campaign.unwrap_or(Path::new("."));
        Ok(ReviewStore::connect(&Database::locate(
            folder,
            self.database.as_deref(),
        ))?)
    }
}

/// The `disinfo ads review` sub-commands.
#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Build a campaign from collections (oldest first) into a folder: `DIR/campaign.json`.
    Init(InitArgs),
    /// Serve the review's web interface for a campaign folder.
    Serve(ServeArgs),
    /// Make a one-time invitation link for a reviewer.
    Invite(InviteArgs),
    /// Export a campaign's answers: JSON (answers with evidence, summary) or one CSV table.
    Export(ExportArgs),
    /// Agreement of reviewers' answers: Krippendorff's alpha or Fleiss' kappa.
    Agreement(AgreementArgs),
    /// Print a questionnaire as JSON after checking it (the French default without a file).
    Questionnaire(QuestionnaireArgs),
}

/// How a result is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line for a person.
    Text,
    /// The result as JSON.
    Json,
}

/// Arguments of `disinfo ads review agreement`.
#[derive(Debug, Args)]
pub struct AgreementArgs {
    /// The answers: a CSV with columns `item,reviewer,answer` (and `question`), a `.json` list
    /// of `{item, reviewer, answer, question?}`, or `-` for a CSV on standard input.
    pub answers: PathBuf,
    /// `krippendorff-alpha` (default) or `fleiss-kappa`.
    #[arg(long)]
    pub metric: Option<String>,
    /// Level of measurement for alpha: `nominal` (default), `ordinal`, `interval`, `ratio`.
    #[arg(long)]
    pub level: Option<String>,
    /// The question measured, when the file holds several.
    #[arg(long)]
    pub question: Option<String>,
    /// Ordinal answers that are words: the values from lowest to highest, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub order: Vec<String>,
    /// `text` (default) or `json`.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

/// Arguments of `disinfo ads review init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The campaign's folder (created if missing; `campaign.json` is written in it).
    #[arg(long)]
    pub campaign: PathBuf,
    /// Collection folders, oldest first.
    #[arg(required = true)]
    pub collections: Vec<PathBuf>,
    /// The campaign's id (default: `review-` and the latest collection's id).
    #[arg(long)]
    pub id: Option<String>,
    /// Reviewers who answer each ad (default 3).
    #[arg(long)]
    pub reviewers_per_ad: Option<u32>,
    /// Keep only the first ads by priority.
    #[arg(long)]
    pub max_ads: Option<usize>,
    /// Keep only ads that disappeared or changed.
    #[arg(long)]
    pub only_disappeared_or_changed: bool,
    /// A questionnaire file (`.toml` or `.json`; default: the French one).
    #[arg(long)]
    pub questionnaire: Option<PathBuf>,
    /// The owner's name.
    #[arg(long, default_value = "owner")]
    pub owner: String,
    /// Days the owner's invitation stays valid.
    #[arg(long, default_value_t = 7)]
    pub days: i64,
    /// The address of the service, to print the whole link.
    #[arg(long, default_value = "http://127.0.0.1:8070")]
    pub base_url: String,
    #[command(flatten)]
    pub database: DatabaseArg,
}

/// Arguments of `disinfo ads review serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The campaign's folder (made by `init`); not needed with `--database`.
    #[arg(long, required_unless_present = "database")]
    pub campaign: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8070")]
    pub listen: std::net::SocketAddr,
    /// The address people reach the service at, for invitation links (default: the listening
    /// address).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Requests per minute per person (per address before sign-in); 0 sets no limit.
    #[arg(long, default_value_t = disinfo_server::review::REQUESTS_PER_MINUTE)]
    pub requests_per_minute: u32,
    #[command(flatten)]
    pub database: DatabaseArg,
}

/// Arguments of `disinfo ads review invite`.
#[derive(Debug, Args)]
pub struct InviteArgs {
    /// The campaign's folder (made by `init`); not needed with `--database`.
    #[arg(long, required_unless_present = "database")]
    pub campaign: Option<PathBuf>,
    /// The reviewer's name (1 to 64 characters).
    pub reviewer: String,
    /// Days the invitation stays valid.
    #[arg(long, default_value_t = 7)]
    pub days: i64,
    /// The address of the service, to print the whole link.
    #[arg(long, default_value = "http://127.0.0.1:8070")]
    pub base_url: String,
    #[command(flatten)]
    pub database: DatabaseArg,
}

/// Arguments of `disinfo ads review export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The campaign's folder (with `campaign.json`).
    #[arg(long)]
    pub campaign: PathBuf,
    /// Answers from a file instead of the campaign's database: a CSV
    /// (`item,reviewer,question,answer`; a multiple-choice answer as choices separated by `;`)
    /// or a `.json` list of `{item, reviewer, question, answer}`.
    pub answers: Option<PathBuf>,
    /// `json` (default) or `csv`.
    #[arg(long)]
    pub format: Option<String>,
    /// With `csv`: `answers` (default), `ads`, `agreement`, `pairs` or `reviewers`.
    #[arg(long)]
    pub table: Option<String>,
    #[command(flatten)]
    pub database: DatabaseArg,
}

/// Arguments of `disinfo ads review questionnaire`.
#[derive(Debug, Args)]
pub struct QuestionnaireArgs {
    /// A questionnaire file (`.toml` or `.json`); the French default when omitted.
    pub path: Option<PathBuf>,
}

/// Runs one `disinfo ads review` sub-command.
pub fn run(command: ReviewCommand) -> disinfo::Result<Outcome> {
    match command {
        ReviewCommand::Init(args) => init(args),
        ReviewCommand::Export(args) => export(args),
        ReviewCommand::Serve(args) => serve(args),
        ReviewCommand::Invite(args) => invite(args),
        ReviewCommand::Agreement(args) => agreement(args),
        ReviewCommand::Questionnaire(args) => {
            let questionnaire = match args.path {
                Some(path) => Questionnaire::load(&path)?,
                None => Questionnaire::france(),
            };
            crate::output::print_json(&questionnaire)?;
            Ok(Outcome::Ok)
        }
    }
}

/// The outcome of the service: its errors in the ads tool's vocabulary.
fn served(result: disinfo_server::Result<()>) -> disinfo::Result<Outcome> {
    match result {
        Ok(()) => Ok(Outcome::Ok),
        Err(disinfo_server::Error::Review(e)) => Err((*e).into()),
        Err(disinfo_server::Error::Listen { addr, source }) => {
            Err(Tool::Ads.io(IoError::new("listen on", addr, source)))
        }
        Err(disinfo_server::Error::Serve(source)) => {
            Err(Tool::Ads.io(IoError::new("serve", "the review", source)))
        }
        Err(other) => Err(Tool::Ads.bad_argument("campaign", other.to_string())),
    }
}

fn serve(args: ServeArgs) -> disinfo::Result<Outcome> {
    let store = args.database.open(args.campaign.as_deref())?;
    served(disinfo_server::review::run(
        store,
        disinfo_server::review::ServeOptions {
            listen: args.listen,
            base_url: args.base_url,
            requests_per_minute: args.requests_per_minute,
        },
    ))
}

fn init(args: InitArgs) -> disinfo::Result<Outcome> {
    let questionnaire = args
        .questionnaire
        .as_deref()
        .map(Questionnaire::load)
        .transpose()?;
    let given = Given::new()
        .opt("id", args.id)
        .opt("reviewers_per_ad", args.reviewers_per_ad)
        .opt("max_ads", args.max_ads)
        .flag(
            "only_disappeared_or_changed",
            args.only_disappeared_or_changed,
            true,
        );
    let mut options: CampaignOptions =
        decode(OPTIONS, given.into_request()).map_err(|e| Tool::Ads.invalid(e))?;
    options.questionnaire = questionnaire;
    let collections: Vec<CollectionArg> = args
        .collections
        .into_iter()
        .map(CollectionArg::from)
        .collect();
    let campaign = review::campaign(&collections, &options)?;
    std::fs::create_dir_all(&args.campaign)
        .map_err(|e| Tool::Ads.io(IoError::new("create", args.campaign.display(), e)))?;
    // The database first: a folder that already holds a campaign is refused before anything
    // in it is written.
    let mut store = args.database.open(Some(&args.campaign))?;
    let owner = store.create(
        &campaign,
        &args.owner,
        Duration::days(args.days),
        Utc::now(),
    )?;
    let file = args.campaign.join("campaign.json");
    let json = serde_json::to_string_pretty(&campaign)
        .map_err(|e| Tool::Ads.bad_argument("campaign", e.to_string()))?;
    std::fs::write(&file, json)
        .map_err(|e| Tool::Ads.io(IoError::new("write", file.display(), e)))?;
    let c = campaign.counts;
    crate::output::print_lines(&format!(
        "{}: {} ads to review ({} disappeared, {} changed, {} present; {} left out), {} reviewers each; written to {}\nowner's invitation (valid {} days, works once): {}/invite/{owner}",
        campaign.id,
        campaign.ads.len(),
        c.disappeared,
        c.changed,
        c.present,
        c.left_out,
        campaign.reviewers_per_ad,
        file.display(),
        args.days,
        args.base_url.trim_end_matches('/'),
    ));
    Ok(Outcome::Ok)
}

fn invite(args: InviteArgs) -> disinfo::Result<Outcome> {
    if !(1..=365).contains(&args.days) {
        return Err(Tool::Ads.bad_argument("--days", "from 1 to 365"));
    }
    let mut store = args.database.open(args.campaign.as_deref())?;
    store.campaign()?;
    let token = store.invite(&args.reviewer, Duration::days(args.days), Utc::now())?;
    crate::output::print_lines(&format!(
        "{}/invite/{token}",
        args.base_url.trim_end_matches('/')
    ));
    Ok(Outcome::Ok)
}

fn export(args: ExportArgs) -> disinfo::Result<Outcome> {
    let given = Given::new()
        .opt("format", args.format)
        .opt("table", args.table);
    let options: ExportOptions =
        decode(OPTIONS, given.into_request()).map_err(|e| Tool::Ads.invalid(e))?;
    let file = args.campaign.join("campaign.json");
    let campaign: Campaign = decode(
        "campaign",
        input::read_json(&file, "--campaign", Tool::Ads)?,
    )
    .map_err(|e| Tool::Ads.invalid(e))?;
    let answers = match &args.answers {
        Some(path) => read_answers(path)?,
        None => args.database.open(Some(&args.campaign))?.answers()?,
    };
    crate::output::print_text(&review::export::export(&campaign, &answers, &options)?);
    Ok(Outcome::Ok)
}

fn agreement(args: AgreementArgs) -> disinfo::Result<Outcome> {
    let given = Given::new()
        .opt("metric", args.metric)
        .opt("level", args.level)
        .opt("question", args.question)
        .list("order", &args.order);
    let options: AgreementOptions =
        decode(OPTIONS, given.into_request()).map_err(|e| Tool::Ads.invalid(e))?;
    let answers = read_answers(&args.answers)?;
    let result = review::agreement(&answers, &options)?;
    match args.format {
        Format::Json => crate::output::print_json(&result)?,
        Format::Text => crate::output::print_lines(&describe(&result)),
    }
    Ok(Outcome::Ok)
}

fn read_answers(path: &Path) -> disinfo::Result<Vec<Answer>> {
    let name = path.display().to_string();
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        let value = input::read_json(path, "answers", Tool::Ads)?;
        return decode("answers", value).map_err(|e| Tool::Ads.invalid(e));
    }
    let bytes = input::read_bytes(path).map_err(|e| Tool::Ads.io(e))?;
    Ok(review::answers::read_csv(&bytes, &name)?)
}

fn describe(a: &review::Agreement) -> String {
    let metric = match (a.metric, a.level) {
        (review::Metric::FleissKappa, _) => "Fleiss' kappa".to_owned(),
        (_, level) => format!(
            "Krippendorff's alpha ({})",
            serde_json::to_value(level.unwrap_or_default())
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        ),
    };
    let value = match (a.value, &a.undefined) {
        (Some(v), _) => format!("{v:.4}"),
        (None, Some(why)) => format!("undefined ({why})"),
        (None, None) => "undefined".to_owned(),
    };
    format!(
        "{metric}: {value} over {} items, {} reviewers, {} answers",
        a.items, a.reviewers, a.answers
    )
}
