"""Ads: audits of political-ad archives for removed, missing and inconsistent ads, with
evidence; keyword search across collections.

Every function returns plain Python objects with the same JSON shape as the Rust API, the Node
package and the CLI; errors are :class:`disinfo.DisinfoError` subclasses with a stable ``.code``.

Generated from the operation specs of the Rust core (crates/disinfo/src/api). Do not edit:
run `DISINFO_UPDATE_GENERATED=1 cargo test -p disinfo --test generated` after changing them.
"""

from __future__ import annotations

import datetime
import os
from typing import Any, Callable, Literal, Mapping, Sequence, Union, cast

from typing_extensions import NotRequired, TypedDict, Unpack

from disinfo import _native
from disinfo import _progress
from disinfo._extra import ads as _extra
from disinfo._extra.ads import *  # noqa: F401,F403

__all__ = [
    "audit",
    "audit_shard",
    "audit_merge",
    "review_campaign",
    "review_assign",
    "review_summary",
    "review_export",
    "review_agreement",
    "review_questionnaire",
    "render",
    "search",
    "generate",
    "AdStatus",
    "AdSummary",
    "AdText",
    "AdvertiserRow",
    "AdvertiserRowInput",
    "Agreement",
    "AgreementOptions",
    "Answer",
    "AnswerValue",
    "AssignOptions",
    "Assignment",
    "AuditOptions",
    "AuditOptionsInput",
    "AuditReport",
    "AuditReportInput",
    "AuditShard",
    "AuditShardInput",
    "Campaign",
    "CampaignCollection",
    "CampaignCounts",
    "CampaignInput",
    "CampaignOptions",
    "Choice",
    "ChoiceAgreement",
    "Cited",
    "CollectionArg",
    "CollectionSummary",
    "Conclusion",
    "Condition",
    "CountryRow",
    "CoverageRow",
    "CoverageRowInput",
    "CsvTable",
    "DeclaredTotals",
    "DeclaredTotalsInput",
    "DescribedFolder",
    "Disappeared",
    "Evidence",
    "Evidence2",
    "ExportFormat",
    "ExportOptions",
    "ExportTable",
    "FileInfo",
    "FindingCount",
    "FindingGroup",
    "Format",
    "GenerateOptions",
    "ItemEstimate",
    "KeyText",
    "Level",
    "Locator",
    "Majority",
    "MatchedAd",
    "Metric",
    "NextAd",
    "Note",
    "Order",
    "PairAgreement",
    "PairReport",
    "Question",
    "QuestionInput",
    "QuestionKind",
    "QuestionSummary",
    "Questionnaire",
    "QuestionnaireInput",
    "Range",
    "Rates",
    "Reason",
    "Rejected",
    "RenderOptions",
    "ReportFormat",
    "ReviewAd",
    "ReviewSummary",
    "ReviewerModel",
    "SearchHit",
    "SearchOptions",
    "SearchResult",
    "Severity",
    "Sizes",
    "Tally",
    "StrPath",
    "TimeLike",
]
__all__ += _extra.__all__

StrPath = Union[str, "os.PathLike[str]"]
"""A file system path: a ``str`` or an ``os.PathLike`` such as ``pathlib.Path``."""

TimeLike = Union[str, "datetime.datetime"]
"""A date-time: RFC 3339 text (``2024-05-01T00:00:00Z``) or a timezone-aware ``datetime``."""

# --- types ---------------------------------------------------------------------------

AdStatus = Literal["disappeared", "changed", "present"]
"""What happened to an ad across the collections."""

class AdSummary(TypedDict):
    """One reviewed ad."""

    contested: bool
    """Its reviewers disagree on some single-choice question."""
    item: str
    """The ad's item id."""
    questions: dict[str, Conclusion]
    """Per question."""
    raw_hash: str
    """SHA-256 of its raw record (the campaign's evidence)."""
    reviews: int
    """Reviewers who answered it."""
    status: AdStatus
    """What happened to it in the archive."""

class AdText(TypedDict):
    """A text of the ad as the archive has it."""

    field: str
    """Where in the record: a JSON pointer (`/ad_creative_body`) or a CSV column."""
    text: str
    """The text (cut at 5,000 characters)."""

AdvertiserRow = TypedDict(
    "AdvertiserRow",
    {
        "ads": int,
        "advertiser_id": str,
        "advertiser_name": NotRequired[Union[str, None]],
        "disappeared": int,
        "disappeared_spend_hi": Union[int, None],
        "disappeared_spend_lo": int,
        "from": str,
        "missing_payer": int,
        "missing_payer_share": float,
        "to": str,
        "unexplained": int,
    },
)
"""One advertiser in one pair."""

AdvertiserRowInput = TypedDict(
    "AdvertiserRowInput",
    {
        "ads": int,
        "advertiser_id": str,
        "advertiser_name": NotRequired[Union[str, None]],
        "disappeared": int,
        "disappeared_spend_hi": NotRequired[Union[int, None]],
        "disappeared_spend_lo": int,
        "from": str,
        "missing_payer": int,
        "missing_payer_share": float,
        "to": str,
        "unexplained": int,
    },
)
"""One advertiser in one pair."""

class Agreement(TypedDict):
    """An agreement measured on a set of answers."""

    answers: int
    """Answers to measured items."""
    items: int
    """Items with at least two answers (the ones measured)."""
    level: NotRequired[Level | None]
    """Its level of measurement (Krippendorff's alpha)."""
    metric: Metric
    """The measure."""
    reviewers: int
    """Reviewers with at least one answer to a measured item."""
    undefined: NotRequired[str | None]
    """Why the value is undefined, when it is."""
    value: float | None
    """The value: 1 is perfect agreement, 0 what chance gives; `null` when undefined."""

