//! The conversion rules: turndown's defaults (setext headings, `*` bullets, `_em_`, indented code),
//! the GFM plugin OTA uses (`joplin-turndown-plugin-gfm`: tables, strikethrough, task lists,
//! highlighted code blocks) and OTA's own rule that trims link text. Rules are tried in turndown's
//! order; the first whose filter matches gives the replacement.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::fragment::{Fragment, NodeIx};
use super::info::{Info, compute_infos, is_block};
use super::text::{
    clean_attribute, escape_link_destination, escape_link_title, escape_markdown,
    is_line_terminator, js_number, js_number_to_string, js_trim, trim_leading_newlines,
    trim_trailing_newlines, utf16_len,
};

/// Differences between the `ota` and `canonical` renderings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// `# Title` instead of setext underlines for h1/h2.
    pub atx_headings: bool,
    /// Table cells: line breaks become spaces instead of `<br>`.
    pub plain_cells: bool,
    /// Ordered lists count only `li` siblings; a bad `start` counts as 1.
    pub li_numbering: bool,
    /// `<br>` becomes a bare newline instead of two spaces and a newline.
    pub bare_br: bool,
}

impl Style {
    /// OTA's rendering.
    pub const OTA: Style = Style {
        atx_headings: false,
        plain_cells: false,
        li_numbering: false,
        bare_br: false,
    };
    /// Our canonical rendering.
    pub const CANONICAL: Style = Style {
        atx_headings: true,
        plain_cells: true,
        li_numbering: true,
        bare_br: true,
    };
}

/// The rule set bound to one fragment.
pub struct Rules<'a> {
    /// The fragment being converted.
    pub f: &'a Fragment,
    /// Per-node facts.
    pub infos: Vec<Info>,
    /// Style switches.
    pub style: Style,
    /// Memo of `tableShouldBeSkipped` per table.
    pub(super) skip_memo: RefCell<HashMap<NodeIx, bool>>,
}

static HIGHLIGHT: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"highlight-(?:text|source)-([a-z0-9]+)").ok());

impl<'a> Rules<'a> {
    /// Binds the rules to a (whitespace-collapsed) fragment.
    pub fn new(f: &'a Fragment, style: Style) -> Self {
        Rules {
            f,
            infos: compute_infos(f),
            style,
            skip_memo: RefCell::new(HashMap::new()),
        }
    }

    pub(super) fn name(&self, n: NodeIx) -> &str {
        self.f.node_name(n)
    }

    /// Lower-cased `nodeName`, as turndown's string filters compare.
    fn lname(&self, n: NodeIx) -> String {
        self.name(n).to_ascii_lowercase()
    }

    pub(super) fn attr(&self, n: NodeIx, name: &str) -> Option<&str> {
        self.f.elem(n).and_then(|e| e.attr(name))
    }

    pub(super) fn parent(&self, n: NodeIx) -> Option<NodeIx> {
        self.f.nodes[n].parent
    }

    fn parent_is(&self, n: NodeIx, upper: &str) -> bool {
        self.parent(n).is_some_and(|p| self.f.is(p, upper))
    }

