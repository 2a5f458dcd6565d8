//! What the per-file checks learn about one entry and the cross-file rules ([`crate::refs`])
//! read: its id, kind, language, references to other entries, anchors and internal links.
//! Built by [`crate::check`], below both so that neither depends on the other for it.

use std::collections::BTreeSet;

use crate::Span;
use crate::markdown::Link;

/// A reference from one entry to another, found in the front matter.
#[derive(Debug, Clone)]
pub(crate) struct Ref {
    pub target: String,
    pub span: Span,
    /// The field (`maintainers`, `related`, ...), for messages.
    pub field: &'static str,
    /// The item of the field's list (`None` for `translation_of`, a single value).
    pub item: Option<usize>,
    /// The kind the target must have, if any.
    pub expected_kind: Option<&'static str>,
    /// For `related`: the relation (`part-of`, ...).
    pub rel: Option<String>,
}

impl Ref {
    /// The JSON pointer of the reference (`/maintainers/0`, `/related/2/ref`, `/translation_of`),
    /// built only for diagnostics.
    pub fn pointer(&self) -> String {
        match (self.field, self.item) {
            ("related", Some(i)) => format!("/related/{i}/ref"),
            (field, Some(i)) => format!("/{field}/{i}"),
            (field, None) => format!("/{field}"),
        }
    }
}

/// What the cross-file rules need to know about one entry.
#[derive(Debug, Clone)]
pub(crate) struct EntryInfo {
    pub file: String,
    pub id: Option<(String, Span)>,
    pub kind: Option<String>,
    pub lang: Option<String>,
    pub translation_of: Option<Ref>,
    pub refs: Vec<Ref>,
    pub anchors: BTreeSet<String>,
    /// Links of the body that point inside the corpus (`entry:`, relative paths, `#anchor`).
    pub internal_links: Vec<Link>,
}