class AgreementOptions(TypedDict):
    """Options of `agreement`."""

    level: NotRequired[Level]
    """Krippendorff's alpha: `nominal` (default), `ordinal`, `interval` or `ratio`."""
    metric: NotRequired[Metric]
    """`krippendorff-alpha` (default) or `fleiss-kappa`."""
    order: NotRequired[list[str] | None]
    """Ordinal level with text answers: the values from lowest to highest (every answer must
    be one of them). Numbers are ordered as numbers without it.
    """
    question: NotRequired[str | None]
    """The question measured, when the answers are to several."""

class Answer(TypedDict):
    """One reviewer's answer to one question about one item."""

    answer: AnswerValue
    """The answer."""
    item: str
    """The item (an ad's key in a campaign)."""
    question: NotRequired[str]
    """The question's id (empty when the answers are to one question)."""
    reviewer: str
    """Who answered."""

AnswerValue = Union[float, str, list[str]]
"""What a reviewer answered: a number, a text (a choice's id, a free text) or, for a
multiple-choice question, the ids of the choices ticked.
"""

class AssignOptions(TypedDict):
    """Options of `next_ads`."""

    count: NotRequired[int]
    """How many ads to return at most (default 1)."""
    extra_for_disagreement: NotRequired[int]
    """More reviewers an ad gets when its reviewers disagree (default 2)."""
    pending: NotRequired[list[Assignment]]
    """Ads handed out and not answered yet."""
    skipped: NotRequired[list[Assignment]]
    """Ads reviewers skipped (never shown to them again; no answer counted)."""

class Assignment(TypedDict):
    """An ad and a reviewer."""

    item: str
    """The ad's item id."""
    reviewer: str
    """The reviewer."""

class AuditOptions(TypedDict):
    """Options of an audit. Deserialisable from JSON; every field has a default."""

    evidence_limit: int
    """Evidence items kept per rule and kind (counts are always complete). Default 1000."""
    late_after_hours: int
    """An added ad first shown more than this many hours before the previous collection was
    published late (rule ADS004). Default 48.
    """
    regimes: list[str]
    """Regimes whose mandatory fields are checked: `dsa_39_2` (default), `dsa_39_3`,
    `ttpa_12`, `platform_pledge`.
    """
    retention_days: dict[str, int]
    """Retention in days after last shown, per platform (`*` for any). Default `{"*": 365}`
    (DSA art. 39(1): one year after the ad was presented for the last time).
    """
    share_tolerance: float
    """Tolerance for percentages summing to 1 and per-country sums (rule ADS014). Default 0.02."""
    shared_payer_min_advertisers: int
    """A payer funding at least this many advertisers is reported (rule ADS012). Default 3."""
    strict: bool
    """Strict mode (default): the first unreadable record or file is an error. Lenient: it is
    reported in `rejected` and as an `ADS013` finding.
    """

class AuditOptionsInput(TypedDict):
    """Options of an audit. Deserialisable from JSON; every field has a default."""

    evidence_limit: NotRequired[int]
    """Evidence items kept per rule and kind (counts are always complete). Default 1000."""
    late_after_hours: NotRequired[int]
    """An added ad first shown more than this many hours before the previous collection was
    published late (rule ADS004). Default 48.
    """
    regimes: NotRequired[list[str]]
    """Regimes whose mandatory fields are checked: `dsa_39_2` (default), `dsa_39_3`,
    `ttpa_12`, `platform_pledge`.
    """
    retention_days: NotRequired[dict[str, int]]
    """Retention in days after last shown, per platform (`*` for any). Default `{"*": 365}`
    (DSA art. 39(1): one year after the ad was presented for the last time).
    """
    share_tolerance: NotRequired[float]
    """Tolerance for percentages summing to 1 and per-country sums (rule ADS014). Default 0.02."""
    shared_payer_min_advertisers: NotRequired[int]
    """A payer funding at least this many advertisers is reported (rule ADS012). Default 3."""
    strict: NotRequired[bool]
    """Strict mode (default): the first unreadable record or file is an error. Lenient: it is
    reported in `rejected` and as an `ADS013` finding.
    """

class AuditReport(TypedDict):
    """The audit report: the JSON contract shared by Rust, Python, Node and the CLI."""

    advertisers: list[AdvertiserRow]
    """Pairs per advertiser."""
    collections: list[CollectionSummary]
    """Collections, in the order given."""
    countries: list[CountryRow]
    """Pairs per country."""
    coverage: list[CoverageRow]
    """Field coverage per regime."""
    evidence: list[Evidence]
    """Evidence, bounded per rule and kind by `evidence_limit`."""
    findings: list[FindingCount]
    """Counts per rule and kind."""
    library: str
    """`disinfo-ads <version>`."""
    notes: list[Note]
    """Facts about the input to know before reading the rest (nothing to compare, query keys
    not understood, credentials dropped), audit-wide first, then per collection in order.
    """
    pairs: list[PairReport]
    """Consecutive pairs."""
    regimes: list[str]
    """Regimes checked."""
    rejected: list[Rejected]
    """What could not be read, per collection, with locators."""
    violations: int
    """Number of violations (findings of severity `violation`)."""

class AuditReportInput(TypedDict):
    """The audit report: the JSON contract shared by Rust, Python, Node and the CLI."""

    advertisers: list[AdvertiserRowInput]
    """Pairs per advertiser."""
    collections: list[CollectionSummary]
    """Collections, in the order given."""
    countries: list[CountryRow]
    """Pairs per country."""
    coverage: list[CoverageRowInput]
    """Field coverage per regime."""
    evidence: list[Evidence]
    """Evidence, bounded per rule and kind by `evidence_limit`."""
    findings: list[FindingCount]
    """Counts per rule and kind."""
    library: str
    """`disinfo-ads <version>`."""
    notes: NotRequired[list[Note]]
    """Facts about the input to know before reading the rest (nothing to compare, query keys
    not understood, credentials dropped), audit-wide first, then per collection in order.
    """
    pairs: list[PairReport]
    """Consecutive pairs."""
    regimes: list[str]
    """Regimes checked."""
    rejected: list[Rejected]
    """What could not be read, per collection, with locators."""
    violations: int
    """Number of violations (findings of severity `violation`)."""

