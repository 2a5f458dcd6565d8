//! Cross-file rules on a petgraph graph of the corpus: unknown ids (RF001), wrong kinds (RF002),
//! duplicate ids after normalisation (RF003), forbidden cycles (RF005), translation pairs
//! (RF006), orphans (RF007) and internal links (LK003).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use foldhash::fast::RandomState;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use crate::entry::EntryInfo;
use crate::suggest::did_you_mean;
use crate::{Diagnostic, Related, Span};

/// Relations that must not form cycles: a thing cannot be part of itself, supersede itself or
/// be based on itself, however long the chain.
pub const ACYCLIC_RELATIONS: &[&str] = &["part-of", "supersedes", "based-on"];

/// The normal form under which two ids are the same: NFKC, lower case, `_` and spaces as `-`.
///
/// ```
/// assert_eq!(disinfo_encyclopedia::refs::normalise_id("Open_Terms Archive"), "open-terms-archive");
/// ```
pub fn normalise_id(id: &str) -> String {
    if id.is_ascii() {
        // NFKC leaves ASCII as it is.
        return id
            .bytes()
            .map(|b| match b {
                b'_' | b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' => '-',
                _ => char::from(b.to_ascii_lowercase()),
            })
            .collect();
    }
    normalise_unicode(id)
}

/// [`normalise_id`] for any text (the ASCII path above is a shortcut of this one).
fn normalise_unicode(id: &str) -> String {
    id.nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| {
            if c == '_' || c.is_whitespace() {
                '-'
            } else {
                c
            }
        })
        .collect()
}

fn related(e: &EntryInfo, span: Span, message: String) -> Related {
    Related {
        file: e.file.clone(),
        line: span.start.line,
        column: span.start.column,
        message,
    }
}

struct Index<'a> {
    entries: &'a [EntryInfo],
    by_id: HashMap<&'a str, usize, RandomState>,
    /// Normalised id → the entries that have it, in file order (more than one: RF003).
    by_norm: HashMap<String, Vec<usize>, RandomState>,
    by_path: HashMap<&'a str, usize, RandomState>,
}

impl<'a> Index<'a> {
    fn new(entries: &'a [EntryInfo]) -> Self {
        let capacity = entries.len();
        let mut by_id = HashMap::with_capacity_and_hasher(capacity, RandomState::default());
        let mut by_norm: HashMap<String, Vec<usize>, RandomState> =
            HashMap::with_capacity_and_hasher(capacity, RandomState::default());
        let mut by_path = HashMap::with_capacity_and_hasher(capacity, RandomState::default());
        for (i, e) in entries.iter().enumerate() {
            by_path.insert(e.file.as_str(), i);
            if let Some((id, _)) = &e.id {
                by_id.entry(id.as_str()).or_insert(i);
                by_norm.entry(normalise_id(id)).or_default().push(i);
            }
        }
        Index {
            entries,
            by_id,
            by_norm,
            by_path,
        }
    }

    fn ids(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().copied()
    }

    /// The entry `target` names, or a diagnostic-ready suggestion.
    fn resolve(&self, target: &str) -> Result<usize, Option<String>> {
        if let Some(i) = self.by_id.get(target) {
            return Ok(*i);
        }
        let near = self
            .by_norm
            .get(&normalise_id(target))
            .and_then(|same| self.entries[same[0]].id.as_ref().map(|(id, _)| id.clone()))
            .or_else(|| {
                let mut ids: Vec<&str> = self.ids().collect();
                ids.sort_unstable();
                did_you_mean(target, ids)
            });
        Err(near)
    }
}

