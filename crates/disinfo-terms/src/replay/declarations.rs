//! The declarations a replay reads: for each service and terms type, the declaration in force at a
//! date (OTA's rule: the first history entry whose `validUntil` is at or after the date, else the
//! current one), where an invalid file or entry fails only the snapshots of its period instead of
//! rejecting the whole service.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};
use serde_json::Value;

use crate::declaration::{ServiceDeclaration, Terms, parse};
use crate::error::{Error, Result};

/// Why no declaration applies: a stable code and a message (kept as text so that one failure can
/// be reported for many snapshots).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The stable code of the underlying error.
    pub code: &'static str,
    /// Its message.
    pub message: String,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

type Declared = std::result::Result<Arc<Terms>, Failure>;

/// One history entry: the declaration that applies up to `valid_until` (inclusive).
struct Period {
    valid_until: DateTime<FixedOffset>,
    terms: Declared,
}

#[derive(Default)]
struct TermsTimeline {
    /// History entries sorted by `valid_until`.
    history: Vec<Period>,
    /// The current declaration; `None` when the terms type is only in the history file.
    current: Option<Declared>,
    /// A history entry whose period cannot be known (unreadable `validUntil`): every date up to the
    /// last known `validUntil` fails with it.
    unplaced: Option<Failure>,
}

struct ServiceTimeline {
    name: String,
    /// Set when the service or its history file cannot be read at all.
    broken: Option<Failure>,
    terms: BTreeMap<String, TermsTimeline>,
}

/// Every service of a declarations directory, by id.
pub struct Timeline {
    services: BTreeMap<String, ServiceTimeline>,
}

fn read(path: &Path) -> std::result::Result<String, Failure> {
    crate::declaration::read(path).map_err(Failure::from)
}

impl Timeline {
    /// Reads every `<Service>.json` of `dir` with its `<Service>.history.json`. Only an unreadable
    /// directory is an error; a bad file or entry is kept as the failure of its period.
    pub fn load(dir: &Path) -> Result<Timeline> {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| disinfo_core::IoError::new("read directory", dir.display(), e))?;
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json") && !n.ends_with(".history.json"))
            .collect();
        names.sort();
        let mut services = BTreeMap::new();
        for name in names {
            let id = name.trim_end_matches(".json").to_string();
            let path = dir.join(&name);
            let history = dir.join(format!("{id}.history.json"));
            services.insert(id, load_service(&path, &history));
        }
        Ok(Timeline { services })
    }

    /// The declaration of `service` / `terms_type` in force at `date`, or why there is none.
    pub fn at(&self, service: &str, terms_type: &str, date: DateTime<Utc>) -> Declared {
        let (timeline, terms) = self.terms_of(service, terms_type)?;
        let date = date.fixed_offset();
        let last_known = terms.history.last().map(|p| p.valid_until);
        if let Some(failure) = &terms.unplaced
            && last_known.is_none_or(|until| date <= until)
        {
            return Err(failure.clone());
        }
        if let Some(period) = terms.history.iter().find(|p| date <= p.valid_until) {
            return period.terms.clone();
        }
        terms
            .current
            .clone()
            .unwrap_or_else(|| Err(not_declared(timeline, terms_type)))
    }

    /// The current declaration of `service` / `terms_type` (the one without `validUntil`).
    pub fn current(&self, service: &str, terms_type: &str) -> Declared {
        let (timeline, terms) = self.terms_of(service, terms_type)?;
        terms
            .current
            .clone()
            .unwrap_or_else(|| Err(not_declared(timeline, terms_type)))
    }

    fn terms_of(
        &self,
        service: &str,
        terms_type: &str,
    ) -> std::result::Result<(&ServiceTimeline, &TermsTimeline), Failure> {
        let Some(timeline) = self.services.get(service) else {
            return Err(Error::ServiceNotDeclared {
                service: service.into(),
            }
            .into());
        };
        if let Some(failure) = &timeline.broken {
            return Err(failure.clone());
        }
        match timeline.terms.get(terms_type) {
            Some(terms) => Ok((timeline, terms)),
            None => Err(not_declared(timeline, terms_type)),
        }
    }
}

fn not_declared(timeline: &ServiceTimeline, terms_type: &str) -> Failure {
    Error::TermsTypeNotDeclared {
        service: timeline.name.clone(),
        terms_type: terms_type.into(),
        declared: timeline
            .terms
            .iter()
            .filter(|(_, t)| t.current.is_some())
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    }
    .into()
}

