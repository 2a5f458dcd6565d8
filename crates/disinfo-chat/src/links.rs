//! Signed links to the service's pages (charts, diffs, full results).
//!
//! A page link is `{public_url}/pages/{name}?{params}&sig={tag}` where the tag is an HMAC of the
//! page name and its parameters under the service's link key, so that only links the service
//! gave out open (account lists and charts are not for whoever guesses a URL).

use crate::verify;

/// Makes and checks page links.
pub struct Links {
    base: String,
    key: Vec<u8>,
}

impl Links {
    /// Links under `public_url`, signed with `key`.
    pub fn new(public_url: &str, key: Vec<u8>) -> Links {
        Links {
            base: public_url.trim_end_matches('/').to_string(),
            key,
        }
    }

    /// The service's base URL (no trailing slash).
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The signed URL of page `name` with `params` (in the order given).
    pub fn page(&self, name: &str, params: &[(&str, &str)]) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in params {
            query.append_pair(k, v);
        }
        query.append_pair("sig", &self.sign(name, params));
        format!("{}/pages/{name}?{}", self.base, query.finish())
    }

    fn sign(&self, name: &str, params: &[(&str, &str)]) -> String {
        let mut parts = vec![name];
        for (k, v) in params {
            parts.push(k);
            parts.push(v);
        }
        verify::tag(&self.key, &parts)
    }

    /// Checks the `sig` of a page request; returns the other parameters in order.
    pub fn check<'a>(
        &self,
        name: &str,
        query: &'a [(String, String)],
    ) -> Option<Vec<(&'a str, &'a str)>> {
        let sig = query
            .iter()
            .find(|(k, _)| k == "sig")
            .map(|(_, v)| v.as_str())?;
        let params: Vec<(&str, &str)> = query
            .iter()
            .filter(|(k, _)| k != "sig")
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let mut parts = vec![name];
        for (k, v) in &params {
            parts.push(k);
            parts.push(v);
        }
        verify::check_tag(&self.key, &parts, sig).then_some(params)
    }

    /// Signs an arbitrary text (button contexts).
    pub fn sign_text(&self, text: &str) -> String {
        verify::tag(&self.key, &["text", text])
    }

    /// Checks [`Links::sign_text`].
    pub fn check_text(&self, text: &str, tag: &str) -> bool {
        verify::check_tag(&self.key, &["text", text], tag)
    }
}

/// Parses a query string into ordered pairs (lenient: pages are GET links the service made).
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_opens_only_as_given() {
        let links = Links::new("https://svc.example/", b"key".to_vec());
        let url = links.page("chart.png", &[("q", "#climat"), ("dataset", "ex")]);
        assert!(url.starts_with("https://svc.example/pages/chart.png?q=%23climat&dataset=ex&sig="));
        let query = parse_query(url.split_once('?').map_or("", |(_, q)| q));
        let params = links.check("chart.png", &query).expect("valid");
        assert_eq!(params, [("q", "#climat"), ("dataset", "ex")]);
        assert!(links.check("diff.html", &query).is_none());
        let mut tampered = query.clone();
        tampered[0].1 = "#other".into();
        assert!(links.check("chart.png", &tampered).is_none());
    }
}
