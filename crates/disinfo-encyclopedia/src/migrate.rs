//! Migration from the old layout — one Markdown page per phase × type (`detection/tools.md`),
//! entries as `##` headings with "By whom? / What? / What for? / For whom?" sub-sections (or
//! their French forms) — to one file per entry with YAML front matter.
//!
//! What cannot be mapped is never dropped silently: it is kept in the entry's body where it has
//! a place, and listed in [`MigrateReport::unmapped`] with its file and line.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::schema::map::slugify;
use crate::{Error, Result, SourceFile};

/// One entry written by the migration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MigratedEntry {
    /// The new file, relative to the new corpus root.
    pub path: String,
    /// The entry's id.
    pub id: String,
    /// Where it came from: `old/page.md:12` (and more places when merged from several pages).
    pub sources: Vec<String>,
}

/// Something the migration could not map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Unmapped {
    /// The old page.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What could not be mapped, and what was done with it.
    pub reason: String,
}

/// The result of a migration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MigrateReport {
    /// Old pages read.
    pub pages: usize,
    /// Entries written, sorted by path.
    pub entries: Vec<MigratedEntry>,
    /// What could not be mapped, sorted by file and line.
    pub unmapped: Vec<Unmapped>,
}

const PHASES: &[(&str, &str)] = &[
    ("detection", "detection"),
    ("détection", "detection"),
    ("qualification", "qualification"),
    ("reaction", "reaction"),
    ("réaction", "reaction"),
    ("response", "reaction"),
    ("attribution", "attribution"),
    ("research", "research"),
    ("recherche", "research"),
    ("prevention", "prevention"),
    ("prévention", "prevention"),
];

const TYPES: &[(&str, &str, &str)] = &[
    ("tools", "tool", "tools"),
    ("outils", "tool", "tools"),
    ("practices", "practice", "practices"),
    ("pratiques", "practice", "practices"),
    ("actors", "actor", "actors"),
    ("acteurs", "actor", "actors"),
    ("case-studies", "case-study", "case-studies"),
    ("etudes-de-cas", "case-study", "case-studies"),
    ("études-de-cas", "case-study", "case-studies"),
    ("glossary", "glossary-term", "glossary"),
    ("glossaire", "glossary-term", "glossary"),
    ("resources", "resource", "resources"),
    ("ressources", "resource", "resources"),
];

const AUDIENCES: &[(&str, &str)] = &[
    ("researcher", "researchers"),
    ("chercheu", "researchers"),
    ("journalist", "journalists"),
    ("fact-check", "fact-checkers"),
    ("factcheck", "fact-checkers"),
    ("vérificat", "fact-checkers"),
    ("regulator", "regulators"),
    ("régulat", "regulators"),
    ("platform", "platforms"),
    ("plateforme", "platforms"),
    ("civil society", "civil-society"),
    ("société civile", "civil-society"),
    ("ngo", "civil-society"),
    ("ong", "civil-society"),
    ("educator", "educators"),
    ("teacher", "educators"),
    ("enseignant", "educators"),
    ("policy", "policy-makers"),
    ("décideu", "policy-makers"),
    ("developer", "developers"),
    ("développeu", "developers"),
    ("public", "general-public"),
    ("citizen", "general-public"),
    ("citoyen", "general-public"),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    ByWhom,
    What,
    WhatFor,
    ForWhom,
}

fn section_of(heading: &str) -> Option<Section> {
    let h = heading
        .trim()
        .trim_end_matches(['?', ' ', '\u{a0}', ':'])
        .to_lowercase();
    match h.as_str() {
        "by whom" | "par qui" => Some(Section::ByWhom),
        "what" | "quoi" => Some(Section::What),
        "what for" | "pour quoi faire" | "pourquoi" | "pour quoi" => Some(Section::WhatFor),
        "for whom" | "pour qui" => Some(Section::ForWhom),
        _ => None,
    }
}

fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

struct Draft {
    id: String,
    kind: &'static str,
    dir: &'static str,
    lang: &'static str,
    title: String,
    phases: Vec<&'static str>,
    sections: Vec<(String, String)>,
    summary: Option<String>,
    audiences: Vec<&'static str>,
    criteria: Vec<String>,
    sources: Vec<String>,
}

