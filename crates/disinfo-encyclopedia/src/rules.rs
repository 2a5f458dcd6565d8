//! The stable rule ids. Ids are never renumbered; new checks get new ids.

use serde::Serialize;

use crate::severity::Severity;

/// One rule: its id, default severity and what it checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Rule {
    /// Stable id (`FM001`).
    pub id: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// What the rule checks.
    pub title: &'static str,
}

const fn rule(id: &'static str, severity: Severity, title: &'static str) -> Rule {
    Rule {
        id,
        severity,
        title,
    }
}

use Severity::{Error as E, Warning as W};

/// Every rule, by id.
pub const RULES: &[Rule] = &[
    rule(
        "FM001",
        E,
        "no front matter: the file must start with a `---` line",
    ),
    rule("FM002", E, "unclosed front matter: no closing `---` line"),
    rule("FM003", E, "YAML syntax error in the front matter"),
    rule("FM004", E, "duplicate key in a mapping"),
    rule(
        "FM005",
        E,
        "implicit boolean or null where a string is expected (`lang: no`)",
    ),
    rule("FM006", E, "alias expansion too large (\"billion laughs\")"),
    rule("FM007", E, "front matter nested too deeply"),
    rule("FM008", E, "front matter too large"),
    rule(
        "FM009",
        E,
        "not a UTF-8 text file (binary or invalid UTF-8)",
    ),
    rule("SC001", E, "required field missing"),
    rule("SC002", E, "wrong type"),
    rule("SC003", E, "value not in the allowed set"),
    rule("SC004", E, "unknown key"),
    rule("SC005", E, "value does not match the expected pattern"),
    rule("SC006", E, "length or count out of bounds"),
    rule("SC007", E, "other schema constraint (from a corpus schema)"),
    rule("SC010", E, "not a real calendar date"),
    rule("SC011", E, "`updated` before `created`"),
    rule("SC020", E, "bad or unsupported language tag"),
    rule("SC021", E, "not an ISO 3166-1 alpha-2 country code"),
    rule("LK001", E, "malformed URL (scheme, host, credentials)"),
    rule("LK002", W, "plain `http:` URL"),
    rule("LK003", E, "internal link to a missing entry or heading"),
    rule("RF001", E, "reference to an unknown id"),
    rule("RF002", E, "reference to an entry of the wrong kind"),
    rule("RF003", E, "duplicate id after normalisation"),
    rule("RF005", E, "forbidden cycle"),
    rule("RF006", E, "inconsistent translation pair"),
    rule("RF007", W, "orphan entry: nothing refers to it"),
];

/// The default severity of a rule id (errors for unknown ids).
pub fn default_severity(id: &str) -> Severity {
    RULES
        .iter()
        .find(|r| r.id == id)
        .map_or(Severity::Error, |r| r.severity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique() {
        let mut ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
    }

    #[test]
    fn only_http_and_orphans_are_warnings() {
        let warnings: Vec<_> = RULES
            .iter()
            .filter(|r| r.severity == Severity::Warning)
            .map(|r| r.id)
            .collect();
        assert_eq!(warnings, ["LK002", "RF007"]);
    }
}
