//! The parameter names of the platforms' ad-library APIs, and what each one is to a
//! collection's query. Only names the platforms document are listed, with where.

/// A part of the query this crate interprets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Canonical {
    /// Countries the ads reached or were created in.
    Countries,
    /// Ad type (Meta `POLITICAL_AND_ISSUE_ADS`, ...).
    AdType,
    /// Active status: `ACTIVE`, `INACTIVE` or `ALL`.
    ActiveStatus,
    /// Keyword search.
    SearchTerms,
    /// Pages or advertisers the query was restricted to.
    AdvertiserIds,
    /// Lower bound of the date filter.
    DateMin,
    /// Upper bound of the date filter.
    DateMax,
    /// Fields requested.
    Fields,
    /// Rows per page requested.
    PageSize,
}

impl Canonical {
    /// This crate's name of the part (the key of `collection.json` in its own vocabulary).
    pub fn name(self) -> &'static str {
        match self {
            Canonical::Countries => "countries",
            Canonical::AdType => "ad_type",
            Canonical::ActiveStatus => "active_status",
            Canonical::SearchTerms => "search_terms",
            Canonical::AdvertiserIds => "advertiser_ids",
            Canonical::DateMin => "date_min",
            Canonical::DateMax => "date_max",
            Canonical::Fields => "fields",
            Canonical::PageSize => "page_size",
        }
    }
}

/// What a parameter is to the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Fills a part this crate interprets.
    Canonical(Canonical),
    /// Narrows which ads are in scope, without a part of its own: kept as sent, compared as is.
    Filter,
    /// Paging or transport: kept as sent, not part of the scope.
    Request,
    /// A credential: its value is dropped when read, so that it reaches no output.
    Secret,
}

use Canonical::*;
use Role::{Canonical as C, Filter, Request, Secret};

/// Parameter names, nested members written as dotted paths (`filters.country_code`).
const PARAMS: &[(&str, Role)] = &[
    // This crate's own names.
    ("countries", C(Countries)),
    ("ad_type", C(AdType)),
    ("active_status", C(ActiveStatus)),
    ("search_terms", C(SearchTerms)),
    ("advertiser_ids", C(AdvertiserIds)),
    ("date_min", C(DateMin)),
    ("date_max", C(DateMax)),
    ("fields", C(Fields)),
    ("page_size", C(PageSize)),
    // Meta Ad Library API, `GET /ads_archive`
    // (developers.facebook.com/docs/graph-api/reference/ads_archive/); `ad_type`,
    // `search_terms` and `fields` have the names above.
    ("ad_reached_countries", C(Countries)),
    ("ad_active_status", C(ActiveStatus)),
    ("search_page_ids", C(AdvertiserIds)),
    ("ad_delivery_date_min", C(DateMin)),
    ("ad_delivery_date_max", C(DateMax)),
    ("bylines", Filter),
    ("delivery_by_region", Filter),
    ("estimated_audience_size_max", Filter),
    ("estimated_audience_size_min", Filter),
    ("languages", Filter),
    ("media_type", Filter),
    ("publisher_platforms", Filter),
    ("search_type", Filter),
    ("unmask_removed_content", Filter),
    // Graph API paging and authentication (every edge).
    ("limit", C(PageSize)),
    ("after", Request),
    ("before", Request),
    ("access_token", Secret),
    ("appsecret_proof", Secret),
    // TikTok Commercial Content API, `POST /v2/research/adlib/ad/query/`
    // (developers.tiktok.com/doc/commercial-content-api-query-ads): body members, the filters
    // under `filters`. `filters.country` is the name TikTok's getting-started example uses.
    ("filters.country_code", C(Countries)),
    ("filters.country", C(Countries)),
    ("filters.advertiser_business_ids", C(AdvertiserIds)),
    ("filters.ad_published_date_range.min", C(DateMin)),
    ("filters.ad_published_date_range.max", C(DateMax)),
    ("filters.unique_users_seen_size_range", Filter),
    ("search_term", C(SearchTerms)),
    ("max_count", C(PageSize)),
    ("search_id", Request),
];

/// Objects whose members are parameters of their own (TikTok's request body).
const CONTAINERS: &[&str] = &["filters", "filters.ad_published_date_range"];

/// The role of the parameter at `path`, if any platform documents it. A name that says it holds
/// a credential (`...token`, `...secret`, `password`) is one, documented or not.
pub fn role(path: &str) -> Option<Role> {
    if let Some((_, role)) = PARAMS.iter().find(|(name, _)| *name == path) {
        return Some(*role);
    }
    let last = path.rsplit('.').next().unwrap_or(path).to_ascii_lowercase();
    ["token", "secret", "password"]
        .iter()
        .any(|w| last.contains(w))
        .then_some(Secret)
}

/// True when the object at `path` holds parameters (its members are read one by one).
pub fn is_container(path: &str) -> bool {
    CONTAINERS.contains(&path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_tiktok_and_own_names_have_roles() {
        assert_eq!(role("ad_reached_countries"), Some(C(Countries)));
        assert_eq!(role("filters.country_code"), Some(C(Countries)));
        assert_eq!(role("limit"), Some(C(PageSize)));
        assert_eq!(role("languages"), Some(Filter));
        assert_eq!(role("after"), Some(Request));
        assert_eq!(role("access_token"), Some(Secret));
        assert_eq!(role("filters.client_secret"), Some(Secret));
        assert_eq!(role("Bearer_Token"), Some(Secret));
        assert_eq!(role("note"), None);
        assert!(is_container("filters") && !is_container("fields"));
        for part in [
            Countries,
            AdType,
            ActiveStatus,
            SearchTerms,
            AdvertiserIds,
            DateMin,
            DateMax,
            Fields,
            PageSize,
        ] {
            assert_eq!(role(part.name()), Some(C(part)));
        }
    }
}
