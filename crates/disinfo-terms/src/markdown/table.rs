//! GFM tables as OTA renders them (`joplin-turndown-plugin-gfm` 1.0.12): pipe tables, an empty
//! header row when the table has none, `<br>` for line breaks inside cells, and "skipped" tables
//! (one cell, or a nested table) whose cells render one after the other.

use super::fragment::{Data, NodeIx};
use super::rules::Rules;
use super::text::{js_number, js_trim, utf16_len};

/// Browsers cap `colspan` at 1000; so do we (and it bounds the work on hostile input).
const MAX_COLSPAN: f64 = 1000.0;

impl Rules<'_> {
    /// `HTMLTableElement.rows`: (first row, maximum number of child nodes over the rows, row count).
    fn rows(&self, table: NodeIx) -> (Option<NodeIx>, usize, usize) {
        let f = self.f;
        let mut head = Vec::new();
        let mut body = Vec::new();
        let mut foot = Vec::new();
        for c in f.children(table) {
            if f.is(c, "TR") {
                body.push(c);
            } else if f.is(c, "THEAD") || f.is(c, "TBODY") || f.is(c, "TFOOT") {
                let target = if f.is(c, "THEAD") {
                    &mut head
                } else if f.is(c, "TBODY") {
                    &mut body
                } else {
                    &mut foot
                };
                target.extend(f.children(c).filter(|r| f.is(*r, "TR")));
            }
        }
        let first = head.first().or(body.first()).or(foot.first()).copied();
        let all = head.iter().chain(&body).chain(&foot);
        let max = all
            .clone()
            .map(|r| f.children(*r).count())
            .max()
            .unwrap_or(0);
        (first, max, all.count())
    }

    fn parent_table(&self, n: NodeIx) -> Option<NodeIx> {
        let mut p = self.parent(n)?;
        while !self.f.is(p, "TABLE") {
            p = self.parent(p)?;
        }
        Some(p)
    }

    fn should_skip(&self, table: Option<NodeIx>) -> bool {
        let Some(table) = table else { return true };
        if let Some(v) = self.skip_memo.borrow().get(&table) {
            return *v;
        }
        let (first, _, count) = self.rows(table);
        let one_cell = count == 1 && first.is_some_and(|r| self.f.children(r).count() <= 1);
        let skip = one_cell || self.f.has_descendant(table, &["TABLE"]);
        self.skip_memo.borrow_mut().insert(table, skip);
        skip
    }

    fn cell(&self, content: &str, node: Option<NodeIx>, index: usize) -> String {
        let prefix = if index == 0 { "| " } else { " " };
        let trimmed = js_trim(content);
        let mut filtered = if self.style.plain_cells {
            trimmed.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            trimmed.replace("\n\r", "<br>").replace('\n', "<br>")
        };
        filtered = escape_pipes(&filtered);
        while utf16_len(&filtered) < 3 {
            filtered.push(' ');
        }
        if let Some(n) = node {
            let colspan = match self.attr(n, "colspan") {
                Some(v) if !v.is_empty() => js_number(v),
                _ => 1.0,
            };
            let mut i = 1.0;
            while i < colspan && i < MAX_COLSPAN {
                filtered.push_str(" |    ");
                i += 1.0;
            }
        }
        format!("{prefix}{filtered} |")
    }

    fn child_index(&self, n: NodeIx) -> usize {
        self.parent(n)
            .map_or(0, |p| self.f.children(p).take_while(|c| *c != n).count())
    }

    pub(super) fn table_cell(&self, n: NodeIx, content: String) -> String {
        if self.should_skip(self.parent_table(n)) {
            return content;
        }
        self.cell(&content, Some(n), self.child_index(n))
    }

    fn is_heading_row(&self, tr: NodeIx) -> bool {
        let f = self.f;
        let Some(parent) = self.parent(tr) else {
            return false;
        };
        if f.is(parent, "THEAD") {
            return true;
        }
        f.nodes[parent].first == Some(tr)
            && (f.is(parent, "TABLE") || self.is_first_tbody(parent))
            && f.children(tr).all(|c| f.is(c, "TH"))
    }

    fn is_first_tbody(&self, n: NodeIx) -> bool {
        if !self.f.is(n, "TBODY") {
            return false;
        }
        match self.f.nodes[n].prev {
            None => true,
            Some(p) => self.f.is(p, "THEAD") && self.infos[p].all_ws,
        }
    }

    pub(super) fn table_row(&self, n: NodeIx, content: String) -> String {
        let table = self.parent_table(n);
        if self.should_skip(table) {
            return content;
        }
        let mut border_cells = String::new();
        if self.is_heading_row(n) {
            let col_count = table.map_or(0, |t| self.rows(t).1);
            let children: Vec<NodeIx> = self.f.children(n).collect();
            for i in 0..col_count {
                if col_count >= children.len() {
                    border_cells.push_str(&self.cell("---", None, i));
                } else {
                    let child = children[i];
                    let align = self.attr(child, "align").unwrap_or("").to_ascii_lowercase();
                    let border = match align.as_str() {
                        "left" => ":--",
                        "right" => "--:",
                        "center" => ":-:",
                        _ => "---",
                    };
                    let node =
                        matches!(self.f.nodes[child].data, Data::Element(_)).then_some(child);
                    border_cells.push_str(&self.cell(border, node, i));
                }
            }
        }
        if border_cells.is_empty() {
            format!("\n{content}")
        } else {
            format!("\n{content}\n{border_cells}")
        }
    }

    pub(super) fn table(&self, n: NodeIx, content: String) -> String {
        if self.should_skip(Some(n)) {
            return content;
        }
        let mut collapsed = String::with_capacity(content.len());
        for c in content.chars() {
            if c == '\n' && collapsed.ends_with('\n') {
                continue;
            }
            collapsed.push(c);
        }
        let lines: Vec<&str> = js_trim(&collapsed).split('\n').collect();
        let divider = if lines.len() >= 2 {
            lines[1].starts_with("| ---")
        } else {
            lines[0] == "| ---"
        };
        let columns = self.rows(n).1;
        let mut empty_header = String::new();
        if columns > 0 && !divider {
            empty_header = format!(
                "|{}\n|{}",
                "     |".repeat(columns),
                " --- |".repeat(columns)
            );
        }
        format!("\n\n{empty_header}{collapsed}\n\n")
    }
}

/// `/\|+/g` → `\|`.
fn escape_pipes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_run = false;
    for c in s.chars() {
        if c == '|' {
            if !in_run {
                out.push_str("\\|");
            }
            in_run = true;
        } else {
            out.push(c);
            in_run = false;
        }
    }
    out
}
