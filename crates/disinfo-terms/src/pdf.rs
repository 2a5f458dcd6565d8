//! PDF snapshots: the text layer as Markdown paragraphs.
//!
//! Lines are read page by page (pdf-extract), page numbers (`12`, `Page 3`, `3 / 10`, `- 4 -`) and
//! headers/footers repeated on at least half of the pages are dropped, hard-wrapped lines are
//! joined into paragraphs (a hyphen at a line end followed by a lower-case letter is removed), and
//! a paragraph cut by a page break continues on the next page. A PDF without a text layer is
//! [`Error::PdfNoText`].

use std::collections::HashMap;

use crate::markdown::Flavor;
use crate::{Error, Result};

/// Converts a PDF to Markdown paragraphs.
pub fn to_markdown(content: &[u8], location: &str, flavor: Flavor) -> Result<String> {
    let pages = read_pages(content, location)?;
    let md = pages_to_markdown(&pages);
    if md.trim().is_empty() {
        return Err(Error::PdfNoText {
            location: location.to_string(),
        });
    }
    Ok(match flavor {
        Flavor::Ota => md,
        Flavor::Canonical => crate::markdown::canonicalize_text(&md),
    })
}

fn read_pages(content: &[u8], location: &str) -> Result<Vec<String>> {
    // pdf-extract panics on some malformed files; a panic here is a parse failure, not a crash.
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(content));
    match result {
        Ok(Ok(pages)) => Ok(pages),
        Ok(Err(e)) => Err(Error::PdfInvalid {
            location: location.to_string(),
            message: e.to_string(),
        }),
        Err(_) => Err(Error::PdfInvalid {
            location: location.to_string(),
            message: "malformed PDF structure".into(),
        }),
    }
}

fn is_page_number(line: &str) -> bool {
    let l = line
        .trim()
        .trim_matches(|c| c == '-' || c == '–' || c == ' ');
    if l.is_empty() {
        return false;
    }
    let lower = l.to_lowercase();
    let l = lower.strip_prefix("page").map(str::trim).unwrap_or(&lower);
    let mut parts = l
        .split(['/', ' '])
        .filter(|p| !p.is_empty() && *p != "of" && *p != "sur");
    parts.all(|p| p.chars().all(|c| c.is_ascii_digit()))
}

/// A header or footer with its digits masked, so "Terms — page 3" repeats across pages.
fn mask_digits(line: &str) -> String {
    line.trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Joins page lines into paragraphs.
pub fn pages_to_markdown(pages: &[String]) -> String {
    let page_lines: Vec<Vec<&str>> = pages
        .iter()
        .map(|p| p.lines().map(str::trim_end).collect::<Vec<_>>())
        .collect();
    // Headers/footers: first or last two non-empty lines repeated on ≥ half of the pages (≥ 2 pages).
    let mut counts: HashMap<String, usize> = HashMap::new();
    for lines in &page_lines {
        let non_empty: Vec<&&str> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
        let mut edge: Vec<String> = non_empty
            .iter()
            .take(2)
            .chain(non_empty.iter().rev().take(2))
            .map(|l| mask_digits(l))
            .collect();
        edge.sort();
        edge.dedup();
        for e in edge {
            *counts.entry(e).or_default() += 1;
        }
    }
    let threshold = (pages.len().div_ceil(2)).max(2);
    let repeated = |line: &str| {
        pages.len() >= 2
            && counts
                .get(&mask_digits(line))
                .is_some_and(|c| *c >= threshold)
    };

    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for lines in &page_lines {
        for line in lines {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                if !current.is_empty() {
                    paragraphs.push(std::mem::take(&mut current));
                }
                continue;
            }
            if is_page_number(trimmed) || repeated(trimmed) {
                continue;
            }
            if current.is_empty() {
                current.push_str(trimmed);
            } else if current.ends_with('-') && trimmed.starts_with(|c: char| c.is_lowercase()) {
                current.pop();
                current.push_str(trimmed);
            } else {
                current.push(' ');
                current.push_str(trimmed);
            }
        }
        // A page break ends a paragraph only when the sentence ended.
        if current.ends_with(['.', ':', '!', '?', ';']) {
            paragraphs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_and_repeated_footers_are_dropped() {
        let pages = vec![
            "ACME Terms\n\nFirst paragraph is\nwrapped here.\n\n1".to_string(),
            "ACME Terms\n\nSecond para-\ngraph.\n\nPage 2 of 2".to_string(),
        ];
        assert_eq!(
            pages_to_markdown(&pages),
            "First paragraph is wrapped here.\n\nSecond paragraph."
        );
    }
}