/// What one entry's references and links resolve to.
#[derive(Default)]
struct Resolved {
    /// RF001, RF002 and LK003 of the entry, in source order of its references, then its links.
    diagnostics: Vec<Diagnostic>,
    /// The entries it refers to or links to (itself included), once per reference or link.
    targets: Vec<usize>,
    /// Its references along an acyclic relation: (relation, target, reference number).
    edges: Vec<(&'static str, usize, usize)>,
}

/// Resolves the references and internal links of entry `from` (independent of every other
/// entry's, so entries resolve in parallel).
fn resolve_entry(index: &Index<'_>, from: usize, e: &EntryInfo) -> Resolved {
    let mut resolved = Resolved::default();
    let out = &mut resolved.diagnostics;
    let all_refs = e.refs.iter().chain(e.translation_of.iter());
    for (ref_no, r) in all_refs.enumerate() {
        let to = match index.resolve(&r.target) {
            Ok(to) => to,
            Err(suggestion) => {
                let pointer = r.pointer();
                let mut message = format!("`{pointer}` refers to unknown id `{}`", r.target);
                if let Some(s) = &suggestion {
                    message.push_str(&format!("; did you mean `{s}`?"));
                }
                out.push(
                    Diagnostic::new(&e.file, r.span, &pointer, "RF001", message)
                        .with_suggestion(suggestion),
                );
                continue;
            }
        };
        resolved.targets.push(to);
        let target = &index.entries[to];
        if let (Some(expected), Some(actual)) = (r.expected_kind, target.kind.as_deref())
            && expected != actual
        {
            out.push(
                Diagnostic::new(
                    &e.file,
                    r.span,
                    &r.pointer(),
                    "RF002",
                    format!(
                        "`{}` must refer to an entry of kind `{expected}`; `{}` is a `{actual}`",
                        r.field, r.target
                    ),
                )
                .with_related(related(
                    target,
                    target.id.as_ref().map_or(Span::at_line(1), |x| x.1),
                    format!("`{}` is defined here", r.target),
                )),
            );
        }
        if let Some(rel) = r
            .rel
            .as_deref()
            .and_then(|rel| ACYCLIC_RELATIONS.iter().find(|x| **x == rel))
        {
            resolved.edges.push((rel, to, ref_no));
        }
    }
    internal_links(index, from, e, &mut resolved);
    resolved
}

/// Runs every cross-file rule. `entries` are sorted by file.
pub(crate) fn check_corpus(entries: &[EntryInfo]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let index = Index::new(entries);
    let duplicates = duplicate_ids(&index, &mut out);
    let resolved: Vec<Resolved> = entries
        .par_iter()
        .enumerate()
        .map(|(from, e)| resolve_entry(&index, from, e))
        .collect();
    let mut incoming = vec![0usize; entries.len()];
    let mut graphs: BTreeMap<&str, DiGraph<usize, (usize, usize)>> = BTreeMap::new();
    for (from, r) in resolved.into_iter().enumerate() {
        out.extend(r.diagnostics);
        for to in r.targets.into_iter().filter(|&to| to != from) {
            incoming[to] += 1;
        }
        for (rel, to, ref_no) in r.edges {
            let g = graphs.entry(rel).or_insert_with(|| {
                let mut g = DiGraph::new();
                for i in 0..entries.len() {
                    g.add_node(i);
                }
                g
            });
            g.add_edge(NodeIndex::new(from), NodeIndex::new(to), (from, ref_no));
        }
    }
    for (rel, g) in &graphs {
        cycles(entries, rel, g, &mut out);
    }
    translations(&index, &mut out);
    for (i, e) in entries.iter().enumerate() {
        // A duplicate is already reported (RF003); references resolve to the first definition.
        if incoming[i] == 0
            && e.translation_of.is_none()
            && !duplicates.contains(&i)
            && let Some((id, span)) = &e.id
        {
            out.push(Diagnostic::new(
                    &e.file,
                    *span,
                    "/id",
                    "RF007",
                    format!("orphan entry: no other entry refers to `{id}` (related, see_also, maintainers, links)"),
                ));
        }
    }
    out
}

fn duplicate_ids(index: &Index<'_>, out: &mut Vec<Diagnostic>) -> BTreeSet<usize> {
    let entries = index.entries;
    let mut dups = BTreeSet::new();
    for members in index.by_norm.values().filter(|m| m.len() > 1) {
        let first = &entries[members[0]];
        let Some((first_id, first_span)) = &first.id else {
            continue;
        };
        for &i in &members[1..] {
            dups.insert(i);
            let e = &entries[i];
            if let Some((id, span)) = &e.id {
                let same = if id == first_id {
                    String::new()
                } else {
                    format!(" (`{first_id}` after normalisation)")
                };
                out.push(
                    Diagnostic::new(
                        &e.file,
                        *span,
                        "/id",
                        "RF003",
                        format!("duplicate id `{id}`{same}, also defined in {}", first.file),
                    )
                    .with_related(related(
                        first,
                        *first_span,
                        format!("`{first_id}` first defined here"),
                    )),
                );
            }
        }
    }
    dups
}

fn cycles(
    entries: &[EntryInfo],
    rel: &str,
    g: &DiGraph<usize, (usize, usize)>,
    out: &mut Vec<Diagnostic>,
) {
    for mut scc in tarjan_scc(g) {
        let self_loop = scc.len() == 1 && g.contains_edge(scc[0], scc[0]);
        if scc.len() < 2 && !self_loop {
            continue;
        }
        scc.sort_by_key(|n| entries[g[*n]].file.clone());
        let members: BTreeSet<NodeIndex> = scc.iter().copied().collect();
        let start = scc[0];
        // Shortest way back to the first member (breadth-first, successors in file order).
        let mut parent: HashMap<NodeIndex, (NodeIndex, (usize, usize))> = HashMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        let mut seen = BTreeSet::from([start]);
        let mut closing = None;
        'search: while let Some(u) = queue.pop_front() {
            let mut next: Vec<_> = g
                .edges(u)
                .map(|ed| (petgraph::visit::EdgeRef::target(&ed), *ed.weight()))
                .filter(|(t, _)| members.contains(t))
                .collect();
            next.sort_by_key(|(t, w)| (entries[g[*t]].file.clone(), *w));
            for (t, w) in next {
                if t == start {
                    closing = Some((u, w));
                    break 'search;
                }
                if seen.insert(t) {
                    parent.insert(t, (u, w));
                    queue.push_back(t);
                }
            }
        }
        let Some((last, last_edge)) = closing else {
            continue;
        };
        let mut path = vec![last];
        let mut edges = vec![last_edge];
        let mut at = last;
        while let Some(&(p, w)) = parent.get(&at) {
            edges.push(w);
            path.push(p);
            at = p;
        }
        path.reverse();
        edges.reverse();
        let ids: Vec<String> = path
            .iter()
            .chain(std::iter::once(&start))
            .map(|n| {
                entries[g[*n]]
                    .id
                    .as_ref()
                    .map_or_else(|| entries[g[*n]].file.clone(), |x| x.0.clone())
            })
            .collect();
        let Some(&(from, ref_no)) = edges.first() else {
            continue;
        };
        let e = &entries[from];
        let Some(r) = e.refs.get(ref_no) else {
            continue;
        };
        let mut d = Diagnostic::new(
            &e.file,
            r.span,
            &r.pointer(),
            "RF005",
            format!("forbidden cycle of `{rel}` relations: {}", ids.join(" → ")),
        );
        for &(f, n) in edges.iter().skip(1) {
            if let Some(step) = entries[f].refs.get(n) {
                d = d.with_related(related(
                    &entries[f],
                    step.span,
                    format!("`{}` {rel} `{}`", ids_of(&entries[f]), step.target),
                ));
            }
        }
        out.push(d);
    }
}

