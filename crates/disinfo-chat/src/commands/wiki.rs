//! `/wiki`: encyclopedia lookup.
//!
//! The corpus is read once, on first use, into an index from folded keys (an entry's id, its
//! title, and the id with its hyphens as spaces) to entries, so that a lookup is one hash-map
//! probe: the service's `/wiki` target is microseconds. Folding ignores case, accents and
//! punctuation, so `/wiki desinformation`, `/wiki Désinformation` and `/wiki DÉSINFORMATION`
//! find the same entry. The schema has no aliases; translations (`translation_of`) are shown as
//! related entries, each under its own title.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use disinfo_encyclopedia::parse::{frontmatter, yaml};

use super::{CommandDef, CommandError, Context, not_configured};
use crate::response::{Card, Reply};

/// The corpus, loaded on first use.
#[derive(Default)]
pub(crate) struct Data {
    index: OnceLock<Result<Index, String>>,
}

/// One entry as `/wiki` shows it.
#[derive(Debug, Clone)]
struct Entry {
    id: String,
    kind: String,
    lang: String,
    title: String,
    summary: String,
    /// The file's path in the corpus without `.md` (`glossary/disinformation`).
    path: String,
    /// The entry's own website (tools, actors, resources).
    url: Option<String>,
    /// The id of the entry this one translates.
    translation_of: Option<String>,
    /// Ids of related entries: `translation_of`, `see_also`, `related[].ref`, and translations
    /// of this entry (filled once every entry is read).
    related: Vec<String>,
}

/// The whole corpus, indexed.
struct Index {
    entries: Vec<Entry>,
    /// Folded key → position in `entries`.
    by_key: HashMap<String, usize>,
    /// Id → position in `entries`.
    by_id: HashMap<String, usize>,
    base_url: Option<String>,
}

pub(crate) const COMMAND: CommandDef = CommandDef {
    name: "wiki",
    usage: &[(
        "/wiki <term>",
        "the encyclopedia's entry: title, summary, link",
    )],
    summary: "The encyclopedia of counter-manipulation practices, tools and actors.",
    run,
};

fn run(ctx: &Context<'_>, text: &str) -> Result<Reply, CommandError> {
    let config = ctx
        .config
        .encyclopedia
        .as_ref()
        .ok_or_else(|| not_configured("encyclopedia", "wiki"))?;
    let term = text.trim();
    if term.is_empty() {
        return Err(CommandError::new(
            "Which term? Type a title or an id after /wiki, e.g. `/wiki disinformation`.",
        ));
    }
    let index = ctx
        .data
        .wiki
        .index
        .get_or_init(|| {
            Index::load(
                &ctx.config.resolve(&config.root),
                config.base_url.as_deref(),
            )
        })
        .as_ref()
        .map_err(|e| CommandError::new(e.clone()))?;
    match index.by_key.get(&fold(term)) {
        Some(&at) => Ok(Reply::in_channel("", vec![index.card(&index.entries[at])])),
        None => Err(CommandError::new(index.unknown(term))),
    }
}

impl Index {
    /// Reads the corpus under `root`; entries without an id or a title are left out (the
    /// corpus's check reports them).
    fn load(root: &Path, base_url: Option<&str>) -> Result<Index, String> {
        let files = disinfo_encyclopedia::read_corpus(root).map_err(|e| {
            format!("The encyclopedia cannot be read ({e}); tell the service's administrators.")
        })?;
        let mut entries: Vec<Entry> = files
            .iter()
            .filter_map(|f| read_entry(&f.path, &f.bytes))
            .collect();
        if entries.is_empty() {
            return Err(format!(
                "The encyclopedia at {} has no entries; tell the service's administrators.",
                root.display()
            ));
        }
        // A translation lists its original, and the original lists its translations.
        let originals: Vec<(usize, String)> = entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.translation_of.clone().map(|o| (i, o)))
            .collect();
        let mut by_id = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            by_id.entry(e.id.clone()).or_insert(i);
        }
        for (translation, original) in originals {
            let id = entries[translation].id.clone();
            if let Some(&o) = by_id.get(&original)
                && !entries[o].related.contains(&id)
            {
                entries[o].related.push(id);
            }
        }
        // Ids first, so that an id always finds its own entry even when another entry's title
        // folds to the same text.
        let mut by_key = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            by_key.entry(fold(&e.id)).or_insert(i);
        }
        for (i, e) in entries.iter().enumerate() {
            by_key.entry(fold(&e.title)).or_insert(i);
        }
        Ok(Index {
            entries,
            by_key,
            by_id,
            base_url: base_url.map(|b| b.trim_end_matches('/').to_string()),
        })
    }

    fn link(&self, entry: &Entry) -> Option<String> {
        self.base_url
            .as_ref()
            .map(|base| format!("{base}/{}", entry.path))
    }

    fn card(&self, entry: &Entry) -> Card {
        let mut card = Card::new(&entry.title, &entry.summary)
            .field("Kind", &entry.kind, true)
            .field("Language", &entry.lang, true)
            .field("Id", format!("`{}`", entry.id), true);
        if let Some(link) = self.link(entry) {
            card = card.link(link);
        }
        if let Some(url) = &entry.url {
            card = card.field("Website", url, true);
        }
        let related: Vec<String> = entry
            .related
            .iter()
            .map(|id| match self.by_id.get(id).map(|&i| &self.entries[i]) {
                Some(other) => match self.link(other) {
                    Some(link) => format!("[{}]({link})", other.title),
                    None => format!("{} (`{id}`)", other.title),
                },
                None => format!("`{id}`"),
            })
            .collect();
        if !related.is_empty() {
            card = card.field("Related", related.join(", "), false);
        }
        card
    }

    /// The answer to a term with no entry: the closest titles, and how to look.
    fn unknown(&self, term: &str) -> String {
        let folded = fold(term);
        let mut message = format!(
            "The encyclopedia has no entry `{}`.",
            crate::response::cut(term, 80).0
        );
        let mut guesses: Vec<&str> = Vec::new();
        let keys: Vec<&str> = self.by_key.keys().map(String::as_str).collect();
        if let Some(key) = disinfo_core::suggest::did_you_mean(&folded, keys.iter().copied())
            && let Some(&i) = self.by_key.get(&key)
        {
            guesses.push(&self.entries[i].title);
        }
        if folded.chars().count() >= 3 {
            for e in &self.entries {
                if guesses.len() >= 5 {
                    break;
                }
                if fold(&e.title).contains(&folded) && !guesses.contains(&e.title.as_str()) {
                    guesses.push(&e.title);
                }
            }
        }
        if !guesses.is_empty() {
            let quoted: Vec<String> = guesses.iter().map(|g| format!("`{g}`")).collect();
            message.push_str(&format!(" Did you mean {}?", quoted.join(", ")));
        }
        message.push_str(&format!(
            " Type an entry's title or id (case and accents do not matter); the encyclopedia has {} entries",
            self.entries.len()
        ));
        match &self.base_url {
            Some(base) => message.push_str(&format!(", listed at {base}/.")),
            None => message.push('.'),
        }
        message
    }
}

