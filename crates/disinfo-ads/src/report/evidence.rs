//! Collects findings: every finding is counted; evidence is kept up to a limit per rule and
//! kind, and the number left out is reported.

use std::collections::BTreeMap;

use super::types::{Evidence, FindingCount};
use crate::checks::{Severity, rules};

/// The evidence collector.
#[derive(Debug)]
pub struct EvidenceSink {
    limit: usize,
    groups: BTreeMap<(String, String), (Severity, u64, Vec<Evidence>)>,
}

impl EvidenceSink {
    /// A collector keeping at most `limit` evidence items per rule and kind.
    pub fn new(limit: usize) -> Self {
        EvidenceSink {
            limit,
            groups: BTreeMap::new(),
        }
    }

    /// Counts one finding; builds its evidence only if under the limit.
    pub fn push(
        &mut self,
        rule: &str,
        kind: &str,
        severity: Severity,
        make: impl FnOnce() -> Evidence,
    ) {
        let g = self
            .groups
            .entry((rule.to_owned(), kind.to_owned()))
            .or_insert_with(|| (severity, 0, Vec::new()));
        g.1 += 1;
        if g.0 < severity {
            g.0 = severity;
        }
        if g.2.len() < self.limit {
            let mut e = make();
            e.rule = rule.to_owned();
            e.kind = kind.to_owned();
            e.severity = severity;
            if e.article.is_none() {
                e.article = rules::article(rule);
            }
            g.2.push(e);
        }
    }

    /// Counts `n` findings at once, without evidence.
    pub fn count(&mut self, rule: &str, kind: &str, severity: Severity, n: u64) {
        if n == 0 {
            return;
        }
        let g = self
            .groups
            .entry((rule.to_owned(), kind.to_owned()))
            .or_insert_with(|| (severity, 0, Vec::new()));
        g.1 += n;
    }

    /// The counts, the number of violations and the evidence, in rule order.
    pub fn finish(self) -> (Vec<FindingCount>, u64, Vec<Evidence>) {
        let mut counts = Vec::new();
        let mut evidence = Vec::new();
        let mut violations = 0;
        for ((rule, kind), (severity, n, ev)) in self.groups {
            if severity == Severity::Violation {
                violations += n;
            }
            counts.push(FindingCount {
                article: rules::article(&rule),
                evidence_omitted: n - ev.len() as u64,
                rule,
                kind,
                severity,
                count: n,
            });
            evidence.extend(ev);
        }
        (counts, violations, evidence)
    }
}

/// An empty evidence item to fill.
pub fn blank(detail: String) -> Evidence {
    Evidence {
        rule: String::new(),
        article: None,
        severity: Severity::Info,
        kind: String::new(),
        ad: None,
        collections: Vec::new(),
        observations: Vec::new(),
        field: None,
        delta: None,
        detail,
    }
}
