//! The router: verify, parse, authorise, dispatch, answer.
//!
//! [`Router::accept`] decides whether a request is taken (signature or token, form, command,
//! access) and [`Router::run`] answers it; [`Router::handle`] does both. A server that answers
//! slow commands later calls them apart: it runs [`Router::run`] on a worker, and when that takes
//! longer than `service.answer_within_ms` answers [`Router::working`] at once and posts the result
//! to [`Accepted::response_url`].

use std::path::Path;

use serde_json::Value;

use crate::actions::{self, Action};
use crate::answer::{Platform, Response};
use crate::commands::{self, CommandDef, Context, Data, Page, PageContext, PageError};
use crate::config::{self, Config};
use crate::error::{Error, Result};
use crate::links::Links;
use crate::request::{self, Incoming, SlashCommand};
use crate::response::{ButtonTarget, Reply};
use crate::verify;

/// A request taken: a command to run or a button pressed.
#[derive(Debug, Clone)]
pub struct Accepted {
    platform: Platform,
    what: What,
}

#[derive(Debug, Clone)]
enum What {
    Command {
        request: SlashCommand,
        command: &'static CommandDef,
        text: String,
    },
    Action(Action),
}

impl Accepted {
    /// Where a delayed answer goes, when the request gave one.
    pub fn response_url(&self) -> Option<&str> {
        match &self.what {
            What::Command { request, .. } if !request.response_url.is_empty() => {
                Some(&request.response_url)
            }
            _ => None,
        }
    }

    /// The user who sent it (for rate limits and logs).
    pub fn user(&self) -> &str {
        match &self.what {
            What::Command { request, .. } => &request.user_id,
            What::Action(action) => &action.user_id,
        }
    }

    /// The command's name (`bots`), or `analysis` for the button.
    pub fn name(&self) -> &'static str {
        match &self.what {
            What::Command { command, .. } => command.name,
            What::Action(_) => "analysis",
        }
    }

    /// The platform.
    pub fn platform(&self) -> Platform {
        self.platform
    }
}

/// Verifies, authorises and answers chat requests from one configuration.
pub struct Router {
    config: Config,
    slack_secret: Option<Vec<u8>>,
    mattermost_tokens: Vec<String>,
    analysis_webhook: Option<String>,
    links: Links,
    data: Data,
}

impl Router {
    /// A router from a configuration file.
    pub fn from_file(path: &Path) -> Result<Router> {
        Router::new(Config::from_file(path)?, path)
    }

