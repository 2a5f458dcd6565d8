//! The service's configuration: one TOML file.
//!
//! Paths are relative to the file's folder. Secrets are given inline (`signing_secret = "…"`) or,
//! better, through the name of an environment variable that holds them (`signing_secret_env =
//! "SLACK_SIGNING_SECRET"`); the variable is read when the configuration is loaded.
//!
//! ```toml
//! [service]
//! public_url = "https://chat-tools.example.org"   # where charts, diffs and full results are linked
//!
//! [slack]
//! signing_secret_env = "DISINFO_SLACK_SIGNING_SECRET"
//!
//! [mattermost]
//! tokens_env = "DISINFO_MATTERMOST_TOKENS"         # comma-separated: one token per slash command
//!
//! [commands.bots]
//! allowed_channels = ["C0123"]                     # empty or absent: every channel
//!
//! [terms]
//! versions = "versions"                            # an OTA-layout versions repository
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The whole configuration.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// How the service answers and links.
    pub service: ServiceConfig,
    /// Slack's request signing.
    pub slack: Option<SlackConfig>,
    /// Mattermost's command tokens.
    pub mattermost: Option<MattermostConfig>,
    /// Who may run each command (`terms`, `bots`, `ads`, `wiki`, `scale`, `help`, `analysis`).
    pub commands: BTreeMap<String, Access>,
    /// Where "Send to analysis" forwards cards.
    pub analysis: Option<AnalysisConfig>,
    /// `/terms`: a versions repository.
    pub terms: Option<TermsConfig>,
    /// `/bots`: account datasets.
    pub bots: Option<BotsConfig>,
    /// `/ads`: ad collections.
    pub ads: Option<AdsConfig>,
    /// `/wiki`: an encyclopedia corpus.
    pub encyclopedia: Option<EncyclopediaConfig>,
    /// `/scale`: a reference table of media articles' shares.
    pub scale: Option<ScaleConfig>,
    /// The folder relative paths are resolved against (the configuration file's folder).
    #[serde(skip)]
    pub base: PathBuf,
}

/// How the service answers and links.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServiceConfig {
    /// The service's public base URL: charts, diffs and full results are linked under it.
    pub public_url: String,
    /// A command that has not answered within this many milliseconds is answered at once ("working
    /// on it") and its result posted to the request's `response_url` when done.
    pub answer_within_ms: u64,
    /// Request bodies larger than this are refused (413).
    pub max_body_bytes: usize,
    /// Requests per minute per user (the server's limit; over it: 429 with an ephemeral text);
    /// 0 means no limit.
    pub requests_per_minute: u32,
    /// The key that signs links to charts, diffs and full results (inline or through `link_secret_env`).
    /// Without one, a random key is drawn at start: links then last until the service restarts.
    pub link_secret: Option<String>,
    /// The environment variable holding `link_secret`.
    pub link_secret_env: Option<String>,
}

impl Default for ServiceConfig {
    fn default() -> Self {
        ServiceConfig {
            public_url: "http://127.0.0.1:8065".into(),
            answer_within_ms: 2000,
            max_body_bytes: 64 * 1024,
            requests_per_minute: 120,
            link_secret: None,
            link_secret_env: None,
        }
    }
}

/// Slack's signing secret (Basic Information → App Credentials → Signing Secret).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SlackConfig {
    /// The signing secret, inline.
    pub signing_secret: Option<String>,
    /// The environment variable holding it.
    pub signing_secret_env: Option<String>,
}

/// Mattermost's slash-command tokens (each command registered in Mattermost has its own).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MattermostConfig {
    /// The tokens, inline.
    pub tokens: Vec<String>,
    /// The environment variable holding them, comma-separated.
    pub tokens_env: Option<String>,
}

/// Who may run a command. An empty list allows everyone on that axis.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Access {
    /// Team ids (`team_id`) or team domains (`team_domain`).
    pub allowed_teams: Vec<String>,
    /// Channel ids or names.
    pub allowed_channels: Vec<String>,
    /// User ids or user names.
    pub allowed_users: Vec<String>,
}

/// Where "Send to analysis" forwards a card: the qualification channel's incoming webhook.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AnalysisConfig {
    /// The incoming webhook URL, inline.
    pub webhook: Option<String>,
    /// The environment variable holding it.
    pub webhook_env: Option<String>,
    /// The channel named in the confirmation ("sent to #qualification").
    pub channel: Option<String>,
}

/// `/terms`: the versions repository the tracker records into.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TermsConfig {
    /// An OTA-layout versions repository (git).
    pub versions: PathBuf,
}