fn page_meta(
    path: &str,
    text: &str,
) -> (Option<&'static str>, Option<(&'static str, &'static str)>) {
    let lower = path.to_lowercase();
    let words: Vec<&str> = lower
        .trim_end_matches(".md")
        .split(['/', '_', '.'])
        .flat_map(|p| {
            // `detection-tools` → both halves, but keep `case-studies` whole.
            let mut v = vec![p];
            v.extend(p.split('-'));
            v
        })
        .collect();
    let mut phase = PHASES
        .iter()
        .find(|(k, _)| words.contains(k))
        .map(|(_, v)| *v);
    let mut ty = TYPES
        .iter()
        .find(|(k, _, _)| words.contains(k) || lower.contains(&format!("{k}.")))
        .map(|(_, a, b)| (*a, *b));
    // Jekyll front matter of the old page may name them.
    if let Ok(split) = crate::parse::frontmatter::split(text, 1 << 20) {
        for line in split.yaml.lines() {
            if let Some((k, v)) = line.split_once(':') {
                let v = v.trim().trim_matches(['"', '\'']).to_lowercase();
                match k.trim() {
                    "phase" => {
                        phase = PHASES
                            .iter()
                            .find(|(k, _)| *k == v)
                            .map(|(_, v)| *v)
                            .or(phase)
                    }
                    "type" => {
                        ty = TYPES
                            .iter()
                            .find(|(k, _, _)| *k == v)
                            .map(|(_, a, b)| (*a, *b))
                            .or(ty)
                    }
                    _ => {}
                }
            }
        }
    }
    (phase, ty)
}

