//! `/scale`: where a share count falls among national media articles.
//!
//! The reference table (`[scale] table`) is a CSV with the header `region,title,url,shares`, one
//! media article a row, `region` an ISO 3166-1 alpha-2 code. It is read once, on first use; a
//! malformed row stops the load with its row number (the header is row 1), because a reference
//! that silently lost rows would answer wrong percentiles.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use disinfo_encyclopedia::schema::formats::{country_suggestion, is_country};

use super::{CommandDef, CommandError, Context, not_configured};
use crate::response::{Card, Reply};

/// The reference table, loaded on first use.
#[derive(Default)]
pub(crate) struct Data {
    table: OnceLock<Result<Table, String>>,
}

/// One reference article.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Article {
    title: String,
    url: String,
    shares: u64,
}

/// The articles of each region (upper-case code), by ascending share count.
#[derive(Debug)]
struct Table {
    regions: BTreeMap<String, Vec<Article>>,
}

pub(crate) const COMMAND: CommandDef = CommandDef {
    name: "scale",
    usage: &[(
        "/scale <region> <shares>",
        "the percentile among the region's media articles, and the nearest ones (region: a two-letter country code such as FR; shares: 1200, 1,200, 12k or 1.2M)",
    )],
    summary: "A content's reach compared with national media articles.",
    run,
};

fn run(ctx: &Context<'_>, text: &str) -> Result<Reply, CommandError> {
    let config = ctx
        .config
        .scale
        .as_ref()
        .ok_or_else(|| not_configured("scale", "scale"))?;
    let words = super::words(text);
    let Some((region, rest)) = words.split_first() else {
        return Err(CommandError::new(
            "Give a region and a share count, e.g. `/scale FR 1200`.",
        ));
    };
    let region = region_code(region)?;
    if rest.is_empty() {
        return Err(CommandError::new(format!(
            "How many shares? Type the count after the region, e.g. `/scale {region} 1200`."
        )));
    }
    let (shares, extra) = parse_shares(rest)?;
    if !extra.is_empty() {
        return Err(CommandError::new(format!(
            "/scale takes a region and one share count; `{}` is too much.",
            crate::response::cut(&extra.join(" "), 60).0
        )));
    }
    let table = ctx
        .data
        .scale
        .table
        .get_or_init(|| Table::load(&ctx.config.resolve(&config.table)))
        .as_ref()
        .map_err(|e| CommandError::new(e.clone()))?;
    let Some(articles) = table.regions.get(&region) else {
        return Err(CommandError::new(format!(
            "The reference table has no articles for {region}; it has {}.",
            table.regions.keys().cloned().collect::<Vec<_>>().join(", ")
        )));
    };
    Ok(answer(&region, shares, articles))
}

/// The answer: the percentile and the nearest articles below and above.
fn answer(region: &str, shares: u64, articles: &[Article]) -> Reply {
    let below = articles.partition_point(|a| a.shares < shares);
    let at_or_below = articles.partition_point(|a| a.shares <= shares);
    let percentile = percentile_rank(below, at_or_below - below, articles.len());
    let text = format!(
        "**{}** shares in **{region}**: percentile **{percentile:.0}** among the {} reference media articles (more shares than {below} of them, as many as {}, fewer than {}).",
        thousands(shares),
        articles.len(),
        at_or_below - below,
        articles.len() - at_or_below,
    );
    let mut cards = Vec::new();
    if let Some(a) = at_or_below.checked_sub(1).and_then(|i| articles.get(i)) {
        cards.push(article_card("Nearest at or below", a));
    }
    if let Some(a) = articles.get(at_or_below) {
        cards.push(article_card("Nearest above", a));
    }
    Reply::in_channel(text, cards)
}

/// The percentile rank of a value among `n` values, `below` of them smaller and `equal` equal:
/// `100 × (below + equal / 2) / n`, the mean of the strict and weak ranks (scipy's
/// `percentileofscore(kind="mean")`), so that a value equal to the median is the 50th
/// percentile and ties do not favour either side.
fn percentile_rank(below: usize, equal: usize, n: usize) -> f64 {
    if n == 0 {
        return 0.0;
    }
    100.0 * (below as f64 + equal as f64 / 2.0) / n as f64
}

