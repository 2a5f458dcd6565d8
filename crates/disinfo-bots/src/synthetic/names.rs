//! Word lists and handle shapes for the synthetic generator.
//!
//! The lists are short, hand-written, multilingual (English, French, German, Spanish, Italian)
//! and deliberately distinct from the corpus the handle-likelihood table is built from, so that
//! tests of `handle_likelihood` on synthetic data are not circular.

use rand::Rng;

/// Given names used for organic handles and display names.
pub(crate) const GIVEN: &[&str] = &[
    "anna", "ben", "carla", "david", "elena", "felix", "greta", "hugo", "ines", "jonas", "klara",
    "luca", "marta", "nico", "olga", "paul", "rosa", "sam", "tina", "victor", "yann", "zoe",
    "camille", "julien", "lea", "thomas", "sofia", "marco", "lukas", "emma", "pablo", "lucia",
];

/// Family names used for organic handles and display names.
pub(crate) const FAMILY: &[&str] = &[
    "martin", "bernard", "schmidt", "garcia", "rossi", "muller", "dubois", "fischer", "lopez",
    "bianchi", "weber", "moreau", "romero", "ricci", "wagner", "laurent", "navarro", "conti",
    "becker", "fontaine", "torres", "greco", "hoffmann", "lefebvre",
];

/// Words for synthetic post texts.
pub(crate) const WORDS: &[&str] = &[
    "today",
    "vote",
    "europe",
    "election",
    "people",
    "news",
    "great",
    "debate",
    "policy",
    "city",
    "climate",
    "jobs",
    "health",
    "school",
    "future",
    "change",
    "report",
    "watch",
    "read",
    "thanks",
    "support",
    "meeting",
    "tonight",
    "party",
    "candidate",
    "budget",
    "energy",
    "rights",
    "market",
    "border",
    "farmers",
    "workers",
    "young",
    "old",
    "together",
    "against",
    "for",
    "with",
    "and",
    "the",
    "a",
    "is",
    "on",
    "in",
    "we",
    "they",
    "must",
    "will",
    "now",
    "never",
];

/// Hashtags for synthetic posts.
pub(crate) const HASHTAGS: &[&str] = &[
    "EU2019",
    "Europawahl",
    "Europeennes2019",
    "Elecciones",
    "Climate",
    "Vote",
    "News",
];

/// Lower-case letters and digits for random (bot-like) handles.
const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// Picks one element of a non-empty list.
pub(crate) fn pick<'a, R: Rng>(rng: &mut R, list: &'a [&'a str]) -> &'a str {
    list[rng.random_range(0..list.len())]
}

/// An ordinary-looking handle and display name (`anna_martin`, `lukas.weber84`, ...).
pub(crate) fn organic_name<R: Rng>(rng: &mut R) -> (String, String) {
    let given = pick(rng, GIVEN);
    let family = pick(rng, FAMILY);
    let display = format!("{} {}", capitalise(given), capitalise(family));
    let handle = match rng.random_range(0..5u8) {
        0 => format!("{given}_{family}"),
        1 => format!("{given}{family}"),
        2 => format!("{given}.{family}{}", rng.random_range(60..100u32)),
        3 => format!("{}{family}", &given[..1]),
        _ => format!("{family}{given}"),
    };
    (handle, display)
}

/// A machine-made handle: a given name followed by 8 digits (the 2019 default-handle shape) or
/// a random alphanumeric string; the display name is the given name only.
pub(crate) fn bot_name<R: Rng>(rng: &mut R) -> (String, String) {
    let given = pick(rng, GIVEN);
    if rng.random_bool(0.5) {
        let digits = rng.random_range(10_000_000..100_000_000u64);
        (format!("{given}{digits}"), capitalise(given))
    } else {
        let len = rng.random_range(8..15usize);
        let handle: String = (0..len)
            .map(|_| char::from(ALNUM[rng.random_range(0..ALNUM.len())]))
            .collect();
        (handle, capitalise(given))
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
