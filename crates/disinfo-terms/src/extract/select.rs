//! `remove` and `select` as OTA's `dom.js` does them: CSS matches are removed or deep-cloned in
//! document order; range selectors use DOM `Range` semantics (`deleteContents`,
//! `cloneContents`), computed on document positions so no walk is recursive.

use ego_tree::NodeId;
use scraper::{Html, Node};

use super::dom::{Order, clone_into, fragment_data, select_all, select_first, selector};
use crate::declaration::{Boundary, RangeSelector, Selector, Selectors};
use crate::markdown::fragment::{Data, Fragment, NodeIx};
use crate::{Error, Result};

/// A resolved range: boundary positions (see [`Order`]).
struct Bounds {
    start: u64,
    end: u64,
}

fn resolve_range(html: &Html, order: &Order, range: &RangeSelector) -> Result<Bounds> {
    let json = range.to_json().to_string();
    let start_sel = selector(range.start.selector())?;
    let end_sel = selector(range.end.selector())?;
    let start_node = select_first(html, &start_sel).ok_or_else(|| Error::RangeNoMatch {
        side: "start".into(),
        range: json.clone(),
    })?;
    let end_node = select_first(html, &end_sel).ok_or_else(|| Error::RangeNoMatch {
        side: "end".into(),
        range: json.clone(),
    })?;
    let start = match range.start {
        Boundary::Before(_) => order.before(start_node),
        Boundary::After(_) => order.after(start_node),
    };
    let mut end = match range.end {
        Boundary::Before(_) => order.before(end_node),
        Boundary::After(_) => order.after(end_node),
    };
    // DOM: setting an end before the start collapses the range onto the end... which selects nothing.
    if end < start {
        end = start;
    }
    Ok(Bounds { start, end })
}

/// The topmost nodes fully inside a range (what `deleteContents` removes).
fn contained_roots(html: &Html, order: &Order, b: &Bounds) -> Vec<NodeId> {
    let mut out = Vec::new();
    if b.start >= b.end {
        return out;
    }
    let mut stack = vec![html.tree.root()];
    while let Some(n) = stack.pop() {
        let (open, close) = order.get(n.id());
        if close < b.start || open > b.end {
            continue;
        }
        if open > b.start && close < b.end {
            out.push(n.id());
            continue;
        }
        stack.extend(n.children());
    }
    out
}

/// Applies `remove`: CSS matches first, then ranges, all resolved on the page before any removal.
pub fn remove(html: &mut Html, selectors: &Selectors) -> Result<()> {
    let mut nodes: Vec<NodeId> = Vec::new();
    let mut ranges = Vec::new();
    let mut order: Option<Order> = None;
    for item in &selectors.items {
        match item {
            Selector::Css(css) => nodes.extend(select_all(html, &selector(css)?)),
            Selector::Range(range) => {
                let order = order.get_or_insert_with(|| Order::new(html));
                let bounds = resolve_range(html, order, range)?;
                ranges.push(contained_roots(html, order, &bounds));
            }
        }
    }
    super::dom::detach_all(html, &nodes);
    for r in ranges {
        super::dom::detach_all(html, &r);
    }
    Ok(())
}

/// What `select` produced.
pub struct Selection {
    /// The cloned content.
    pub fragment: Fragment,
    /// Number of ranges that were empty because their start came at or after their end.
    pub inverted_ranges: usize,
}

/// Applies `select`: clones of every match (CSS, in document order) and of every range, in
/// declared order, into one fragment.
pub fn select(html: &Html, selectors: &Selectors) -> Result<Selection> {
    let mut frag = Fragment::new();
    let mut order: Option<Order> = None;
    let mut inverted_ranges = 0;
    for item in &selectors.items {
        match item {
            Selector::Css(css) => {
                for id in select_all(html, &selector(css)?) {
                    if let Some(node) = html.tree.get(id) {
                        clone_into(&mut frag, Fragment::ROOT, node);
                    }
                }
            }
            Selector::Range(range) => {
                let order = order.get_or_insert_with(|| Order::new(html));
                let bounds = resolve_range(html, order, range)?;
                if bounds.start >= bounds.end {
                    inverted_ranges += 1;
                    continue;
                }
                clone_range(html, order, &bounds, &mut frag);
            }
        }
    }
    Ok(Selection {
        fragment: frag,
        inverted_ranges,
    })
}

/// `Range.cloneContents`: contained nodes are deep-cloned, partially contained ones (holding
/// exactly one boundary) are cloned shallow with their inside recursively handled, common
/// ancestors are not cloned.
fn clone_range(html: &Html, order: &Order, b: &Bounds, frag: &mut Fragment) {
    let mut stack: Vec<(ego_tree::NodeRef<'_, Node>, NodeIx)> =
        vec![(html.tree.root(), Fragment::ROOT)];
    while let Some((n, out_parent)) = stack.pop() {
        let (open, close) = order.get(n.id());
        if close < b.start || open > b.end {
            continue;
        }
        let contained = open > b.start && close < b.end;
        if contained {
            clone_into(frag, out_parent, n);
            continue;
        }
        let holds_start = open < b.start && b.start < close;
        let holds_end = open < b.end && b.end < close;
        let next_parent = if holds_start && holds_end {
            out_parent
        } else if holds_start || holds_end {
            match fragment_data(n.value()) {
                Some(data @ Data::Element(_)) => frag.append(out_parent, data),
                _ => continue,
            }
        } else {
            continue;
        };
        let start = stack.len();
        stack.extend(n.children().map(|c| (c, next_parent)));
        stack[start..].reverse();
    }
}
