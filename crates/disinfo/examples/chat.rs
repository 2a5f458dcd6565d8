//! Answers Slack slash commands the way a web app embedding disinfo does: sign the request as Slack
//! would, hand the raw body and headers to the chat router, print the answer.

use std::collections::BTreeMap;

use disinfo::chat::Platform;
use disinfo::chat::api::{HandleOptions, handle, sign};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/data");
    let secret = "example-signing-secret"; // Slack app → Basic Information → Signing Secret
    let dir = std::env::temp_dir().join(format!("disinfo-chat-example-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let config = dir.join("chat.toml");
    let toml = format!(
        "[service]\npublic_url = \"https://chat-tools.example.org\"\n\n[slack]\nsigning_secret = \"{secret}\"\n\n\
         [encyclopedia]\nroot = {:?}\nbase_url = \"https://encyclopedia.example.org/\"\n",
        data.join("encyclopedia").display().to_string()
    );
    std::fs::write(&config, toml)?;

    let options = HandleOptions {
        platform: Some(Platform::Slack),
        ..HandleOptions::default()
    };
    for text in ["fimi", "prebunkng"] {
        let body = format!("user_id=U1&command=%2Fwiki&text={text}").into_bytes();
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
            .to_string();
        let headers = BTreeMap::from([
            ("X-Slack-Request-Timestamp".to_string(), stamp.clone()),
            ("X-Slack-Signature".to_string(), sign(secret, &stamp, &body)),
        ]);
        let answer = handle(&config, body, &headers, &options)?;
        println!(
            "/wiki {text} -> HTTP {}: {}",
            answer.status,
            answer.body["text"].as_str().unwrap_or("")
        );
        for card in answer.body["attachments"].as_array().into_iter().flatten() {
            println!(
                "  {} <{}>",
                card["title"].as_str().unwrap_or(""),
                card["title_link"].as_str().unwrap_or("")
            );
            println!("  {}", card["text"].as_str().unwrap_or(""));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