class AuditShard(TypedDict):
    """What shard `shard` of `shards` found: the report of its ads and what the merge needs."""

    advertiser_names: list[Order | None]
    """Per row of `report.advertisers`: the order of the ad whose name the row shows."""
    declared: list[DeclaredTotals]
    """Per collection: the totals it declares."""
    groups: list[FindingGroup]
    """Findings per rule and kind, with the order of each evidence item kept."""
    options: AuditOptions
    """The audit's options (the same in every shard)."""
    report: AuditReport
    """The report of this shard's ads: per collection, the files and their counts are the
    whole collection's (every shard reads every file), the duplicates and distinct ads this
    shard's; pairs, countries, advertisers and coverage count this shard's ads; findings,
    violations and evidence are empty (see `groups`); rejected records and notes are listed
    by the first shard only.
    """
    shard: int
    """This shard, below `shards`."""
    shards: int
    """Number of shards."""
    tallies: list[Tally]
    """Per collection: what the whole-collection checks need of this shard's ads."""

class AuditShardInput(TypedDict):
    """What shard `shard` of `shards` found: the report of its ads and what the merge needs."""

    advertiser_names: list[Order | None]
    """Per row of `report.advertisers`: the order of the ad whose name the row shows."""
    declared: list[DeclaredTotalsInput]
    """Per collection: the totals it declares."""
    groups: list[FindingGroup]
    """Findings per rule and kind, with the order of each evidence item kept."""
    options: AuditOptionsInput
    """The audit's options (the same in every shard)."""
    report: AuditReportInput
    """The report of this shard's ads: per collection, the files and their counts are the
    whole collection's (every shard reads every file), the duplicates and distinct ads this
    shard's; pairs, countries, advertisers and coverage count this shard's ads; findings,
    violations and evidence are empty (see `groups`); rejected records and notes are listed
    by the first shard only.
    """
    shard: int
    """This shard, below `shards`."""
    shards: int
    """Number of shards."""
    tallies: list[Tally]
    """Per collection: what the whole-collection checks need of this shard's ads."""

class Campaign(TypedDict):
    """A review campaign: the ads, the questionnaire and how many reviewers answer each ad."""

    ads: list[ReviewAd]
    """The ads, in review priority."""
    collections: list[CampaignCollection]
    """The collections, oldest first."""
    counts: CampaignCounts
    """Ads by status."""
    id: str
    """Its id."""
    questionnaire: Questionnaire
    """The questionnaire."""
    reviewers_per_ad: int
    """Reviewers who answer each ad."""

class CampaignCollection(TypedDict):
    """A collection the campaign was built from."""

    collected_at: str
    """When it was collected."""
    countries: list[str]
    """The countries the collection was queried for (an ad's own countries are often absent:
    Meta's archive gives regions, not countries).
    """
    id: str
    """Its id."""
    platform: str
    """The platform."""
    rejected: int
    """Records that could not be read (lenient loading)."""

class CampaignCounts(TypedDict):
    """Ads of a campaign, by status."""

    changed: int
    """Ads that changed."""
    disappeared: int
    """Ads that disappeared."""
    left_out: int
    """Ads seen but left out (`max_ads`, `only_disappeared_or_changed`)."""
    present: int
    """Other ads."""

class CampaignInput(TypedDict):
    """A review campaign: the ads, the questionnaire and how many reviewers answer each ad."""

    ads: list[ReviewAd]
    """The ads, in review priority."""
    collections: list[CampaignCollection]
    """The collections, oldest first."""
    counts: CampaignCounts
    """Ads by status."""
    id: str
    """Its id."""
    questionnaire: QuestionnaireInput
    """The questionnaire."""
    reviewers_per_ad: int
    """Reviewers who answer each ad."""

class CampaignOptions(TypedDict):
    """Options of `campaign`."""

    id: NotRequired[str | None]
    """The campaign's id (default: `review-` and the latest collection's id)."""
    max_ads: NotRequired[int | None]
    """Keep only the first ads by priority (default: every ad)."""
    only_disappeared_or_changed: NotRequired[bool]
    """Keep only ads that disappeared or changed (default false: every ad)."""
    questionnaire: NotRequired[QuestionnaireInput | None]
    """The questionnaire (default: the French one)."""
    reviewers_per_ad: NotRequired[int]
    """Reviewers who answer each ad (default 3, at most 50)."""
    strict: NotRequired[bool]
    """Strict loading (default false: review what can be read; the rest is counted)."""

class Choice(TypedDict):
    """One choice of a question."""

    id: str
    """Its id (letters, digits, `_` and `-`): what answers hold."""
    label: dict[str, str]
    """The choice as shown."""
    law: NotRequired[str | None]
    """The legal reference this answer puts in question."""
    missing: NotRequired[bool]
    """A "cannot tell": no answer for the agreement measures and the consensus."""

class ChoiceAgreement(TypedDict):
    """Agreement on one choice of a multiple-choice question (ticked or not)."""

    alpha: Agreement
    """Krippendorff's alpha (nominal) of ticked or not."""
    choice: str
    """The choice."""
    ticked: int
    """Answers that ticked it."""

class Cited(TypedDict):
    """One observation cited as evidence."""

    collected_at: str
    """The collection's `collected_at`."""
    locator: Locator
    """Where the record is."""
    raw_hash: NotRequired[str | None]
    """SHA-256 of the raw record (hex)."""

CollectionArg = Union[StrPath, "DescribedFolder"]
"""A collection to audit: its folder (with a `collection.json`), or a folder of raw files
described here (for archives downloaded without one).
"""