/// An entry from its file, when its front matter has at least an id and a title.
fn read_entry(path: &str, bytes: &[u8]) -> Option<Entry> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = frontmatter::split(text, 1 << 20).ok()?;
    let root = yaml::load(split.yaml, split.yaml_line, yaml::Limits::default()).root?;
    let get = |key: &str| root.get(key).and_then(|n| n.as_str()).map(str::to_string);
    let (id, title) = (get("id")?, get("title")?);
    let translation_of = get("translation_of");
    let mut related: Vec<String> = translation_of.iter().cloned().collect();
    if let Some(list) = root.get("see_also") {
        related.extend(
            list.items()
                .iter()
                .filter_map(|n| n.as_str().map(String::from)),
        );
    }
    if let Some(list) = root.get("related") {
        related.extend(
            list.items()
                .iter()
                .filter_map(|n| n.get("ref").and_then(|r| r.as_str()).map(String::from)),
        );
    }
    let mut seen = std::collections::HashSet::new();
    related.retain(|id| seen.insert(id.clone()));
    Some(Entry {
        id,
        kind: get("kind").unwrap_or_default(),
        lang: get("lang").unwrap_or_default(),
        title,
        summary: get("summary").unwrap_or_default(),
        path: path.strip_suffix(".md").unwrap_or(path).to_string(),
        url: get("url"),
        translation_of,
        related,
    })
}

/// The key a term is looked up by: lower case, accents removed, every run of characters that
/// are not letters or digits as one space (`Coordinated inauthentic-behavior` and
/// `coordinated-inauthentic-behavior` fold alike).
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            match unaccent(c) {
                Some(plain) => out.push_str(plain),
                None => out.push(c),
            }
        } else {
            space = true;
        }
    }
    out
}

/// The base letters of an accented lower-case Latin letter (the letters of the languages the
/// encyclopedia is written in and of the names it holds); `None` for any other character.
fn unaccent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// A router over the example data and a Mattermost request to it, for the tests of `/wiki`,
/// `/ads` and `/scale` (kept here rather than in the shared `commands/mod.rs`).
#[cfg(test)]
pub(crate) mod support {
    use std::path::Path;

    use crate::{Config, Incoming, Router};

    /// A router with the token `t` and `sections` (paths relative to `examples/chat/`).
    pub(crate) fn router(sections: &str) -> Router {
        let text = format!("[mattermost]\ntokens = [\"t\"]\n{sections}");
        let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/chat");
        let config = Config::from_toml(&text, Path::new("chat.toml"), base).expect("config");
        Router::new(config, Path::new("chat.toml")).expect("router")
    }

    /// The JSON answered to `command text` (the HTTP status must be 200).
    pub(crate) fn ask(router: &Router, command: &str, text: &str) -> serde_json::Value {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("token", "t")
            .append_pair("user_id", "u1")
            .append_pair("command", command)
            .append_pair("text", text)
            .finish();
        let answer = router.handle(None, &Incoming::new([], body.into_bytes()), 0);
        assert_eq!(answer.status, 200, "{}", answer.body);
        answer.body
    }
}

