//! The diff itself: a line diff, paragraph moves taken out of it, then word or character diffs
//! inside the changed lines; every change located, given its heading path and classified.

use std::collections::{BTreeMap, HashMap};

use similar::{Algorithm, DiffOp, DiffTag, TextDiff};

use crate::diff::classify::classify_exact;
use crate::diff::model::{
    Change, ChangeKind, Classification, Diff, DiffOptions, DiffStats, Granularity, Side,
};
use crate::diff::normalize::{collapse_ws, fold_lookalikes};
use crate::diff::text::Doc;

/// Paragraphs shorter than this (in words) are not reported as moves: short lines such as "Yes"
/// or a lone date repeat too often to tell a move from an unrelated edit.
const MIN_MOVE_WORDS: usize = 4;

/// Below this token similarity a changed block is reported as one replacement.
const MIN_FINE_RATIO: f32 = 0.4;

/// Unchanged words needed between two edits of one line to keep them apart.
const MIN_ANCHOR_WORDS: usize = 2;

/// A piecewise map from offsets in a concatenation of some lines back to the document.
struct Pieces {
    /// `(offset in the concatenation, offset in the document, length)`.
    pieces: Vec<(usize, usize, usize)>,
    text: String,
}

impl Pieces {
    fn from_lines(doc: &Doc<'_>, lines: &[usize]) -> Pieces {
        let mut pieces: Vec<(usize, usize, usize)> = Vec::new();
        let mut text = String::new();
        for &i in lines {
            let (start, line) = (doc.line_start(i), doc.line(i));
            match pieces.last_mut() {
                Some(last) if last.1 + last.2 == start => last.2 += line.len(),
                _ => pieces.push((text.len(), start, line.len())),
            }
            text.push_str(line);
        }
        Pieces { pieces, text }
    }

    /// Document offset of a start position (a boundary maps to the start of the next piece).
    fn map_start(&self, off: usize, fallback: usize) -> usize {
        match self.pieces.iter().rev().find(|(c, _, _)| *c <= off) {
            Some((c, d, len)) if off <= c + len => d + (off - c),
            _ => fallback,
        }
    }

    /// Splits `start..end` of the concatenation at the seams between pieces, so that each part
    /// is contiguous in the document.
    fn segments(&self, start: usize, end: usize) -> Vec<(usize, usize)> {
        self.pieces
            .iter()
            .map(|&(c, _, len)| (start.max(c), end.min(c + len)))
            .filter(|(s, e)| s < e)
            .collect()
    }

    /// Document offset of an end position (a boundary maps to the end of the previous piece).
    fn map_end(&self, off: usize, fallback: usize) -> usize {
        match self.pieces.iter().find(|(c, _, len)| off <= c + len) {
            Some((c, d, _)) => d + off.saturating_sub(*c),
            None => fallback,
        }
    }
}

/// One non-equal region of the line diff.
struct Region {
    old_lines: Vec<usize>,
    new_lines: Vec<usize>,
    /// Position of the region in each document, for an empty side.
    old_at: usize,
    new_at: usize,
    had_move: bool,
}

