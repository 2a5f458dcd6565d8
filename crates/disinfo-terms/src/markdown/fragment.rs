//! A small arena DOM for the selected content: what the Markdown renderer walks.
//!
//! The extraction step copies the selected nodes out of the parsed page into a [`Fragment`]
//! (OTA's `DocumentFragment`), so the renderer can mutate it (whitespace collapsing removes
//! nodes) without touching the page. Siblings are linked lists: removal is O(1) and every walk
//! is iterative, so 100,000 nested elements cannot overflow the stack.

/// Index of a node in a [`Fragment`].
pub type NodeIx = usize;

/// What a node holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Data {
    /// The fragment root (`#document-fragment`).
    Root,
    /// An element.
    Element(Elem),
    /// A text node.
    Text(String),
    /// A comment (kept: turndown sees comments inside `pre`).
    Comment,
}

/// An element: its DOM `nodeName` and attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elem {
    /// The DOM `nodeName`: upper case for HTML elements (`P`), the local name otherwise (`svg`).
    pub name: String,
    /// True for elements in the HTML namespace.
    pub html: bool,
    /// Attributes by qualified name, in source order.
    pub attrs: Vec<(String, String)>,
}

impl Elem {
    /// The value of an attribute (`getAttribute`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One node and its links.
#[derive(Debug, Clone)]
pub struct FNode {
    /// The payload.
    pub data: Data,
    /// Parent, `None` for the root and detached nodes.
    pub parent: Option<NodeIx>,
    /// First child.
    pub first: Option<NodeIx>,
    /// Last child.
    pub last: Option<NodeIx>,
    /// Previous sibling.
    pub prev: Option<NodeIx>,
    /// Next sibling.
    pub next: Option<NodeIx>,
}

/// An arena of nodes; node 0 is the root.
#[derive(Debug, Clone)]
pub struct Fragment {
    /// All nodes ever created (removed nodes stay, unlinked).
    pub nodes: Vec<FNode>,
}

impl Default for Fragment {
    fn default() -> Self {
        Self::new()
    }
}

impl Fragment {
    /// The root index.
    pub const ROOT: NodeIx = 0;

    /// An empty fragment.
    pub fn new() -> Self {
        Fragment {
            nodes: vec![FNode {
                data: Data::Root,
                parent: None,
                first: None,
                last: None,
                prev: None,
                next: None,
            }],
        }
    }

    /// Appends a new node as the last child of `parent`.
    pub fn append(&mut self, parent: NodeIx, data: Data) -> NodeIx {
        let ix = self.nodes.len();
        let prev = self.nodes[parent].last;
        self.nodes.push(FNode {
            data,
            parent: Some(parent),
            first: None,
            last: None,
            prev,
            next: None,
        });
        match prev {
            Some(p) => self.nodes[p].next = Some(ix),
            None => self.nodes[parent].first = Some(ix),
        }
        self.nodes[parent].last = Some(ix);
        ix
    }

    /// Unlinks a node (and its subtree) from its parent.
    pub fn remove(&mut self, ix: NodeIx) {
        let Some(parent) = self.nodes[ix].parent else {
            return;
        };
        let (prev, next) = (self.nodes[ix].prev, self.nodes[ix].next);
        match prev {
            Some(p) => self.nodes[p].next = next,
            None => self.nodes[parent].first = next,
        }
        match next {
            Some(n) => self.nodes[n].prev = prev,
            None => self.nodes[parent].last = prev,
        }
        let node = &mut self.nodes[ix];
        node.parent = None;
        node.prev = None;
        node.next = None;
    }

    /// The element data of a node, if it is an element.
    pub fn elem(&self, ix: NodeIx) -> Option<&Elem> {
        match &self.nodes[ix].data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The DOM `nodeName` (`P`, `#text`, `#comment`, `#document-fragment`).
    pub fn node_name(&self, ix: NodeIx) -> &str {
        match &self.nodes[ix].data {
            Data::Root => "#document-fragment",
            Data::Element(e) => &e.name,
            Data::Text(_) => "#text",
            Data::Comment => "#comment",
        }
    }

    /// True when the node is an HTML element with this upper-case `nodeName`.
    pub fn is(&self, ix: NodeIx, upper: &str) -> bool {
        matches!(&self.nodes[ix].data, Data::Element(e) if e.html && e.name == upper)
    }

    /// The children of a node, in order.
    pub fn children(&self, ix: NodeIx) -> Children<'_> {
        Children {
            frag: self,
            next: self.nodes[ix].first,
        }
    }

    /// The element children of a node, in order.
    pub fn element_children(&self, ix: NodeIx) -> impl Iterator<Item = NodeIx> + '_ {
        self.children(ix)
            .filter(move |c| matches!(self.nodes[*c].data, Data::Element(_)))
    }