/// Migrates in-memory pages; returns the new files and the report. `created` (YYYY-MM-DD) is
/// written as every entry's `created` date (the caller passes today; the core reads no clock).
pub fn migrate_pages(
    pages: &[SourceFile],
    created: &str,
) -> Result<(Vec<SourceFile>, MigrateReport)> {
    if !crate::schema::formats::is_date(created) {
        return Err(Error::arg(
            "created",
            format!("`{created}` is not a YYYY-MM-DD date"),
        ));
    }
    let mut drafts: BTreeMap<String, Draft> = BTreeMap::new();
    let mut unmapped = Vec::new();
    let mut note = |file: &str, line: usize, reason: String| {
        unmapped.push(Unmapped {
            file: file.to_owned(),
            line,
            reason,
        })
    };
    for page in pages {
        let Ok(text) = std::str::from_utf8(&page.bytes) else {
            note(&page.path, 1, "not UTF-8 text; page skipped".into());
            continue;
        };
        let (phase, ty) = page_meta(&page.path, text);
        let Some((kind, dir)) = ty else {
            note(&page.path, 1, "cannot tell the entry type (tools, practices, actors, case-studies, glossary, resources) from the path or front matter; page skipped".into());
            continue;
        };
        if phase.is_none() {
            note(
                &page.path,
                1,
                "cannot tell the phase from the path or front matter; entries get no `phases`"
                    .into(),
            );
        }
        let (body, first_line) = match crate::parse::frontmatter::split(text, 1 << 20) {
            Ok(s) => (s.body, s.body_line),
            Err(_) => (text, 1),
        };
        let french = body.lines().any(|l| {
            l.trim_start().starts_with("###")
                && section_of(l.trim_start_matches('#')).is_some()
                && l.contains(" ?")
        });
        let lang = if french { "fr" } else { "en" };
        let mut current: Option<Draft> = None;
        let mut section: Option<(String, Option<Section>, usize)> = None;
        let mut buffer = String::new();
        let mut intro_line = None;
        let flush = |current: &mut Option<Draft>,
                     section: &mut Option<(String, Option<Section>, usize)>,
                     buffer: &mut String,
                     note: &mut dyn FnMut(&str, usize, String)| {
            let text = buffer.trim().to_owned();
            buffer.clear();
            let (Some(d), Some((heading, kind, line))) = (current.as_mut(), section.take()) else {
                return;
            };
            match kind {
                Some(Section::What) => {
                    let para = text
                        .split("\n\n")
                        .next()
                        .unwrap_or_default()
                        .replace('\n', " ");
                    let summary: String = para.chars().take(600).collect();
                    if summary.chars().count() < 20 {
                        note(
                            &page.path,
                            line,
                            format!(
                                "`{heading}` of `{}` is shorter than 20 characters; kept in the body, summary needs writing",
                                d.title
                            ),
                        );
                    } else {
                        if para.chars().count() > 600 {
                            note(
                                &page.path,
                                line,
                                format!(
                                    "summary of `{}` cut to 600 characters; the full text stays in the body",
                                    d.title
                                ),
                            );
                        }
                        d.summary = Some(summary);
                    }
                }
                Some(Section::ForWhom) => {
                    let lower = text.to_lowercase();
                    for (needle, aud) in AUDIENCES {
                        if lower.contains(needle) && !d.audiences.contains(aud) {
                            d.audiences.push(aud);
                        }
                    }
                    if d.audiences.is_empty() && !text.is_empty() {
                        note(
                            &page.path,
                            line,
                            format!(
                                "`{heading}` of `{}` names no known audience; kept as text",
                                d.title
                            ),
                        );
                    }
                }
                Some(Section::WhatFor) => {
                    for l in text.lines() {
                        if let Some(item) = l
                            .trim()
                            .strip_prefix("- ")
                            .or_else(|| l.trim().strip_prefix("* "))
                        {
                            d.criteria.push(item.trim().to_owned());
                        }
                    }
                }
                Some(Section::ByWhom) => {
                    if d.kind == "tool" && !text.is_empty() {
                        note(
                            &page.path,
                            line,
                            format!(
                                "`{heading}` of `{}` kept as text; add `maintainers` ids of actor entries by hand",
                                d.title
                            ),
                        );
                    }
                }
                None => note(
                    &page.path,
                    line,
                    format!(
                        "unknown sub-section `{heading}` in `{}`; kept in the body",
                        d.title
                    ),
                ),
            }
            if !text.is_empty() {
                d.sections.push((heading, text));
            }
        };
        let finish = |current: &mut Option<Draft>,
                      drafts: &mut BTreeMap<String, Draft>,
                      note: &mut dyn FnMut(&str, usize, String)| {
            let Some(d) = current.take() else { return };
            match drafts.get_mut(&d.id) {
                Some(existing) => {
                    for p in d.phases {
                        if !existing.phases.contains(&p) {
                            existing.phases.push(p);
                        }
                    }
                    if existing.sections != d.sections {
                        note(
                            &page.path,
                            1,
                            format!(
                                "`{}` also appears in {} with different text; kept the first, merged the phases",
                                d.title,
                                existing.sources.join(", ")
                            ),
                        );
                    }
                    existing.sources.extend(d.sources);
                }
                None => {
                    drafts.insert(d.id.clone(), d);
                }
            }
        };
        for (i, line) in body.lines().enumerate() {
            let line_no = first_line + i;
            let t = line.trim_start();
            if let Some(title) = t.strip_prefix("## ") {
                flush(&mut current, &mut section, &mut buffer, &mut note);
                finish(&mut current, &mut drafts, &mut note);
                let title = title.trim().trim_end_matches('#').trim().to_owned();
                current = Some(Draft {
                    id: slugify(&title),
                    kind,
                    dir,
                    lang,
                    title,
                    phases: phase.into_iter().collect(),
                    sections: Vec::new(),
                    summary: None,
                    audiences: Vec::new(),
                    criteria: Vec::new(),
                    sources: vec![format!("{}:{line_no}", page.path)],
                });
            } else if let Some(h) = t.strip_prefix("### ") {
                flush(&mut current, &mut section, &mut buffer, &mut note);
                if current.is_some() {
                    section = Some((h.trim().to_owned(), section_of(h), line_no));
                }
            } else if current.is_none() {
                if !t.is_empty() && !t.starts_with("# ") && intro_line.is_none() {
                    intro_line = Some(line_no);
                }
            } else if section.is_some() {
                buffer.push_str(line);
                buffer.push('\n');
            } else if !t.is_empty() {
                note(&page.path, line_no, "text between an entry heading and its first sub-section; dropped into the body".into());
                section = Some(("Notes".into(), None, line_no));
                buffer.push_str(line);
                buffer.push('\n');
            }
        }
        flush(&mut current, &mut section, &mut buffer, &mut note);
        finish(&mut current, &mut drafts, &mut note);
        if let Some(l) = intro_line {
            note(
                &page.path,
                l,
                "page introduction before the first entry is not carried over".into(),
            );
        }
    }
    let mut files = Vec::new();
    let mut entries = Vec::new();
    for d in drafts.values() {
        let (src_file, src_line) = d.sources[0]
            .rsplit_once(':')
            .map_or((d.sources[0].as_str(), 1), |(f, l)| {
                (f, l.parse().unwrap_or(1))
            });
        let mut fm = String::from("---\n");
        fm.push_str(&format!(
            "id: {}\nkind: {}\nlang: {}\ntitle: {}\n",
            d.id,
            d.kind,
            d.lang,
            yaml_str(&d.title)
        ));
        match &d.summary {
            Some(s) => fm.push_str(&format!("summary: {}\n", yaml_str(s))),
            None => note(
                src_file,
                src_line,
                format!(
                    "`{}` has no usable `What?` section; `summary` is missing and the entry will not validate",
                    d.title
                ),
            ),
        }
        if !d.phases.is_empty() {
            fm.push_str(&format!("phases: [{}]\n", d.phases.join(", ")));
        }
        if !d.audiences.is_empty() {
            fm.push_str(&format!("audiences: [{}]\n", d.audiences.join(", ")));
        }
        if !d.criteria.is_empty() {
            fm.push_str("criteria:\n");
            for c in &d.criteria {
                fm.push_str(&format!("  - {}\n", yaml_str(c)));
            }
        }
        fm.push_str(&format!("created: {created}\n"));
        if d.kind == "tool" || d.kind == "resource" {
            note(
                src_file,
                src_line,
                format!(
                    "`{}` is a {} and needs a `url`; add it by hand",
                    d.title, d.kind
                ),
            );
        }
        fm.push_str("---\n\n");
        fm.push_str(&format!("# {}\n", d.title));
        for (h, text) in &d.sections {
            fm.push_str(&format!("\n## {h}\n\n{text}\n"));
        }
        let path = format!("{}/{}.md", d.dir, d.id);
        entries.push(MigratedEntry {
            path: path.clone(),
            id: d.id.clone(),
            sources: d.sources.clone(),
        });
        files.push(SourceFile {
            path,
            bytes: fm.into_bytes(),
        });
    }
    unmapped.sort_by(|a, b| {
        (a.file.as_str(), a.line, a.reason.as_str()).cmp(&(
            b.file.as_str(),
            b.line,
            b.reason.as_str(),
        ))
    });
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((
        files,
        MigrateReport {
            pages: pages.len(),
            entries,
            unmapped,
        },
    ))
}

/// Reads every `*.md` page under `old_dir`, migrates them and writes one file per entry under
/// `new_dir`, which must not exist yet or be empty (nothing is overwritten).
pub fn migrate_dir(old_dir: &Path, new_dir: &Path, created: &str) -> Result<MigrateReport> {
    let pages = crate::read_corpus(old_dir)?;
    if new_dir.exists() {
        let mut it = std::fs::read_dir(new_dir).map_err(|e| Error::io("list", new_dir, e))?;
        if it.next().is_some() {
            return Err(Error::arg(
                "new_dir",
                format!(
                    "{} is not empty; migrate into a new folder",
                    new_dir.display()
                ),
            ));
        }
    }
    let (files, report) = migrate_pages(&pages, created)?;
    for f in &files {
        let path = new_dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io("create directory", parent, e))?;
        }
        std::fs::write(&path, &f.bytes).map_err(|e| Error::io("write", &path, e))?;
    }
    Ok(report)
}