fn ids_of(e: &EntryInfo) -> &str {
    e.id.as_ref().map_or(e.file.as_str(), |x| x.0.as_str())
}

fn translations(index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    let entries = index.entries;
    let mut seen: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        let Some(r) = &e.translation_of else { continue };
        let Ok(to) = index.resolve(&r.target) else {
            continue;
        };
        let target = &entries[to];
        let at = target.id.as_ref().map_or(Span::at_line(1), |x| x.1);
        let mut problem = |message: String, rel: Related| {
            out.push(
                Diagnostic::new(&e.file, r.span, &r.pointer(), "RF006", message).with_related(rel),
            );
        };
        if to == i {
            problem(
                "an entry cannot be a translation of itself".into(),
                related(e, at, "its id".into()),
            );
            continue;
        }
        if target.translation_of.is_some() {
            let orig = target
                .translation_of
                .as_ref()
                .map_or("", |t| t.target.as_str());
            problem(
                format!(
                    "`{}` is itself a translation (of `{orig}`); point `translation_of` at the original",
                    r.target
                ),
                related(target, at, "the translation".into()),
            );
            continue;
        }
        if e.lang.is_some() && e.lang == target.lang {
            problem(
                format!(
                    "translation in the same language (`{}`) as its original `{}`",
                    e.lang.as_deref().unwrap_or_default(),
                    r.target
                ),
                related(target, at, "the original".into()),
            );
            continue;
        }
        if e.kind.is_some() && target.kind.is_some() && e.kind != target.kind {
            problem(
                format!(
                    "translation of kind `{}` but its original `{}` is a `{}`",
                    e.kind.as_deref().unwrap_or_default(),
                    r.target,
                    target.kind.as_deref().unwrap_or_default()
                ),
                related(target, at, "the original".into()),
            );
            continue;
        }
        let lang = e.lang.clone().unwrap_or_default();
        if let Some(&first) = seen.get(&(to, lang.clone())) {
            let f = &entries[first];
            problem(
                format!("second `{lang}` translation of `{}`", r.target),
                related(
                    f,
                    f.translation_of.as_ref().map_or(at, |t| t.span),
                    "the first one".into(),
                ),
            );
            continue;
        }
        seen.insert((to, lang), i);
    }
}

