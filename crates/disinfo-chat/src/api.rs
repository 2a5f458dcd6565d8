//! The operations of the chat tool, as Python and Node call them: a web app in Flask, FastAPI or
//! Express embeds the router without our server by handing each request to [`handle`].
//!
//! ```
//! use disinfo_chat::api;
//!
//! // What Slack sends with its documented example, checked at its own timestamp.
//! let signature = api::sign("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", b"token=xyz");
//! assert!(signature.starts_with("v0="));
//! assert_eq!(api::commands().len(), 6);
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use disinfo_core::request::{FsPath, OPTIONS, decode};
use disinfo_core::{ArgKind, ArgSpec, Operation, Output, ResultSpec, Spec};
use schemars::{JsonSchema, SchemaGenerator};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::answer::Platform;
use crate::error::{Error, Result};
use crate::router::Router;
use crate::{Incoming, deliver};

/// Options of [`handle`].
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct HandleOptions {
    /// The platform the endpoint is for (`slack` or `mattermost`); detected when omitted (a
    /// Slack signature header means Slack).
    pub platform: Option<Platform>,
    /// The time the request is checked at (RFC 3339); the current time when omitted. Slack
    /// signatures older than five minutes are refused.
    pub now: Option<String>,
    /// Whether to make the answer's posts (forwarded cards, message updates) before returning
    /// (default true); when false they are returned undelivered for the caller to post.
    pub deliver: bool,
}

impl Default for HandleOptions {
    fn default() -> Self {
        HandleOptions {
            platform: None,
            now: None,
            deliver: true,
        }
    }
}

/// A post the answer called for, and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DeliveryReport {
    /// Where it went.
    pub url: String,
    /// The JSON posted.
    pub body: Value,
    /// The HTTP status received, when it was delivered.
    pub status: Option<u16>,
    /// Why it failed (code `delivery_failed`'s message), when it did.
    pub error: Option<String>,
}

/// The answer to a chat request: send `body` as JSON with `status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HandleResult {
    /// The HTTP status: 200 for answers (errors in what the user typed included), 400 for a body
    /// that cannot be read, 401 for a request not from the platform, 403 for a command not open to
    /// this user, channel or team, 413 for a body over the limit.
    pub status: u16,
    /// The JSON body (`response_type`, `text`, `attachments`, ...).
    pub body: Value,
    /// The posts the answer called for (made already unless `deliver` was false).
    pub deliveries: Vec<DeliveryReport>,
}

/// Routers by configuration file, reloaded when the file changes: an embedding app calls
/// [`handle`] per request without paying for the data loads again.
type Cache = Mutex<HashMap<PathBuf, (Option<SystemTime>, Arc<Router>)>>;

fn cache() -> &'static Cache {
    static CACHE: std::sync::OnceLock<Cache> = std::sync::OnceLock::new();
    CACHE.get_or_init(Cache::default)
}

/// The router of a configuration file (loaded once per change of the file).
pub fn router(config: &Path) -> Result<Arc<Router>> {
    let key = std::fs::canonicalize(config).map_err(|e| Error::io("open", config, e))?;
    let modified = std::fs::metadata(&key).and_then(|m| m.modified()).ok();
    let mut map = cache()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((when, router)) = map.get(&key)
        && *when == modified
    {
        return Ok(router.clone());
    }
    let router = Arc::new(Router::from_file(config)?);
    map.insert(key, (modified, router.clone()));
    Ok(router)
}

fn unix_now(now: Option<&str>) -> Result<i64> {
    match now {
        Some(text) => chrono::DateTime::parse_from_rfc3339(text)
            .map(|t| t.timestamp())
            .map_err(|e| Error::arg("now", format!("`{text}` is not an RFC 3339 date-time: {e}"))),
        // The clock is read here, at the API boundary, as the server reads it per request.
        None => Ok(chrono::Utc::now().timestamp()),
    }
}

/// Answers one chat request (a slash command or a button press) with the router of `config`.
pub fn handle(
    config: &Path,
    body: Vec<u8>,
    headers: &BTreeMap<String, String>,
    options: &HandleOptions,
) -> Result<HandleResult> {
    let now = unix_now(options.now.as_deref())?;
    let router = router(config)?;
    let incoming = Incoming::new(headers.iter().map(|(k, v)| (k.as_str(), v.as_str())), body);
    let response = router.handle(options.platform, &incoming, now);
    let deliveries = response
        .deliveries
        .into_iter()
        .map(|d| {
            let (status, error) = if options.deliver {
                match deliver::post(&d.url, &d.body) {
                    Ok(status) => (Some(status), None),
                    Err(e) => (None, Some(e.to_string())),
                }
            } else {
                (None, None)
            };
            DeliveryReport {
                url: d.url,
                body: d.body,
                status,
                error,
            }
        })
        .collect();
    Ok(HandleResult {
        status: response.status,
        body: response.body,
        deliveries,
    })
}

/// Slack's v0 signature of a request body sent at `timestamp` (Unix seconds as text): the
/// `X-Slack-Signature` header a genuine request carries.
pub fn sign(secret: &str, timestamp: &str, body: &[u8]) -> String {
    crate::verify::slack_signature(secret.as_bytes(), timestamp, body)
}

/// One command: its name, what it is for and how to type it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CommandInfo {
    /// Its name (`bots`), typed `/bots`.
    pub name: String,
    /// What it is for.
    pub summary: String,
    /// The ways to type it, each with what it does.
    pub usage: Vec<UsageLine>,
}

/// A way to type a command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UsageLine {
    /// `/bots <account>`.
    pub syntax: String,
    /// What it answers.
    pub description: String,
}