class CollectionSummary(TypedDict):
    """One collection as loaded."""

    accepted: int
    """Records accepted (duplicates included)."""
    collected_at: str
    """When collected."""
    declared_total: NotRequired[int | None]
    """Declared total, if any."""
    duplicates: int
    """Later observations of an id already seen."""
    files: list[FileInfo]
    """Files with their hashes."""
    id: str
    """Id."""
    platform: str
    """Platform."""
    read: int
    """Records read."""
    rejected: int
    """Records or parts rejected."""
    termination: str
    """How the run ended."""
    unique_ads: int
    """Distinct ads."""

class Conclusion(TypedDict):
    """What the reviewers concluded about one question of one ad."""

    estimate: NotRequired[ItemEstimate | None]
    """The Dawid–Skene estimate (single choice)."""
    majority: NotRequired[Majority | None]
    """The majority (single choice)."""
    ticked: NotRequired[dict[str, int]]
    """Votes per choice (multiple choice: how many ticked each)."""

class Condition(TypedDict):
    """A question's condition: asked only when `question` was answered with one of `any_of`."""

    any_of: list[str]
    """The choices that make this question asked."""
    question: str
    """An earlier single- or multiple-choice question."""

CountryRow = TypedDict(
    "CountryRow",
    {
        "added": int,
        "common": int,
        "country": str,
        "disappeared": "Disappeared",
        "from": str,
        "rates": "Rates",
        "sizes": "Sizes",
        "to": str,
    },
)
"""One pair restricted to one country."""

class CoverageRow(TypedDict):
    """Field coverage of one collection for one regime field (optionally one country)."""

    collection: str
    """Collection id."""
    country: NotRequired[str | None]
    """Country, or `None` for the whole collection."""
    coverage: float | None
    """present / (total - not_applicable - not_requested), 4 decimals; `None` when nothing applies."""
    field: str
    """Canonical field."""
    regime: str
    """Regime name."""
    states: dict[str, int]
    """Counts per field state (`present`, `null`, `absent`, `not_requested`,
    `not_applicable`, `sentinel`, `invalid`).
    """
    total: int
    """Ads considered."""

class CoverageRowInput(TypedDict):
    """Field coverage of one collection for one regime field (optionally one country)."""

    collection: str
    """Collection id."""
    country: NotRequired[str | None]
    """Country, or `None` for the whole collection."""
    coverage: NotRequired[float | None]
    """present / (total - not_applicable - not_requested), 4 decimals; `None` when nothing applies."""
    field: str
    """Canonical field."""
    regime: str
    """Regime name."""
    states: dict[str, int]
    """Counts per field state (`present`, `null`, `absent`, `not_requested`,
    `not_applicable`, `sentinel`, `invalid`).
    """
    total: int
    """Ads considered."""

CsvTable = Literal["pairs", "countries", "advertisers", "coverage", "evidence", "rejected", "notes"]
"""A table of the report written as CSV."""

class DeclaredTotals(TypedDict):
    """Totals the platform declared for the collection (e.g. "13,550 results")."""

    ads: int | None
    """Number of ads declared."""
    per_country: dict[str, int]
    """Number of ads declared per country."""

class DeclaredTotalsInput(TypedDict):
    """Totals the platform declared for the collection (e.g. "13,550 results")."""

    ads: NotRequired[int | None]
    """Number of ads declared."""
    per_country: NotRequired[dict[str, int]]
    """Number of ads declared per country."""

class DescribedFolder(TypedDict):
    """A folder of raw files without `collection.json`, and what the audit needs to know about it."""

    collected_at: str
    """When the collection was taken (RFC 3339)."""
    countries: NotRequired[list[str]]
    """The query's countries (ISO 3166-1 alpha-2)."""
    dir: StrPath
    """The folder of raw files."""
    id: NotRequired[str | None]
    """The collection's id in the report (default: the folder's name)."""
    input_format: NotRequired[str | None]
    """The adapter (`meta_json`, `google_csv`, ...; default: detected from the platform and the
    file names).
    """
    platform: str
    """The platform: `meta`, `google`, `tiktok`, `snapchat` or any other name."""

class Disappeared(TypedDict):
    """Disappeared ads by class (rule ADS002), each ad in the first class that applies, in the
    order of the fields.
    """

    moderated: int
    """The platform said it removed or restricted the ad."""
    reappeared: int
    """Back in a later collection (flapping), not removed."""
    reattributed: int
    """Same native id present in `to` under another scope (advertiser)."""
    retention_expired: int
    """Past the retention period (e.g. DSA: one year after last shown)."""
    total: int
    """All ads of `from` missing from `to`."""
    unexplained: int
    """None of the above."""

class Evidence(TypedDict):
    """One piece of evidence for a finding."""

    ad: NotRequired[KeyText | None]
    """The ad, when the finding is about one ad."""
    article: NotRequired[str | None]
    """Legal reference."""
    collections: list[str]
    """Collections involved."""
    delta: NotRequired[int | None]
    """A signed difference (a cumulative figure going down, a count mismatch)."""
    detail: str
    """Human-readable explanation."""
    field: NotRequired[str | None]
    """The field concerned."""
    kind: str
    """Sub-kind within the rule (`unexplained`, `payer_missing`, ...)."""
    observations: list[Cited]
    """The observations cited (raw hash and locator)."""
    rule: str
    """Rule id."""
    severity: Severity
    """Severity."""

class Evidence2(TypedDict):
    """Where the ad's latest record is: what an answer about it stands on."""

    collection: str
    """The collection."""
    locator: Locator
    """The file and the record in it."""
    raw_hash: str
    """SHA-256 of the record's raw bytes (hex); empty when the file changed since."""

ExportFormat = Literal["json", "csv"]
"""The format of an export."""

class ExportOptions(TypedDict):
    """Options of `export`."""

    format: NotRequired[ExportFormat]
    """`json` (default) or `csv`."""
    table: NotRequired[ExportTable | None]
    """With `csv`: `answers` (default), `ads`, `agreement`, `pairs` or `reviewers`."""

