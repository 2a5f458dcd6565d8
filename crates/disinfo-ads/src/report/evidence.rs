//! Collects findings: every finding is counted; evidence is kept up to a limit per rule and
//! kind, and the number left out is reported.
//!
//! Every evidence item is stamped with the [`Order`] of the step that found it, the place of the
//! finding in a whole audit's sequence of findings. An audit split by ad key
//! ([`crate::audit::partitioned`]) keeps the first items of each shard; merged by order, the
//! first `limit` are the ones one process keeps.

use foldhash::fast::RandomState;
use hashbrown::HashMap;
use serde::{Deserialize, Serialize};

use super::types::{Evidence, FindingCount};
use crate::model::Observation;
use crate::rules::{self, Severity};

/// Where a finding comes in the audit's sequence of findings: the check (`stage`), the pair or
/// collection it walks (`unit`), the step within it (`step`), then the record
/// (`file`, `record`) or the rank of the collection-wide item. Findings of one rule and kind
/// are found in increasing order; findings at the same order keep the order they were found in.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub struct Order(pub [u32; 5]);

impl Order {
    /// Check 1 to 4 (pairs), check 5 (coverage), checks 6 to 8 (changes), checks 9 to 14 (one
    /// collection), ACTIVE ⊆ ALL: the order the audit appends their findings in.
    pub const PAIRS: u32 = 0;
    /// See [`Order::PAIRS`].
    pub const COVERAGE: u32 = 1;
    /// See [`Order::PAIRS`].
    pub const CHANGES: u32 = 2;
    /// See [`Order::PAIRS`].
    pub const QUALITY: u32 = 3;
    /// See [`Order::PAIRS`].
    pub const ACTIVE: u32 = 4;

    /// The finding of `stage`, `unit`, `step` about the record observed at `obs`.
    pub fn record(stage: u32, unit: usize, step: u32, obs: &Observation) -> Self {
        Order([stage, index(unit), step, obs.file, obs.index])
    }

    /// The `rank`-th collection-wide finding of `stage`, `unit`, `step`.
    pub fn rank(stage: u32, unit: usize, step: u32, rank: usize) -> Self {
        Order([stage, index(unit), step, 0, index(rank)])
    }
}

fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The evidence collector.
#[derive(Debug)]
pub struct EvidenceSink {
    limit: usize,
    /// The order stamped on what is pushed next.
    at: Order,
    /// Rule -> kind -> group; sorted by rule and kind when finished.
    groups: HashMap<&'static str, HashMap<String, Group, RandomState>, RandomState>,
}

/// One rule and kind: the highest severity, the count, the evidence kept with its order.
type Group = (Severity, u64, Vec<(Order, Evidence)>);

/// One rule and kind of a sink, as a shard of an audit hands it over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FindingGroup {
    /// Rule id.
    pub rule: String,
    /// Sub-kind.
    pub kind: String,
    /// The highest severity found.
    pub severity: Severity,
    /// Findings counted.
    pub count: u64,
    /// The first evidence items (at most the limit), each with its order.
    pub evidence: Vec<(Order, Evidence)>,
}

impl EvidenceSink {
    /// A collector keeping at most `limit` evidence items per rule and kind.
    pub fn new(limit: usize) -> Self {
        EvidenceSink {
            limit,
            at: Order::default(),
            groups: HashMap::default(),
        }
    }

    /// Stamps what is pushed next with `order`.
    pub fn at(&mut self, order: Order) {
        self.at = order;
    }

    /// Counts one finding; builds its evidence only if under the limit.
    pub fn push(
        &mut self,
        rule: &'static str,
        kind: &str,
        severity: Severity,
        make: impl FnOnce() -> Evidence,
    ) {
        let (limit, at) = (self.limit, self.at);
        let g = self.group(rule, kind, severity);
        g.1 += 1;
        if g.0 < severity {
            g.0 = severity;
        }
        if g.2.len() < limit {
            let mut e = make();
            e.rule = rule.to_owned();
            e.kind = kind.to_owned();
            e.severity = severity;
            if e.article.is_none() {
                e.article = rules::article(rule);
            }
            g.2.push((at, e));
        }
    }

    /// The group of `rule` and `kind`, created with `severity` if new. Findings come in runs
    /// of the same rule and kind: the key is allocated only for a new group.
    fn group(&mut self, rule: &'static str, kind: &str, severity: Severity) -> &mut Group {
        self.groups
            .entry(rule)
            .or_default()
            .entry_ref(kind)
            .or_insert_with(|| (severity, 0, Vec::new()))
    }

    /// Adds what `later` collected, as if its findings had been pushed here after this
    /// sink's own (counts add up; evidence stays the first `limit` items per rule and kind).
    pub fn append(&mut self, later: EvidenceSink) {
        for (rule, kinds) in later.groups {
            for (kind, group) in kinds {
                self.append_group(rule, kind, group);
            }
        }
    }

    fn append_group(&mut self, rule: &'static str, kind: String, (severity, n, evidence): Group) {
        let limit = self.limit;
        let g = self
            .groups
            .entry(rule)
            .or_default()
            .entry(kind)
            .or_insert_with(|| (severity, 0, Vec::new()));
        g.1 += n;
        if g.0 < severity {
            g.0 = severity;
        }
        let room = limit.saturating_sub(g.2.len());
        g.2.extend(evidence.into_iter().take(room));
    }

