//! The cleaning steps of OTA's `filter.js` (absolute links, no `script`/`style`, Cloudflare
//! e-mail protection) and the extra ones of the canonical flavour.

use ego_tree::NodeId;
use html5ever::ns;
use scraper::{Html, Node};
use url::Url;

use super::dom::{attr, detach_all, is_html, set_attr, set_text_content};

/// The document base URL: the first `<base href>` resolved against the location, else the location.
pub fn base_url(html: &Html, location: &Url) -> Url {
    html.tree
        .root()
        .descendants()
        .find(|n| is_html(n.value(), "base") && attr(n.value(), "href").is_some())
        .and_then(|n| attr(n.value(), "href").and_then(|h| location.join(h).ok()))
        .unwrap_or_else(|| location.clone())
}

/// What a DOM `href`/`src` getter returns: the attribute resolved against the base, or as written.
pub fn resolved(base: &Url, value: &str) -> String {
    base.join(value)
        .map(|u| u.to_string())
        .unwrap_or_else(|_| value.to_string())
}

fn elements_with_attr(html: &Html, local: &str, name: &str) -> Vec<(NodeId, String)> {
    html.tree
        .root()
        .descendants()
        .filter(|n| is_html(n.value(), local))
        .filter_map(|n| attr(n.value(), name).map(|v| (n.id(), v.to_string())))
        .collect()
}

/// OTA's `convertRelativeURLsToAbsolute`: `a[href]` not starting with `#` and not empty.
pub fn absolute_links(html: &mut Html, location: &Url) {
    let base = base_url(html, location);
    for (id, href) in elements_with_attr(html, "a", "href") {
        if href.is_empty() || href.starts_with('#') {
            continue;
        }
        if let Ok(url) = base.join(&href).or_else(|_| location.join(&href)) {
            set_attr(html, id, "href", url.as_str());
        }
    }
}

/// Canonical flavour: `img[src]` absolute too.
pub fn absolute_images(html: &mut Html, location: &Url) {
    let base = base_url(html, location);
    for (id, src) in elements_with_attr(html, "img", "src") {
        if src.is_empty() {
            continue;
        }
        if let Ok(url) = base.join(&src) {
            set_attr(html, id, "src", url.as_str());
        }
    }
}

/// OTA's `discardNonTextualElements`: every `script` and `style`, in any namespace.
pub fn drop_script_style(html: &mut Html) {
    let ids: Vec<NodeId> = html
        .tree
        .root()
        .descendants()
        .filter(|n| matches!(n.value(), Node::Element(e) if matches!(&*e.name.local, "script" | "style")))
        .map(|n| n.id())
        .collect();
    detach_all(html, &ids);
}

/// OTA's `cleanEmailProtectedLinks`: Cloudflare's obfuscated `mailto` links become
/// `[email protected]` (with a no-break space) pointing at the protection URL without its hash.
pub fn clean_email_protection(html: &mut Html, location: &Url) {
    let base = base_url(html, location);
    for (id, href) in elements_with_attr(html, "a", "href") {
        if !href.contains("/email-protection") {
            continue;
        }
        let full = resolved(&base, &href);
        let without_hash = full.split('#').next().unwrap_or("").to_string();
        set_attr(html, id, "href", &without_hash);
        set_text_content(html, id, "[email\u{a0}protected]");
    }
}

/// Canonical flavour: drops elements that carry no readable terms text.
pub fn drop_non_content(html: &mut Html) {
    const DROPPED: &[&str] = &[
        "noscript", "template", "button", "select", "input", "textarea", "option", "datalist",
    ];
    let ids: Vec<NodeId> = html
        .tree
        .root()
        .descendants()
        .filter(|n| match n.value() {
            Node::Element(e) => {
                (e.name.ns == ns!(html) && DROPPED.contains(&&*e.name.local))
                    || (e.name.ns == ns!(svg) && &*e.name.local == "svg")
                    || is_hidden(n.value())
            }
            _ => false,
        })
        .map(|n| n.id())
        .collect();
    detach_all(html, &ids);
}

/// `hidden`, `aria-hidden="true"` or an inline `display:none`.
pub fn is_hidden(node: &Node) -> bool {
    if attr(node, "hidden").is_some() {
        return true;
    }
    if attr(node, "aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    attr(node, "style").is_some_and(|style| {
        style.split(';').any(|decl| {
            let Some((k, v)) = decl.split_once(':') else {
                return false;
            };
            k.trim().eq_ignore_ascii_case("display")
                && v.trim()
                    .trim_end_matches("!important")
                    .trim()
                    .eq_ignore_ascii_case("none")
        })
    })
}

/// OTA's jsdom parses `noscript` content as markup (scripting disabled). For the `ota` flavour,
/// `noscript` elements inside `body` get their raw text re-parsed that way, so selected content
/// renders as OTA renders it; `noscript` in `head` stays raw text (a browser's reading, which is
/// what lets pages like Brevo's extract at all).
pub fn expand_body_noscript(html: &mut Html) {
    let targets: Vec<(NodeId, String)> = html
        .tree
        .root()
        .descendants()
        .filter(|n| {
            is_html(n.value(), "noscript") && n.ancestors().any(|a| is_html(a.value(), "body"))
        })
        .filter_map(|n| {
            let mut text = String::new();
            for c in n.children() {
                match c.value() {
                    Node::Text(t) => text.push_str(&t.text),
                    _ => return None,
                }
            }
            (!text.is_empty()).then_some((n.id(), text))
        })
        .collect();
    for (id, text) in targets {
        let parsed = super::dom::parse_fragment_no_script(&text);
        // The fragment parser wraps the content in an `html` element.
        let Some(wrapper) = parsed
            .tree
            .root()
            .children()
            .find(|c| c.value().is_element())
        else {
            continue;
        };
        let children: Vec<NodeId> = html
            .tree
            .get(id)
            .map(|n| n.children().map(|c| c.id()).collect())
            .unwrap_or_default();
        detach_all(html, &children);
        super::dom::graft(html, id, wrapper);
    }
}

/// Removes query parameters from `a[href]` and `img[src]` (OTA's `removeQueryParams` semantics:
/// only URLs that carry one of the names change, and they are re-serialised like
/// `URLSearchParams`).
pub fn remove_query_params(html: &mut Html, location: &Url, params: &[String]) {
    if params.is_empty() {
        return;
    }
    let base = base_url(html, location);
    let mut targets = elements_with_attr(html, "a", "href")
        .into_iter()
        .map(|(id, v)| (id, v, "href"))
        .collect::<Vec<_>>();
    targets.extend(
        elements_with_attr(html, "img", "src")
            .into_iter()
            .map(|(id, v)| (id, v, "src")),
    );
    for (id, value, name) in targets {
        let Ok(mut url) = base.join(&value) else {
            continue;
        };
        if let Some(new) = strip_params(&mut url, params) {
            set_attr(html, id, name, &new);
        }
    }
}

/// Removes `params` from a URL's query; `Some(new URL)` when one was there.
pub fn strip_params(url: &mut Url, params: &[String]) -> Option<String> {
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if !pairs.iter().any(|(k, _)| params.contains(k)) {
        return None;
    }
    let kept: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(k, _)| !params.contains(k))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    Some(url.to_string())
}