ExportTable = Literal["answers", "ads", "agreement", "pairs", "reviewers"]
"""The tables of a CSV export."""

class FileInfo(TypedDict):
    """One raw file of a collection."""

    accepted: int
    """Records accepted."""
    bytes: int
    """Size in bytes."""
    format: Format
    """The adapter used."""
    path: str
    """Path relative to the collection folder (`/` separators)."""
    read: int
    """Records read (accepted + rejected)."""
    rejected: int
    """Records or parts rejected."""
    sha256: str
    """SHA-256 of the file's bytes (hex)."""

class FindingCount(TypedDict):
    """Counts of one rule and kind."""

    article: NotRequired[str | None]
    """Legal reference."""
    count: int
    """Number of findings (complete)."""
    evidence_omitted: int
    """Findings counted but not listed in `evidence` (over `evidence_limit`)."""
    kind: str
    """Sub-kind."""
    rule: str
    """Rule id."""
    severity: Severity
    """Severity."""

class FindingGroup(TypedDict):
    """One rule and kind of a sink, as a shard of an audit hands it over."""

    count: int
    """Findings counted."""
    evidence: list[tuple[Order, Evidence]]
    """The first evidence items (at most the limit), each with its order."""
    kind: str
    """Sub-kind."""
    rule: str
    """Rule id."""
    severity: Severity
    """The highest severity found."""

Format = Literal["meta_json", "meta_report_csv", "google_csv", "google_atc", "tiktok", "snapchat_csv", "jsonl"]
"""The file formats the crate reads."""

class GenerateOptions(TypedDict):
    """Options of `generate`."""

    ads: NotRequired[int | None]
    """`bench`: ads per collection (default 1,000,000)."""
    days: NotRequired[int | None]
    """`bench`: the number of daily collections (default 7)."""
    seed: NotRequired[int]
    """The generator's seed (default 2019)."""

class ItemEstimate(TypedDict):
    """An item's estimated class."""

    answer: str
    """The most probable class."""
    posterior: list[float]
    """Probability of every class, in the order of `classes`."""
    probability: float
    """Its probability."""

class KeyText(TypedDict):
    """The key of an ad in a report."""

    id: str
    """Native id."""
    scope: NotRequired[str | None]
    """Scope (Google advertiser id)."""

Level = Literal["nominal", "ordinal", "interval", "ratio"]
"""The level of measurement of the answers (Krippendorff's alpha)."""

class Locator(TypedDict):
    """A human- and machine-readable locator: the file plus a JSON pointer, a line or a CSV row."""

    collection: str
    """The collection id."""
    file: str
    """The file, relative to the collection folder."""
    line: NotRequired[int | None]
    """1-based line, for JSONL files."""
    pointer: NotRequired[str | None]
    """JSON pointer of the record (`/data/17`), for JSON files."""
    row: NotRequired[int | None]
    """1-based row number in the file (the header is row 1), for CSV files."""

class Majority(TypedDict):
    """The majority answer to one item."""

    answer: str | None
    """The answer most reviewers gave; `null` on a tie."""
    answers: int
    """Answers to the item."""
    tied: NotRequired[list[str]]
    """The answers tied for the most votes (empty without a tie)."""
    votes: int
    """Votes of the leading answer(s)."""

class MatchedAd(TypedDict):
    """Per matched ad: who ran it, where it matched and where it is present at all."""

    ad: KeyText
    """The ad."""
    advertiser_name: NotRequired[str | None]
    """The page or advertiser name where it first matched."""
    excerpt: str
    """The text around its first match."""
    matched_in: list[str]
    """Collections in which it matched."""
    missing_from: list[str]
    """Collections (after the first match) from which it is missing."""
    payer: NotRequired[str | None]
    """Who paid, where it first matched."""
    present_in: list[str]
    """Collections in which the ad is present."""

Metric = Literal["krippendorff-alpha", "fleiss-kappa"]
"""An agreement measure."""

class NextAd(TypedDict):
    """An ad handed out to a reviewer."""

    item: str
    """The ad's item id."""
    reason: Reason
    """Why it is handed out."""
    reviews: int
    """Reviewers who answered it so far."""

class Note(TypedDict):
    """A fact about the audit's input that the reader must know to read the report right, but
    that is neither a finding nor an error: only one collection was given, a query key was not
    understood, a credential was dropped.
    """

    code: str
    """Stable snake_case code, one of `NOTE_CODES`."""
    collection: NotRequired[str | None]
    """The collection it is about, when it is about one."""
    message: str
    """What it means, in words."""

Order = list[int]
"""Where a finding comes in the audit's sequence of findings: the check (`stage`), the pair or
collection it walks (`unit`), the step within it (`step`), then the record
(`file`, `record`) or the rank of the collection-wide item. Findings of one rule and kind
are found in increasing order; findings at the same order keep the order they were found in.
"""

class PairAgreement(TypedDict):
    """Agreement of two reviewers on the ads both answered."""

    alpha: float | None
    """Krippendorff's alpha of the two; `null` when undefined."""
    items: int
    """Ads both answered (with an answer other than "cannot tell")."""
    reviewers: list[str]
    """The two reviewers."""

PairReport = TypedDict(
    "PairReport",
    {
        "added": int,
        "common": int,
        "comparable": bool,
        "disappeared": "Disappeared",
        "from": str,
        "late_published": int,
        "rates": "Rates",
        "reasons": list[str],
        "sizes": "Sizes",
        "status": str,
        "to": str,
    },
)
"""One consecutive pair of collections."""

class Question(TypedDict):
    """One question."""

    choices: NotRequired[list[Choice]]
    """The choices (single and multiple)."""
    help: NotRequired[dict[str, str] | None]
    """What a reviewer needs to know to answer."""
    id: str
    """Its id (letters, digits, `_` and `-`)."""
    kind: QuestionKind
    """How it is answered."""
    label: dict[str, str]
    """The question as asked."""
    level: Level
    """Level of measurement of a single-choice question's answers, for Krippendorff's alpha:
    `nominal` (default) or `ordinal` (the choices in order).
    """
    required: bool
    """Must be answered whenever it is asked (default true)."""
    when: NotRequired[Condition | None]
    """Asked only when an earlier question got one of some answers."""

