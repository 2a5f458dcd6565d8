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
    let mut notes = Notes::default();
    for page in pages {
        read_page(page, &mut drafts, &mut notes);
    }
    let mut files = Vec::new();
    let mut entries = Vec::new();
    for d in drafts.values() {
        let (file, entry) = write_entry(d, created, &mut notes);
        files.push(file);
        entries.push(entry);
    }
    let mut unmapped = notes.0;
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

/// What could not be mapped, in the order it was found (the report sorts it).
#[derive(Default)]
struct Notes(Vec<Unmapped>);

impl Notes {
    fn add(&mut self, file: &str, line: usize, reason: String) {
        self.0.push(Unmapped {
            file: file.to_owned(),
            line,
            reason,
        });
    }
}

/// Reads one old page: its phase and entry type (from the path or its front matter), its
/// language, then its `##` entries into `drafts`.
fn read_page(page: &SourceFile, drafts: &mut BTreeMap<String, Draft>, notes: &mut Notes) {
    let Ok(text) = std::str::from_utf8(&page.bytes) else {
        notes.add(&page.path, 1, "not UTF-8 text; page skipped".into());
        return;
    };
    let (phase, ty) = page_meta(&page.path, text);
    let Some((kind, dir)) = ty else {
        notes.add(&page.path, 1, "cannot tell the entry type (tools, practices, actors, case-studies, glossary, resources) from the path or front matter; page skipped".into());
        return;
    };
    if phase.is_none() {
        notes.add(
            &page.path,
            1,
            "cannot tell the phase from the path or front matter; entries get no `phases`".into(),
        );
    }
    let (body, first_line) = match crate::parse::frontmatter::split(text, 1 << 20) {
        Ok(s) => (s.body, s.body_line),
        Err(_) => (text, 1),
    };
    let mut reader = PageReader {
        page: &page.path,
        kind,
        dir,
        lang: if is_french(body) { "fr" } else { "en" },
        phase,
        current: None,
        section: None,
        buffer: String::new(),
        intro_line: None,
    };
    for (i, line) in body.lines().enumerate() {
        reader.line(first_line + i, line, drafts, notes);
    }
    reader.flush_section(notes);
    reader.finish_entry(drafts, notes);
    if let Some(l) = reader.intro_line {
        notes.add(
            &page.path,
            l,
            "page introduction before the first entry is not carried over".into(),
        );
    }
}

/// A page is French when one of its sub-section headings is a known one written the French
/// way, with a space before the question mark (`### Par qui ?`).
fn is_french(body: &str) -> bool {
    body.lines().any(|l| {
        l.trim_start().starts_with("###")
            && section_of(l.trim_start_matches('#')).is_some()
            && l.contains(" ?")
    })
}

/// The state of reading one page line by line: the entry being read (`##`), its current
/// sub-section (`###`: heading, which section, line) and that sub-section's text so far.
struct PageReader<'p> {
    page: &'p str,
    kind: &'static str,
    dir: &'static str,
    lang: &'static str,
    phase: Option<&'static str>,
    current: Option<Draft>,
    section: Option<(String, Option<Section>, usize)>,
    buffer: String,
    /// The first line of text before the first entry (not carried over; reported).
    intro_line: Option<usize>,
}

