//! Which format a posts file is in, from its first bytes: for front ends that take a file without
//! being told its format (the chat service's datasets).

use super::InputFormat;

/// The format of a posts file whose beginning (a few kilobytes, decompressed) is `head`: a QUT or
/// CooRTweet CSV header, or the field names of the first JSON records. `None` when nothing tells
/// (TikTok exports and features CSVs are not recognised: give their format).
pub fn detect(head: &str) -> Option<InputFormat> {
    let trimmed = head.trim_start();
    if !(trimmed.starts_with('{') || trimmed.starts_with('[')) {
        let first_line = head.lines().next().unwrap_or_default();
        return if first_line.contains("message_id") {
            Some(InputFormat::QutCsv)
        } else if first_line.contains("account_id") {
            Some(InputFormat::Coortweet)
        } else {
            None
        };
    }
    let has = |key: &str| head.contains(&format!("\"{key}\""));
    if has("screen_name") {
        Some(InputFormat::TwitterV1)
    } else if has("public_metrics") || has("author_id") {
        Some(InputFormat::TwitterV2)
    } else if has("rawContent") {
        Some(InputFormat::Snscrape)
    } else if has("acct") {
        Some(InputFormat::Mastodon)
    } else if head.contains("at://") {
        Some(InputFormat::Bluesky)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_headers_and_json_fields_name_the_format() {
        let cases = [
            (
                "message_id,user_id,username\n1,2,a\n",
                Some(InputFormat::QutCsv),
            ),
            ("account_id,post_id,url_id\n", Some(InputFormat::Coortweet)),
            (
                "{\"user\":{\"screen_name\":\"a\"}}",
                Some(InputFormat::TwitterV1),
            ),
            ("{\"author_id\":\"1\"}", Some(InputFormat::TwitterV2)),
            ("{\"rawContent\":\"x\"}", Some(InputFormat::Snscrape)),
            (
                "[{\"account\":{\"acct\":\"a\"}}]",
                Some(InputFormat::Mastodon),
            ),
            (
                "{\"uri\":\"at://did:plc:x/app.bsky.feed.post/1\"}",
                Some(InputFormat::Bluesky),
            ),
            ("a,b,c\n", None),
            ("{\"id\":1}", None),
        ];
        for (head, expected) in cases {
            assert_eq!(detect(head), expected, "{head}");
        }
    }
}