class QuestionInput(TypedDict):
    """One question."""

    choices: NotRequired[list[Choice]]
    """The choices (single and multiple)."""
    help: NotRequired[dict[str, str] | None]
    """What a reviewer needs to know to answer."""
    id: str
    """Its id (letters, digits, `_` and `-`)."""
    kind: QuestionKind
    """How it is answered."""
    label: dict[str, str]
    """The question as asked."""
    level: NotRequired[Level]
    """Level of measurement of a single-choice question's answers, for Krippendorff's alpha:
    `nominal` (default) or `ordinal` (the choices in order).
    """
    required: NotRequired[bool]
    """Must be answered whenever it is asked (default true)."""
    when: NotRequired[Condition | None]
    """Asked only when an earlier question got one of some answers."""

QuestionKind = Literal["single", "multiple", "text"]
"""How a question is answered."""

class QuestionSummary(TypedDict):
    """One question over the whole campaign."""

    alpha: NotRequired[Agreement | None]
    """Krippendorff's alpha at the question's level (single choice)."""
    answers: int
    """Answers to it."""
    cannot_tell: int
    """Answers that were "cannot tell"."""
    choices: NotRequired[dict[str, int]]
    """Answers per choice."""
    converged: NotRequired[bool | None]
    """Whether Dawid–Skene converged (single choice)."""
    kappa: NotRequired[Agreement | None]
    """Fleiss' kappa (single choice)."""
    kind: QuestionKind
    """How it is answered."""
    pairs: NotRequired[list[PairAgreement]]
    """Alpha per pair of reviewers with at least two ads in common (single choice), among the
    100 reviewers with the most answers.
    """
    pairs_left_out: NotRequired[int]
    """Reviewers left out of `pairs` (beyond the 100 with the most answers: the pairs grow as
    the square of the reviewers).
    """
    per_choice: NotRequired[list[ChoiceAgreement]]
    """Agreement per choice (multiple choice)."""
    question: str
    """The question."""
    reviewers: NotRequired[list[ReviewerModel]]
    """Dawid–Skene reliability of each reviewer (single choice)."""

class Questionnaire(TypedDict):
    """A review questionnaire."""

    id: str
    """Its id (kept with every campaign and export)."""
    languages: list[str]
    """The languages every label is written in, the default first."""
    questions: list[Question]
    """The questions, in the order they are asked."""
    title: dict[str, str]
    """Its title."""

class QuestionnaireInput(TypedDict):
    """A review questionnaire."""

    id: str
    """Its id (kept with every campaign and export)."""
    languages: list[str]
    """The languages every label is written in, the default first."""
    questions: list[QuestionInput]
    """The questions, in the order they are asked."""
    title: dict[str, str]
    """Its title."""

class Range(TypedDict):
    """A range with an optional open upper bound: Meta's `{"lower_bound": "100", "upper_bound":
    "199"}`, Google's `10k-100k`, Meta report's `≤100`, TikTok's `1K-10K`.
    """

    hi: NotRequired[int | None]
    """Upper bound (inclusive); `None` is open-ended (`> 10M`, a missing `upper_bound`)."""
    lo: int
    """Lower bound (inclusive)."""

class Rates(TypedDict):
    """Rates of a pair (rule ADS003), rounded to 4 decimals."""

    gross: float
    """disappeared / |from|."""
    net: float
    """(|from| - |to|) / |from|."""
    unexplained: float
    """unexplained / |from|."""

Reason = Literal["disagreed", "unreviewed", "needs_more"]
"""Why an ad is handed out."""

class Rejected(TypedDict):
    """Something that could not be read, with its locator (lenient mode)."""

    code: str
    """Stable code (`malformed_json`, `malformed_record`, `missing_id`, `missing_column`,
    `wrong_field_count`).
    """
    locator: Locator
    """Where."""
    message: str
    """What is wrong."""
    raw_hash: NotRequired[str | None]
    """SHA-256 of the raw bytes, if any (hex)."""

class RenderOptions(TypedDict):
    """Options of `render`."""

    format: NotRequired[ReportFormat]
    """`markdown` (default), `json` or `csv`."""
    table: NotRequired[CsvTable | None]
    """With `csv`: the table (`pairs`, the default, `countries`, `advertisers`, `coverage`,
    `evidence`, `rejected`, `notes`).
    """

ReportFormat = Literal["json", "markdown", "csv"]
"""An output format of `render`."""

class ReviewAd(TypedDict):
    """One ad to review."""

    advertiser_id: NotRequired[str | None]
    """The page or advertiser id."""
    advertiser_name: NotRequired[str | None]
    """The page or advertiser."""
    countries: list[str]
    """Countries it was shown in (ISO 3166-1 alpha-2)."""
    created: NotRequired[str | None]
    """When it was created (RFC 3339)."""
    currency: NotRequired[str | None]
    """Currency of the spend."""
    evidence: Evidence2
    """The latest record."""
    first_shown: NotRequired[str | None]
    """First shown (RFC 3339)."""
    impressions: NotRequired[Range | None]
    """Impressions range."""
    item: str
    """The item id answers refer to: the ad's id, or `scope/id` where ids are scoped (Google)."""
    last_shown: NotRequired[str | None]
    """Last shown (RFC 3339)."""
    missing_from: list[str]
    """Collections after its first appearance that lack it."""
    payer: NotRequired[str | None]
    """Who paid, as declared."""
    platform: str
    """The platform."""
    present_in: list[str]
    """Collections it is in, oldest first."""
    removed: bool
    """The platform says it removed or restricted it."""
    snapshot_url: NotRequired[str | None]
    """The archive's page of the ad."""
    spend: NotRequired[Range | None]
    """Spend range, in `currency`."""
    status: AdStatus
    """What happened to it."""
    texts: list[AdText]
    """The creative's texts."""