    /// Adds the groups of shards of one audit: counts add up, and each group keeps the
    /// `limit` items of lowest order (ties in the order given). Rules unknown to the catalogue
    /// are refused (`None`): a shard cannot make up a rule.
    pub fn merge_groups(&mut self, groups: Vec<FindingGroup>) -> Option<()> {
        let limit = self.limit;
        for g in groups {
            let rule = rules::RULES.iter().find(|r| r.id == g.rule)?.id;
            let entry = self
                .groups
                .entry(rule)
                .or_default()
                .entry(g.kind)
                .or_insert_with(|| (g.severity, 0, Vec::new()));
            entry.1 += g.count;
            entry.0 = entry.0.max(g.severity);
            entry.2.extend(g.evidence);
            // Stable: items of one order stay in the order given.
            entry.2.sort_by_key(|(order, _)| *order);
            entry.2.truncate(limit);
        }
        Some(())
    }

    /// The groups with their orders, in rule and kind order (what a shard hands over).
    pub fn into_groups(self) -> Vec<FindingGroup> {
        self.sorted()
            .into_iter()
            .map(|(rule, kind, (severity, count, evidence))| FindingGroup {
                rule: rule.to_owned(),
                kind,
                severity,
                count,
                evidence,
            })
            .collect()
    }

    fn sorted(self) -> Vec<(&'static str, String, Group)> {
        let mut groups: Vec<(&'static str, String, Group)> = self
            .groups
            .into_iter()
            .flat_map(|(rule, kinds)| kinds.into_iter().map(move |(kind, g)| (rule, kind, g)))
            .collect();
        groups.sort_unstable_by(|x, y| (x.0, &x.1).cmp(&(y.0, &y.1)));
        groups
    }

    /// The counts, the number of violations and the evidence, in rule order.
    pub fn finish(self) -> (Vec<FindingCount>, u64, Vec<Evidence>) {
        let mut counts = Vec::new();
        let mut evidence = Vec::new();
        let mut violations = 0;
        for (rule, kind, (severity, n, ev)) in self.sorted() {
            if severity == Severity::Violation {
                violations += n;
            }
            counts.push(FindingCount {
                article: rules::article(rule),
                evidence_omitted: n - ev.len() as u64,
                rule: rule.to_owned(),
                kind,
                severity,
                count: n,
            });
            evidence.extend(ev.into_iter().map(|(_, e)| e));
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

#[cfg(test)]
mod tests {
    use super::*;

    type Finding = (&'static str, &'static str, Severity, String);

    fn findings() -> Vec<Finding> {
        let rules = [
            ("ADS002", "unexplained"),
            ("ADS005", "dsa_39_2:payer"),
            ("ADS002", "reappeared"),
        ];
        let severities = [Severity::Info, Severity::Warning, Severity::Violation];
        (0..60)
            .map(|i| {
                let (rule, kind) = rules[(i * 7) % 3];
                (rule, kind, severities[(i * 5) % 3], format!("finding {i}"))
            })
            .collect()
    }

    fn fill(sink: &mut EvidenceSink, part: &[Finding]) {
        for (rule, kind, severity, detail) in part {
            sink.push(rule, kind, *severity, || blank(detail.clone()));
        }
    }

    /// Splitting the findings over sinks and appending them in order gives what one sink
    /// fed in that order gives: same counts, severities, evidence and omissions.
    #[test]
    fn appended_sinks_equal_one_sequential_sink() {
        let all = findings();
        for limit in [0, 1, 4, 25, 100] {
            let mut one = EvidenceSink::new(limit);
            fill(&mut one, &all);
            for cuts in [(0, 0), (10, 30), (1, 59), (60, 60), (25, 26)] {
                let mut first = EvidenceSink::new(limit);
                let mut second = EvidenceSink::new(limit);
                let mut third = EvidenceSink::new(limit);
                fill(&mut first, &all[..cuts.0]);
                fill(&mut second, &all[cuts.0..cuts.1]);
                fill(&mut third, &all[cuts.1..]);
                first.append(second);
                first.append(third);
                let mut expected = EvidenceSink::new(limit);
                fill(&mut expected, &all);
                let (c1, v1, e1) = first.finish();
                let (c2, v2, e2) = expected.finish();
                assert_eq!((c1, v1), (c2, v2), "limit {limit}, cuts {cuts:?}");
                let details =
                    |e: Vec<Evidence>| e.into_iter().map(|x| x.detail).collect::<Vec<_>>();
                assert_eq!(details(e1), details(e2), "limit {limit}, cuts {cuts:?}");
            }
            let (counts, _, evidence) = one.finish();
            assert_eq!(counts.iter().map(|c| c.count).sum::<u64>(), 60);
            assert!(evidence.len() <= 3 * limit);
            // Sorted by rule, then kind.
            let keys: Vec<(String, String)> = counts
                .iter()
                .map(|c| (c.rule.clone(), c.kind.clone()))
                .collect();
            let mut sorted = keys.clone();
            sorted.sort();
            assert_eq!(keys, sorted);
        }
    }
}