fn article_card(what: &str, a: &Article) -> Card {
    Card::new(&a.title, "").link(&a.url).field(
        what,
        format!("{} shares", thousands(a.shares)),
        true,
    )
}

/// `1234567` as `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The region as an upper-case ISO 3166-1 alpha-2 code (`fr` and `FR` alike).
fn region_code(word: &str) -> Result<String, CommandError> {
    let upper = word.to_ascii_uppercase();
    if is_country(&upper) {
        return Ok(upper);
    }
    let shown = crate::response::cut(word, 20).0;
    let mut message = format!(
        "`{shown}` is not a region: type an ISO 3166-1 alpha-2 country code (two letters, such as FR, DE, GB, US)."
    );
    if let Some(code) = country_suggestion(word) {
        message.push_str(&format!(" Did you mean `{code}`?"));
    }
    Err(CommandError::new(message))
}

/// The share count at the start of `words`, and the words after it.
///
/// Accepted: `1200`, `1,200`, `1 200` (groups of three digits after the first, given as
/// separate words), `12k`, `1.2M`, `3B` (a decimal with a k, M or B suffix that makes a whole
/// number). Refused with a message: anything else, a negative count, a count above 2^64 - 1.
fn parse_shares<'a>(words: &'a [&'a str]) -> Result<(u64, &'a [&'a str]), CommandError> {
    let first = words.first().copied().unwrap_or_default();
    // `1 200`: a first group of one to three digits, then words of exactly three digits.
    let grouped = if (1..=3).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_digit()) {
        1 + words[1..]
            .iter()
            .take_while(|w| w.len() == 3 && w.bytes().all(|b| b.is_ascii_digit()))
            .count()
    } else {
        1
    };
    let typed = words[..grouped].concat();
    let shown = words[..grouped].join(" ");
    let value = parse_count(&typed).map_err(|why| {
        CommandError::new(format!(
            "`{}` is not a share count: {why}. Type a whole number such as 1200, 1,200, 1 200, 12k or 1.2M.",
            crate::response::cut(&shown, 40).0
        ))
    })?;
    Ok((value, &words[grouped..]))
}

/// A count written `1200`, `1,200`, `12k` or `1.2M`; the error says why not.
fn parse_count(text: &str) -> Result<u64, &'static str> {
    if text.starts_with('-') {
        return Err("a count cannot be negative");
    }
    let (number, multiplier) = match text.char_indices().last() {
        Some((i, 'k' | 'K')) => (&text[..i], 1_000u64),
        Some((i, 'm' | 'M')) => (&text[..i], 1_000_000),
        Some((i, 'b' | 'B')) => (&text[..i], 1_000_000_000),
        _ => (text, 1),
    };
    let number = number.strip_prefix('+').unwrap_or(number);
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if fraction.contains('.') || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err("it is not a number");
    }
    if !fraction.is_empty() && multiplier == 1 {
        return Err("shares are counted in whole numbers");
    }
    let whole = digits_of_grouped(whole)?;
    let too_large = "it is too large";
    let mut value = whole.checked_mul(multiplier).ok_or(too_large)?;
    if !fraction.is_empty() {
        let scale = 10u64
            .checked_pow(u32::try_from(fraction.len()).map_err(|_| too_large)?)
            .ok_or("it has too many decimals")?;
        let part: u64 = fraction.parse().map_err(|_| "it has too many decimals")?;
        let scaled = u128::from(part) * u128::from(multiplier);
        if scaled % u128::from(scale) != 0 {
            return Err("it is not a whole number of shares");
        }
        let extra = u64::try_from(scaled / u128::from(scale)).map_err(|_| too_large)?;
        value = value.checked_add(extra).ok_or(too_large)?;
    }
    Ok(value)
}