class ReviewSummary(TypedDict):
    """A campaign's answers summed up."""

    ads: int
    """Ads in the campaign."""
    campaign: str
    """The campaign."""
    complete: int
    """Ads with `reviewers_per_ad` reviews or more."""
    contested: list[str]
    """Contested ads, most split first (lowest share for the leading answer)."""
    questionnaire: str
    """The questionnaire."""
    questions: list[QuestionSummary]
    """Per question, in the questionnaire's order."""
    reviewed: int
    """Ads with at least one review."""
    reviewed_ads: list[AdSummary]
    """Reviewed ads, in the campaign's order."""
    reviewers: int
    """Reviewers who answered."""

class ReviewerModel(TypedDict):
    """A reviewer as Dawid–Skene sees them."""

    answers: int
    """Answers they gave."""
    confusion: list[list[float]]
    """`confusion[k][l]`: probability of answering class `l` when the truth is class `k`."""
    reliability: float
    """Probability that their answer is the true class (`Σ_k π_k θ[k][k]`)."""
    reviewer: str
    """The reviewer."""

class SearchHit(TypedDict):
    """One match, readable on its own."""

    ad: KeyText
    """The ad."""
    advertiser_id: NotRequired[str | None]
    """The page or advertiser id, as read."""
    advertiser_name: NotRequired[str | None]
    """The page or advertiser name, as read."""
    collection: str
    """The collection the record is in."""
    excerpt: str
    """The text around the match, on one line, `…` where it was cut."""
    field: str
    """JSON pointer inside the record (`/ad_creative_body`) or the CSV column name."""
    locator: Locator
    """Where the record is (file plus JSON pointer, JSONL line or CSV row); `field` below says
    where in it.
    """
    payer: NotRequired[str | None]
    """Who paid (Meta `bylines` or `funding_entity`, "paid for by"), as read."""
    raw_hash: str
    """SHA-256 of the raw record (hex)."""

class SearchOptions(TypedDict):
    """Options of `search_dirs`."""

    case_insensitive: NotRequired[bool]
    """Match regardless of case (default true)."""
    max_hits: NotRequired[int]
    """Hits listed at most (all are counted). Default 10,000."""
    regex: NotRequired[bool]
    """The pattern is a regular expression (default: a plain keyword)."""
    strict: NotRequired[bool]
    """Strict loading (default false here: search what can be read, report the rest)."""

class SearchResult(TypedDict):
    """The result of a search."""

    ads: list[MatchedAd]
    """Matched ads, sorted by id."""
    hits: list[SearchHit]
    """Matches listed, in collection and file order."""
    hits_omitted: int
    """Matches not listed (over `max_hits`)."""
    pattern: str
    """The pattern."""
    total_hits: int
    """All matches (counted)."""

Severity = Literal["info", "warning", "violation"]
"""How serious a finding is. `violation` makes the CLI exit with 1."""

Sizes = TypedDict(
    "Sizes",
    {
        "from": int,
        "to": int,
    },
)
"""Sizes of a pair."""

class Tally(TypedDict):
    """What the whole-collection checks need to know of a collection's ads, summable over shards."""

    ads: int
    """Distinct ads."""
    countries: dict[str, int]
    """Ads per country (the query's countries for ads without their own), counted only when
    the collection declares totals per country.
    """
    payers: dict[str, list[str]]
    """Payer -> the advertisers it funds (ads with a usable payer and an advertiser id)."""


# --- operations ----------------------------------------------------------------------


def audit(collections: list[CollectionArg], *, progress: _progress.ProgressArg = False, **options: Unpack[AuditOptionsInput]) -> AuditReport:
    """Audit successive collections of an ad repository, oldest first: for each consecutive pair the ads that disappeared (by class: re-attributed, reappeared, moderated, retention expired, unexplained) and were added, the gross, net and unexplained rates, per country and advertiser; field coverage per mandatory field of each regime; findings and violations with their rule, legal article and evidence (collection, locator, raw record hash). A collection is its folder (with `collection.json`) or `{dir, platform, collected_at, countries?, input_format?, id?}` for a folder of raw files. A single collection is checked on its own and the report notes that there is nothing to compare.

    Args:
        collections: The collections, oldest first: folders, or described folders of raw files.
        progress: ``True`` for a progress bar (tqdm's when it is installed), or a tqdm-like object to advance.

    Options are the keys of :class:`AuditOptionsInput`.
    """
    with _progress.observer(progress, "ads.audit") as bar:
        return cast("AuditReport", _native.call("ads.audit", [collections], options, bar))


def audit_shard(collections: list[CollectionArg], shard: int, shards: int, **options: Unpack[AuditOptionsInput]) -> AuditShard:
    """One shard of an `audit` split by ad key (what `disinfo.dask.audit` and `disinfo.spark.audit` run on each worker): every file is read, only the ads whose native id hashes to `shard` (64-bit FNV-1a modulo `shards`) are kept and checked. Returns the shard's counts, findings with the order of each evidence item, and what the whole-collection checks need; `audit_merge` makes the report of the whole audit from all shards.

    Args:
        collections: The collections, oldest first: folders, or described folders of raw files (the same in every shard).
        shard: This shard, from 0 to `shards` - 1.
        shards: Number of shards (at least 1).

    Options are the keys of :class:`AuditOptionsInput`.
    """
    return cast("AuditShard", _native.call("ads.audit_shard", [collections, shard, shards], options))


def audit_merge(shards: list[AuditShardInput]) -> AuditReport:
    """The report of an audit from all its shards (`audit_shard`, each shard once, in any order): counts summed, rates and coverage recomputed, the whole-collection checks (shared payers, declared totals) run on the summed tallies, and per rule and kind the first `evidence_limit` evidence items in the order one process finds them. The same report as `audit` on the same collections.

    Args:
        shards: What `audit_shard` returned for every shard.
    """
    return cast("AuditReport", _native.call("ads.audit_merge", [shards], None))


