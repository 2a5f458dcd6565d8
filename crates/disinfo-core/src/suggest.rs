//! "Did you mean": the closest candidate to a misspelt name.

/// The candidate closest to `word`, when it is close enough to be a plausible typo: at most a
/// third of the word's length in edits (at least one), ties broken by the smaller candidate.
/// Case is ignored when measuring.
///
/// ```
/// use disinfo_core::suggest::did_you_mean;
/// assert_eq!(did_you_mean("maintianers", ["maintainers", "url"]), Some("maintainers".to_string()));
/// assert_eq!(did_you_mean("zzz", ["maintainers"]), None);
/// ```
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let length = word.chars().count();
    let limit = (length / 3).max(1);
    // The length difference is a lower bound of the distance: a hostile 50 MB name is dismissed
    // here instead of costing minutes of edit-distance computation.
    let plausible: Vec<&str> = candidates
        .into_iter()
        .filter(|c| *c != word && c.chars().count().abs_diff(length) <= limit)
        .collect();
    if plausible.is_empty() {
        return None;
    }
    let lower = word.to_lowercase();
    plausible
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c.to_owned())
}

/// `snake_case` for a `camelCase` name (`minEdgeWeight` → `min_edge_weight`, `log1p` unchanged).
///
/// ```
/// assert_eq!(disinfo_core::suggest::snake_case("minEdgeWeight"), "min_edge_weight");
/// ```
pub fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `camelCase` for a `snake_case` name (`min_edge_weight` → `minEdgeWeight`).
///
/// ```
/// assert_eq!(disinfo_core::suggest::camel_case("min_edge_weight"), "minEdgeWeight");
/// ```
pub fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' && !out.is_empty() {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_conversions_round_trip() {
        for name in ["min_edge_weight", "window", "log1p", "utc_offset_minutes"] {
            assert_eq!(snake_case(&camel_case(name)), name);
        }
        assert_eq!(camel_case("log1p"), "log1p");
    }

    #[test]
    fn huge_word_gets_no_suggestion_and_no_distance_computation() {
        // Before the length filter, this took minutes (an edit distance per candidate over
        // 50 MB): a hostile option name must be refused as fast as any other.
        let word = "w".repeat(50 * 1024 * 1024);
        assert_eq!(did_you_mean(&word, ["window", "min_edge_weight"]), None);
    }

    #[test]
    fn length_filter_keeps_plausible_typos() {
        assert_eq!(did_you_mean("windw", ["window"]), Some("window".into()));
        assert_eq!(did_you_mean("windowss", ["window"]), Some("window".into()));
        assert_eq!(did_you_mean("w", ["window"]), None);
    }

    #[test]
    fn suggestion_ignores_case_and_exact_matches() {
        assert_eq!(did_you_mean("Window", ["window"]), Some("window".into()));
        assert_eq!(did_you_mean("window", ["window"]), None);
    }
}