/// Digits with optional `,` thousands separators (`1,200,000`: groups of exactly three).
fn digits_of_grouped(text: &str) -> Result<u64, &'static str> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return Err("it is not a number");
    }
    let groups: Vec<&str> = text.split(',').collect();
    let well_grouped = groups.len() == 1
        || ((1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|g| g.len() == 3));
    if !well_grouped {
        return Err("its commas are not thousands separators");
    }
    groups
        .concat()
        .parse::<u64>()
        .map_err(|_| "it is too large")
}

impl Table {
    /// Reads the CSV at `path`.
    fn load(path: &Path) -> Result<Table, String> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            format!(
                "The reference table {} cannot be read ({e}); tell the service's administrators.",
                path.display()
            )
        })?;
        Table::parse(&text).map_err(|e| {
            format!(
                "The reference table {} is malformed: {e}; tell the service's administrators.",
                path.display()
            )
        })
    }

    /// Parses the CSV text; an error names the row (the header is row 1).
    fn parse(text: &str) -> Result<Table, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let rows = csv_rows(text)?;
        let mut rows = rows.into_iter();
        let header = rows.next().map(|(_, r)| r).unwrap_or_default();
        let expected = ["region", "title", "url", "shares"];
        if header.iter().map(|h| h.trim()).ne(expected) {
            return Err(format!(
                "row 1: the header is `{}`, expected `region,title,url,shares`",
                header.join(",")
            ));
        }
        let mut regions: BTreeMap<String, Vec<Article>> = BTreeMap::new();
        for (row, fields) in rows {
            if fields.len() == 1 && fields[0].trim().is_empty() {
                continue;
            }
            let [region, title, url, shares] = fields.as_slice() else {
                return Err(format!(
                    "row {row}: {} fields, expected 4 (region,title,url,shares)",
                    fields.len()
                ));
            };
            let region = region.trim().to_ascii_uppercase();
            if !is_country(&region) {
                return Err(format!(
                    "row {row}: `{region}` is not an ISO 3166-1 alpha-2 code"
                ));
            }
            let shares = shares.trim().parse::<u64>().map_err(|_| {
                format!("row {row}: shares `{shares}` is not a non-negative whole number")
            })?;
            if title.trim().is_empty() || url.trim().is_empty() {
                return Err(format!("row {row}: the title or the url is empty"));
            }
            regions.entry(region).or_default().push(Article {
                title: title.trim().to_string(),
                url: url.trim().to_string(),
                shares,
            });
        }
        if regions.is_empty() {
            return Err("it has no rows after the header".into());
        }
        for articles in regions.values_mut() {
            articles.sort_by(|a, b| a.shares.cmp(&b.shares).then_with(|| a.title.cmp(&b.title)));
        }
        Ok(Table { regions })
    }
}

