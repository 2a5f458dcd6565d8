//! OTA's list of terms types (`@opentermsarchive/terms-types` 2.x) and suggestions for typos.

/// Every terms type OTA knows, in OTA's order.
pub const TERMS_TYPES: &[&str] = &[
    "Terms of Service",
    "Privacy Policy",
    "Imprint",
    "Trackers Policy",
    "Developer Terms",
    "Community Guidelines",
    "Deceased Users",
    "Acceptable Use Policy",
    "Restricted Use Policy",
    "Commercial Terms",
    "Copyright Claims Policy",
    "Law Enforcement Guidelines",
    "Human Rights Policy",
    "In-App Purchases Policy",
    "Review Guidelines",
    "Brand Guidelines",
    "Quality Guidelines",
    "Data Controller Agreement",
    "Data Processor Agreement",
    "User Consent Policy",
    "Closed Captioning Policy",
    "Seller Warranty",
    "Single Sign-On Policy",
    "Vulnerability Disclosure Policy",
    "Live Policy",
    "Complaints Policy",
    "Conditions of Carriage",
    "General Conditions of Sale",
    "Marketplace Buyers Conditions",
    "Marketplace Sellers Conditions",
    "Ranking Parameters Description",
    "Premium Partner Conditions",
    "Platform to Business Notice",
    "Business Mediation Policy",
    "Business Privacy Policy",
    "Editorial Policy",
    "Anti-corruption Policy",
    "Accessibility Statement",
    "Hyperlinks Policy",
    "Whistleblower Policy",
    "Affiliate Agreement",
    "Service Level Agreement",
    "Content Monetisation Policy",
    "Advertising Content Policy",
];

/// True when `name` is one of OTA's terms types.
pub fn is_terms_type(name: &str) -> bool {
    TERMS_TYPES.contains(&name)
}

/// The closest name in `candidates` (case-insensitive Jaro-Winkler ≥ 0.8), if any.
pub fn suggest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lower = name.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// ` (did you mean "X"?)` or an empty string.
pub fn did_you_mean(name: &str, candidates: &[&str]) -> String {
    suggest(name, candidates)
        .map(|s| format!(" (did you mean \"{s}\"?)"))
        .unwrap_or_default()
}