/// Computes the classified, section-aware diff of two versions.
///
/// ```
/// use disinfo_terms::diff::{diff, Classification, DiffOptions};
///
/// let d = diff("* one\n* two\n", "*   one\n*   two\n", &DiffOptions::default());
/// assert_eq!(d.classification, Classification::Formatting);
/// ```
pub fn diff(old: &str, new: &str, options: &DiffOptions) -> Diff {
    let old_doc = Doc::new(old);
    let new_doc = Doc::new(new);
    let (old_lines, new_lines) = (old_doc.lines(), new_doc.lines());
    let lines = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_slices(&old_lines, &new_lines);
    let similarity = (f64::from(lines.ratio()) * 10_000.0).round() / 10_000.0;

    let mut regions: Vec<Region> = lines
        .ops()
        .iter()
        .filter(|op| op.tag() != DiffTag::Equal)
        .map(|op| Region {
            old_lines: op.old_range().collect(),
            new_lines: op.new_range().collect(),
            old_at: old_doc.line_start(op.old_range().start),
            new_at: new_doc.line_start(op.new_range().start),
            had_move: false,
        })
        .collect();

    let mut changes = Vec::new();
    if options.detect_moves {
        changes.extend(take_moves(&old_doc, &new_doc, &mut regions));
    }
    for region in &regions {
        region_changes(
            &old_doc,
            &new_doc,
            region,
            options.granularity,
            &mut changes,
        );
    }
    changes.sort_by(|a, b| {
        (a.new.span.start, a.old.span.start, a.kind).cmp(&(
            b.new.span.start,
            b.old.span.start,
            b.kind,
        ))
    });
    finish(
        old == new,
        options.granularity,
        changes,
        similarity,
        &regions,
    )
}

fn finish(
    identical: bool,
    granularity: Granularity,
    changes: Vec<Change>,
    similarity: f64,
    regions: &[Region],
) -> Diff {
    let mut stats = DiffStats {
        similarity,
        ..DiffStats::default()
    };
    for change in &changes {
        *stats
            .by_kind
            .entry(change.kind.as_str().to_string())
            .or_default() += 1;
        *stats
            .by_classification
            .entry(change.classification.as_str().to_string())
            .or_default() += 1;
    }
    stats.lines_deleted = regions.iter().map(|r| r.old_lines.len()).sum();
    stats.lines_inserted = regions.iter().map(|r| r.new_lines.len()).sum();
    let top = changes
        .iter()
        .map(|c| c.classification)
        .max()
        .unwrap_or(Classification::Formatting);
    let reason = if identical {
        "the texts are identical".to_string()
    } else if changes.is_empty() {
        "the texts differ only in line endings or blank lines".to_string()
    } else {
        let counts: Vec<String> = Classification::ALL
            .iter()
            .rev()
            .filter_map(|c| {
                stats
                    .by_classification
                    .get(c.as_str())
                    .map(|n| format!("{n} {c}"))
            })
            .collect();
        let first = changes.iter().find(|c| c.classification == top);
        let location = first
            .filter(|c| !c.heading_path.is_empty())
            .map(|c| format!(" under {}", c.heading_path.join(" > ")))
            .unwrap_or_default();
        let why = first.map(|c| c.reason.clone()).unwrap_or_default();
        format!(
            "{} change{} ({}); most significant{}: {}",
            changes.len(),
            if changes.len() == 1 { "" } else { "s" },
            counts.join(", "),
            location,
            why
        )
    };
    Diff {
        granularity,
        classification: top,
        reason,
        identical,
        changes,
        stats,
    }
}

fn paragraph_key(text: &str) -> String {
    collapse_ws(&fold_lookalikes(text))
}