/// The records of a CSV text (RFC 4180: `"` quotes fields, `""` is a quote inside one, quoted
/// fields may hold commas and line breaks), each with its row number.
fn csv_rows(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
    let mut rows = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut row = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => {
                quoted = false;
                if !matches!(chars.peek(), None | Some(',' | '\n' | '\r')) {
                    return Err(format!("row {row}: text after a closing quote"));
                }
            }
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, '"') => return Err(format!("row {row}: a quote inside an unquoted field")),
            (false, ',') => fields.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                fields.push(std::mem::take(&mut field));
                rows.push((row, std::mem::take(&mut fields)));
                row += 1;
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(format!("row {row}: a quoted field is not closed"));
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        rows.push((row, fields));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::wiki::support::{ask, router};
    use serde_json::Value;

    const TABLE: &str = "[scale]\ntable = \"media-shares.csv\"\n";

    fn text(answer: &Value) -> String {
        answer["text"].as_str().unwrap_or_default().to_string()
    }

    fn count(words: &str) -> Result<u64, String> {
        let words: Vec<&str> = words.split_whitespace().collect();
        match parse_shares(&words) {
            Ok((n, [])) => Ok(n),
            Ok((_, extra)) => Err(format!("extra {extra:?}")),
            Err(e) => Err(e.0),
        }
    }

    #[test]
    fn a_share_count_answers_its_percentile_and_neighbours() {
        // FR's 15 counts: 450 820 1200 1750 2600 3900 5100 6400 9300 12800 15600 ... 67300.
        let answer = ask(&router(TABLE), "/scale", "fr 10000");
        assert_eq!(answer["response_type"], "in_channel");
        let text = text(&answer);
        assert!(text.contains("**10,000** shares in **FR**"), "{text}");
        // 9 of 15 below: 100 × 9 / 15 = 60.
        assert!(text.contains("percentile **60**"), "{text}");
        let cards = answer["attachments"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(cards.len(), 2);
        assert_eq!(
            cards[0]["title"],
            "Intelligence artificielle : les lycées testent un assistant de révision"
        );
        assert_eq!(cards[0]["fields"][0]["value"], "9,300 shares");
        assert_eq!(
            cards[1]["title_link"],
            "https://quotidien-national.example.org/elections/participation-municipales"
        );
    }

    #[test]
    fn a_count_equal_to_an_article_counts_half() {
        let answer = ask(&router(TABLE), "/scale", "FR 450");
        // The smallest of 15: 100 × 0.5 / 15 = 3.3.
        assert!(
            text(&answer).contains("percentile **3**"),
            "{}",
            text(&answer)
        );
        assert_eq!(
            answer["attachments"][0]["fields"][0]["title"],
            "Nearest at or below"
        );
    }

    #[test]
    fn a_count_above_every_article_has_no_neighbour_above() {
        let answer = ask(&router(TABLE), "/scale", "us 1.2M");
        assert!(
            text(&answer).contains("percentile **100**"),
            "{}",
            text(&answer)
        );
        let cards = answer["attachments"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(cards.len(), 1);
        assert_eq!(cards[0]["title"], "Election night: results state by state");
    }

    #[test]
    fn counts_are_read_in_the_usual_ways() {
        assert_eq!(count("1200"), Ok(1200));
        assert_eq!(count("1,200"), Ok(1200));
        assert_eq!(count("1 200"), Ok(1200));
        assert_eq!(count("1 200 000"), Ok(1_200_000));
        assert_eq!(count("12k"), Ok(12_000));
        assert_eq!(count("1.2M"), Ok(1_200_000));
        assert_eq!(count("0"), Ok(0));
        assert_eq!(count("18446744073709551615"), Ok(u64::MAX));
    }

    #[test]
    fn words_that_are_not_counts_are_refused_with_the_reason() {
        let refused = |t: &str| count(t).expect_err(t);
        assert!(refused("abc").contains("not a number"));
        assert!(refused("NaN").contains("not a number"));
        assert!(refused("inf").contains("not a number"));
        assert!(refused("-5").contains("cannot be negative"));
        assert!(refused("99999999999999999999999").contains("too large"));
        assert!(refused("20000000000000000000k").contains("too large"));
        assert!(refused("1.5").contains("whole numbers"));
        assert!(refused("1.2345k").contains("not a whole number"));
        assert!(refused("12,00").contains("thousands separators"));
        assert!(refused("1e6").contains("not a number"));
    }

    #[test]
    fn a_bad_count_is_an_ephemeral_error_with_the_usage() {
        let router = router(TABLE);
        for (typed, why) in [
            ("FR abc", "not a number"),
            ("FR -5", "cannot be negative"),
            ("FR 99999999999999999999999", "too large"),
        ] {
            let answer = ask(&router, "/scale", typed);
            assert_eq!(answer["response_type"], "ephemeral");
            assert!(text(&answer).contains(why), "{typed}: {}", text(&answer));
            assert!(text(&answer).contains("/scale <region> <shares>"));
        }
    }

    #[test]
    fn a_region_that_is_not_an_iso_code_is_refused() {
        let router = router(TABLE);
        let answer = ask(&router, "/scale", "XX 1200");
        assert!(
            text(&answer).contains("`XX` is not a region"),
            "{}",
            text(&answer)
        );
        let answer = ask(&router, "/scale", "FRA 1200");
        assert!(
            text(&answer).contains("Did you mean `FR`?"),
            "{}",
            text(&answer)
        );
        let answer = ask(&router, "/scale", "12 1200");
        assert!(
            text(&answer).contains("`12` is not a region"),
            "{}",
            text(&answer)
        );
        let answer = ask(&router, "/scale", "UK 1200");
        assert!(
            text(&answer).contains("Did you mean `GB`?"),
            "{}",
            text(&answer)
        );
    }

    #[test]
    fn a_region_missing_from_the_table_lists_the_table_s_regions() {
        let answer = ask(&router(TABLE), "/scale", "BE 1200");
        assert!(
            text(&answer).contains("no articles for BE; it has DE, FR, GB, US"),
            "{}",
            text(&answer)
        );
    }

    #[test]
    fn missing_and_extra_arguments_are_named() {
        let router = router(TABLE);
        let answer = ask(&router, "/scale", "");
        assert!(text(&answer).starts_with("Give a region and a share count"));
        let answer = ask(&router, "/scale", "de");
        assert!(
            text(&answer).contains("How many shares?"),
            "{}",
            text(&answer)
        );
        assert!(text(&answer).contains("`/scale DE 1200`"));
        let answer = ask(&router, "/scale", "de 1200 shares");
        assert!(
            text(&answer).contains("`shares` is too much"),
            "{}",
            text(&answer)
        );
    }

    #[test]
    fn an_unconfigured_table_says_so() {
        let answer = ask(&router(""), "/scale", "FR 1200");
        assert!(
            text(&answer).contains("no [scale] section"),
            "{}",
            text(&answer)
        );
    }

    #[test]
    fn an_unreadable_table_is_an_ephemeral_error() {
        let answer = ask(
            &router("[scale]\ntable = \"nowhere.csv\"\n"),
            "/scale",
            "FR 1",
        );
        assert_eq!(answer["response_type"], "ephemeral");
        assert!(
            text(&answer).contains("cannot be read"),
            "{}",
            text(&answer)
        );
    }

    #[test]
    fn a_malformed_row_is_reported_with_its_number() {
        let head = "region,title,url,shares\n";
        let bad = |body: &str| Table::parse(&format!("{head}{body}")).expect_err(body);
        let e = bad("FR,a,https://x.example.org,1\nFR,b,https://y.example.org,many\n");
        assert!(e.starts_with("row 3: shares `many`"), "{e}");
        let e = bad("FR,a,https://x.example.org\n");
        assert!(e.starts_with("row 2: 3 fields"), "{e}");
        let e = bad("FR,a,https://x.example.org,1\nXX,b,https://y.example.org,2\n");
        assert!(e.starts_with("row 3: `XX`"), "{e}");
        let e = bad("FR,\"unclosed,https://x.example.org,1\n");
        assert!(e.starts_with("row 2: a quoted field is not closed"), "{e}");
        let e = Table::parse("country,title,url,shares\n").expect_err("header");
        assert!(e.starts_with("row 1: the header"), "{e}");
    }

    #[test]
    fn quoted_fields_keep_their_commas_and_quotes() {
        let table = Table::parse(
            "region,title,url,shares\r\nfr,\"Grève : \"\"jeudi\"\", ligne par ligne\",https://x.example.org,7\r\n",
        )
        .expect("table");
        assert_eq!(
            table.regions["FR"][0].title,
            "Grève : \"jeudi\", ligne par ligne"
        );
        assert_eq!(table.regions["FR"][0].shares, 7);
    }

    #[test]
    fn the_example_table_loads_fifteen_articles_per_region() {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/chat/media-shares.csv");
        let table = Table::load(&path).expect("example table");
        let sizes: Vec<(&str, usize)> = table
            .regions
            .iter()
            .map(|(r, a)| (r.as_str(), a.len()))
            .collect();
        assert_eq!(sizes, [("DE", 15), ("FR", 15), ("GB", 15), ("US", 15)]);
    }
}
