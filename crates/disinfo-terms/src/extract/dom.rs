//! The parsed page: html5ever with scripting **enabled** (as a browser: `noscript` content is raw
//! text) into scraper's tree, and the iterative tree operations the pipeline needs.

use std::collections::HashMap;

use ego_tree::{NodeId, NodeRef};
use html5ever::driver::ParseOpts;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{QualName, ns};
use scraper::{ElementRef, Html, HtmlTreeSink, Node, Selector};

use crate::markdown::fragment::{Data, Elem, Fragment, NodeIx};
use crate::{Error, Result};

/// Parses a whole document with scripting enabled.
pub fn parse_document(text: &str) -> Html {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts {
            scripting_enabled: true,
            ..Default::default()
        },
        ..Default::default()
    };
    html5ever::driver::parse_document(HtmlTreeSink::new(Html::new_document()), opts).one(text)
}

/// Parses markup as the children of a `body` with scripting disabled (how jsdom reads `noscript`).
pub fn parse_fragment_no_script(text: &str) -> Html {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    let context = QualName::new(None, ns!(html), html5ever::local_name!("body"));
    html5ever::driver::parse_fragment(
        HtmlTreeSink::new(Html::new_fragment()),
        opts,
        context,
        Vec::new(),
        false,
    )
    .one(text)
}

/// Parses a CSS selector, with a typed error.
pub fn selector(text: &str) -> Result<Selector> {
    Selector::parse(text).map_err(|e| Error::InvalidSelector {
        selector: text.to_string(),
        message: e.to_string(),
    })
}

/// Every element of the document (in tree order) that matches.
pub fn select_all(html: &Html, sel: &Selector) -> Vec<NodeId> {
    html.tree
        .root()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| sel.matches(e))
        .map(|e| e.id())
        .collect()
}

/// The first element (in tree order) that matches.
pub fn select_first(html: &Html, sel: &Selector) -> Option<NodeId> {
    html.tree
        .root()
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| sel.matches(e))
        .map(|e| e.id())
}

/// True for an element of the HTML namespace with this local name.
pub fn is_html(node: &Node, local: &str) -> bool {
    matches!(node, Node::Element(e) if e.name.ns == ns!(html) && &*e.name.local == local)
}

/// The value of an attribute without namespace.
pub fn attr<'a>(node: &'a Node, name: &str) -> Option<&'a str> {
    match node {
        Node::Element(e) => e
            .attrs
            .iter()
            .find(|(k, _)| k.ns == ns!() && &*k.local == name)
            .map(|(_, v)| &**v),
        _ => None,
    }
}

/// Sets an attribute without namespace (adds it when missing).
pub fn set_attr(html: &mut Html, id: NodeId, name: &str, value: &str) {
    let Some(mut node) = html.tree.get_mut(id) else {
        return;
    };
    if let Node::Element(e) = node.value() {
        if let Some(slot) = e
            .attrs
            .iter_mut()
            .find(|(k, _)| k.ns == ns!() && &*k.local == name)
        {
            slot.1 = StrTendril::from(value);
        } else {
            e.attrs.push((
                QualName::new(None, ns!(), name.into()),
                StrTendril::from(value),
            ));
        }
    }
}

/// Detaches nodes from the tree.
pub fn detach_all(html: &mut Html, ids: &[NodeId]) {
    for id in ids {
        if let Some(mut node) = html.tree.get_mut(*id) {
            node.detach();
        }
    }
}

/// Removes all children of a node and gives it one text child.
pub fn set_text_content(html: &mut Html, id: NodeId, text: &str) {
    let children: Vec<NodeId> = html
        .tree
        .get(id)
        .map(|n| n.children().map(|c| c.id()).collect())
        .unwrap_or_default();
    detach_all(html, &children);
    if let Some(mut node) = html.tree.get_mut(id) {
        node.append(Node::Text(scraper::node::Text {
            text: StrTendril::from(text),
        }));
    }
}

/// Converts one scraper node to fragment data (`None` for document, doctype, processing instruction).
pub fn fragment_data(node: &Node) -> Option<Data> {
    match node {
        Node::Element(e) => {
            let html = e.name.ns == ns!(html);
            let name = if html {
                e.name.local.to_string().to_ascii_uppercase()
            } else {
                e.name.local.to_string()
            };
            let attrs = e
                .attrs
                .iter()
                .map(|(k, v)| {
                    let key = match &k.prefix {
                        Some(p) => format!("{}:{}", p, k.local),
                        None => k.local.to_string(),
                    };
                    (key, v.to_string())
                })
                .collect();
            Some(Data::Element(Elem { name, html, attrs }))
        }
        Node::Text(t) => Some(Data::Text(t.text.to_string())),
        Node::Comment(_) => Some(Data::Comment),
        _ => None,
    }
}

/// Deep-copies a scraper subtree under `parent` in the fragment (iterative).
pub fn clone_into(frag: &mut Fragment, parent: NodeIx, node: NodeRef<'_, Node>) {
    let mut stack: Vec<(NodeRef<'_, Node>, NodeIx)> = vec![(node, parent)];
    while let Some((n, p)) = stack.pop() {
        let Some(data) = fragment_data(n.value()) else {
            continue;
        };
        let ix = frag.append(p, data);
        let start = stack.len();
        stack.extend(n.children().map(|c| (c, ix)));
        stack[start..].reverse();
    }
}

/// Deep-copies a subtree of another scraper tree under `parent` of `html` (iterative).
pub fn graft(html: &mut Html, parent: NodeId, source: NodeRef<'_, Node>) {
    let mut stack: Vec<(NodeRef<'_, Node>, NodeId)> =
        source.children().map(|c| (c, parent)).collect();
    stack.reverse();
    while let Some((n, p)) = stack.pop() {
        let Some(mut parent_mut) = html.tree.get_mut(p) else {
            continue;
        };
        let id = parent_mut.append(n.value().clone()).id();
        let start = stack.len();
        stack.extend(n.children().map(|c| (c, id)));
        stack[start..].reverse();
    }
}

/// Positions of every node's open and close tags in document order, doubled so that a boundary
/// "before" or "after" a node sits strictly between two positions.
pub struct Order {
    pos: HashMap<NodeId, (u64, u64)>,
}

impl Order {
    /// Numbers the whole tree (iterative).
    pub fn new(html: &Html) -> Self {
        let mut pos = HashMap::new();
        let mut counter = 0u64;
        for edge in html.tree.root().traverse() {
            counter += 2;
            match edge {
                ego_tree::iter::Edge::Open(n) => {
                    pos.insert(n.id(), (counter, 0));
                }
                ego_tree::iter::Edge::Close(n) => {
                    if let Some(p) = pos.get_mut(&n.id()) {
                        p.1 = counter;
                    }
                }
            }
        }
        Order { pos }
    }

    /// (open, close) of a node.
    pub fn get(&self, id: NodeId) -> (u64, u64) {
        self.pos.get(&id).copied().unwrap_or((0, 0))
    }

    /// The boundary just before a node.
    pub fn before(&self, id: NodeId) -> u64 {
        self.get(id).0 - 1
    }

    /// The boundary just after a node.
    pub fn after(&self, id: NodeId) -> u64 {
        self.get(id).1 + 1
    }
}
