//! "Did you mean": the closest candidate by Damerau-Levenshtein distance.

/// The candidate closest to `word`, when it is close enough to be a plausible typo: at most a
/// third of the word's length in edits (at least one), ties broken by the smaller candidate.
///
/// ```
/// use disinfo_encyclopedia::suggest::did_you_mean;
/// assert_eq!(did_you_mean("maintianers", ["maintainers", "url"]), Some("maintainers".to_string()));
/// assert_eq!(did_you_mean("zzz", ["maintainers"]), None);
/// ```
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c.to_owned())
}