def review_campaign(collections: list[CollectionArg], **options: Unpack[CampaignOptions]) -> Campaign:
    """A review campaign from collections, oldest first: every ad seen, ads that disappeared first, then ads that changed, then the others (largest spend first within each), each with its texts, page, payer, dates, spend and impressions ranges, countries, snapshot link, the collections it is in and missing from, and its evidence (collection, locator, SHA-256 of the raw record) from its latest observation; the questionnaire (the French default unless given) and how many reviewers answer each ad.

    Args:
        collections: The collections, oldest first: folders, or described folders of raw files.

    Options are the keys of :class:`CampaignOptions`.
    """
    return cast("Campaign", _native.call("ads.review_campaign", [collections], options))


def review_assign(campaign: CampaignInput, answers: list[Answer], reviewer: str, **options: Unpack[AssignOptions]) -> list[NextAd]:
    """The next ads for a reviewer: every ad to `reviewers_per_ad` reviewers, never twice to the same reviewer (nor again after a skip), up to `extra_for_disagreement` more where reviewers disagree; ads with a disagreement first, then ads nobody reviewed, then ads that need more reviews, in the campaign's order. Ads handed out and not answered (`pending`) count as taken.

    Args:
        campaign: What `review_campaign` returned.
        answers: The answers so far.
        reviewer: The reviewer to serve.

    Options are the keys of :class:`AssignOptions`.
    """
    return cast("list[NextAd]", _native.call("ads.review_assign", [campaign, answers, reviewer], options))


def review_summary(campaign: CampaignInput, answers: list[Answer]) -> ReviewSummary:
    """What a campaign's answers add up to: per question the answers per choice, Krippendorff's alpha at the question's level, Fleiss' kappa, alpha per pair of reviewers and the Dawid–Skene reliability of each reviewer (a multiple-choice question: alpha per choice, ticked or not); per reviewed ad the majority (ties reported), the Dawid–Skene estimate and the evidence hash; the contested ads, most split first. "Cannot tell" answers are counted but measured as missing. Answers naming an unknown ad, question or choice are refused with their row.

    Args:
        campaign: What `review_campaign` returned.
        answers: Every answer.
    """
    return cast("ReviewSummary", _native.call("ads.review_summary", [campaign, answers], None))


def review_export(campaign: CampaignInput, answers: list[Answer], **options: Unpack[ExportOptions]) -> str:
    """A campaign's answers exported: `json` (every answer with its ad's evidence, and the summary) or one `csv` table (`answers`, `ads`, `agreement`, `pairs`, `reviewers`), every row with the ad's evidence hash; cells a spreadsheet would run as formulas are defused with a leading `'`.

    Args:
        campaign: What `review_campaign` returned.
        answers: Every answer.

    Options are the keys of :class:`ExportOptions`.
    """
    return cast("str", _native.call("ads.review_export", [campaign, answers], options))


def review_agreement(answers: list[Answer], **options: Unpack[AgreementOptions]) -> Agreement:
    """How far reviewers agree beyond chance: Krippendorff's alpha at the `nominal`, `ordinal`, `interval` or `ratio` level (any number of reviewers per item, missing answers allowed) or Fleiss' kappa. Items with fewer than two answers do not count. `value` is `null`, with the reason in `undefined`, when nothing can be measured (no item with two answers, or every answer the same).

    Args:
        answers: One row per answer: `{item, reviewer, answer, question?}`; `answer` a string or a number (a multiple-choice answer is measured per choice).

    Options are the keys of :class:`AgreementOptions`.
    """
    return cast("Agreement", _native.call("ads.review_agreement", [answers], options))


def review_questionnaire(path: StrPath | None = None) -> Questionnaire:
    """A review questionnaire, read from a `.toml` or `.json` file and checked (ids, labels in every language, conditions on earlier questions and their choices), or the French default: political or issue ad, the election, commercial advertising for electoral propaganda (Code électoral L.52-1), missing sponsor identity or amount (L.163-1), who paid (L.52-8), a foreign payer, a comment.

    Args:
        path: The questionnaire file; the French default when omitted.
    """
    return cast("Questionnaire", _native.call("ads.review_questionnaire", [path], None))


def render(report: AuditReportInput, **options: Unpack[RenderOptions]) -> str:
    """Render an audit report as `markdown` (for people), `json` (the contract) or `csv` (one table).

    Args:
        report: What `audit` returned.

    Options are the keys of :class:`RenderOptions`.
    """
    return cast("str", _native.call("ads.render", [report], options))


def search(pattern: str, collections: list[StrPath], **options: Unpack[SearchOptions]) -> SearchResult:
    """Search collections for a keyword (or a regular expression): every hit with its collection, locator, the text around the match, the page and the payer, and for each matched ad the collections it is present in and missing from (the 2019 team found removed illegal ads this way).

    Args:
        pattern: A keyword, or a regular expression with `regex`.
        collections: The collection folders, oldest first.

    Options are the keys of :class:`SearchOptions`.
    """
    return cast("SearchResult", _native.call("ads.search", [pattern, collections], options))


def generate(scenario: str, out_dir: StrPath, **options: Unpack[GenerateOptions]) -> list[str]:
    """Write a seeded synthetic scenario: `fr2019` (the May 2019 French case: 13,550 then 9,288 Meta v3.3 ads, realistic French political texts) or `bench` (`days` collections of `ads` ads). Returns the collection folders, oldest first.

    Args:
        scenario: `fr2019` or `bench`.
        out_dir: Where the collection folders are written.

    Options are the keys of :class:`GenerateOptions`.
    """
    return cast("list[str]", _native.call("ads.generate", [scenario, out_dir], options))