#[cfg(test)]
mod tests {
    use super::fold;
    use super::support::{ask, router};
    use serde_json::Value;

    const CORPUS: &str = "[encyclopedia]\nroot = \"../data/encyclopedia\"\nbase_url = \"https://encyclopedia.example.org/\"\n";

    fn text(answer: &Value) -> &str {
        answer["text"].as_str().unwrap_or_default()
    }

    #[test]
    fn a_title_answers_the_entry_with_its_summary_and_link() {
        let answer = ask(&router(CORPUS), "/wiki", "Media and information literacy");
        assert_eq!(answer["response_type"], "in_channel");
        let card = &answer["attachments"][0];
        assert_eq!(card["title"], "Media and information literacy");
        assert_eq!(
            card["title_link"],
            "https://encyclopedia.example.org/practices/media-literacy"
        );
        assert!(card["text"].as_str().is_some_and(|t| t.len() > 20));
        assert_eq!(card["fields"][0]["value"], "practice");
    }

    #[test]
    fn an_id_answers_its_entry() {
        let answer = ask(&router(CORPUS), "/wiki", "crowdtangle");
        let card = &answer["attachments"][0];
        assert_eq!(card["title"], "CrowdTangle");
        assert!(
            card["text"]
                .as_str()
                .is_some_and(|t| t.contains("August 2024"))
        );
        let fields = card["fields"].as_array().cloned().unwrap_or_default();
        let related = fields
            .iter()
            .find(|f| f["title"] == "Related")
            .expect("related");
        assert!(related["value"].as_str().is_some_and(|v| v.contains(
            "[Meta Content Library](https://encyclopedia.example.org/tools/meta-content-library)"
        )));
    }

    #[test]
    fn case_accents_and_punctuation_do_not_matter() {
        let router = router(CORPUS);
        let answer = ask(
            &router,
            "/wiki",
            "rrn une campagne NUMERIQUE de manipulation de l information complexe et persistante",
        );
        assert_eq!(
            answer["attachments"][0]["title"]
                .as_str()
                .map(|t| t.starts_with("RRN")),
            Some(true)
        );
        let answer = ask(&router, "/wiki", "DÉSINFORMATION");
        assert_eq!(answer["attachments"][0]["title"], "Désinformation");
        assert_eq!(
            fold("  Coordinated inauthentic-BEHAVIOR "),
            "coordinated inauthentic behavior"
        );
        assert_eq!(fold("Œuvre Straße Łódź"), "oeuvre strasse lodz");
    }

    #[test]
    fn an_original_lists_its_translations_as_related() {
        let answer = ask(&router(CORPUS), "/wiki", "disinformation");
        let fields = answer["attachments"][0]["fields"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let related = fields
            .iter()
            .find(|f| f["title"] == "Related")
            .expect("related");
        let value = related["value"].as_str().unwrap_or_default();
        assert!(
            value.contains("Désinformation") && value.contains("fimi"),
            "{value}"
        );
    }

    #[test]
    fn an_unknown_term_suggests_the_closest_title() {
        let answer = ask(&router(CORPUS), "/wiki", "disinformaton");
        assert_eq!(answer["response_type"], "ephemeral");
        assert!(
            text(&answer).contains("no entry `disinformaton`"),
            "{}",
            text(&answer)
        );
        assert!(
            text(&answer).contains("Did you mean `Disinformation`"),
            "{}",
            text(&answer)
        );
        assert!(text(&answer).contains("/wiki <term>"));
    }

    #[test]
    fn an_unknown_term_without_a_neighbour_says_how_to_look() {
        let answer = ask(&router(CORPUS), "/wiki", "qqqqzzzzxxxx");
        assert!(!text(&answer).contains("Did you mean"), "{}", text(&answer));
        assert!(text(&answer).contains("title or id"), "{}", text(&answer));
        assert!(text(&answer).contains("https://encyclopedia.example.org/"));
    }

    #[test]
    fn a_part_of_a_title_suggests_the_titles_holding_it() {
        let answer = ask(&router(CORPUS), "/wiki", "reading");
        assert!(
            text(&answer).contains("`Lateral reading`"),
            "{}",
            text(&answer)
        );
    }

    #[test]
    fn a_missing_term_asks_for_one() {
        let answer = ask(&router(CORPUS), "/wiki", "   ");
        assert_eq!(answer["response_type"], "ephemeral");
        assert!(
            text(&answer).starts_with("Which term?"),
            "{}",
            text(&answer)
        );
    }

    #[test]
    fn an_unconfigured_encyclopedia_says_so() {
        let answer = ask(&router(""), "/wiki", "fimi");
        assert!(
            text(&answer).contains("no [encyclopedia] section"),
            "{}",
            text(&answer)
        );
    }

    #[test]
    fn an_unreadable_corpus_is_an_ephemeral_error() {
        let answer = ask(
            &router("[encyclopedia]\nroot = \"no-such-folder\"\n"),
            "/wiki",
            "fimi",
        );
        assert_eq!(answer["response_type"], "ephemeral");
        assert!(
            text(&answer).contains("cannot be read"),
            "{}",
            text(&answer)
        );
    }
}
