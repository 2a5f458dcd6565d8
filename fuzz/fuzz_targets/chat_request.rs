//! The chat service's requests: any headers and body, for Slack (signed correctly, so that the
//! form and command parsers behind the signature are reached, or not) and Mattermost (a right
//! or wrong token). `accept` takes a request or answers a refusal (200 with a message for the user, or 4xx);
//! never a server error or a panic. Nothing is run: accepting is verifying, parsing and authorising.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use disinfo::chat::verify::slack_signature;
use disinfo::chat::{Config, Incoming, Platform, Router};
use libfuzzer_sys::fuzz_target;

const SECRET: &str = "fuzz-signing-secret";
const TOKEN: &str = "fuzz-mattermost-token";
const NOW: i64 = 1_764_000_000;

fn router() -> &'static Router {
    static ROUTER: OnceLock<Router> = OnceLock::new();
    ROUTER.get_or_init(|| {
        let text = format!(
            "[service]\npublic_url = \"http://127.0.0.1:8065\"\nmax_body_bytes = 4096\nlink_secret = \"fuzz-link-secret\"\n\
             [slack]\nsigning_secret = \"{SECRET}\"\n[mattermost]\ntokens = [\"{TOKEN}\"]\n"
        );
        let config = Config::from_toml(&text, Path::new("fuzz.toml"), PathBuf::from("."))
            .expect("the fuzz configuration");
        Router::new(config, Path::new("fuzz.toml")).expect("the fuzz router")
    })
}

fuzz_target!(|data: &[u8]| {
    let [selector, rest @ ..] = data else {
        return;
    };
    // Headers (`name: value` lines) up to an empty line, then the body.
    let split = rest.windows(2).position(|w| w == b"\n\n");
    let (head, body) = match split {
        Some(i) => (&rest[..i], rest[i + 2..].to_vec()),
        None => (&[][..], rest.to_vec()),
    };
    let head = String::from_utf8_lossy(head);
    let mut headers: Vec<(String, String)> = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let platform = match selector % 3 {
        0 => {
            let timestamp = NOW.to_string();
            let signature = slack_signature(SECRET.as_bytes(), &timestamp, &body);
            headers.insert(0, ("x-slack-request-timestamp".into(), timestamp));
            headers.insert(0, ("x-slack-signature".into(), signature));
            Some(Platform::Slack)
        }
        1 => Some(Platform::Mattermost),
        _ => None,
    };
    let mut body = body;
    if selector & 4 == 4 {
        // Mattermost's token in the form, so that the parsers behind it are reached too.
        let mut with_token = format!("token={TOKEN}&").into_bytes();
        with_token.extend_from_slice(&body);
        body = with_token;
    }
    let incoming = Incoming::new(headers.iter().map(|(k, v)| (k.as_str(), v.as_str())), body);
    if let Err(refusal) = router().accept(platform, &incoming, NOW) {
        // An answer to show the user (200) or a refusal (4xx); never a server error.
        assert!(
            refusal.status == 200 || (400..500).contains(&refusal.status),
            "{}",
            refusal.status
        );
    }
    let text = String::from_utf8_lossy(&incoming.body);
    let (name, query) = text.split_once('?').unwrap_or((&text, ""));
    let _ = router().page(name, query);
});