/// Paragraphs (runs of non-blank lines) among `lines`, as line lists.
fn paragraphs(doc: &Doc<'_>, lines: &[usize]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for &i in lines {
        let contiguous = current.last().is_none_or(|&l| l + 1 == i);
        if doc.line(i).trim().is_empty() || !contiguous {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            if !doc.line(i).trim().is_empty() {
                current.push(i);
            }
        } else {
            current.push(i);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Finds paragraphs deleted in one place and inserted unchanged in another, reports them as moves
/// and takes their lines out of the regions.
fn take_moves(old_doc: &Doc<'_>, new_doc: &Doc<'_>, regions: &mut [Region]) -> Vec<Change> {
    let mut deleted: HashMap<String, Vec<(usize, Vec<usize>)>> = HashMap::new();
    for (r, region) in regions.iter().enumerate() {
        for para in paragraphs(old_doc, &region.old_lines) {
            let key = paragraph_key(&Pieces::from_lines(old_doc, &para).text);
            if key.split(' ').count() >= MIN_MOVE_WORDS {
                deleted.entry(key).or_default().push((r, para));
            }
        }
    }
    // Keep the old paragraphs in document order so matching is deterministic.
    for list in deleted.values_mut() {
        list.reverse();
    }
    let mut moves = Vec::new();
    let mut taken_old: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut taken_new: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (r, region) in regions.iter().enumerate() {
        for para in paragraphs(new_doc, &region.new_lines) {
            let new_piece = Pieces::from_lines(new_doc, &para);
            let Some(list) = deleted.get_mut(&paragraph_key(&new_piece.text)) else {
                continue;
            };
            // A paragraph found again in the same region was edited in place, not moved.
            let Some(pos) = list.iter().rposition(|(old_r, _)| *old_r != r) else {
                continue;
            };
            let (old_r, old_para) = list.remove(pos);
            let old_piece = Pieces::from_lines(old_doc, &old_para);
            let (os, oe) = (
                old_doc.line_start(old_para[0]),
                old_doc.line_start(old_para[old_para.len() - 1] + 1),
            );
            let (ns, ne) = (
                new_doc.line_start(para[0]),
                new_doc.line_start(para[para.len() - 1] + 1),
            );
            let old_path = old_doc.heading_path(old_para[0]);
            let new_path = new_doc.heading_path(para[0]);
            let (classification, reason) =
                move_verdict(&old_piece.text, &new_piece.text, &old_path, &new_path);
            moves.push(Change {
                kind: ChangeKind::Move,
                classification,
                reason,
                heading_path: new_path,
                old_heading_path: Some(old_path),
                old: Side {
                    text: old_piece.text,
                    span: old_doc.span(os, oe),
                },
                new: Side {
                    text: new_piece.text,
                    span: new_doc.span(ns, ne),
                },
            });
            taken_old.entry(old_r).or_default().extend(old_para);
            taken_new.entry(r).or_default().extend(para);
        }
    }
    for (r, lines) in taken_old {
        regions[r].old_lines.retain(|l| !lines.contains(l));
        regions[r].had_move = true;
    }
    for (r, lines) in taken_new {
        regions[r].new_lines.retain(|l| !lines.contains(l));
        regions[r].had_move = true;
    }
    moves
}

/// A move's classification. A paragraph whose lines changed indentation and nothing but
/// whitespace is formatting wherever it went: re-indenting is what a list item turned into a
/// section, or a section into a list item, does to the text under it. Otherwise an unchanged paragraph moved within its section
/// is editorial, into another section substantive.
fn move_verdict(
    old: &str,
    new: &str,
    old_path: &[String],
    new_path: &[String],
) -> (Classification, String) {
    let moved = if old_path == new_path {
        String::new()
    } else {
        format!(
            " (was under \"{}\", now under \"{}\")",
            display_path(old_path),
            display_path(new_path)
        )
    };
    if reindented(old, new) {
        return (
            Classification::Formatting,
            format!("paragraph re-indented, wording unchanged{moved}"),
        );
    }
    let how = if old == new {
        "unchanged"
    } else {
        "only whitespace or look-alike characters changed"
    };
    if old_path == new_path {
        (
            Classification::Editorial,
            format!("paragraph moved within its section, {how}"),
        )
    } else {
        (
            Classification::Substantive,
            format!(
                "paragraph moved from \"{}\" to \"{}\", {how}",
                display_path(old_path),
                display_path(new_path)
            ),
        )
    }
}

/// True when the lines of the paragraph changed indentation and nothing else but whitespace
/// (line breaks, no-break spaces) changed.
fn reindented(old: &str, new: &str) -> bool {
    let indents = |s| {
        str::lines(s)
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start().len())
    };
    !indents(old).eq(indents(new)) && old.split_whitespace().eq(new.split_whitespace())
}

fn display_path(path: &[String]) -> String {
    if path.is_empty() {
        "(top)".to_string()
    } else {
        path.join(" > ")
    }
}

fn region_changes(
    old_doc: &Doc<'_>,
    new_doc: &Doc<'_>,
    region: &Region,
    granularity: Granularity,
    out: &mut Vec<Change>,
) {
    let old = Pieces::from_lines(old_doc, &region.old_lines);
    let new = Pieces::from_lines(new_doc, &region.new_lines);
    if region.had_move && old.text.trim().is_empty() && new.text.trim().is_empty() {
        return;
    }
    if old.text.is_empty() && new.text.is_empty() {
        return;
    }
    if granularity == Granularity::Line || old.text.is_empty() || new.text.is_empty() {
        let kind = match (old.text.is_empty(), new.text.is_empty()) {
            (true, _) => ChangeKind::Insert,
            (_, true) => ChangeKind::Delete,
            _ => ChangeKind::Replace,
        };
        push_change(
            old_doc,
            new_doc,
            region,
            &old,
            &new,
            kind,
            (0, old.text.len()),
            (0, new.text.len()),
            out,
        );
        return;
    }
    let tokens = match granularity {
        Granularity::Char => TextDiff::configure()
            .algorithm(Algorithm::Myers)
            .diff_chars(&old.text, &new.text),
        _ => TextDiff::configure()
            .algorithm(Algorithm::Myers)
            .diff_unicode_words(&old.text, &new.text),
    };
    // A rewritten block (few tokens in common) reads better as one change than as a chimera of
    // edits anchored on common words such as "the" or "https".
    if tokens.ratio() < MIN_FINE_RATIO {
        push_change(
            old_doc,
            new_doc,
            region,
            &old,
            &new,
            ChangeKind::Replace,
            (0, old.text.len()),
            (0, new.text.len()),
            out,
        );
        return;
    }
    let old_tokens: Vec<&str> = tokens.iter_old_slices().collect();
    let old_offsets = prefix_offsets(old_tokens.iter().map(|t| t.len()));
    let new_offsets = prefix_offsets(tokens.iter_new_slices().map(str::len));
    // Neighbouring edits on one line separated by fewer than MIN_ANCHOR_WORDS unchanged words are
    // one change ("sell your data" -> "share your information").
    let joinable = |gap: std::ops::Range<usize>| {
        let gap = &old_tokens[gap];
        !gap.iter().any(|t| t.contains('\n'))
            && gap
                .iter()
                .filter(|t| t.chars().any(char::is_alphanumeric))
                .count()
                < MIN_ANCHOR_WORDS
    };
    for (o, n) in group_ops(tokens.ops(), joinable) {
        let kind = match (o.is_empty(), n.is_empty()) {
            (true, _) => ChangeKind::Insert,
            (_, true) => ChangeKind::Delete,
            _ => ChangeKind::Replace,
        };
        let o = (old_offsets[o.start], old_offsets[o.end]);
        let n = (new_offsets[n.start], new_offsets[n.end]);
        push_change(old_doc, new_doc, region, &old, &new, kind, o, n, out);
    }
}

fn prefix_offsets(lens: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut out = vec![0];
    let mut total = 0;
    for len in lens {
        total += len;
        out.push(total);
    }
    out
}

/// Groups the non-equal token ops into changes: neighbours separated only by a short equal run
/// for which `joinable` holds (a single space) become one change.
fn group_ops(
    ops: &[DiffOp],
    joinable: impl Fn(std::ops::Range<usize>) -> bool,
) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let mut groups: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    let mut pending_gap: Option<std::ops::Range<usize>> = None;
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            pending_gap = Some(o);
            continue;
        }
        let join = match (&pending_gap, groups.last()) {
            (None, Some(_)) => true,
            (Some(gap), Some(_)) => joinable(gap.clone()),
            _ => false,
        };
        match groups.last_mut() {
            Some(last) if join => {
                last.0.end = o.end;
                last.1.end = n.end;
            }
            _ => groups.push((o, n)),
        }
        pending_gap = None;
    }
    groups
}

