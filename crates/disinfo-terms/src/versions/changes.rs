//! The flat list of a history's changes (filtered by classification and date, newest first, cut
//! at a limit) and the detection of reverts.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use crate::diff::Classification;
use crate::error::{Error, Result};
use crate::versions::model::{HistoryChange, HistoryOptions, TermsHistory};
use crate::versions::repo::VersionInfo;

/// For each version of one document, oldest first: the id of the version it restores, when its
/// text (its blob) is the text of a version before the previous one. The most recent such version
/// is named, so A→B→A→B→A names the A just before the last B.
pub(crate) fn reverts(versions: &[VersionInfo]) -> Vec<Option<String>> {
    let mut last_seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(versions.len());
    for (i, version) in versions.iter().enumerate() {
        let restored = last_seen
            .get(version.blob.as_str())
            .filter(|&&j| j + 1 < i)
            .map(|&j| versions[j].id.clone());
        out.push(restored);
        last_seen.insert(version.blob.as_str(), i);
    }
    out
}

/// The filters of [`HistoryOptions`] over the flat list of changes.
pub(crate) struct Window {
    classification: Vec<Classification>,
    since: Option<String>,
    until: Option<String>,
    limit: Option<usize>,
}

/// A date bound as the RFC 3339 text history dates are written in (UTC, seconds), so that
/// bounds compare as text.
fn bound(name: &str, value: &str, end_of_day: bool) -> Result<String> {
    let date = match DateTime::parse_from_rfc3339(value) {
        Ok(d) => Some(d.with_timezone(&Utc)),
        Err(_) => NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .ok()
            .and_then(|d| {
                if end_of_day {
                    d.and_hms_opt(23, 59, 59)
                } else {
                    d.and_hms_opt(0, 0, 0)
                }
            })
            .map(|d| d.and_utc()),
    };
    date.map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true))
        .ok_or_else(|| Error::arg(name, format!(
                "`{value}` is not an RFC 3339 date-time (2026-01-28T12:30:21Z) or a day (2026-01-28)"
            )))
}

impl Window {
    /// Checks the filters of `options`.
    pub(crate) fn new(options: &HistoryOptions) -> Result<Window> {
        Ok(Window {
            classification: options.classification.clone(),
            since: options
                .since
                .as_deref()
                .map(|v| bound("since", v, false))
                .transpose()?,
            until: options
                .until
                .as_deref()
                .map(|v| bound("until", v, true))
                .transpose()?,
            limit: options.limit,
        })
    }

    /// The changes of `terms` that pass the filters, newest first (ties by service, terms type
    /// and commit), at most `limit` of them; without their full diffs.
    pub(crate) fn select(&self, terms: &[TermsHistory]) -> Vec<HistoryChange> {
        let mut out: Vec<HistoryChange> = terms
            .iter()
            .flat_map(|t| {
                t.changes.iter().map(|c| HistoryChange {
                    service: t.service.clone(),
                    terms_type: t.terms_type.clone(),
                    change: c.clone(),
                })
            })
            .filter(|c| {
                (self.classification.is_empty()
                    || self.classification.contains(&c.change.classification))
                    && self.since.as_ref().is_none_or(|s| &c.change.date >= s)
                    && self.until.as_ref().is_none_or(|u| &c.change.date <= u)
            })
            .map(|mut c| {
                c.change.diff = None;
                c
            })
            .collect();
        out.sort_by(|a, b| {
            b.change
                .date
                .cmp(&a.change.date)
                .then_with(|| (&a.service, &a.terms_type).cmp(&(&b.service, &b.terms_type)))
                .then_with(|| a.change.to.cmp(&b.change.to))
        });
        if let Some(limit) = self.limit {
            out.truncate(limit);
        }
        out
    }
}