/// `/bots`: the account datasets to look accounts and shared items up in.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BotsConfig {
    /// The datasets, searched in order.
    pub datasets: Vec<BotsDataset>,
    /// The indicator charted by `/bots shared` (a feature name).
    pub chart_indicator: Option<String>,
}

/// One account dataset: posts, and optionally account profiles, in a format `disinfo bots` reads.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BotsDataset {
    /// Its name in answers.
    pub name: String,
    /// The posts file.
    pub posts: PathBuf,
    /// The accounts file, when profiles come separately.
    pub accounts: Option<PathBuf>,
    /// The input format (as `disinfo bots features --format`); detected when absent.
    pub format: Option<String>,
}

/// `/ads`: collections of ad-archive snapshots.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AdsConfig {
    /// The collection folders, oldest first (as `disinfo ads audit` takes them).
    pub collections: Vec<PathBuf>,
}

/// `/wiki`: an encyclopedia corpus.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EncyclopediaConfig {
    /// The corpus folder.
    pub root: PathBuf,
    /// The published encyclopedia's base URL (an entry's link is `base_url` + its path without `.md`).
    pub base_url: Option<String>,
}

/// `/scale`: media articles' share counts per region.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScaleConfig {
    /// A CSV with columns `region,title,url,shares` (region: ISO 3166-1 alpha-2).
    pub table: PathBuf,
}

impl Config {
    /// Reads and checks a configuration file; secrets named by `*_env` keys are read from the
    /// environment now.
    pub fn from_file(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io("read", path, e))?;
        let base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        Config::from_toml(&text, path, base)
    }

    /// Parses a configuration from TOML text; `origin` names it in errors, `base` resolves paths.
    pub fn from_toml(text: &str, origin: &Path, base: PathBuf) -> Result<Config> {
        let mut config: Config =
            toml::from_str(text).map_err(|e| Error::config(origin, e.to_string().trim_end()))?;
        config.base = base;
        config.check(origin)?;
        Ok(config)
    }

    fn check(&self, origin: &Path) -> Result<()> {
        if self.slack.is_none() && self.mattermost.is_none() {
            return Err(Error::config(
                origin,
                "neither [slack] nor [mattermost] is configured: requests could not be verified",
            ));
        }
        if url::Url::parse(&self.service.public_url).is_err() {
            return Err(Error::config(
                origin,
                format!(
                    "service.public_url `{}` is not an absolute URL",
                    self.service.public_url
                ),
            ));
        }
        Ok(())
    }

    /// A path of the configuration, resolved against its folder.
    pub fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.base.join(path)
        }
    }

    /// Who may run `command` (everyone when it has no `[commands.NAME]` table).
    pub fn access(&self, command: &str) -> Access {
        self.commands.get(command).cloned().unwrap_or_default()
    }
}

/// Reads a secret given inline or through an environment variable; `None` when neither is set.
pub(crate) fn secret(
    inline: Option<&String>,
    env: Option<&String>,
    key: &str,
) -> std::result::Result<Option<String>, String> {
    match (inline, env) {
        (Some(value), _) => Ok(Some(value.clone())),
        (None, Some(var)) => match std::env::var(var) {
            Ok(value) if !value.is_empty() => Ok(Some(value)),
            _ => Err(format!(
                "{key}_env names the environment variable `{var}`, which is not set"
            )),
        },
        (None, None) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::from_toml(text, Path::new("chat.toml"), PathBuf::from("/srv/chat"))
    }

    #[test]
    fn a_minimal_configuration_has_documented_defaults() {
        let config = parse("[mattermost]\ntokens = [\"t\"]\n").expect("config");
        assert_eq!(config.service.answer_within_ms, 2000);
        assert_eq!(config.service.max_body_bytes, 65536);
        assert_eq!(config.resolve(Path::new("v")), PathBuf::from("/srv/chat/v"));
    }

    #[test]
    fn unknown_keys_and_missing_verification_are_refused() {
        let err = parse("[mattermost]\ntokenz = [\"t\"]\n").expect_err("unknown key");
        assert_eq!(err.code(), "config_invalid");
        assert!(err.to_string().contains("tokenz"), "{err}");
        let err = parse("[service]\npublic_url = \"https://x.org\"\n").expect_err("no platform");
        assert!(err.to_string().contains("neither [slack] nor [mattermost]"));
    }

    #[test]
    fn a_secret_named_by_an_unset_variable_is_an_error() {
        let var = "DISINFO_CHAT_TEST_UNSET_VARIABLE".to_string();
        let err = secret(None, Some(&var), "signing_secret").expect_err("unset");
        assert!(err.contains("DISINFO_CHAT_TEST_UNSET_VARIABLE"));
        let inline = "s".to_string();
        assert_eq!(secret(Some(&inline), None, "k"), Ok(Some("s".into())));
    }
}