/// Resolves `a/b/../c.md` relative to the folder of `from`.
fn resolve_path(from: &str, target: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// LK003 for the internal links of entry `from`; the entries they reach go to `resolved.targets`.
fn internal_links(index: &Index<'_>, from: usize, e: &EntryInfo, resolved: &mut Resolved) {
    let out = &mut resolved.diagnostics;
    for link in &e.internal_links {
        let (base, anchor) = match link.target.split_once('#') {
            Some((b, a)) => (b, Some(a)),
            None => (link.target.as_str(), None),
        };
        let target = if let Some(id) = base.strip_prefix("entry:") {
            match index.resolve(id) {
                Ok(t) => Some(t),
                Err(s) => {
                    let mut message = format!("link to unknown entry `{id}`");
                    if let Some(s) = &s {
                        message.push_str(&format!("; did you mean `{s}`?"));
                    }
                    out.push(
                        Diagnostic::new(&e.file, link.span, "", "LK003", message)
                            .with_suggestion(s.map(|s| format!("entry:{s}"))),
                    );
                    continue;
                }
            }
        } else if base.is_empty() {
            Some(from)
        } else {
            let path = resolve_path(&e.file, base);
            match index.by_path.get(path.as_str()) {
                Some(t) => Some(*t),
                None => {
                    out.push(Diagnostic::new(
                        &e.file,
                        link.span,
                        "",
                        "LK003",
                        format!("link to missing file `{base}` (resolved to `{path}`)"),
                    ));
                    continue;
                }
            }
        };
        let Some(t) = target else { continue };
        resolved.targets.push(t);
        if let Some(a) = anchor {
            let te = &index.entries[t];
            if !te.anchors.contains(a) {
                let suggestion = did_you_mean(a, te.anchors.iter().map(String::as_str));
                let mut message = format!("no heading `#{a}` in {}", te.file);
                if let Some(s) = &suggestion {
                    message.push_str(&format!("; did you mean `#{s}`?"));
                }
                out.push(
                    Diagnostic::new(&e.file, link.span, "", "LK003", message)
                        .with_suggestion(suggestion.map(|s| format!("{base}#{s}"))),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_resolve_against_the_file_folder() {
        assert_eq!(resolve_path("tools/a.md", "../actors/b.md"), "actors/b.md");
        assert_eq!(resolve_path("a.md", "./b.md"), "b.md");
    }

    #[test]
    fn ids_normalise_case_width_and_separators() {
        assert_eq!(normalise_id("ＤＩＳＡＲＭ_framework"), "disarm-framework");
    }

    #[test]
    fn ascii_ids_normalise_as_the_unicode_path_does() {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        assert_eq!(normalise_id(&every_ascii), normalise_unicode(&every_ascii));
        assert_eq!(normalise_id("Open_Terms Archive"), "open-terms-archive");
    }
}
