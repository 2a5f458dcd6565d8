//! URL checks (LK001, LK002). Offline: nothing is fetched.

/// What is wrong with a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlProblem {
    /// `LK001` or `LK002`.
    pub rule: &'static str,
    /// What is wrong.
    pub message: String,
    /// A rewrite, when one is obvious.
    pub suggestion: Option<String>,
}

/// Checks an external URL: `http`/`https` only, a host with a domain (or an IP address), no
/// credentials; plain `http:` is a warning (LK002) with the `https:` rewrite.
///
/// ```
/// use disinfo_encyclopedia::links::check_url;
/// assert!(check_url("https://euvsdisinfo.eu/").is_none());
/// assert_eq!(check_url("https://user:pw@example.org/").map(|p| p.rule), Some("LK001"));
/// assert_eq!(check_url("http://example.org/").map(|p| p.rule), Some("LK002"));
/// ```
pub fn check_url(raw: &str) -> Option<UrlProblem> {
    let lk001 = |message: String| {
        Some(UrlProblem {
            rule: "LK001",
            message,
            suggestion: None,
        })
    };
    if raw.trim() != raw || raw.contains(char::is_whitespace) {
        return lk001(format!("URL `{raw}` contains white space"));
    }
    let url = match url::Url::parse(raw) {
        Ok(u) => u,
        Err(e) => {
            let mut p = UrlProblem {
                rule: "LK001",
                message: format!("malformed URL `{raw}`: {e}"),
                suggestion: None,
            };
            if e == url::ParseError::RelativeUrlWithoutBase
                && raw.contains('.')
                && !raw.starts_with('/')
            {
                p.suggestion = Some(format!("https://{raw}"));
            }
            return Some(p);
        }
    };
    if url.scheme() != "http" && url.scheme() != "https" {
        return lk001(format!(
            "URL `{raw}` has scheme `{}`; only http and https are allowed",
            url.scheme()
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return lk001(format!(
            "URL `{raw}` carries credentials (user name or password); remove them"
        ));
    }
    match url.host() {
        None => return lk001(format!("URL `{raw}` has no host")),
        Some(url::Host::Domain(d))
            if !d.contains('.') || d.ends_with('.') && d.matches('.').count() == 1 =>
        {
            return lk001(format!(
                "URL `{raw}` has host `{d}`, which is not a public domain name"
            ));
        }
        Some(_) => {}
    }
    if url.scheme() == "http" {
        return Some(UrlProblem {
            rule: "LK002",
            message: format!("URL `{raw}` uses plain http"),
            suggestion: Some(format!("https{}", &raw[4..])),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheme_host_and_credentials_are_checked() {
        assert_eq!(
            check_url("ftp://example.org/x").map(|p| p.rule),
            Some("LK001")
        );
        assert_eq!(
            check_url("https://localhost/x").map(|p| p.rule),
            Some("LK001")
        );
        assert_eq!(
            check_url("https//example.org").map(|p| p.rule),
            Some("LK001")
        );
        assert_eq!(
            check_url("www.example.org")
                .and_then(|p| p.suggestion)
                .as_deref(),
            Some("https://www.example.org")
        );
        assert!(check_url("https://193.51.24.1/").is_none());
    }
}
