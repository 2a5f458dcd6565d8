//! The canonical fields of an ad record and the state of each field in one record.

use serde::{Deserialize, Serialize};

/// A canonical field of an ad, whatever the platform or API version calls it.
///
/// The adapters map native names onto these (e.g. Meta `funding_entity` (v3.3) and `bylines`
/// (current) both fill [`Field::Payer`]).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The advertiser's id (Meta page id, Google advertiser id, TikTok business id).
    AdvertiserId,
    /// The advertiser's name (the person on whose behalf the ad is presented).
    AdvertiserName,
    /// Who paid for the ad (disclaimer, byline, "paid for by").
    Payer,
    /// Who benefits from the ad, when declared separately from the payer.
    Beneficiary,
    /// The ad's text: bodies, titles, captions, descriptions.
    Content,
    /// Media or a rendering of the ad (snapshot URL, videos, images).
    Media,
    /// When the ad was created.
    Created,
    /// When the ad was first shown (delivery start).
    FirstShown,
    /// When the ad was last shown (delivery stop).
    LastShown,
    /// Targeting parameters (ages, genders, locations with exclusions).
    Targeting,
    /// Languages of the ad.
    Languages,
    /// Platforms the ad ran on.
    Platforms,
    /// Amount spent, as a range.
    Spend,
    /// Impressions, as a range.
    Impressions,
    /// Estimated or potential audience size, as a range.
    Audience,
    /// Total number of recipients reached (e.g. Meta `eu_total_reach`).
    ReachTotal,
    /// Recipients reached per country (member state).
    ReachByCountry,
    /// Share of impressions per age and gender.
    Demographics,
    /// Share of impressions per region.
    Regions,
    /// Currency of the spend.
    Currency,
    /// Moderation information (removal, reason, legal ground).
    Moderation,
    /// Category of the ad (political, issue, commercial).
    Category,
}

impl Field {
    /// Every field, in a fixed order (the order of [`FieldStates`]).
    pub const ALL: [Field; 22] = [
        Field::AdvertiserId,
        Field::AdvertiserName,
        Field::Payer,
        Field::Beneficiary,
        Field::Content,
        Field::Media,
        Field::Created,
        Field::FirstShown,
        Field::LastShown,
        Field::Targeting,
        Field::Languages,
        Field::Platforms,
        Field::Spend,
        Field::Impressions,
        Field::Audience,
        Field::ReachTotal,
        Field::ReachByCountry,
        Field::Demographics,
        Field::Regions,
        Field::Currency,
        Field::Moderation,
        Field::Category,
    ];

    /// The snake_case name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Field::AdvertiserId => "advertiser_id",
            Field::AdvertiserName => "advertiser_name",
            Field::Payer => "payer",
            Field::Beneficiary => "beneficiary",
            Field::Content => "content",
            Field::Media => "media",
            Field::Created => "created",
            Field::FirstShown => "first_shown",
            Field::LastShown => "last_shown",
            Field::Targeting => "targeting",
            Field::Languages => "languages",
            Field::Platforms => "platforms",
            Field::Spend => "spend",
            Field::Impressions => "impressions",
            Field::Audience => "audience",
            Field::ReachTotal => "reach_total",
            Field::ReachByCountry => "reach_by_country",
            Field::Demographics => "demographics",
            Field::Regions => "regions",
            Field::Currency => "currency",
            Field::Moderation => "moderation",
            Field::Category => "category",
        }
    }

    /// The field named `name` (snake_case).
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.name() == name)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The state of one field in one record. Only [`FieldState::Present`] counts as available.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    Default,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum FieldState {
    /// A usable value.
    Present,
    /// The key is there with `null`, an empty string or an empty list.
    Null,
    /// The key is missing although it was requested (or the request is unknown).
    #[default]
    Absent,
    /// The collection's query did not ask for it (Meta `fields=`).
    NotRequested,
    /// The field does not apply to this ad (e.g. moderation details of an ad not removed).
    NotApplicable,
    /// A placeholder instead of a value ("These ads ran without a disclaimer"): missing.
    Sentinel,
    /// A value that cannot be read (impossible date, bad bucket): missing, and reported.
    Invalid,
}

impl FieldState {
    /// Every state, in report order.
    pub const ALL: [FieldState; 7] = [
        FieldState::Present,
        FieldState::Null,
        FieldState::Absent,
        FieldState::NotRequested,
        FieldState::NotApplicable,
        FieldState::Sentinel,
        FieldState::Invalid,
    ];

    /// The snake_case name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            FieldState::Present => "present",
            FieldState::Null => "null",
            FieldState::Absent => "absent",
            FieldState::NotRequested => "not_requested",
            FieldState::NotApplicable => "not_applicable",
            FieldState::Sentinel => "sentinel",
            FieldState::Invalid => "invalid",
        }
    }
}

/// The state of every [`Field`] in one record (one byte each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FieldStates([FieldState; 22]);

impl FieldStates {
    /// All fields absent.
    pub fn new() -> Self {
        Self::default()
    }

    /// The state of `field`.
    pub fn get(&self, field: Field) -> FieldState {
        self.0[field.index()]
    }

    /// Sets the state of `field`.
    pub fn set(&mut self, field: Field, state: FieldState) {
        self.0[field.index()] = state;
    }

    /// True when `field` is present.
    pub fn has(&self, field: Field) -> bool {
        self.get(field) == FieldState::Present
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_round_trip() {
        for f in Field::ALL {
            assert_eq!(Field::from_name(f.name()), Some(f));
        }
        for (i, f) in Field::ALL.iter().enumerate() {
            assert_eq!(f.index(), i);
        }
    }

    #[test]
    fn states_default_to_absent() {
        let mut s = FieldStates::new();
        assert_eq!(s.get(Field::Payer), FieldState::Absent);
        s.set(Field::Payer, FieldState::Present);
        assert!(s.has(Field::Payer));
    }
}