/// The commands the router answers (what to register in Mattermost or Slack).
pub fn commands() -> Vec<CommandInfo> {
    crate::commands::COMMANDS
        .iter()
        .map(|c| CommandInfo {
            name: c.name.to_string(),
            summary: c.summary.to_string(),
            usage: c
                .usage
                .iter()
                .map(|(syntax, description)| UsageLine {
                    syntax: (*syntax).to_string(),
                    description: (*description).to_string(),
                })
                .collect(),
        })
        .collect()
}

/// A page the service links to (a chart, a diff, a full result), as an embedding app serves it
/// under `{public_url}/pages/{name}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PageResult {
    /// 200, or 400/403/404 (with a plain-text body saying why).
    pub status: u16,
    /// `image/png`, `text/html; charset=utf-8` or `text/plain; charset=utf-8`.
    pub content_type: String,
    /// The body, base64-encoded (PNG charts are binary).
    pub body_base64: String,
}

/// Serves page `name` from its query string (the part after `?`, signature included).
pub fn page(config: &Path, name: &str, query: &str) -> Result<PageResult> {
    use base64::Engine as _;
    let router = router(config)?;
    let (status, content_type, body) = match router.page(name, query) {
        Ok(page) => (200, page.content_type.to_string(), page.body),
        Err(e) => (
            e.status,
            "text/plain; charset=utf-8".into(),
            e.message.into_bytes(),
        ),
    };
    Ok(PageResult {
        status,
        content_type,
        body_base64: base64::engine::general_purpose::STANDARD.encode(body),
    })
}

/// Every public operation of the chat tool, in documentation order.
pub const OPERATIONS: &[Operation<Error>] = &[
    Operation {
        spec: Spec {
            tool: "chat",
            name: "handle",
            doc: "Answer one chat request — a Slack or Mattermost slash command, or a \"Send to analysis\" button press — with the router of a configuration file: verify it (Slack's v0 signature within five minutes, or Mattermost's command token, in constant time), check who may run the command, run it and return the HTTP answer (`status`, JSON `body`) to send back, with the posts it called for (`deliveries`: forwarded cards, message updates). The router is loaded once per configuration file and reloaded when the file changes. Commands that take long run to the end here: a web app that must answer within Slack's 3 seconds runs this in the background and posts the body to the request's `response_url`.",
            args: &[
                ArgSpec::json::<FsPath>("config", "The service's TOML configuration file."),
                ArgSpec::of(
                    "body",
                    "The request's raw body, exactly as received.",
                    ArgKind::Bytes,
                ),
                ArgSpec::json::<BTreeMap<String, String>>(
                    "headers",
                    "The request's headers (names in any case).",
                ),
            ],
            options: Some(SchemaGenerator::subschema_for::<HandleOptions>),
            result: ResultSpec::Json(SchemaGenerator::subschema_for::<HandleResult>),
            progress: false,
        },
        run: |mut args, options| {
            let config: FsPath = args.json(0)?;
            let body = args.bytes(1)?.unwrap_or_default();
            let headers: BTreeMap<String, String> = args.json(2)?;
            let options: HandleOptions = decode(OPTIONS, options)?;
            Ok(Output::json(handle(&config, body, &headers, &options)?))
        },
    },
    Operation {
        spec: Spec {
            tool: "chat",
            name: "page",
            doc: "Serve a page the answers link to (`chart.png`, `diff.html`, `full.txt`) from the query string of its link (signature included): what an app that embeds `handle` serves under `{public_url}/pages/{name}`. A link the service did not give out is refused with 403.",
            args: &[
                ArgSpec::json::<FsPath>("config", "The service's TOML configuration file."),
                ArgSpec::json::<String>(
                    "name",
                    "The page's name (the path segment after `/pages/`).",
                ),
                ArgSpec::json::<String>("query", "The link's query string (after `?`)."),
            ],
            options: None,
            result: ResultSpec::Json(SchemaGenerator::subschema_for::<PageResult>),
            progress: false,
        },
        run: |mut args, _| {
            let config: FsPath = args.json(0)?;
            let name: String = args.json(1)?;
            let query: String = args.json(2)?;
            Ok(Output::json(page(&config, &name, &query)?))
        },
    },
    Operation {
        spec: Spec {
            tool: "chat",
            name: "sign",
            doc: "Slack's v0 signature of a request body sent at `timestamp` (Unix seconds): `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}` under the signing secret — the `X-Slack-Signature` header of a genuine request (for tests, load generators and clients).",
            args: &[
                ArgSpec::json::<String>("secret", "The signing secret."),
                ArgSpec::json::<String>(
                    "timestamp",
                    "Unix seconds, as sent in `X-Slack-Request-Timestamp`.",
                ),
                ArgSpec::of("body", "The raw body.", ArgKind::Bytes),
            ],
            options: None,
            result: ResultSpec::Json(SchemaGenerator::subschema_for::<String>),
            progress: false,
        },
        run: |mut args, _| {
            let secret: String = args.json(0)?;
            let timestamp: String = args.json(1)?;
            let body = args.bytes(2)?.unwrap_or_default();
            Ok(Output::json(sign(&secret, &timestamp, &body)))
        },
    },
    Operation {
        spec: Spec {
            tool: "chat",
            name: "commands",
            doc: "The commands the router answers, each with its summary and usage lines (what to register in Mattermost or Slack; `/help` shows the same).",
            args: &[],
            options: None,
            result: ResultSpec::Json(SchemaGenerator::subschema_for::<Vec<CommandInfo>>),
            progress: false,
        },
        run: |_, _| Ok(Output::json(commands())),
    },
];