/// Widens `start..end` of `text` to whole whitespace-delimited words.
fn widen(text: &str, start: usize, end: usize) -> &str {
    let from = text[..start].rfind(char::is_whitespace).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let to = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| end + i);
    &text[from..to]
}

/// Records the change `old[os..oe]` -> `new[ns..ne]`. When moved paragraphs were taken out from
/// between the lines of a side, that side is cut at the seams so that every reported span is one
/// contiguous stretch of its document; the parts are paired in order and the extra parts become
/// insertions or deletions.
#[allow(clippy::too_many_arguments)]
fn push_change(
    old_doc: &Doc<'_>,
    new_doc: &Doc<'_>,
    region: &Region,
    old: &Pieces,
    new: &Pieces,
    kind: ChangeKind,
    (os, oe): (usize, usize),
    (ns, ne): (usize, usize),
    out: &mut Vec<Change>,
) {
    let old_parts = old.segments(os, oe);
    let new_parts = new.segments(ns, ne);
    if old_parts.len() <= 1 && new_parts.len() <= 1 {
        push_contiguous(
            old_doc,
            new_doc,
            region,
            (old, new),
            kind,
            (os, oe),
            (ns, ne),
            out,
        );
        return;
    }
    let (mut old_at, mut new_at) = (os, ns);
    for i in 0..old_parts.len().max(new_parts.len()) {
        let o = old_parts.get(i).copied().unwrap_or((old_at, old_at));
        let n = new_parts.get(i).copied().unwrap_or((new_at, new_at));
        (old_at, new_at) = (o.1, n.1);
        let (old_text, new_text) = (&old.text[o.0..o.1], &new.text[n.0..n.1]);
        if old_text.trim().is_empty() && new_text.trim().is_empty() {
            continue;
        }
        let kind = match (old_text.is_empty(), new_text.is_empty()) {
            (true, _) => ChangeKind::Insert,
            (_, true) => ChangeKind::Delete,
            _ => kind,
        };
        push_contiguous(old_doc, new_doc, region, (old, new), kind, o, n, out);
    }
}

