//! Facts about every node's `textContent` and descendants (blank or not, first and last
//! character, leading and trailing whitespace), computed once bottom-up. The conversion rules
//! ([`super::rules`]) and the conversion loop ([`super::render`]) both read them, so they live
//! below both.

use super::fragment::{
    BLOCK_ELEMENTS, Data, Fragment, MEANINGFUL_WHEN_BLANK, NodeIx, VOID_ELEMENTS,
};
use super::text::js_ws;

/// Facts about a node's `textContent` and descendants, computed bottom-up once.
#[derive(Debug, Clone, Default)]
pub struct Info {
    /// `textContent` is empty or only whitespace (JS `\s`).
    pub all_ws: bool,
    /// First character of `textContent`.
    pub first: Option<char>,
    /// Last character of `textContent`.
    pub last: Option<char>,
    /// Leading whitespace of `textContent` (the whole text when `all_ws`).
    pub lead: String,
    /// Trailing whitespace of `textContent` (the whole text when `all_ws`).
    pub trail: String,
    /// Some descendant is a void element.
    pub has_void: bool,
    /// Some descendant is an element that is meaningful when blank.
    pub has_meaningful: bool,
}

/// Computes [`Info`] for every node reachable from the root (post-order, iterative).
pub fn compute_infos(f: &Fragment) -> Vec<Info> {
    let mut infos = vec![Info::default(); f.nodes.len()];
    let mut stack: Vec<(NodeIx, bool)> = vec![(Fragment::ROOT, false)];
    while let Some((n, visited)) = stack.pop() {
        if !visited {
            stack.push((n, true));
            stack.extend(f.children(n).map(|c| (c, false)));
            continue;
        }
        let info = match &f.nodes[n].data {
            Data::Text(t) => {
                let all_ws = t.chars().all(js_ws);
                let lead: String = if all_ws {
                    t.clone()
                } else {
                    t.chars().take_while(|c| js_ws(*c)).collect()
                };
                let trail: String = if all_ws {
                    t.clone()
                } else {
                    let end = t.trim_end_matches(js_ws).len();
                    t[end..].to_string()
                };
                Info {
                    all_ws,
                    first: t.chars().next(),
                    last: t.chars().next_back(),
                    lead,
                    trail,
                    ..Info::default()
                }
            }
            Data::Comment => Info {
                all_ws: true,
                ..Info::default()
            },
            Data::Element(_) | Data::Root => {
                let children: Vec<NodeIx> = f.children(n).collect();
                let mut info = Info {
                    all_ws: true,
                    ..Info::default()
                };
                for &c in &children {
                    let ci = &infos[c];
                    info.all_ws &= ci.all_ws;
                    info.has_void |= ci.has_void || is_named(f, c, VOID_ELEMENTS);
                    info.has_meaningful |=
                        ci.has_meaningful || is_named(f, c, MEANINGFUL_WHEN_BLANK);
                    if info.first.is_none() {
                        info.first = ci.first;
                    }
                    if ci.last.is_some() {
                        info.last = ci.last;
                    }
                }
                for &c in &children {
                    let ci = &infos[c];
                    info.lead.push_str(&ci.lead);
                    if !ci.all_ws {
                        break;
                    }
                }
                let mut trail_parts: Vec<&str> = Vec::new();
                for &c in children.iter().rev() {
                    let ci = &infos[c];
                    trail_parts.push(&ci.trail);
                    if !ci.all_ws {
                        break;
                    }
                }
                info.trail = trail_parts.into_iter().rev().collect();
                info
            }
        };
        infos[n] = info;
    }
    infos
}

/// True for HTML elements whose `nodeName` is in `names`.
pub fn is_named(f: &Fragment, n: NodeIx, names: &[&str]) -> bool {
    matches!(&f.nodes[n].data, Data::Element(e) if e.html && names.contains(&e.name.as_str()))
}

/// turndown's `isBlock`.
pub fn is_block(f: &Fragment, n: NodeIx) -> bool {
    is_named(f, n, BLOCK_ELEMENTS)
}
