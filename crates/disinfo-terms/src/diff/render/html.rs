//! The self-contained HTML side-by-side page of a diff (inline CSS, no scripts, no external assets).

use std::fmt::Write as _;

use similar::{Algorithm, ChangeTag, DiffTag, TextDiff};

use crate::diff::model::{Classification, Diff, DiffOptions};
use crate::diff::text::Doc;

const STYLE: &str = "
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1f2328;background:#fff}
header{padding:16px 24px;border-bottom:1px solid #d0d7de;background:#f6f8fa}
h1{font-size:20px;margin:0 0 8px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff}
.formatting{background:#6e7781}.editorial{background:#0969da}.link{background:#8250df}.substantive{background:#cf222e}
main{padding:16px 24px}
ol.changes li{margin:4px 0}
.path{color:#57606a;font-size:13px}
table.sbs{border-collapse:collapse;width:100%;table-layout:fixed;font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace}
table.sbs td{vertical-align:top;padding:1px 6px;white-space:pre-wrap;word-wrap:break-word}
table.sbs td.num{width:3.5em;color:#8c959f;text-align:right;user-select:none}
table.sbs td.old.changed{background:#ffebe9}table.sbs td.new.changed{background:#e6ffec}
table.sbs tr.skip td{background:#ddf4ff;color:#57606a;text-align:center}
del{background:#ff818266;text-decoration:line-through}ins{background:#abf2bc;text-decoration:none}
";

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn badge(c: Classification) -> String {
    format!("<span class=\"badge {c}\">{c}</span>")
}

/// Builds the HTML lines of one side of a replaced block: equal words plain, changed words in
/// `tag` (`del` or `ins`), tags closed and reopened at line ends.
fn side_lines(tokens: &[(ChangeTag, &str)], keep: ChangeTag, tag: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    for (t, text) in tokens {
        if *t != ChangeTag::Equal && *t != keep {
            continue;
        }
        for (i, segment) in text.split('\n').enumerate() {
            if i > 0 {
                lines.push(String::new());
            }
            if segment.is_empty() {
                continue;
            }
            let current = lines.last_mut();
            if let Some(line) = current {
                if *t == ChangeTag::Equal {
                    line.push_str(&escape(segment));
                } else {
                    let _ = write!(line, "<{tag}>{}</{tag}>", escape(segment));
                }
            }
        }
    }
    if lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

fn row(out: &mut String, old: Option<(usize, &str)>, new: Option<(usize, &str)>, changed: bool) {
    let cell = |side: &str, v: Option<(usize, &str)>| match v {
        Some((n, html)) => format!(
            "<td class=\"num\">{n}</td><td class=\"{side}{}\">{html}</td>",
            if changed { " changed" } else { "" }
        ),
        None => format!("<td class=\"num\"></td><td class=\"{side}\"></td>"),
    };
    let _ = writeln!(out, "<tr>{}{}</tr>", cell("old", old), cell("new", new));
}

/// The HTML page: verdict, the list of classified changes, and the side-by-side view.
pub fn html(diff: &Diff, old: &str, new: &str, options: &DiffOptions) -> String {
    let mut out = String::new();
    let title = format!("{} → {}", options.old_name, options.new_name);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&title)
    );
    let _ = writeln!(
        out,
        "<header><h1>{}</h1><p id=\"verdict\">{} {}</p></header>\n<main>",
        escape(&title),
        badge(diff.classification),
        escape(&diff.reason)
    );
    if !diff.changes.is_empty() {
        let _ = writeln!(
            out,
            "<h2>{} changes</h2>\n<ol class=\"changes\">",
            diff.changes.len()
        );
        for change in &diff.changes {
            let path = if change.heading_path.is_empty() {
                String::new()
            } else {
                format!(
                    " <span class=\"path\">{}</span>",
                    escape(&change.heading_path.join(" › "))
                )
            };
            let _ = writeln!(
                out,
                "<li>{} <b>{}</b>{path} — {}</li>",
                badge(change.classification),
                change.kind.as_str(),
                escape(&change.reason)
            );
        }
        let _ = writeln!(out, "</ol>");
    }
    let _ = writeln!(
        out,
        "<h2>Side by side</h2>\n<table class=\"sbs\" id=\"side-by-side\">\n<colgroup><col style=\"width:3.5em\"><col><col style=\"width:3.5em\"><col></colgroup>"
    );
    let _ = writeln!(
        out,
        "<tr><th></th><th>{}</th><th></th><th>{}</th></tr>",
        escape(&options.old_name),
        escape(&options.new_name)
    );
    // The lines of the changes' spans (a `\r` alone does not end one).
    let (old_lines, new_lines) = (Doc::new(old).lines(), Doc::new(new).lines());
    let lines = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_slices(&old_lines, &new_lines);
    for (g, group) in lines.grouped_ops(options.context_lines).iter().enumerate() {
        if g > 0 || group.first().is_some_and(|op| op.old_range().start > 0) {
            let _ = writeln!(out, "<tr class=\"skip\"><td colspan=\"4\">⋯</td></tr>");
        }
        for op in group {
            let (tag, o, n) = op.as_tag_tuple();
            match tag {
                DiffTag::Equal => {
                    for (i, j) in o.zip(n) {
                        let text = escape(old_lines[i].trim_end_matches(['\n', '\r']));
                        row(&mut out, Some((i + 1, &text)), Some((j + 1, &text)), false);
                    }
                }
                _ => {
                    let old_text: String = old_lines[o.clone()].concat();
                    let new_text: String = new_lines[n.clone()].concat();
                    let words = TextDiff::configure()
                        .algorithm(Algorithm::Myers)
                        .diff_unicode_words(old_text.as_str(), new_text.as_str());
                    let tokens: Vec<(ChangeTag, &str)> = words
                        .ops()
                        .iter()
                        .flat_map(|op| words.iter_changes(op).map(|c| (c.tag(), c.value())))
                        .collect();
                    let left = if old_text.is_empty() {
                        Vec::new()
                    } else {
                        side_lines(&tokens, ChangeTag::Delete, "del")
                    };
                    let right = if new_text.is_empty() {
                        Vec::new()
                    } else {
                        side_lines(&tokens, ChangeTag::Insert, "ins")
                    };
                    for k in 0..left.len().max(right.len()) {
                        row(
                            &mut out,
                            left.get(k).map(|h| (o.start + k + 1, h.as_str())),
                            right.get(k).map(|h| (n.start + k + 1, h.as_str())),
                            true,
                        );
                    }
                }
            }
        }
    }
    let _ = writeln!(out, "</table>\n</main>\n</body>\n</html>");
    out
}