fn load_service(path: &Path, history_path: &Path) -> ServiceTimeline {
    let file = path.display().to_string();
    let mut timeline = ServiceTimeline {
        name: String::new(),
        broken: None,
        terms: BTreeMap::new(),
    };
    let text = match read(path) {
        Ok(text) => text,
        Err(failure) => {
            timeline.broken = Some(failure);
            return timeline;
        }
    };
    match ServiceDeclaration::parse(&text, &file) {
        Ok(service) => {
            timeline.name = service.name;
            for (terms_type, terms) in service.terms {
                timeline.terms.entry(terms_type).or_default().current = Some(Ok(Arc::new(terms)));
            }
        }
        Err(error) => match load_terms_one_by_one(&text, &file, &mut timeline) {
            Err(broken) => {
                timeline.broken = Some(broken);
                return timeline;
            }
            // Invalid as a whole but every part valid alone: keep the whole file's error.
            Ok(())
                if timeline
                    .terms
                    .values()
                    .all(|t| matches!(t.current, Some(Ok(_)))) =>
            {
                timeline.broken = Some(error.into());
                return timeline;
            }
            Ok(()) => {}
        },
    }
    if history_path.is_file()
        && let Err(broken) = load_history(history_path, &mut timeline)
    {
        timeline.broken = Some(broken);
    }
    timeline
}

/// Parses the terms of an invalid service file one by one, so that one invalid terms type fails
/// only its own snapshots. Fails when the file itself (JSON, `name`, top-level keys) is invalid.
fn load_terms_one_by_one(
    text: &str,
    file: &str,
    timeline: &mut ServiceTimeline,
) -> std::result::Result<(), Failure> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Failure::from(Error::DeclarationSyntax {
            file: file.into(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })
    })?;
    let mut shell = value.clone();
    let terms = match shell.get_mut("terms").map(Value::take) {
        Some(Value::Object(terms)) => terms,
        _ => {
            // Without a `terms` object the whole file is unusable: parse it for the precise error.
            return ServiceDeclaration::parse(text, file)
                .map(|_| ())
                .map_err(Failure::from);
        }
    };
    if let Some(map) = shell.as_object_mut() {
        map.insert("terms".into(), Value::Object(serde_json::Map::new()));
    }
    let top = ServiceDeclaration::parse(&shell.to_string(), file).map_err(Failure::from)?;
    timeline.name = top.name;
    for (terms_type, decl) in &terms {
        let pointer = format!(
            "/terms/{}",
            terms_type.replace('~', "~0").replace('/', "~1")
        );
        let parsed = parse::terms_entry(terms_type, decl, file, &pointer)
            .map(Arc::new)
            .map_err(Failure::from);
        timeline
            .terms
            .entry(terms_type.clone())
            .or_default()
            .current = Some(parsed);
    }
    Ok(())
}

/// Adds the history file's entries, each parsed on its own.
fn load_history(path: &Path, timeline: &mut ServiceTimeline) -> std::result::Result<(), Failure> {
    let file = path.display().to_string();
    let text = read(path)?;
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        Failure::from(Error::DeclarationSyntax {
            file: file.clone(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })
    })?;
    let Value::Object(map) = value else {
        return Err(parse::history(&text, &file)
            .err()
            .map_or_else(|| unreadable(&file, "", "a JSON object"), Failure::from));
    };
    for (terms_type, entries) in &map {
        let pointer = format!("/{}", terms_type.replace('~', "~0").replace('/', "~1"));
        let terms = timeline.terms.entry(terms_type.clone()).or_default();
        let Value::Array(items) = entries else {
            terms.unplaced = Some(unreadable(&file, &pointer, "an array of entries"));
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            let entry_pointer = format!("{pointer}/{i}");
            let until = item
                .get("validUntil")
                .and_then(Value::as_str)
                .and_then(|s| DateTime::parse_from_rfc3339(s).ok());
            let parsed = parse::history_entry(terms_type, item, &file, &entry_pointer)
                .map(Arc::new)
                .map_err(Failure::from);
            match until {
                Some(valid_until) => terms.history.push(Period {
                    valid_until,
                    terms: parsed,
                }),
                None => {
                    terms.unplaced = Some(parsed.err().unwrap_or_else(|| {
                        unreadable(&file, &entry_pointer, "an RFC 3339 `validUntil`")
                    }));
                }
            }
        }
        terms.history.sort_by_key(|p| p.valid_until);
    }
    Ok(())
}

fn unreadable(file: &str, pointer: &str, expected: &str) -> Failure {
    Error::DeclarationInvalid {
        file: file.into(),
        pointer: if pointer.is_empty() {
            "/".into()
        } else {
            pointer.into()
        },
        message: format!("expected {expected}"),
    }
    .into()
}