    /// The DOM `textContent` of a node (iterative).
    pub fn text_content(&self, ix: NodeIx) -> String {
        let mut out = String::new();
        if let Data::Text(t) = &self.nodes[ix].data {
            return t.clone();
        }
        let mut stack: Vec<NodeIx> = self.children(ix).collect();
        stack.reverse();
        while let Some(n) = stack.pop() {
            match &self.nodes[n].data {
                Data::Text(t) => out.push_str(t),
                Data::Element(_) => {
                    let start = stack.len();
                    stack.extend(self.children(n));
                    stack[start..].reverse();
                }
                _ => {}
            }
        }
        out
    }

    /// True when some descendant is an HTML element named in `names` (upper case).
    pub fn has_descendant(&self, ix: NodeIx, names: &[&str]) -> bool {
        let mut stack: Vec<NodeIx> = self.children(ix).collect();
        while let Some(n) = stack.pop() {
            if let Data::Element(e) = &self.nodes[n].data {
                if e.html && names.contains(&e.name.as_str()) {
                    return true;
                }
                stack.extend(self.children(n));
            }
        }
        false
    }

    /// Serialises a node's subtree as simple HTML (used by hooks and debugging).
    pub fn to_html(&self, ix: NodeIx) -> String {
        enum Step {
            Open(NodeIx),
            Close(NodeIx),
        }
        let mut out = String::new();
        let mut stack = vec![Step::Open(ix)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Open(n) => match &self.nodes[n].data {
                    Data::Root => {
                        let start = stack.len();
                        stack.extend(self.children(n).map(Step::Open));
                        stack[start..].reverse();
                    }
                    Data::Text(t) => out.push_str(&escape_html_text(t)),
                    Data::Comment => {}
                    Data::Element(e) => {
                        let name = e.name.to_ascii_lowercase();
                        out.push('<');
                        out.push_str(&name);
                        for (k, v) in &e.attrs {
                            out.push(' ');
                            out.push_str(k);
                            out.push_str("=\"");
                            out.push_str(&v.replace('&', "&amp;").replace('"', "&quot;"));
                            out.push('"');
                        }
                        out.push('>');
                        if !is_void_name(&e.name) {
                            stack.push(Step::Close(n));
                            let start = stack.len();
                            stack.extend(self.children(n).map(Step::Open));
                            stack[start..].reverse();
                        }
                    }
                },
                Step::Close(n) => {
                    if let Data::Element(e) = &self.nodes[n].data {
                        out.push_str("</");
                        out.push_str(&e.name.to_ascii_lowercase());
                        out.push('>');
                    }
                }
            }
        }
        out
    }
}

fn escape_html_text(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}

/// Elements without content (turndown's list).
pub const VOID_ELEMENTS: &[&str] = &[
    "AREA", "BASE", "BR", "COL", "COMMAND", "EMBED", "HR", "IMG", "INPUT", "KEYGEN", "LINK",
    "META", "PARAM", "SOURCE", "TRACK", "WBR",
];

/// Block-level elements (turndown's list).
pub const BLOCK_ELEMENTS: &[&str] = &[
    "ADDRESS",
    "ARTICLE",
    "ASIDE",
    "AUDIO",
    "BLOCKQUOTE",
    "BODY",
    "CANVAS",
    "CENTER",
    "DD",
    "DIR",
    "DIV",
    "DL",
    "DT",
    "FIELDSET",
    "FIGCAPTION",
    "FIGURE",
    "FOOTER",
    "FORM",
    "FRAMESET",
    "H1",
    "H2",
    "H3",
    "H4",
    "H5",
    "H6",
    "HEADER",
    "HGROUP",
    "HR",
    "HTML",
    "ISINDEX",
    "LI",
    "MAIN",
    "MENU",
    "NAV",
    "NOFRAMES",
    "NOSCRIPT",
    "OL",
    "OUTPUT",
    "P",
    "PRE",
    "SECTION",
    "TABLE",
    "TBODY",
    "TD",
    "TFOOT",
    "TH",
    "THEAD",
    "TR",
    "UL",
];

/// Elements that count even when empty (turndown's list).
pub const MEANINGFUL_WHEN_BLANK: &[&str] = &[
    "A", "TABLE", "THEAD", "TBODY", "TFOOT", "TH", "TD", "IFRAME", "SCRIPT", "AUDIO", "VIDEO",
];

fn is_void_name(name: &str) -> bool {
    VOID_ELEMENTS.contains(&name.to_ascii_uppercase().as_str())
}

/// Iterator over the children of a node.
pub struct Children<'a> {
    frag: &'a Fragment,
    next: Option<NodeIx>,
}

impl Iterator for Children<'_> {
    type Item = NodeIx;
    fn next(&mut self) -> Option<NodeIx> {
        let cur = self.next?;
        self.next = self.frag.nodes[cur].next;
        Some(cur)
    }
}
