//! turndown's conversion loop: children are reduced to Markdown and joined with turndown's
//! newline rules, then each element's rule is applied. Iterative (explicit stack of frames),
//! so nesting depth is bounded only by memory.

use super::fragment::{Data, Fragment, MEANINGFUL_WHEN_BLANK, NodeIx, VOID_ELEMENTS};
use super::rules::Rules;
use super::text::{ascii_ws, escape_markdown, js_trim, js_ws, trim_leading_newlines};

// The node facts moved to `info` (the rules need them too); their old paths keep working.
pub use super::info::{Info, compute_infos, is_block, is_named};

/// turndown's `join`: appends `replacement` to `acc` with at most two newlines between them.
pub fn join(acc: &mut String, replacement: &str) {
    let acc_trimmed = acc.trim_end_matches('\n').len();
    let tail_nls = acc.len() - acc_trimmed;
    let s2 = trim_leading_newlines(replacement);
    let lead_nls = replacement.len() - s2.len();
    let nls = tail_nls.max(lead_nls).min(2);
    acc.truncate(acc_trimmed);
    for _ in 0..nls {
        acc.push('\n');
    }
    acc.push_str(s2);
}

struct Frame {
    node: NodeIx,
    cursor: Option<NodeIx>,
    acc: String,
    is_code: bool,
}

impl Rules<'_> {
    /// turndown's `isBlank`.
    pub fn is_blank(&self, n: NodeIx) -> bool {
        let info = &self.infos[n];
        !is_named(self.f, n, VOID_ELEMENTS)
            && !is_named(self.f, n, MEANINGFUL_WHEN_BLANK)
            && info.all_ws
            && !info.has_void
            && !info.has_meaningful
    }

    fn flanked(&self, sibling: Option<NodeIx>, left: bool) -> bool {
        let Some(s) = sibling else { return false };
        match &self.f.nodes[s].data {
            Data::Text(t) => {
                if left {
                    t.ends_with(' ')
                } else {
                    t.starts_with(' ')
                }
            }
            Data::Element(_) if !is_block(self.f, s) => {
                let info = &self.infos[s];
                if left {
                    info.last == Some(' ')
                } else {
                    info.first == Some(' ')
                }
            }
            _ => false,
        }
    }

    /// turndown's `flankingWhitespace`: (leading, trailing).
    fn flanking(&self, n: NodeIx) -> (String, String) {
        if is_block(self.f, n) {
            return (String::new(), String::new());
        }
        let info = &self.infos[n];
        let (leading, trailing): (&str, &str) = if info.all_ws {
            (&info.lead, "")
        } else {
            (&info.lead, &info.trail)
        };
        let lead_ascii_len = leading.len() - leading.trim_start_matches(ascii_ws).len();
        let trail_ascii_start = trailing.trim_end_matches(ascii_ws).len();
        let mut lead = leading.to_string();
        let mut trail = trailing.to_string();
        if lead_ascii_len > 0 && self.flanked(self.f.nodes[n].prev, true) {
            lead = leading[lead_ascii_len..].to_string();
        }
        if trail_ascii_start < trailing.len() && self.flanked(self.f.nodes[n].next, false) {
            trail = trailing[..trail_ascii_start].to_string();
        }
        (lead, trail)
    }

    /// turndown's `replacementForNode`.
    fn replacement_for_node(&self, n: NodeIx, content: String) -> String {
        let (lead, trail) = self.flanking(n);
        let content = if !lead.is_empty() || !trail.is_empty() {
            js_trim(&content).to_string()
        } else {
            content
        };
        let body = if self.is_blank(n) {
            if is_block(self.f, n) {
                "\n\n".to_string()
            } else {
                String::new()
            }
        } else {
            self.apply(n, content)
        };
        let mut out = lead;
        out.push_str(&body);
        out.push_str(&trail);
        out
    }

    /// turndown's `process` over the root, then `postProcess`.
    pub fn convert(&self) -> String {
        let f = self.f;
        let mut stack = vec![Frame {
            node: Fragment::ROOT,
            cursor: f.nodes[Fragment::ROOT].first,
            acc: String::new(),
            is_code: false,
        }];
        loop {
            let Some(top) = stack.last_mut() else {
                return String::new();
            };
            match top.cursor {
                Some(child) => {
                    top.cursor = f.nodes[child].next;
                    match &f.nodes[child].data {
                        Data::Text(t) => {
                            let r = if top.is_code {
                                t.clone()
                            } else {
                                escape_markdown(t)
                            };
                            join(&mut top.acc, &r);
                        }
                        Data::Element(e) => {
                            if self.is_blank(child) {
                                let r = self.replacement_for_node(child, String::new());
                                join(&mut top.acc, &r);
                            } else {
                                let is_code = top.is_code || (e.html && e.name == "CODE");
                                stack.push(Frame {
                                    node: child,
                                    cursor: f.nodes[child].first,
                                    acc: String::new(),
                                    is_code,
                                });
                            }
                        }
                        _ => {}
                    }
                }
                None => {
                    let Some(frame) = stack.pop() else {
                        return String::new();
                    };
                    match stack.last_mut() {
                        Some(parent) => {
                            let r = self.replacement_for_node(frame.node, frame.acc);
                            join(&mut parent.acc, &r);
                        }
                        None => return post_process(&frame.acc),
                    }
                }
            }
        }
    }
}

/// turndown's `postProcess`: trims leading `[\t\r\n]+` and trailing `[\t\r\n\s]+`.
fn post_process(s: &str) -> String {
    s.trim_start_matches(['\t', '\r', '\n'])
        .trim_end_matches(js_ws)
        .to_string()
}