    /// A router from a configuration; `origin` names it in errors.
    pub fn new(config: Config, origin: &Path) -> Result<Router> {
        let bad = |message: String| Error::config(origin, message);
        for name in config.commands.keys() {
            if !commands::NAMES.contains(&name.as_str()) && name != "analysis" {
                return Err(bad(format!(
                    "[commands.{name}]: there is no command `{name}` (commands: {}, analysis)",
                    commands::NAMES.join(", ")
                )));
            }
        }
        let slack_secret = match &config.slack {
            Some(s) => Some(
                config::secret(
                    s.signing_secret.as_ref(),
                    s.signing_secret_env.as_ref(),
                    "slack.signing_secret",
                )
                .map_err(bad)?
                .ok_or_else(|| bad("[slack] needs signing_secret or signing_secret_env".into()))?
                .into_bytes(),
            ),
            None => None,
        };
        let mattermost_tokens = match &config.mattermost {
            Some(m) => {
                let mut tokens = m.tokens.clone();
                if let Some(joined) =
                    config::secret(None, m.tokens_env.as_ref(), "mattermost.tokens").map_err(bad)?
                {
                    tokens.extend(
                        joined
                            .split(',')
                            .map(|t| t.trim().to_string())
                            .filter(|t| !t.is_empty()),
                    );
                }
                if tokens.is_empty() {
                    return Err(bad("[mattermost] needs tokens or tokens_env".into()));
                }
                tokens
            }
            None => Vec::new(),
        };
        let analysis_webhook = match &config.analysis {
            Some(a) => config::secret(
                a.webhook.as_ref(),
                a.webhook_env.as_ref(),
                "analysis.webhook",
            )
            .map_err(bad)?,
            None => None,
        };
        let key = match config::secret(
            config.service.link_secret.as_ref(),
            config.service.link_secret_env.as_ref(),
            "service.link_secret",
        )
        .map_err(bad)?
        {
            Some(secret) => secret.into_bytes(),
            None => random_key(),
        };
        let links = Links::new(&config.service.public_url, key);
        Ok(Router {
            config,
            slack_secret,
            mattermost_tokens,
            analysis_webhook,
            links,
            data: Data::default(),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Verifies, parses and authorises a request at `now` (Unix seconds). `platform` is the one
    /// the endpoint is for; `None` detects it (a Slack signature header means Slack). A refusal
    /// is the response to send.
    pub fn accept(
        &self,
        platform: Option<Platform>,
        incoming: &Incoming,
        now: i64,
    ) -> std::result::Result<Accepted, Response> {
        let platform = platform.unwrap_or(
            if incoming.header("x-slack-signature").is_some()
                || incoming.header("x-slack-request-timestamp").is_some()
            {
                Platform::Slack
            } else {
                Platform::Mattermost
            },
        );
        if let Some(limit) =
            Some(self.config.service.max_body_bytes).filter(|l| incoming.body.len() > *l)
        {
            return Err(Response::refuse(
                413,
                format!(
                    "The request is too large ({} bytes; at most {limit}).",
                    incoming.body.len()
                ),
            ));
        }
        if platform == Platform::Slack {
            let secret = self.slack_secret.as_deref().ok_or_else(|| {
                Response::refuse(401, "This service does not take Slack requests.")
            })?;
            verify::slack(incoming, secret, now).map_err(|e| Response::refuse(401, e.0))?;
        }
        let form = request::decode_form(&incoming.body);
        if actions::is_action(incoming, form.as_ref().ok()) {
            return self.accept_action(platform, incoming, form.ok());
        }
        let form = form
            .map_err(|e| Response::refuse(400, format!("The request cannot be read: {}.", e.0)))?;
        let request = SlashCommand::from_form(&form)
            .map_err(|e| Response::refuse(400, format!("The request cannot be read: {}.", e.0)))?;
        if platform == Platform::Mattermost {
            verify::mattermost(&request.token, &self.mattermost_tokens)
                .map_err(|e| Response::refuse(401, e.0))?;
        }
        let (command, text) = self
            .resolve(&request)
            .map_err(|text| Response::refuse(200, text))?;
        self.authorise(
            command.name,
            &request.team_id,
            &request.team_domain,
            &request.channel_id,
            &request.channel_name,
            &request.user_id,
            &request.user_name,
        )?;
        Ok(Accepted {
            platform,
            what: What::Command {
                request,
                command,
                text,
            },
        })
    }

    fn accept_action(
        &self,
        platform: Platform,
        incoming: &Incoming,
        form: Option<std::collections::BTreeMap<String, String>>,
    ) -> std::result::Result<Accepted, Response> {
        let action = actions::parse(platform, incoming, form.as_ref(), &self.links)
            .map_err(|(status, text)| Response::refuse(status, text))?;
        self.authorise(
            "analysis",
            &action.team_id,
            "",
            &action.channel_id,
            "",
            &action.user_id,
            &action.user_name,
        )?;
        Ok(Accepted {
            platform,
            what: What::Action(action),
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn authorise(
        &self,
        command: &str,
        team_id: &str,
        team_domain: &str,
        channel_id: &str,
        channel_name: &str,
        user_id: &str,
        user_name: &str,
    ) -> std::result::Result<(), Response> {
        let access = self.config.access(command);
        let allowed = |list: &[String], a: &str, b: &str| {
            list.is_empty()
                || list
                    .iter()
                    .any(|x| (!a.is_empty() && x == a) || (!b.is_empty() && x == b))
        };
        let (what, ok) = if !allowed(&access.allowed_teams, team_id, team_domain) {
            ("team", false)
        } else if !allowed(&access.allowed_channels, channel_id, channel_name) {
            ("channel", false)
        } else if !allowed(&access.allowed_users, user_id, user_name) {
            ("user", false)
        } else {
            ("", true)
        };
        if ok {
            Ok(())
        } else {
            Err(Response::refuse(
                403,
                format!(
                    "/{command} is not open to this {what} on this service; ask its administrators."
                ),
            ))
        }
    }

    /// Which command a request names: `/bots …`, or `/disinfo bots …` (one umbrella command),
    /// or `/botometer …` (the old bot's name for `/bots shared …`).
    fn resolve(
        &self,
        request: &SlashCommand,
    ) -> std::result::Result<(&'static CommandDef, String), String> {
        if request.text.chars().count() > request::MAX_TEXT_CHARS {
            return Err(format!(
                "The text after {} is too long ({} characters; at most {}).",
                short(&request.command),
                request.text.chars().count(),
                request::MAX_TEXT_CHARS
            ));
        }
        let typed = request.command.trim().trim_start_matches('/');
        let (name, text) = match typed {
            "disinfo" => {
                let text = request.text.trim_start();
                let (first, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
                (first.trim_start_matches('/'), rest.to_string())
            }
            "botometer" => ("bots", format!("shared {}", request.text)),
            other => (other, request.text.clone()),
        };
        if let Some(command) = commands::find(name) {
            return Ok((command, text));
        }
        let mut message = if name.is_empty() {
            "Which command? ".to_string()
        } else {
            format!("There is no command `/{}` here. ", short(name))
        };
        if let Some(s) = disinfo_core::suggest::did_you_mean(name, commands::NAMES.iter().copied())
        {
            message.push_str(&format!("Did you mean `/{s}`? "));
        }
        message.push_str(&format!(
            "Commands: {}. Type `/help` for how to use them.",
            commands::NAMES
                .iter()
                .map(|n| format!("/{n}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        Err(message)
    }

    /// Answers an accepted request.
    pub fn run(&self, accepted: &Accepted) -> Response {
        match &accepted.what {
            What::Command {
                request,
                command,
                text,
            } => {
                let context = Context {
                    config: &self.config,
                    data: &self.data,
                    links: &self.links,
                    request,
                };
                let reply = match (command.run)(&context, text) {
                    Ok(reply) => reply,
                    Err(e) => {
                        Reply::ephemeral(format!("{}\n\n{}", e.0, commands::usage_text(command)))
                    }
                };
                let mut reply = reply;
                if reply.full_result.is_none() {
                    reply.full_result = Some(
                        self.links
                            .page("full.txt", &[("command", command.name), ("text", text)]),
                    );
                }
                Response {
                    status: 200,
                    body: self.render(accepted.platform, &reply.fit()),
                    deliveries: Vec::new(),
                }
            }
            What::Action(action) => actions::run(
                accepted.platform,
                action,
                self.analysis_webhook.as_deref(),
                &self.config,
            ),
        }
    }

    /// Accepts and answers a request (what an embedding web app calls).
    pub fn handle(&self, platform: Option<Platform>, incoming: &Incoming, now: i64) -> Response {
        match self.accept(platform, incoming, now) {
            Ok(accepted) => self.run(&accepted),
            Err(refusal) => refusal,
        }
    }

    /// The immediate answer to a command that takes longer than `service.answer_within_ms`.
    pub fn working(&self, accepted: &Accepted) -> Response {
        let text = match &accepted.what {
            What::Command { request, .. } => format!(
                "Working on `{} {}`; the answer will follow here.",
                short(&request.command),
                short(&request.text)
            ),
            What::Action(_) => "Working on it.".into(),
        };
        Response::refuse(200, text)
    }

    fn render(&self, platform: Platform, reply: &Reply) -> Value {
        match platform {
            Platform::Slack => reply.to_slack(),
            Platform::Mattermost => {
                let url = format!("{}/actions", self.links.base());
                let sign = |text: &str| self.links.sign_text(text);
                reply.to_mattermost(Some(&ButtonTarget {
                    url: &url,
                    sign: &sign,
                }))
            }
        }
    }

    /// Serves page `name` (`chart.png`, `diff.html`, `full.txt`) from its query string.
    pub fn page(&self, name: &str, query: &str) -> std::result::Result<Page, PageError> {
        let query = crate::links::parse_query(query);
        let params = self.links.check(name, &query).ok_or_else(|| {
            PageError::new(
                403,
                "This link is not one this service gave out (or it has changed since).",
            )
        })?;
        let context = PageContext {
            config: &self.config,
            data: &self.data,
            links: &self.links,
        };
        if name == "full.txt" {
            return self.full_result(&params);
        }
        let (_, render) = commands::PAGES
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| PageError::new(404, format!("There is no page `{}`.", short(name))))?;
        render(&context, &params)
    }

    /// A command's whole answer as text (linked from shortened answers).
    fn full_result(&self, params: &[(&str, &str)]) -> std::result::Result<Page, PageError> {
        let get = |k: &str| params.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);
        let command = get("command")
            .and_then(commands::find)
            .ok_or_else(|| PageError::new(400, "The link names no command."))?;
        let request = SlashCommand {
            command: format!("/{}", command.name),
            text: get("text").unwrap_or("").to_string(),
            ..SlashCommand::default()
        };
        let context = Context {
            config: &self.config,
            data: &self.data,
            links: &self.links,
            request: &request,
        };
        let text = match (command.run)(&context, &request.text) {
            Ok(reply) => commands::plain(&reply),
            Err(e) => e.0,
        };
        Ok(Page {
            content_type: "text/plain; charset=utf-8",
            body: text.into_bytes(),
        })
    }
}

fn short(text: &str) -> String {
    let (cut, was_cut) = crate::response::cut(text, 60);
    if was_cut { format!("{cut}…") } else { cut }
}

/// A key drawn from the operating system's randomness (links then last until a restart).
fn random_key() -> Vec<u8> {
    rand::random::<[u8; 32]>().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn access_rules_for_an_unknown_command_are_refused() {
        let text = "[slack]\nsigning_secret = \"s\"\n[commands.botz]\n";
        let config =
            Config::from_toml(text, Path::new("chat.toml"), PathBuf::from(".")).expect("toml");
        let err = Router::new(config, Path::new("chat.toml"))
            .err()
            .expect("unknown command");
        assert_eq!(err.code(), "config_invalid");
        assert!(err.to_string().contains("no command `botz`"), "{err}");
    }
}