impl PageReader<'_> {
    /// One line of the page's body: a new entry, a new sub-section, or text of either.
    fn line(
        &mut self,
        line_no: usize,
        line: &str,
        drafts: &mut BTreeMap<String, Draft>,
        notes: &mut Notes,
    ) {
        let t = line.trim_start();
        if let Some(title) = t.strip_prefix("## ") {
            self.flush_section(notes);
            self.finish_entry(drafts, notes);
            self.start_entry(title, line_no);
        } else if let Some(h) = t.strip_prefix("### ") {
            self.flush_section(notes);
            if self.current.is_some() {
                self.section = Some((h.trim().to_owned(), section_of(h), line_no));
            }
        } else if self.current.is_none() {
            if !t.is_empty() && !t.starts_with("# ") && self.intro_line.is_none() {
                self.intro_line = Some(line_no);
            }
        } else if self.section.is_some() {
            self.buffer.push_str(line);
            self.buffer.push('\n');
        } else if !t.is_empty() {
            notes.add(
                self.page,
                line_no,
                "text between an entry heading and its first sub-section; dropped into the body"
                    .into(),
            );
            self.section = Some(("Notes".into(), None, line_no));
            self.buffer.push_str(line);
            self.buffer.push('\n');
        }
    }

    fn start_entry(&mut self, title: &str, line_no: usize) {
        let title = title.trim().trim_end_matches('#').trim().to_owned();
        self.current = Some(Draft {
            id: slugify(&title),
            kind: self.kind,
            dir: self.dir,
            lang: self.lang,
            title,
            phases: self.phase.into_iter().collect(),
            sections: Vec::new(),
            summary: None,
            audiences: Vec::new(),
            criteria: Vec::new(),
            sources: vec![format!("{}:{line_no}", self.page)],
        });
    }

    /// Ends the current sub-section: maps it to front matter where it has a field, and keeps
    /// its text in the body.
    fn flush_section(&mut self, notes: &mut Notes) {
        let text = self.buffer.trim().to_owned();
        self.buffer.clear();
        let (Some(d), Some((heading, kind, line))) = (self.current.as_mut(), self.section.take())
        else {
            return;
        };
        let at = (self.page, line);
        match kind {
            Some(Section::What) => d.take_summary(&heading, &text, at, notes),
            Some(Section::ForWhom) => d.take_audiences(&heading, &text, at, notes),
            Some(Section::WhatFor) => d.take_criteria(&text),
            Some(Section::ByWhom) => {
                if d.kind == "tool" && !text.is_empty() {
                    notes.add(
                        self.page,
                        line,
                        format!(
                            "`{heading}` of `{}` kept as text; add `maintainers` ids of actor entries by hand",
                            d.title
                        ),
                    );
                }
            }
            None => notes.add(
                self.page,
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
    }

    /// Ends the current entry: a new id is added; a repeated one (the same entry on the page of
    /// another phase) gains this page's phases and sources, and keeps its first text.
    fn finish_entry(&mut self, drafts: &mut BTreeMap<String, Draft>, notes: &mut Notes) {
        let Some(d) = self.current.take() else { return };
        let Some(existing) = drafts.get_mut(&d.id) else {
            drafts.insert(d.id.clone(), d);
            return;
        };
        for p in d.phases {
            if !existing.phases.contains(&p) {
                existing.phases.push(p);
            }
        }
        if existing.sections != d.sections {
            notes.add(
                self.page,
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
}

impl Draft {
    /// `What?`: its first paragraph, up to 600 characters, is the `summary`.
    fn take_summary(&mut self, heading: &str, text: &str, at: (&str, usize), notes: &mut Notes) {
        let para = text
            .split("\n\n")
            .next()
            .unwrap_or_default()
            .replace('\n', " ");
        let summary: String = para.chars().take(600).collect();
        if summary.chars().count() < 20 {
            notes.add(
                at.0,
                at.1,
                format!(
                    "`{heading}` of `{}` is shorter than 20 characters; kept in the body, summary needs writing",
                    self.title
                ),
            );
            return;
        }
        if para.chars().count() > 600 {
            notes.add(
                at.0,
                at.1,
                format!(
                    "summary of `{}` cut to 600 characters; the full text stays in the body",
                    self.title
                ),
            );
        }
        self.summary = Some(summary);
    }

    /// `For whom?`: the known audiences its text names.
    fn take_audiences(&mut self, heading: &str, text: &str, at: (&str, usize), notes: &mut Notes) {
        let lower = text.to_lowercase();
        for (needle, aud) in AUDIENCES {
            if lower.contains(needle) && !self.audiences.contains(aud) {
                self.audiences.push(aud);
            }
        }
        if self.audiences.is_empty() && !text.is_empty() {
            notes.add(
                at.0,
                at.1,
                format!(
                    "`{heading}` of `{}` names no known audience; kept as text",
                    self.title
                ),
            );
        }
    }

    /// `What for?`: each `- ` or `* ` list item is a criterion.
    fn take_criteria(&mut self, text: &str) {
        for l in text.lines() {
            if let Some(item) = l
                .trim()
                .strip_prefix("- ")
                .or_else(|| l.trim().strip_prefix("* "))
            {
                self.criteria.push(item.trim().to_owned());
            }
        }
    }
}

/// The new file of one entry (front matter, `#` title, its sub-sections as `##`) and its line
/// in the report; notes the fields that need a person.
fn write_entry(d: &Draft, created: &str, notes: &mut Notes) -> (SourceFile, MigratedEntry) {
    let (src_file, src_line) = d.sources[0]
        .rsplit_once(':')
        .map_or((d.sources[0].as_str(), 1), |(f, l)| {
            (f, l.parse().unwrap_or(1))
        });
    if d.summary.is_none() {
        notes.add(
            src_file,
            src_line,
            format!(
                "`{}` has no usable `What?` section; `summary` is missing and the entry will not validate",
                d.title
            ),
        );
    }
    if d.kind == "tool" || d.kind == "resource" {
        notes.add(
            src_file,
            src_line,
            format!(
                "`{}` is a {} and needs a `url`; add it by hand",
                d.title, d.kind
            ),
        );
    }
    let mut text = front_matter(d, created);
    text.push_str(&format!("# {}\n", d.title));
    for (h, body) in &d.sections {
        text.push_str(&format!("\n## {h}\n\n{body}\n"));
    }
    let path = format!("{}/{}.md", d.dir, d.id);
    let entry = MigratedEntry {
        path: path.clone(),
        id: d.id.clone(),
        sources: d.sources.clone(),
    };
    let file = SourceFile {
        path,
        bytes: text.into_bytes(),
    };
    (file, entry)
}

/// The YAML front matter of an entry, `---` lines and the blank line after it included.
fn front_matter(d: &Draft, created: &str) -> String {
    let mut fm = String::from("---\n");
    fm.push_str(&format!(
        "id: {}\nkind: {}\nlang: {}\ntitle: {}\n",
        d.id,
        d.kind,
        d.lang,
        yaml_str(&d.title)
    ));
    if let Some(s) = &d.summary {
        fm.push_str(&format!("summary: {}\n", yaml_str(s)));
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
    fm.push_str("---\n\n");
    fm
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