#[allow(clippy::too_many_arguments)]
fn push_contiguous(
    old_doc: &Doc<'_>,
    new_doc: &Doc<'_>,
    region: &Region,
    (old, new): (&Pieces, &Pieces),
    kind: ChangeKind,
    (os, oe): (usize, usize),
    (ns, ne): (usize, usize),
    out: &mut Vec<Change>,
) {
    let old_text = &old.text[os..oe];
    let new_text = &new.text[ns..ne];
    let (dos, doe) = (
        old.map_start(os, region.old_at),
        old.map_end(oe, region.old_at),
    );
    let (dns, dne) = (
        new.map_start(ns, region.new_at),
        new.map_end(ne, region.new_at),
    );
    let (doe, dne) = (doe.max(dos), dne.max(dns));
    let context = format!(
        "{}\n{}",
        old_doc.line_text(dos, doe),
        new_doc.line_text(dns, dne)
    );
    let verdict = classify_exact(
        kind,
        (old_text, new_text),
        (widen(&old.text, os, oe), widen(&new.text, ns, ne)),
        &context,
    );
    let heading_path = if kind == ChangeKind::Delete {
        old_doc.heading_path(old_doc.line_of(dos))
    } else {
        new_doc.heading_path(new_doc.line_of(dns))
    };
    out.push(Change {
        kind,
        classification: verdict.classification,
        reason: verdict.reason,
        heading_path,
        old_heading_path: None,
        old: Side {
            text: old_text.to_string(),
            span: old_doc.span(dos, doe),
        },
        new: Side {
            text: new_text.to_string(),
            span: new_doc.span(dns, dne),
        },
    });
}
