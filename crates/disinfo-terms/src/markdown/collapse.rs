//! turndown's `collapseWhitespace` (adapted by turndown from Luc Thevenard's collapse-whitespace):
//! runs of `[ \r\n\t]` become one space, spaces next to block boundaries and `<br>` go, comments go,
//! `pre` content is untouched. Already iterative in turndown; ported step for step.

use super::fragment::{BLOCK_ELEMENTS, Data, Fragment, NodeIx, VOID_ELEMENTS};

fn is_block(f: &Fragment, n: NodeIx) -> bool {
    matches!(&f.nodes[n].data, Data::Element(e) if e.html && BLOCK_ELEMENTS.contains(&e.name.as_str()))
}

fn is_void(f: &Fragment, n: NodeIx) -> bool {
    matches!(&f.nodes[n].data, Data::Element(e) if e.html && VOID_ELEMENTS.contains(&e.name.as_str()))
}

fn is_pre(f: &Fragment, n: NodeIx) -> bool {
    f.is(n, "PRE")
}

/// The next node in turndown's walk.
fn next(f: &Fragment, prev: Option<NodeIx>, current: NodeIx) -> Option<NodeIx> {
    let node = &f.nodes[current];
    if prev.is_some_and(|p| f.nodes[p].parent == Some(current)) || is_pre(f, current) {
        return node.next.or(node.parent);
    }
    node.first.or(node.next).or(node.parent)
}

/// Removes a node, returning the next one in the walk (`nextSibling || parentNode`).
fn remove(f: &mut Fragment, n: NodeIx) -> Option<NodeIx> {
    let next = f.nodes[n].next.or(f.nodes[n].parent);
    f.remove(n);
    next
}

fn collapse_runs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_run = false;
    for c in s.chars() {
        if matches!(c, ' ' | '\r' | '\n' | '\t') {
            if !in_run {
                out.push(' ');
            }
            in_run = true;
        } else {
            out.push(c);
            in_run = false;
        }
    }
    out
}

fn text_mut(f: &mut Fragment, n: NodeIx) -> Option<&mut String> {
    match &mut f.nodes[n].data {
        Data::Text(t) => Some(t),
        _ => None,
    }
}

/// Collapses whitespace under `root` in place.
pub fn collapse_whitespace(f: &mut Fragment, root: NodeIx) {
    if f.nodes[root].first.is_none() || is_pre(f, root) {
        return;
    }
    let mut prev_text: Option<NodeIx> = None;
    let mut keep_leading_ws = false;
    let mut prev: Option<NodeIx> = None;
    let mut node = next(f, prev, root);
    while let Some(n) = node {
        if n == root {
            break;
        }
        match &f.nodes[n].data {
            Data::Text(data) => {
                let mut text = collapse_runs(data);
                let prev_ends_space = match prev_text {
                    None => true,
                    Some(p) => matches!(&f.nodes[p].data, Data::Text(t) if t.ends_with(' ')),
                };
                if prev_ends_space && !keep_leading_ws && text.starts_with(' ') {
                    text.remove(0);
                }
                if text.is_empty() {
                    node = remove(f, n);
                    continue;
                }
                if let Some(t) = text_mut(f, n) {
                    *t = text;
                }
                prev_text = Some(n);
            }
            Data::Element(_) => {
                if is_block(f, n) || f.is(n, "BR") {
                    if let Some(p) = prev_text
                        && let Some(t) = text_mut(f, p)
                        && t.ends_with(' ')
                    {
                        t.pop();
                    }
                    prev_text = None;
                    keep_leading_ws = false;
                } else if is_void(f, n) || is_pre(f, n) {
                    prev_text = None;
                    keep_leading_ws = true;
                } else if prev_text.is_some() {
                    keep_leading_ws = false;
                }
            }
            _ => {
                node = remove(f, n);
                continue;
            }
        }
        let next_node = next(f, prev, n);
        prev = Some(n);
        node = next_node;
    }
    if let Some(p) = prev_text {
        let empty = match text_mut(f, p) {
            Some(t) => {
                if t.ends_with(' ') {
                    t.pop();
                }
                t.is_empty()
            }
            None => false,
        };
        if empty {
            f.remove(p);
        }
    }
}