    /// Applies the first matching rule (the node is known not to be blank).
    pub fn apply(&self, n: NodeIx, content: String) -> String {
        let f = self.f;
        let html = f.elem(n).is_some_and(|e| e.html);
        let upper = self.name(n).to_string();
        let lname = self.lname(n);
        // OTA: `fix-anchors-containing-block-elements` (inlineLink with trimmed content).
        if html && upper == "A" && self.attr(n, "href").is_some_and(|h| !h.is_empty()) {
            return self.inline_link(n, js_trim(&content));
        }
        // GFM: task list items.
        if self.is_checkbox(n) && self.parent_is(n, "LI") {
            return if self.attr(n, "checked").is_some() {
                "[x] ".into()
            } else {
                "[ ] ".into()
            };
        }
        match lname.as_str() {
            "thead" | "tbody" | "tfoot" => return content,
            "table" => return self.table(n, content),
            "tr" => return self.table_row(n, content),
            "th" | "td" => return self.table_cell(n, content),
            "del" | "s" | "strike" => return format!("~{content}~"),
            _ => {}
        }
        if html
            && upper == "DIV"
            && let Some(out) = self.highlighted_code_block(n)
        {
            return out;
        }
        match lname.as_str() {
            "p" => return format!("\n\n{content}\n\n"),
            "br" => {
                return if self.style.bare_br {
                    "\n".into()
                } else {
                    "  \n".into()
                };
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => return self.heading(&lname, &content),
            "blockquote" => return blockquote(&content),
            "ul" | "ol" => return self.list(n, content),
            "li" => return self.list_item(n, &content),
            _ => {}
        }
        if html
            && upper == "PRE"
            && let Some(code) = f.nodes[n].first.filter(|c| f.is(*c, "CODE"))
        {
            let text = f.text_content(code).replace('\n', "\n    ");
            return format!("\n\n    {text}\n\n");
        }
        match lname.as_str() {
            "hr" => return "\n\n* * *\n\n".into(),
            "em" | "i" => {
                return if js_trim(&content).is_empty() {
                    String::new()
                } else {
                    format!("_{content}_")
                };
            }
            "strong" | "b" => {
                return if js_trim(&content).is_empty() {
                    String::new()
                } else {
                    format!("**{content}**")
                };
            }
            _ => {}
        }
        if html && upper == "CODE" {
            let node = &f.nodes[n];
            let is_code_block =
                self.parent_is(n, "PRE") && node.prev.is_none() && node.next.is_none();
            if !is_code_block {
                return code_span(&content);
            }
        }
        if lname == "img" {
            return self.image(n);
        }
        if is_block(f, n) {
            format!("\n\n{content}\n\n")
        } else {
            content
        }
    }

    fn is_checkbox(&self, n: NodeIx) -> bool {
        let Some(e) = self.f.elem(n) else {
            return false;
        };
        if !e.html {
            return false;
        }
        let Some(t) = e.attr("type") else {
            return false;
        };
        match e.name.as_str() {
            "INPUT" => t.eq_ignore_ascii_case("checkbox"),
            // Elements whose `type` property reflects the attribute verbatim.
            "A" | "OL" | "UL" | "LI" | "LINK" | "EMBED" | "OBJECT" | "SOURCE" | "STYLE"
            | "SCRIPT" => t == "checkbox",
            _ => false,
        }
    }

    fn inline_link(&self, n: NodeIx, content: &str) -> String {
        let href = escape_link_destination(self.attr(n, "href").unwrap_or(""));
        let title = escape_link_title(&clean_attribute(self.attr(n, "title")));
        let title_part = if title.is_empty() {
            String::new()
        } else {
            format!(" \"{title}\"")
        };
        format!("[{content}]({href}{title_part})")
    }

    fn heading(&self, lname: &str, content: &str) -> String {
        let level: usize = lname[1..].parse().unwrap_or(1);
        if !self.style.atx_headings && level < 3 {
            let ch = if level == 1 { "=" } else { "-" };
            format!("\n\n{content}\n{}\n\n", ch.repeat(utf16_len(content)))
        } else {
            format!("\n\n{} {content}\n\n", "#".repeat(level))
        }
    }

    fn list(&self, n: NodeIx, content: String) -> String {
        if let Some(p) = self.parent(n)
            && self.f.is(p, "LI")
            && self.f.element_children(p).last() == Some(n)
        {
            return format!("\n{content}");
        }
        format!("\n\n{content}\n\n")
    }

    fn list_item(&self, n: NodeIx, content: &str) -> String {
        let mut prefix = "*   ".to_string();
        if let Some(p) = self.parent(n)
            && self.f.is(p, "OL")
        {
            let start = self.attr(p, "start");
            if self.style.li_numbering {
                let index = self
                    .f
                    .element_children(p)
                    .take_while(|c| *c != n)
                    .filter(|c| self.f.is(*c, "LI"))
                    .count();
                let start = start
                    .and_then(|s| s.trim().parse::<i64>().ok())
                    .unwrap_or(1);
                prefix = format!("{}.  ", start.saturating_add(index as i64));
            } else {
                let index = self.f.element_children(p).take_while(|c| *c != n).count();
                let number = match start {
                    Some(s) if !s.is_empty() => js_number(s) + index as f64,
                    _ => (index + 1) as f64,
                };
                prefix = format!("{}.  ", js_number_to_string(number));
            }
        }
        let is_paragraph = content.ends_with('\n');
        let mut body = trim_trailing_newlines(trim_leading_newlines(content)).to_string();
        if is_paragraph {
            body.push('\n');
        }
        let indent = format!("\n{}", " ".repeat(utf16_len(&prefix)));
        let body = body.replace('\n', &indent);
        let tail = if self.f.nodes[n].next.is_some() {
            "\n"
        } else {
            ""
        };
        format!("{prefix}{body}{tail}")
    }

    fn highlighted_code_block(&self, n: NodeIx) -> Option<String> {
        let class = self.attr(n, "class").unwrap_or("");
        let re = HIGHLIGHT.as_ref()?;
        let caps = re.captures(class)?;
        let first = self.f.nodes[n].first?;
        if !self.f.is(first, "PRE") {
            return None;
        }
        let language = caps.get(1).map_or("", |m| m.as_str());
        Some(format!(
            "\n\n```{language}\n{}\n```\n\n",
            self.f.text_content(first)
        ))
    }

    fn image(&self, n: NodeIx) -> String {
        let alt = escape_markdown(&clean_attribute(self.attr(n, "alt")));
        let src = escape_link_destination(self.attr(n, "src").unwrap_or(""));
        let title = clean_attribute(self.attr(n, "title"));
        let title_part = if title.is_empty() {
            String::new()
        } else {
            format!(" \"{}\"", escape_link_title(&title))
        };
        if src.is_empty() {
            String::new()
        } else {
            format!("![{alt}]({src}{title_part})")
        }
    }
}

fn blockquote(content: &str) -> String {
    let trimmed = trim_trailing_newlines(trim_leading_newlines(content));
    let mut out = String::from("> ");
    for c in trimmed.chars() {
        out.push(c);
        if is_line_terminator(c) {
            out.push_str("> ");
        }
    }
    format!("\n\n{out}\n\n")
}

/// turndown's inline `code` rule.
fn code_span(content: &str) -> String {
    if content.is_empty() {
        return String::new();
    }
    let content = content.replace("\r\n", " ").replace(['\n', '\r'], " ");
    let chars: Vec<char> = content.chars().collect();
    let extra =
        chars.first() == Some(&'`') || chars.last() == Some(&'`') || spaced_both_ends(&chars);
    let extra_space = if extra { " " } else { "" };
    let mut runs: Vec<usize> = Vec::new();
    let mut run = 0;
    for c in &chars {
        if *c == '`' {
            run += 1;
        } else if run > 0 {
            runs.push(run);
            run = 0;
        }
    }
    if run > 0 {
        runs.push(run);
    }
    let mut delimiter = 1;
    while runs.contains(&delimiter) {
        delimiter += 1;
    }
    let d = "`".repeat(delimiter);
    format!("{d}{extra_space}{content}{extra_space}{d}")
}

/// `/^ .*?[^ ].* $/` where `.` excludes line terminators.
fn spaced_both_ends(chars: &[char]) -> bool {
    if chars.len() < 3 || chars[0] != ' ' || chars[chars.len() - 1] != ' ' {
        return false;
    }
    let middle = &chars[1..chars.len() - 1];
    let terminators = middle.iter().filter(|c| is_line_terminator(**c)).count();
    match terminators {
        0 => middle.iter().any(|c| *c != ' '),
        1 => true,
        _ => false,
    }
}
