// Generated from the operation specs of the Rust core (crates/disinfo/src/api). Do not edit:
// run `DISINFO_UPDATE_GENERATED=1 cargo test -p disinfo --test generated` after changing them.

/// <reference types="node" />

/** Every error thrown by disinfo: an `Error` whose `code` is the stable code shared with Python, Rust and the CLI (`invalid_argument`, `io`, `selector_no_match`, ..., `internal`). */
export interface DisinfoError extends Error {
  code: string
}

/** What this build of the toolkit contains. Deterministic: no dates, no host names. */
export declare interface BuildInfo {
  /** Always `disinfo`. */
  name: string
  /** The four tools, in a fixed order. */
  tools: ToolInfo[]
  /** The toolkit version. */
  version: string
}
/** One tool of the toolkit, as reported by `build_info`. */
export declare interface ToolInfo {
  /** What it implements, by capability name. */
  capabilities: string[]
  /** The tool's name: `terms`, `bots`, `ads`, `encyclopedia` or `chat`. */
  name: string
  /** Whether it can be used. */
  status: ToolStatus
}
/** Whether a tool can be used yet. */
export declare type ToolStatus = 'available' | 'not_implemented' | 'not_built'
/** The toolkit version (the same in Rust, Python, Node and the CLI). */
export declare function version(): string
/** `version` on libuv's thread pool: the same result as a promise. */
export declare function versionAsync(): Promise<string>
/** The version and the tools of this build, each with its status and capabilities. */
export declare function buildInfo(): BuildInfo
/** `buildInfo` on libuv's thread pool: the same result as a promise. */
export declare function buildInfoAsync(): Promise<BuildInfo>

export declare namespace terms {
  /** Who commits the records (OTA collections configure their bot here). */
  export interface Author {
    /** Author and committer e-mail (default `bot@opentermsarchive.org`). */
    email?: string
    /** Author and committer name (default `Open Terms Archive Bot`). */
    name?: string
  }
  /** One extraction job. */
  export interface BatchJob {
    /** The snapshot itself (instead of `snapshot`). */
    content?: string | null
    /** A caller label echoed in the result (default: the 1-based job number). */
    id?: string | null
    /** The document location (the base of relative links), as in OTA's job files. */
    location: string
    /** MIME type (default: sniffed). */
    mimeType?: string | null
    /** `remove` in OTA's syntax. */
    remove?: Selectors | null
    /** `select` in OTA's syntax. */
    select: Selectors
    /** Path of the snapshot file. */
    snapshot?: string | null
  }
  /** The result of one job: `markdown` or `error`. */
  export interface BatchResult {
    /** The error, when it failed. */
    error?: JobError | null
    /** The job's id. */
    id: string
    /** The Markdown, when the job succeeded. */
    markdown?: string | null
  }
  /** One explained change. */
  export interface Change {
    /** What the change means. */
    classification: Classification
    /**
     * The headings the change sits under, outermost first (in the new version; in the old one
     * for a deletion).
     */
    heading_path: string[]
    /** `insert`, `delete`, `replace` or `move`. */
    kind: ChangeKind
    /** The new side. */
    new: Side
    /** The old side. */
    old: Side
    /** For a move: the headings of the old place. */
    old_heading_path?: string[] | null
    /** Why it was classified so, in plain words. */
    reason: string
  }
  /** The kind of edit. */
  export type ChangeKind = 'insert' | 'delete' | 'replace' | 'move'
  /** What a change means for a reader, from least to most significant. */
  export type Classification = 'formatting' | 'editorial' | 'link' | 'substantive'
  /** Options of `extract_declared`. */
  export interface DeclaredOptions {
    /** RFC 3339 date of the snapshots: the declaration in force then (default: the current one). */
    at?: string | null
    /**
     * Path of the service declaration (`Service.json`; its history file beside it is read
     * too). Required.
     */
    declaration: string
    /** `ota` (default) or `canonical`. */
    flavor?: Flavor
    /** MIME type of the snapshots (default: sniffed). */
    mimeType?: string | null
    /** The terms type (`Terms of Service`, `Privacy Policy`, ...). Required. */
    termsType: string
  }
  /** A classified, section-aware diff of two versions. */
  export interface Diff {
    /** The changes, in the order of the new version (deletions at their old place). */
    changes: Change[]
    /**
     * The classification of the whole diff: the most significant of its changes
     * (`formatting` when the texts are identical).
     */
    classification: Classification
    /** The granularity the changes were computed at. */
    granularity: Granularity
    /** True when the two texts are byte-identical. */
    identical: boolean
    /** Why the whole diff got its classification. */
    reason: string
    /** Counts. */
    stats: DiffStats
  }
  /** Options of `diff`. */
  export interface DiffOptions {
    /** Unchanged lines shown around each change in the unified and HTML renderings (default 3). */
    contextLines?: number
    /** Report paragraphs that moved without change as moves (default true). */
    detectMoves?: boolean
    /** Granularity of the changes (default `word`). */
    granularity?: Granularity
    /** Name of the new version in renderings (default `new`). */
    newName?: string
    /** Name of the old version in renderings (default `old`). */
    oldName?: string
  }
  /** Options of `diff_render`: the rendering and the diff's own options. */
  export interface DiffRenderOptions {
    /** Unchanged lines shown around each change in the unified and HTML renderings (default 3). */
    contextLines?: number
    /** Report paragraphs that moved without change as moves (default true). */
    detectMoves?: boolean
    /**
     * `text` (a unified diff), `markdown` (a report) or `html` (a self-contained side-by-side
     * page, the default).
     */
    format?: Format
    /** Granularity of the changes (default `word`). */
    granularity?: Granularity
    /** Name of the new version in renderings (default `new`). */
    newName?: string
    /** Name of the old version in renderings (default `old`). */
    oldName?: string
  }
  /** Counts over the changes of a diff. */
  export interface DiffStats {
    /** Number of changes of each classification. */
    by_classification: Record<string, number>
    /** Number of changes of each kind (`insert`, `delete`, `replace`, `move`). */
    by_kind: Record<string, number>
    /** Lines only in the old version (moves excluded). */
    lines_deleted: number
    /** Lines only in the new version (moves excluded). */
    lines_inserted: number
    /** Similarity of the two versions at line level, between 0 and 1 (1 when identical). */
    similarity: number
  }
  /** The result of tracking a declarations directory. */
  export interface DirectoryReport {
    /** Declaration files that did not load, with the reason (they are not tracked). */
    rejected: Rejected[]
    /** What happened to each tracked document. */
    report: TrackReport
    /** Service files that loaded. */
    services: number
  }
  /** The counts of one terms document (service and terms type). */
  export interface DocumentCounts {
    /** Failures. */
    failures: number
    /** Fetches of combined terms that still lacked a snapshot of another source document. */
    incomplete: number
    /** The service id. */
    service: string
    /** Snapshot commits replayed. */
    snapshots: number
    /** The terms type. */
    terms_type: string
    /** Extractions whose text equals the latest version (nothing recorded). */
    unchanged: number
    /** Versions recorded as technical or declaration upgrades. */
    upgrades: number
    /** Versions recorded (`First record of` and `Record new changes of`). */
    versions: number
  }
  /** The error of an error event. */
  export interface EventError {
    /** The stable error code (`fetch_failed`, `selector_no_match`, ...). */
    code: string
    /** For fetch errors: `http_status`, `timeout`, `too_large`, `network`, ... */
    kind?: FetchErrorKind | null
    /** What went wrong. */
    message: string
    /** The HTTP status, when there was one. */
    status?: number | null
    /** The URL of the source document concerned. */
    url: string
  }
  /** Options of `extract_batch`. */
  export interface ExtractBatchOptions {
    /** `ota` (default) or `canonical`. */
    flavor?: Flavor
  }
  /** Options of `extract`: where the page comes from, what to keep, and how to render it. */
  export interface ExtractOptions {
    /**
     * Filters by name, or `{name: params}` objects (OTA's syntax): OTA's built-in filters and
     * ours; an unknown name is an error.
     */
    filters?: FilterArg[]
    /** `ota` (byte-identical to Open Terms Archive's engine, the default) or `canonical`. */
    flavor?: Flavor
    /** The document's location (URL): the base of relative links. Required. */
    location: string
    /** Snapshots larger than this many bytes are refused with `input_too_large` (100 MiB). */
    maxBytes?: number
    /** Pages nested deeper than this are refused with `nesting_too_deep` (4096). */
    maxDepth?: number
    /** MIME type of the snapshot (default: sniffed; `application/pdf` for `%PDF-`). */
    mimeType?: string | null
    /** What to drop first (same syntax as `select`). */
    remove?: Selectors | null
    /**
     * What to keep: a CSS selector, a range object (`{"startBefore": "h1", "endAfter":
     * "footer"}`) or a list of both, as in Open Terms Archive declarations. Required.
     */
    select: Selectors
  }
  /** Options of an extraction. JSON: `{"flavor": "ota", "max_bytes": 104857600}`. */
  export interface ExtractionSettings {
    /** Markdown flavour (default `ota`). */
    flavor?: Flavor
    /** Snapshots larger than this are refused with `input_too_large` (default 100 MiB). */
    maxBytes?: number
    /** Pages nested deeper than this are refused with `nesting_too_deep` (default 4096). */
    maxDepth?: number
    /** Query parameters the canonical flavour removes (default `DEFAULT_TRACKING_PARAMS`). */
    trackingParams?: string[] | null
  }
  /** Why a fetch failed. */
  export type FetchErrorKind = 'invalid_url' | 'http_status' | 'timeout' | 'too_large' | 'too_many_redirects' | 'network'
  /** A filter as written in a declaration: a name, or `{name: params}`. */
  export type FilterArg = string | Record<string, unknown>
  /** A `filter` item: a name, or `{name: params}`. */
  export interface FilterSpec {
    /** The filter function name. */
    name: string
    /** Its parameters (OTA passes them as the second argument), if any. */
    params: unknown
  }
  /** Which Markdown to write. */
  export type Flavor = 'ota' | 'canonical'
  /** A text rendering of a diff. */
  export type Format = 'text' | 'markdown' | 'html'
  /** How finely a changed region is split into changes. */
  export type Granularity = 'line' | 'word' | 'char'
  /**
   * One change of a repository in `changes`: a `PairSummary` with its document.
   * JSON: the summary's fields beside `service` and `terms_type`.
   */
  export interface HistoryChange {
    /** Number of changes in the diff. */
    changes: number
    /** The classification of the whole diff. */
    classification: Classification
    /** Date of the newer version (RFC 3339). */
    date: string
    /** The full diff when asked for (`include_diffs`). */
    diff?: Diff | null
    /** Commit id of the older version. */
    from: string
    /** How the newer version was recorded. */
    kind: RecordKind
    /** Why. */
    reason: string
    /**
     * When the newer version's text is the text of an earlier version than the older one (an
     * A→B→A flip-flop): the id of the most recent such version, which this one restores.
     */
    reverts: string | null
    /** The service id. */
    service: string
    /** The terms type. */
    terms_type: string
    /** Commit id of the newer version. */
    to: string
  }
  /** Options of `history`). */
  export interface HistoryOptions {
    /** Only changes of these classifications in `changes` (default: all). */
    classification?: Classification[]
    /** Unchanged lines shown around each change in the unified and HTML renderings (default 3). */
    contextLines?: number
    /** Report paragraphs that moved without change as moves (default true). */
    detectMoves?: boolean
    /** Granularity of the changes (default `word`). */
    granularity?: Granularity
    /** Include the full diff of every pair (default false: classification and counts only). */
    includeDiffs?: boolean
    /** At most this many changes in `changes`, the newest (default: all). */
    limit?: number | null
    /** Name of the new version in renderings (default `new`). */
    newName?: string
    /** Name of the old version in renderings (default `old`). */
    oldName?: string
    /** Only this service (all when `None`). */
    service?: string | null
    /**
     * Only changes recorded at or after this date in `changes`: RFC 3339, or a
     * day (its start, UTC). Default: no limit.
     */
    since?: string | null
    /** Only this terms type (all when `None`). */
    termsType?: string | null
    /**
     * Only changes recorded at or before this date in `changes`: RFC 3339, or a
     * day (its end, UTC). Default: no limit.
     */
    until?: string | null
  }
  /** The history of a repository (or of the selected documents). */
  export interface HistoryReport {
    /**
     * Every change of the selected documents in one list, newest first, filtered by
     * `classification`, `since` and `until` and cut at `limit` (without the
     * full diffs, which stay in `terms`).
     */
    changes: HistoryChange[]
    /** Commits walked. */
    commits: number
    /** Commits that are not records (README, licence, ...). */
    skipped_commits: number
    /** Statistics over all selected documents. */
    stats: HistoryStats
    /** Each document's history, by service then terms type. */
    terms: TermsHistory[]
  }
  /** Summary statistics of a history. */
  export interface HistoryStats {
    /** Pairs per classification. */
    by_classification: Record<string, number>
    /** Number of consecutive pairs (changes between versions). */
    changes: number
    /** Date of the first version. */
    first: string | null
    /** Date of the last version. */
    last: string | null
    /** Share of pairs classified `substantive` (0 when there are none), rounded to 4 decimals. */
    substantive_share: number
    /** Versions recorded as technical upgrades (re-extractions, not changes at the source). */
    technical_upgrades: number
    /** Number of versions. */
    versions: number
    /** Versions recorded per calendar year (UTC). */
    versions_per_year: Record<string, number>
  }
  /** The error of a failed job. */
  export interface JobError {
    /** Stable error code. */
    code: string
    /** Message. */
    message: string
  }
  /** What happened to one target in one tracking run. */
  export type Outcome = 'first_record' | 'changed' | 'unchanged' | 'fetch_error' | 'extract_error' | 'record_error'
  /** One change in the history of a document: the pair summarised. */
  export interface PairSummary {
    /** Number of changes in the diff. */
    changes: number
    /** The classification of the whole diff. */
    classification: Classification
    /** Date of the newer version (RFC 3339). */
    date: string
    /** The full diff when asked for (`include_diffs`). */
    diff?: Diff | null
    /** Commit id of the older version. */
    from: string
    /** How the newer version was recorded. */
    kind: RecordKind
    /** Why. */
    reason: string
    /**
     * When the newer version's text is the text of an earlier version than the older one (an
     * A→B→A flip-flop): the id of the most recent such version, which this one restores.
     */
    reverts: string | null
    /** Commit id of the newer version. */
    to: string
  }
  /** Options of `parse_declaration`. */
  export interface ParseDeclarationOptions {
    /** The file name used in errors and, without `.json`, as the service id (`<input>`). */
    file?: string
  }
  /** The DOM range between two nodes: one of `startBefore`/`startAfter` and one of `endBefore`/`endAfter`, each a CSS selector. */
  export interface RangeSelector {
    endAfter?: string
    endBefore?: string
    startAfter?: string
    startBefore?: string
  }
  /** Why a record was written. */
  export type RecordKind = 'first_record' | 'update' | 'technical_upgrade'
  /** A file that did not load. */
  export interface Rejected {
    /** The error code. */
    code: string
    /** The file. */
    file: string
    /** The error message. */
    message: string
  }
  /** One failure: the replay records nothing from this snapshot and goes on. */
  export interface ReplayFailure {
    /** The stable error code (`selector_no_match`, `snapshot_missing_location`, ...). */
    code: string
    /** The snapshot commit (40 hex digits). */
    commit: string
    /** The snapshot's date (RFC 3339, UTC). */
    date: string
    /** What went wrong. */
    message: string
    /** The snapshot file (`<service>/<terms type>.html`), empty when the commit holds none. */
    path: string
    /** The service id, when known. */
    service: string | null
    /** Where it failed. */
    stage: Stage
    /** The terms type, when known. */
    terms_type: string | null
  }
  /**
   * Options of `replay`. JSON (every field optional): `{"service": null, "terms_type": null,
   * "since": null, "until": "2026-06-25", "apply_upgrades": false, "snapshot_id_template":
   * "%SNAPSHOT_ID", "legacy_snapshots": true, "window": 64, "extract": {"flavor": "ota"},
   * "author": {"name": "Open Terms Archive Bot", "email": "bot@opentermsarchive.org"}}`.
   */
  export interface ReplayOptions {
    /**
     * After the replay, re-extract the latest snapshot of every document with the declaration in
     * force at `until` (the current one without `until`) and record `Apply technical or
     * declaration upgrade on …` where the text differs (default false).
     */
    applyUpgrades?: boolean
    /**
     * Author and committer of the versions (default `Open Terms Archive Bot
     * <bot@opentermsarchive.org>`, as OTA's collections commit), whatever the git configuration
     * of the machine says: the same replay gives the same commit ids everywhere.
     */
    author?: Author
    /** Extraction options (default: the `ota` flavour, byte-identical to OTA's engine). */
    extract?: ExtractionSettings
    /**
     * Accept snapshot commits without any trailer, as OTA's engines wrote them before 2025:
     * their location is the one declared (default true). When false they fail with
     * `snapshot_missing_location`. A commit with trailers but no location always fails.
     */
    legacySnapshots?: boolean
    /** Only this service id (default: all). */
    service?: string | null
    /**
     * Replay the snapshots fetched at or after this date: RFC 3339, or a day (its start, UTC).
     * Earlier snapshots are only read as the latest snapshot of combined terms. Default: all.
     */
    since?: string | null
    /**
     * How version commits name their snapshots: `%SNAPSHOT_ID` is replaced by the snapshot
     * commit id (default `%SNAPSHOT_ID`; OTA collections use
     * `https://github.com/<org>/<collection>-snapshots/commit/%SNAPSHOT_ID`).
     */
    snapshotIdTemplate?: string
    /** Only this terms type (default: all). */
    termsType?: string | null
    /**
     * Replay the snapshots fetched at or before this date: RFC 3339, or a day (its end, UTC).
     * Default: all.
     */
    until?: string | null
    /**
     * Fetches extracted in parallel before their versions are written (default 64; 0 is read as
     * 1); memory holds one window of texts.
     */
    window?: number
  }
  /**
   * What a replay did. JSON: `{"engine": ..., "snapshots_read": ..., "documents": [...],
   * "failures": [...], "versions": [...], ...}`.
   */
  export interface ReplayReport {
    /** Commits of the snapshots repository walked. */
    commits: number
    /** Per document, by service then terms type. */
    documents: DocumentCounts[]
    /** The engine named in the `X-engine-version` trailer of each version (`disinfo-terms/<version>`). */
    engine: string
    /** Extractions run (one per fetch of a terms document, plus upgrades). */
    extractions: number
    /** Every failure, by date then commit. */
    failures: ReplayFailure[]
    /** Failures per code. */
    failures_by_code: Record<string, number>
    /** Snapshots per `X-fetcher` trailer (`htmlOnly`, `fullDom`; `none` without trailer). */
    fetchers: Record<string, number>
    /** Fetches of combined terms that still lacked a snapshot of another source document. */
    incomplete: number
    /** Snapshots without any trailer (engines before 2025): their location is the declared one. */
    legacy_snapshots: number
    /**
     * The date of the newest record the versions repository already held: snapshots up to it
     * were not replayed again. `None` for a new repository.
     */
    resumed_after: string | null
    /** The first snapshot date replayed (RFC 3339, UTC), when limited. */
    since: string | null
    /** Commits that are not records (README, licence, merges), as OTA ignores them. */
    skipped_commits: number
    /** Snapshot commits of other services or terms types than the selected ones. */
    snapshots_filtered: number
    /**
     * Snapshot commits outside the date range or before the resume point (read for the latest
     * snapshot of combined terms only).
     */
    snapshots_out_of_range: number
    /** Snapshot commits replayed (in the date range, of the selected documents). */
    snapshots_read: number
    /** Extractions whose text equals the latest version: nothing recorded. */
    unchanged: number
    /** The last snapshot date replayed (RFC 3339, UTC), when limited. */
    until: string | null
    /** Versions recorded as `Apply technical or declaration upgrade on`. */
    upgrades_recorded: number
    /** The versions written, in commit order. */
    versions: VersionInfo[]
    /** Versions recorded (`First record of`, `Record new changes of`). */
    versions_recorded: number
  }
  /** A CSS selector, a range selector, or an array of both (Open Terms Archive's syntax). */
  export type Selectors = string | RangeSelector | Array<string | RangeSelector>
  /** A service: its current declarations and, when a history file exists, the past ones. */
  export interface ServiceDeclaration {
    /** Past declarations by terms type, sorted by `valid_until`. */
    history: Record<string, Terms[]>
    /** The service id (file name without `.json`). */
    id: string
    /** `importedFrom`, when present. */
    imported_from: string | null
    /** The public name (`name`). */
    name: string
    /** Current declarations by terms type. */
    terms: Record<string, Terms>
  }
  /** One side (old or new) of a change. */
  export interface Side {
    /** Where the text is (for an empty side: where the other side's text would go). */
    span: Span
    /** The text of this side (empty for the missing side of an insert or delete). */
    text: string
  }
  /** A source document, with the `combine` defaults already applied. */
  export interface SourceDocument {
    /** Whether OTA runs the page's scripts before extracting (`executeClientScripts`). */
    execute_client_scripts: boolean
    /** Filters, by name (`filter`). */
    filters: FilterSpec[]
    /** The URL to fetch (`fetch`), also the base of relative links. */
    location: string
    /** True when the declaration is OTA's `pdfDocument` form (only `fetch`, a `.pdf` URL). */
    pdf: boolean
    /** What to drop first (`remove`). */
    remove: Selectors | null
    /** What to keep (`select`); `None` only for PDF documents. */
    select: Selectors | null
  }
  /** A region of one version: byte offsets into the UTF-8 text plus a human locator. */
  export interface Span {
    /** 1-based column of `start`, in Unicode scalar values. */
    column: number
    /** Byte offset after the last byte (exclusive); equals `start` for an empty side. */
    end: number
    /** 1-based line of `start`. */
    line: number
    /** Byte offset of the first byte (inclusive). */
    start: number
  }
  /** Where in the replay a failure happened. */
  export type Stage = 'commit' | 'snapshot' | 'declaration' | 'extraction' | 'upgrade'
  /** The declaration of one terms type: one or more source documents. */
  export interface Terms {
    /** True when declared with `combine`. */
    combined: boolean
    /** The source documents, in declared order (joined with `\n\n- - -\n\n` once extracted). */
    source_documents: SourceDocument[]
    /** The last date this declaration applies to (history entries only), inclusive. */
    valid_until: string | null
  }
  /** The history of one terms document. */
  export interface TermsHistory {
    /** The classified change between each version and the next. */
    changes: PairSummary[]
    /** The service id. */
    service: string
    /** Its statistics. */
    stats: HistoryStats
    /** The terms type. */
    terms_type: string
    /** Its versions, oldest first. */
    versions: VersionInfo[]
  }
  /** The report entry of one target. */
  export interface TrackEvent {
    /** The classification of the change, for `changed`. */
    classification?: Classification | null
    /** The diff against the previous version, for `changed`. */
    diff?: Diff | null
    /** The error, for error outcomes. */
    error?: EventError | null
    /** What happened. */
    outcome: Outcome
    /** The service id. */
    service: string
    /** Snapshot commit ids of the source documents (new or unchanged) that were fetched. */
    snapshot_ids: string[]
    /** How many snapshots were new (their bytes changed). */
    snapshots_recorded: number
    /** The terms type. */
    terms_type: string
    /** The version recorded, for `first_record` and `changed`. */
    version?: VersionInfo | null
  }
  /** The report of a tracking run. */
  export interface TrackReport {
    /** Events per outcome. */
    counts: Record<string, number>
    /** The date of the run (the caller's `now`), used as the record date. */
    date: string
    /** One event per target, in the order given. */
    events: TrackEvent[]
  }
  /** Options of `track`: which documents, how they are fetched and diffed, and the date. */
  export interface TrackRequestOptions {
    /** Time allowed to connect, in milliseconds (default 10 000). */
    connectTimeoutMs?: number
    /** Unchanged lines shown around each change in the unified and HTML renderings (default 3). */
    contextLines?: number
    /** Report paragraphs that moved without change as moves (default true). */
    detectMoves?: boolean
    /** Granularity of the changes (default `word`). */
    granularity?: Granularity
    /** Largest body accepted, in bytes (default 50 MiB). */
    maxBytes?: number
    /** Redirects followed (default 10). */
    maxRedirects?: number
    /** Name of the new version in renderings (default `new`). */
    newName?: string
    /**
     * The record date (RFC 3339). When omitted, the current time, read once here at the API
     * boundary (tracking itself never reads the clock).
     */
    now?: string | null
    /** Name of the old version in renderings (default `old`). */
    oldName?: string
    /** Extra attempts after a network error, a timeout or a 5xx answer (default 2). */
    retries?: number
    /** Wait before the first retry, doubled for each further one, in milliseconds (default 1 000). */
    retryDelayMs?: number
    /** Only this service id. */
    service?: string | null
    /** Snapshot identifier template written in version commit messages (`%SNAPSHOT_ID` is replaced). */
    snapshotIdTemplate?: string
    /** Only this terms type. */
    termsType?: string | null
    /** Overall time allowed for one attempt, in milliseconds (default 30 000). */
    timeoutMs?: number
    /** The `User-Agent` header (default names the toolkit and its version). */
    userAgent?: string
  }
  /** What `validate` found in declaration files and directories. */
  export interface ValidationReport {
    /** History files read. */
    history_files: number
    /** Ids of the services that loaded, in path order. */
    loaded: string[]
    /** History files without a service file beside them (validated, counted here). */
    orphan_histories: number
    /** Files that did not load, with the error code and message. */
    rejected: Rejected[]
    /** Service files read (`*.json` but not `*.history.json`). */
    service_files: number
  }
  /** The version in force at a date, and its text. */
  export interface VersionAt {
    /** Its Markdown text. */
    text: string
    /** The version. */
    version: VersionInfo
  }
  /** One record (version or snapshot) of one terms document. */
  export interface VersionInfo {
    /** The blob id of the recorded text. */
    blob: string
    /** The record date: the snapshot's fetch date (commit date, RFC 3339, UTC). */
    date: string
    /** The commit id (40 hex digits). */
    id: string
    /** First record, update or technical upgrade (from the commit message). */
    kind: RecordKind
    /** The file path in the repository. */
    path: string
    /** The service id (the folder name). */
    service: string
    /** The snapshot ids named in the commit message. */
    snapshot_ids: string[]
    /** The first line of the commit message. */
    subject: string
    /** The terms type (the file name without extension). */
    terms_type: string
  }
  /**
   * Extract the Markdown version of one snapshot, as Open Terms Archive does.
   *
   * `select`/`remove` take OTA's syntax: a CSS selector, a range object (`{"startBefore": "h1", "endAfter": "footer"}`) or a list of both. `flavor` `ota` gives byte-identical output to OTA's engine; `canonical` our cleaner form. `before` receives the decoded HTML and returns the HTML to use; `after` receives the Markdown. PDF snapshots become Markdown paragraphs.
   * @param content The snapshot: HTML or PDF bytes, or text.
   * @param options.before A function HTML -> HTML applied before extraction.
   * @param options.after A function Markdown -> Markdown applied after conversion.
   */
  export function extract(content: string | Buffer, options: ExtractOptions & { before?: (text: string) => string; after?: (text: string) => string }): string
  /** `extract` on libuv's thread pool: the same result as a promise (hooks are not available). */
  export function extractAsync(content: string | Buffer, options: ExtractOptions): Promise<string>
  /**
   * Extract terms declared in an OTA service file: one snapshot per source document, in declared order, joined with OTA's `\n\n- - -\n\n`; `at` (RFC 3339) picks the declaration in force then.
   * @param contents One snapshot per source document, in declared order.
   */
  export function extractDeclared(contents: Array<string | Buffer>, options: DeclaredOptions): string
  /** `extractDeclared` on libuv's thread pool: the same result as a promise. */
  export function extractDeclaredAsync(contents: Array<string | Buffer>, options: DeclaredOptions): Promise<string>
  /**
   * Extract many snapshots in parallel; results in input order. Each job is `{id?, snapshot (a path) | content, location, select, remove?, mime_type?}`; each result `{id, markdown}` or `{id, error: {code, message}}`: a failing job never stops the others.
   * @param jobs The extraction jobs.
   */
  export function extractBatch(jobs: BatchJob[], options?: ExtractBatchOptions): BatchResult[]
  /** `extractBatch` on libuv's thread pool: the same result as a promise. */
  export function extractBatchAsync(jobs: BatchJob[], options?: ExtractBatchOptions): Promise<BatchResult[]>
  /**
   * Parse and validate an OTA service declaration (JSON text) against OTA's schema.
   * @param text The declaration's JSON text.
   */
  export function parseDeclaration(text: string, options?: ParseDeclarationOptions): ServiceDeclaration
  /** `parseDeclaration` on libuv's thread pool: the same result as a promise. */
  export function parseDeclarationAsync(text: string, options?: ParseDeclarationOptions): Promise<ServiceDeclaration>
  /**
   * Load `<Service>.json` (and `<Service>.history.json` beside it).
   * @param path The service file.
   */
  export function loadDeclaration(path: string): ServiceDeclaration
  /** `loadDeclaration` on libuv's thread pool: the same result as a promise. */
  export function loadDeclarationAsync(path: string): Promise<ServiceDeclaration>
  /**
   * Validate OTA declarations (files, or directories of them) against OTA's schema: counts, the ids that loaded, and every rejected file with its code and reason.
   * @param paths A path or a list of paths (files or directories).
   */
  export function validate(paths: string | string[]): ValidationReport
  /** `validate` on libuv's thread pool: the same result as a promise. */
  export function validateAsync(paths: string | string[]): Promise<ValidationReport>
  /**
   * Explain what changed between two versions.
   *
   * The result has a `classification` (`formatting`, `editorial`, `link` or `substantive`), a `reason`, `identical`, `stats` and `changes`; each change has a `kind` (`insert`, `delete`, `replace`, `move`), a `classification`, a `reason`, the `heading_path` it sits under and its `old`/`new` sides (text and span).
   * @param old The old version (Markdown).
   * @param new_ The new version (Markdown).
   */
  export function diff(old: string, new_: string, options?: DiffOptions): Diff
  /** `diff` on libuv's thread pool: the same result as a promise. */
  export function diffAsync(old: string, new_: string, options?: DiffOptions): Promise<Diff>
  /**
   * Render the diff of two versions as unified `text`, a `markdown` report or a self-contained side-by-side `html` page (no external assets, no scripts).
   * @param old The old version (Markdown).
   * @param new_ The new version (Markdown).
   */
  export function diffRender(old: string, new_: string, options?: DiffRenderOptions): string
  /** `diffRender` on libuv's thread pool: the same result as a promise. */
  export function diffRenderAsync(old: string, new_: string, options?: DiffRenderOptions): Promise<string>
  /**
   * The services of an OTA-layout versions repository and, for each, its terms types.
   * @param repo The versions repository.
   */
  export function services(repo: string): Record<string, string[]>
  /** `services` on libuv's thread pool: the same result as a promise. */
  export function servicesAsync(repo: string): Promise<Record<string, string[]>>
  /**
   * The versions of one document, oldest first: `id`, `date`, `kind`, `subject`, `snapshot_ids`...
   * @param repo The versions repository.
   * @param service The service (its folder name).
   * @param termsType The terms type (`Terms of Service`, ...).
   */
  export function versions(repo: string, service: string, termsType: string): VersionInfo[]
  /** `versions` on libuv's thread pool: the same result as a promise. */
  export function versionsAsync(repo: string, service: string, termsType: string): Promise<VersionInfo[]>
  /**
   * The version in force at `date` (RFC 3339, or a day `YYYY-MM-DD` read as its end) and its text: `{version, text}`.
   * @param repo The versions repository.
   * @param service The service (its folder name).
   * @param termsType The terms type (`Terms of Service`, ...).
   * @param date RFC 3339 date-time, or a day `YYYY-MM-DD`.
   */
  export function versionAt(repo: string, service: string, termsType: string, date: string): VersionAt
  /** `versionAt` on libuv's thread pool: the same result as a promise. */
  export function versionAtAsync(repo: string, service: string, termsType: string, date: string): Promise<VersionAt>
  /**
   * The history of a versions repository: each document's versions, the classified change between consecutive versions, and statistics (versions per year, share of substantive changes).
   * @param repo The versions repository.
   */
  export function history(repo: string, options?: HistoryOptions): HistoryReport
  /** `history` on libuv's thread pool: the same result as a promise. */
  export function historyAsync(repo: string, options?: HistoryOptions): Promise<HistoryReport>
  /**
   * Track a directory of OTA declarations once: fetch each source document, store the snapshot when its bytes changed, extract, record a version when the text changed (both repositories in OTA's git layout, created when missing).
   *
   * The report has `services`, `rejected` and `report` (`date`, `events`, `counts`); each event has an `outcome` (`first_record`, `changed`, `unchanged`, `fetch_error`, `extract_error`, `record_error`), the recorded `version`, the classified `diff`, or the `error`. A document that cannot be fetched or extracted is an error event, never "unchanged".
   * @param declarations The declarations directory.
   * @param versions The versions repository (created when missing).
   * @param snapshots The snapshots repository (created when missing).
   */
  export function track(declarations: string, versions: string, snapshots: string, options?: TrackRequestOptions): DirectoryReport
  /** `track` on libuv's thread pool: the same result as a promise. */
  export function trackAsync(declarations: string, versions: string, snapshots: string, options?: TrackRequestOptions): Promise<DirectoryReport>
  /**
   * Replay an Open Terms Archive snapshots repository into a versions repository: walk the snapshot commits oldest first, pick the declaration in force at each fetch date (history files, `validUntil` inclusive), extract with OTA's pipeline (combined documents from the latest snapshot of each source) and record a version when the text changed, in OTA's layout (`First record of …`, `Record new changes of …`, the snapshot ids, an `X-engine-version` trailer). Replaying onto an existing repository appends only newer snapshots; `apply_upgrades` re-extracts the latest snapshot of every document. Every snapshot that cannot be replayed is a failure naming its commit, with a code; the replay goes on.
   * @param declarations The declarations directory.
   * @param snapshots The snapshots repository.
   * @param versions The versions repository to write (created when missing).
   */
  export function replay(declarations: string, snapshots: string, versions: string, options?: ReplayOptions): ReplayReport
  /** `replay` on libuv's thread pool: the same result as a promise. */
  export function replayAsync(declarations: string, snapshots: string, versions: string, options?: ReplayOptions): Promise<ReplayReport>
}

export declare namespace bots {
  /**
   * One observation of an account's profile at `observed_at`.
   *
   * Handle and display name are never confused: `handle` is the `@name` used in mentions and
   * URLs (without the `@`), `display_name` is the free-text name.
   */
  export interface Account {
    /** When the account was created, if the platform says. */
    created_at: string | null
    /** The account declares itself automated (Mastodon `bot`, labels). */
    declared_bot: boolean | null
    /** The profile keeps the default avatar. */
    default_avatar: boolean | null
    /** The profile keeps the platform's default theme/background (Twitter v1.1 `default_profile`). */
    default_profile: boolean | null
    /** The profile description / bio (empty when none). */
    description: string
    /** The free-text display name (empty when none). */
    display_name: string
    /** Number of followers at `observed_at`. */
    followers: number | null
    /** Number of accounts followed ("friends" on Twitter) at `observed_at`. */
    following: number | null
    /** The `@handle` without the leading `@` (Bluesky: the full domain handle). */
    handle: string
    /** The platform's stable account id (as a string; numeric ids are written in decimal). */
    id: string
    /** Number of likes (favourites) given at `observed_at`. */
    likes_given: number | null
    /** Number of public lists the account is a member of. */
    listed: number | null
    /** When this profile observation was made (required: counts are only meaningful at a time). */
    observed_at: string
    /** Source platform. */
    platform: Platform
    /** Number of posts (statuses) at `observed_at`. */
    posts: number | null
    /**
     * Twitter v1.1 `profile_use_background_image`, where known (needed by the BotometerLite
     * profile feature of the same name, `profile`).
     */
    profile_use_background_image: boolean | null
    /** The account is protected / locked. */
    protected: boolean | null
    /** Platform verification badge. */
    verified: boolean | null
  }
  /**
   * The result of `cluster_accounts`: the `ClusterResult` fields plus the rows' account ids,
   * the columns left out and why.
   *
   * Inputs that are not ordinary give these results, never a crash:
   *
   * - a missing value (NaN or null/None in a matrix, rows of numbers, typed-array columns, a
   *   DataFrame or a features object) leaves its column out, named in `dropped_columns` with the
   *   count and first account in `notes`; with `drop_incomplete: false` it is an
   *   `invalid_argument` error naming the column, row and account;
   * - an infinite value is an `invalid_argument` error naming the column, row and account;
   * - a constant column is kept (it standardises to zeros and weighs nothing) and noted; when
   *   every column is constant, all rows are one cluster (or noise, for DBSCAN with
   *   `min_samples` above the row count);
   * - duplicate rows get the same label;
   * - a single account is noise for DBSCAN (label `-1`, unless `min_samples` is 1), cluster 0
   *   for K-Means and the Gaussian mixture with one cluster; more clusters than accounts and
   *   HDBSCAN on one account (it needs 2 rows) are `invalid_argument` errors;
   * - no numeric column, none left after the missing ones are dropped, or no row is an
   *   `invalid_argument` error (`nothing to cluster`, `has no rows`).
   */
  export interface AccountClusters {
    /**
     * Account id of each row, in the order of `labels` (a plain matrix's rows are numbered
     * from `"0"`).
     */
    account_ids: string[]
    /** Column names, in matrix order (`x0`, `x1`, ... when none were given). */
    columns: string[]
    /**
     * Feature columns not clustered (missing for some account, or with `log1p` a value
     * `<= -1`).
     */
    dropped_columns: string[]
    /** Mixture means, weights, convergence and (when asked) probabilities. */
    gmm?: GmmDetails | null
    /** HDBSCAN membership probabilities. */
    hdbscan?: HdbscanDetails | null
    /** K-Means (and mini-batch K-Means) centres, iterations, inertia, runs and seed. */
    kmeans?: KMeansDetails | null
    /** The label of each row: clusters from 0, `-1` for noise (DBSCAN and HDBSCAN only). */
    labels: number[]
    /** The matrix that was clustered, when `include_matrix` was set. */
    matrix?: number[][] | null
    /** The method that ran. */
    method: ClusterMethod
    /** Number of clusters (noise not counted). */
    n_clusters: number
    /** Rows labelled noise. */
    n_noise: number
    /**
     * Why each column was left out, and other facts about the input (constant columns,
     * columns not numeric).
     */
    notes: string[]
    /** One summary per label present, in label order (noise first). */
    summaries: ClusterSummary[]
  }
  /** The width of a histogram's bins. */
  export type BinWidth = 'day' | 'week' | 'month'
  /**
   * Options of `cluster_accounts`: the clustering's, and how the inputs are read and their
   * features computed.
   */
  export interface ClusterAccountsOptions {
    /**
     * Compute behaviour features over the posts (default true). When false the matrix has the
     * profile columns only.
     */
    behaviour?: boolean
    /** Hours after a longest silence counted as its wake-up burst (default 24). */
    burstWindowH?: number
    /**
     * For a matrix without column names: their names (default `x0`, `x1`, ...). For a table:
     * the columns to cluster, in this order (default: every numeric column).
     */
    columns?: string[] | null
    /**
     * Another tool's reading, for parity checks: `none` (default) or `qut-1.5.2` (QUT `urls`
     * cells split on single spaces as that toolkit does, so that its list text `['a', 'b']`
     * gives the "links" `['a',` and `'b']`; by default list text is parsed).
     */
    compat?: Compat
    /**
     * Leave out columns with missing values (and say which in `dropped_columns` and `notes`);
     * default true. False makes a missing value an `invalid_argument` error naming its column,
     * row and account. An infinite value is always such an error; a constant column is kept
     * and noted (see the result's documentation for one account, duplicates, no columns).
     */
    dropIncomplete?: boolean
    /**
     * The column of account ids in a table (default `account_id` when present; otherwise an
     * account's id is its row number).
     */
    idColumn?: string | null
    /** Return the clustered (standardised) matrix as `matrix`; default false. */
    includeMatrix?: boolean
    /** Take `log1p` of every value before standardising (counts are heavy-tailed); default true. */
    log1p?: boolean
    /** `dbscan` (default), `kmeans`, `gmm`, `hdbscan` or `minibatch_kmeans`. */
    method?: ClusterMethod
    /**
     * `strict` (fail on the first bad record, code `malformed_record` with its line, the
     * default) or `lenient` (collect rejections in `read.rejected` and go on).
     */
    mode?: Mode
    /** Night ends before this local hour (default 6). A start after the end wraps past midnight. */
    nightEndHour?: number
    /** Night starts at this local hour (default 0). */
    nightStartHour?: number
    /**
     * Observation time (RFC 3339) for profiles that carry none (standalone user objects,
     * Bluesky profile views, TikTok user info).
     */
    observedAt?: string | Date | null
    /**
     * The method's parameters, with scikit-learn's names and defaults: dbscan `eps` (0.5),
     * `min_samples` (5); kmeans `n_clusters` (8), `init` (`k-means++`), `initial_centres`,
     * `n_init` (`auto`), `max_iter` (300), `tol` (1e-4), `random_state` or `seed` (42);
     * minibatch_kmeans `n_clusters` (8), `batch_size` (1024), `max_iter` (100), `init_size`,
     * `max_no_improvement` (10), `random_state` (42); gmm `n_components` (1), `max_iter`
     * (100), `tol` (1e-3), `reg_covar` (1e-6), `n_init` (1), `random_state` (42),
     * `probabilities` (false); hdbscan `min_cluster_size` (5), `min_samples`,
     * `cluster_selection_epsilon` (0), `cluster_selection_method` (`eom` or `leaf`),
     * `allow_single_cluster` (false).
     */
    params?: Record<string, unknown> | null
    /** Standardise the columns (z-score, as scikit-learn's `StandardScaler`); default true. */
    standardise?: boolean
    /**
     * The time zone for day, hour and night features, as minutes east of UTC (default 0;
     * -1439..=1439).
     */
    utcOffsetMinutes?: number
  }
  /** The clustering algorithm. */
  export type ClusterMethod = 'dbscan' | 'kmeans' | 'gmm' | 'hdbscan' | 'minibatch_kmeans'
  /** Everything the report says about one cluster. */
  export interface ClusterProfile {
    /** Acting together, when a network was given. */
    coordination: Coordination | null
    /** Creation dates (in the population's bins), when any is known. */
    creation: Histogram | null
    /** The largest share of the known creation dates within 30 days. */
    creation_peak_30_days: number
    /** The most central accounts. */
    examples: Example[]
    /** Quartiles of every feature. */
    features: FeatureStats[]
    /** The cluster label (`-1`: noise). */
    label: number
    /** Rank by score among the clusters, from 1 (`null` for the noise). */
    rank: number | null
    /** Pass rates of the rule presets. */
    rules: RuleRate[]
    /** Bot-likeness in [0, 1] (see `score`). */
    score: number
    /** `size` over all accounts. */
    share: number
    /** The items shared most. */
    shared: SharedItems
    /** The signals of the score. */
    signals: Signals
    /** Accounts. */
    size: number
    /** `bot-like`, `mixed` or `organic`. */
    verdict: ClusterVerdict
  }
  /**
   * Options of `cluster_features` and `cluster_accounts`: the method and its parameters, the
   * scaling, and which columns are clustered.
   */
  export interface ClusterRequestOptions {
    /**
     * For a matrix without column names: their names (default `x0`, `x1`, ...). For a table:
     * the columns to cluster, in this order (default: every numeric column).
     */
    columns?: string[] | null
    /**
     * Leave out columns with missing values (and say which in `dropped_columns` and `notes`);
     * default true. False makes a missing value an `invalid_argument` error naming its column,
     * row and account. An infinite value is always such an error; a constant column is kept
     * and noted (see the result's documentation for one account, duplicates, no columns).
     */
    dropIncomplete?: boolean
    /**
     * The column of account ids in a table (default `account_id` when present; otherwise an
     * account's id is its row number).
     */
    idColumn?: string | null
    /** Return the clustered (standardised) matrix as `matrix`; default false. */
    includeMatrix?: boolean
    /** Take `log1p` of every value before standardising (counts are heavy-tailed); default true. */
    log1p?: boolean
    /** `dbscan` (default), `kmeans`, `gmm`, `hdbscan` or `minibatch_kmeans`. */
    method?: ClusterMethod
    /**
     * The method's parameters, with scikit-learn's names and defaults: dbscan `eps` (0.5),
     * `min_samples` (5); kmeans `n_clusters` (8), `init` (`k-means++`), `initial_centres`,
     * `n_init` (`auto`), `max_iter` (300), `tol` (1e-4), `random_state` or `seed` (42);
     * minibatch_kmeans `n_clusters` (8), `batch_size` (1024), `max_iter` (100), `init_size`,
     * `max_no_improvement` (10), `random_state` (42); gmm `n_components` (1), `max_iter`
     * (100), `tol` (1e-3), `reg_covar` (1e-6), `n_init` (1), `random_state` (42),
     * `probabilities` (false); hdbscan `min_cluster_size` (5), `min_samples`,
     * `cluster_selection_epsilon` (0), `cluster_selection_method` (`eom` or `leaf`),
     * `allow_single_cluster` (false).
     */
    params?: Record<string, unknown> | null
    /** Standardise the columns (z-score, as scikit-learn's `StandardScaler`); default true. */
    standardise?: boolean
  }
  /** One cluster (or the noise, label `-1`) of a `ClusterResult`. */
  export interface ClusterSummary {
    /** The cluster label (`-1` for noise). */
    label: number
    /**
     * Median of each column over these rows, in column order, on the ORIGINAL (not
     * standardised, not log-transformed) scale; the mean of the two middle values when the
     * size is even.
     */
    medians: number[]
    /** Rows with this label. */
    size: number
  }
  /** What the score calls a cluster. */
  export type ClusterVerdict = 'bot-like' | 'mixed' | 'organic'
  /** How the accounts were clustered. */
  export interface Clustering {
    /** The clustered columns. */
    columns: string[]
    /** The columns left out. */
    dropped_columns: string[]
    /** The method. */
    method: ClusterMethod
    /** Clusters found (noise not counted). */
    n_clusters: number
    /** Accounts labelled noise. */
    n_noise: number
    /** Why, and other facts about the columns. */
    notes: string[]
    /** Its parameters as given. */
    params: Record<string, unknown>
  }
  /** One community. */
  export interface Community {
    /** Directed edges inside / `size * (size - 1)`. */
    density: number
    /** Sum of directed weights leaving the community. */
    external_weight: number
    /** Community number (0 = largest; ties by smallest member id). */
    id: number
    /** Sum of directed weights inside. */
    internal_weight: number
    /** Member account ids, sorted. */
    members: string[]
    /** Number of accounts. */
    size: number
  }
  /** Behaviour kept for compatibility with another tool's reading of the same files. */
  export type Compat = 'none' | 'qut-1.5.2'
  /** One condition: `input op value`. */
  export interface Condition {
    /** The input name. */
    input: string
    /** The comparison. */
    op: Op
    /** The threshold. */
    value: Value
  }
  /** Options of `coordinate`. */
  export interface CoordinateOptions {
    /** Evidence pairs kept per edge (default 3). */
    evidence: number
    /** The trace (default co-repost). */
    kind: CoordinationKind
    /** Minimum directed weight of an edge (default 1). */
    min_edge_weight: number
    /** Accounts with fewer trace posts than this take no part (default 1). */
    min_participation: number
    /** Posts with fewer distinct words take no part in co-similar-text (default 5). */
    min_tokens: number
    /** Keep edges from an account to itself (default false). */
    self_loops: boolean
    /** Word-set Jaccard threshold for co-similar-text (default 0.8). */
    similarity_threshold: number
    /** URL normalisation for co-link (default none, as the toolkit). */
    url_normalization: UrlNormalization
    /**
     * Window in seconds, inclusive: posts of two accounts on the same trace at most this far
     * apart are co-actions (default 60).
     */
    window: number
  }
  /** Options of `coordinate`. */
  export interface CoordinateOptionsInput {
    /** Evidence pairs kept per edge (default 3). */
    evidence?: number
    /** The trace (default co-repost). */
    kind?: CoordinationKind
    /** Minimum directed weight of an edge (default 1). */
    min_edge_weight?: number
    /** `min_edge_weight` as callers may spell it. */
    minEdgeWeight?: number
    /** Accounts with fewer trace posts than this take no part (default 1). */
    min_participation?: number
    /** `min_participation` as callers may spell it. */
    minParticipation?: number
    /** Posts with fewer distinct words take no part in co-similar-text (default 5). */
    min_tokens?: number
    /** `min_tokens` as callers may spell it. */
    minTokens?: number
    /** Keep edges from an account to itself (default false). */
    self_loops?: boolean
    /** `self_loops` as callers may spell it. */
    selfLoops?: boolean
    /** Word-set Jaccard threshold for co-similar-text (default 0.8). */
    similarity_threshold?: number
    /** `similarity_threshold` as callers may spell it. */
    similarityThreshold?: number
    /** URL normalisation for co-link (default none, as the toolkit). */
    url_normalization?: UrlNormalization
    /** `url_normalization` as callers may spell it. */
    urlNormalization?: UrlNormalization
    /**
     * Window in seconds, inclusive: posts of two accounts on the same trace at most this far
     * apart are co-actions (default 60).
     */
    window?: number
  }
  /**
   * Options of `coordinate`: the trace and its thresholds, how the inputs are read, and
   * whether to find communities.
   */
  export interface CoordinateRequestOptions {
    /** Also find components and seeded communities (`analysis` in the result); default false. */
    communities?: boolean
    /**
     * Another tool's reading, for parity checks: `none` (default) or `qut-1.5.2` (QUT `urls`
     * cells split on single spaces as that toolkit does, so that its list text `['a', 'b']`
     * gives the "links" `['a',` and `'b']`; by default list text is parsed).
     */
    compat?: Compat
    /** Evidence pairs kept per edge (default 3). */
    evidence?: number
    /** The trace (default co-repost). */
    kind?: CoordinationKind
    /** Communities smaller than this are reported with community `null` (default 2). */
    minCommunitySize?: number
    /** Minimum directed weight of an edge (default 1). */
    minEdgeWeight?: number
    /** Accounts with fewer trace posts than this take no part (default 1). */
    minParticipation?: number
    /** Posts with fewer distinct words take no part in co-similar-text (default 5). */
    minTokens?: number
    /**
     * `strict` (fail on the first bad record, code `malformed_record` with its line, the
     * default) or `lenient` (collect rejections in `read.rejected` and go on).
     */
    mode?: Mode
    /**
     * Observation time (RFC 3339) for profiles that carry none (standalone user objects,
     * Bluesky profile views, TikTok user info).
     */
    observedAt?: string | Date | null
    /** Modularity resolution (default 1.0; larger gives smaller communities). */
    resolution?: number
    /** RNG seed of the community detection (default 42; written back in the result). */
    seed?: number
    /** Keep edges from an account to itself (default false). */
    selfLoops?: boolean
    /** Word-set Jaccard threshold for co-similar-text (default 0.8). */
    similarityThreshold?: number
    /** URL normalisation for co-link (default none, as the toolkit). */
    urlNormalization?: UrlNormalization
    /**
     * Window in seconds, inclusive: posts of two accounts on the same trace at most this far
     * apart are co-actions (default 60).
     */
    window?: number
  }
  /** A network, its analysis (when asked) and how the inputs were read. */
  export interface CoordinateResult {
    /** Components and communities, when `graph` options were given. */
    analysis: GraphAnalysis | null
    /** The network. */
    network: Network
    /** Read counts and rejections. */
    read: ReadSummary
  }
  /** A network, its analysis (when asked) and how the inputs were read. */
  export interface CoordinateResultInput {
    /** Components and communities, when `graph` options were given. */
    analysis?: GraphAnalysis | null
    /** The network. */
    network: NetworkInput
    /** Read counts and rejections. */
    read: ReadSummary
  }
  /** Options of `coordinate_text`: those of `coordinate` and the input's name. */
  export interface CoordinateTextOptions {
    /** Also find components and seeded communities (`analysis` in the result); default false. */
    communities?: boolean
    /**
     * Another tool's reading, for parity checks: `none` (default) or `qut-1.5.2` (QUT `urls`
     * cells split on single spaces as that toolkit does, so that its list text `['a', 'b']`
     * gives the "links" `['a',` and `'b']`; by default list text is parsed).
     */
    compat?: Compat
    /** Evidence pairs kept per edge (default 3). */
    evidence?: number
    /** The trace (default co-repost). */
    kind?: CoordinationKind
    /** Communities smaller than this are reported with community `null` (default 2). */
    minCommunitySize?: number
    /** Minimum directed weight of an edge (default 1). */
    minEdgeWeight?: number
    /** Accounts with fewer trace posts than this take no part (default 1). */
    minParticipation?: number
    /** Posts with fewer distinct words take no part in co-similar-text (default 5). */
    minTokens?: number
    /**
     * `strict` (fail on the first bad record, code `malformed_record` with its line, the
     * default) or `lenient` (collect rejections in `read.rejected` and go on).
     */
    mode?: Mode
    /**
     * Observation time (RFC 3339) for profiles that carry none (standalone user objects,
     * Bluesky profile views, TikTok user info).
     */
    observedAt?: string | Date | null
    /** Modularity resolution (default 1.0; larger gives smaller communities). */
    resolution?: number
    /** RNG seed of the community detection (default 42; written back in the result). */
    seed?: number
    /** Keep edges from an account to itself (default false). */
    selfLoops?: boolean
    /** Word-set Jaccard threshold for co-similar-text (default 0.8). */
    similarityThreshold?: number
    /** The input's name in messages and rejections (default `<input>`). */
    sourceName?: string | null
    /** URL normalisation for co-link (default none, as the toolkit). */
    urlNormalization?: UrlNormalization
    /**
     * Window in seconds, inclusive: posts of two accounts on the same trace at most this far
     * apart are co-actions (default 60).
     */
    window?: number
  }
  /** How the cluster's accounts act together in the coordination network. */
  export interface Coordination {
    /** Accounts with an edge to another account of the cluster. */
    connected_inside: number
    /** `internal_edges / (size × (size − 1))`: 1 when every account acts with every other. */
    density: number
    /** Edges among `nodes`, one per pair (the larger direction's weight). */
    edges: Array<[number, number, number]>
    /** Directed edges between an account of the cluster and one outside it. */
    external_edges: number
    /** The cluster's accounts that are nodes of the network. */
    in_network: number
    /** Directed edges between two accounts of the cluster. */
    internal_edges: number
    /**
     * The network among the (up to 40) accounts with the most edges inside the cluster:
     * account ids, and edges as `[from, to, symmetric weight]` indices into them.
     */
    nodes: string[]
  }
  /** The trace that makes two posts a co-action. */
  export type CoordinationKind = 'co-repost' | 'co-link' | 'co-text' | 'co-similar-text' | 'co-reply' | 'co-hashtag-sequence' | 'co-hashtag' | 'co-domain' | 'co-image' | 'co-object' | 'synchrony'
  /** Everything read from one or more inputs. */
  export interface Dataset {
    /** Every profile observation, in input order (an account may be observed several times). */
    accounts: Account[]
    /** Every post, in input order. */
    posts: Post[]
    /** Records accepted. */
    records_accepted: number
    /** Records read (accepted + rejected). */
    records_read: number
    /** Records rejected. */
    records_rejected: number
    /** Records rejected in lenient mode. */
    rejected: Rejection[]
  }
  /** One directed edge `source → target`. */
  export interface Edge {
    /** `min(weight, reverse_weight) / max(weight, reverse_weight)` in `[0, 1]`. */
    balance: number
    /** Up to `evidence` matched post pairs. */
    evidence: Evidence[]
    /** The weight of the opposite direction (0 when below the threshold or absent). */
    reverse_weight: number
    /** Source account id. */
    source: string
    /** `weight + reverse_weight`: distinct posts of either account matched by the other. */
    symmetric_weight: number
    /** Target account id. */
    target: string
    /** Distinct posts of `source` matched by `target` (the toolkit's weight). */
    weight: number
  }
  /**
   * The edges of a network as columns (what `merge_edges` returns), sorted by `(source,
   * target)` as in the network.
   */
  export interface EdgeTable {
    /** The smaller of the two weights over the larger. */
    balance: number[]
    /** The weight of `target → source` (0 when under `min_edge_weight`). */
    reverse_weight: number[]
    /** Source account. */
    source: string[]
    /** `weight + reverse_weight` (`weight` on a self-loop). */
    symmetric_weight: number[]
    /** Target account. */
    target: string[]
    /** Posts of `source` matched by `target` (at least `min_edge_weight`). */
    weight: number[]
  }
  /** One matched pair of posts backing an edge. */
  export interface Evidence {
    /** Seconds from the source post to the target post (may be negative). */
    delta_secs: number
    /** The post of the edge's source. */
    source_post: string
    /** A post of the target that matches it. */
    target_post: string
  }
  /** One of a cluster's most central accounts. */
  export interface Example {
    /** Account id. */
    account_id: string
    /** Distance to the cluster's mean in the clustered (standardised) space. */
    distance: number
    /** Handle (`""` when unknown). */
    handle: string
    /** Its value of every feature column (`null` when missing), in the feature matrix's order. */
    values: Array<number | null>
  }
  /** An export format. */
  export type ExportFormat = 'csv' | 'json' | 'graphml' | 'gexf'
  /** Quartiles of one feature over a cluster's accounts (missing values left out). */
  export interface FeatureStats {
    /** The feature column. */
    column: string
    /** Median. */
    median: number | null
    /** Accounts whose value is missing. */
    missing: number
    /** First quartile (`null` when every value is missing). */
    q1: number | null
    /** Third quartile. */
    q3: number | null
  }
  /** What a feature matrix carries besides its values: row ids, column names, read counts. */
  export interface FeaturesMeta {
    /** The account id of each row. */
    account_ids: string[]
    /** The column names: the profile features, then the behaviour features. */
    columns: string[]
    /** The handle of each row (`""` when the account was only seen as a post author). */
    handles: string[]
    /** Read counts and (lenient mode) the rejected records with their line and reason. */
    read: ReadSummary
  }
  /** Options of `features` and `rule`: how the inputs are read and the features computed. */
  export interface FeaturesOptions {
    /**
     * Compute behaviour features over the posts (default true). When false the matrix has the
     * profile columns only.
     */
    behaviour?: boolean
    /** Hours after a longest silence counted as its wake-up burst (default 24). */
    burstWindowH?: number
    /**
     * Another tool's reading, for parity checks: `none` (default) or `qut-1.5.2` (QUT `urls`
     * cells split on single spaces as that toolkit does, so that its list text `['a', 'b']`
     * gives the "links" `['a',` and `'b']`; by default list text is parsed).
     */
    compat?: Compat
    /**
     * `strict` (fail on the first bad record, code `malformed_record` with its line, the
     * default) or `lenient` (collect rejections in `read.rejected` and go on).
     */
    mode?: Mode
    /** Night ends before this local hour (default 6). A start after the end wraps past midnight. */
    nightEndHour?: number
    /** Night starts at this local hour (default 0). */
    nightStartHour?: number
    /**
     * Observation time (RFC 3339) for profiles that carry none (standalone user objects,
     * Bluesky profile views, TikTok user info).
     */
    observedAt?: string | Date | null
    /**
     * The time zone for day, hour and night features, as minutes east of UTC (default 0;
     * -1439..=1439).
     */
    utcOffsetMinutes?: number
  }
  /** Options of `features_from_text`: those of `features` and the input's name. */
  export interface FeaturesTextOptions {
    /**
     * Compute behaviour features over the posts (default true). When false the matrix has the
     * profile columns only.
     */
    behaviour?: boolean
    /** Hours after a longest silence counted as its wake-up burst (default 24). */
    burstWindowH?: number
    /**
     * Another tool's reading, for parity checks: `none` (default) or `qut-1.5.2` (QUT `urls`
     * cells split on single spaces as that toolkit does, so that its list text `['a', 'b']`
     * gives the "links" `['a',` and `'b']`; by default list text is parsed).
     */
    compat?: Compat
    /**
     * `strict` (fail on the first bad record, code `malformed_record` with its line, the
     * default) or `lenient` (collect rejections in `read.rejected` and go on).
     */
    mode?: Mode
    /** Night ends before this local hour (default 6). A start after the end wraps past midnight. */
    nightEndHour?: number
    /** Night starts at this local hour (default 0). */
    nightStartHour?: number
    /**
     * Observation time (RFC 3339) for profiles that carry none (standalone user objects,
     * Bluesky profile views, TikTok user info).
     */
    observedAt?: string | Date | null
    /** The input's name in messages and rejections (default `<input>`). */
    sourceName?: string | null
    /**
     * The time zone for day, hour and night features, as minutes east of UTC (default 0;
     * -1439..=1439).
     */
    utcOffsetMinutes?: number
  }
  /**
   * Options of `trace_rows_of_file`: those of a split (`mode`, `compat`, `bucket_secs`,
   * `order_base`, the network's) and the reader's `observed_at`.
   */
  export interface FileSplitOptions {
    /** Width of the time buckets in seconds; default `max(64 × window, 3600)`. */
    bucketSecs?: number | null
    /** How `urls` cells are split (`none` or `qut-1.5.2`), as in `coordinate`. */
    compat?: Compat
    /** Evidence pairs kept per edge (default 3). */
    evidence?: number
    /** The trace (default co-repost). */
    kind?: CoordinationKind
    /** Minimum directed weight of an edge (default 1). */
    minEdgeWeight?: number
    /** Accounts with fewer trace posts than this take no part (default 1). */
    minParticipation?: number
    /** Posts with fewer distinct words take no part in co-similar-text (default 5). */
    minTokens?: number
    /** `strict` (the first bad row fails, the default) or `lenient` (bad rows in `rejected`). */
    mode?: Mode
    /** Observation time (RFC 3339) for profiles that carry none, as in `coordinate`. */
    observedAt?: string | Date | null
    /**
     * The order of the table's first row when it has no `_order` column (row `i` is
     * `order_base + i`): the global input order decides which of two records of one post id
     * is kept.
     */
    orderBase?: number
    /** Keep edges from an account to itself (default false). */
    selfLoops?: boolean
    /** Word-set Jaccard threshold for co-similar-text (default 0.8). */
    similarityThreshold?: number
    /** URL normalisation for co-link (default none, as the toolkit). */
    urlNormalization?: UrlNormalization
    /**
     * Window in seconds, inclusive: posts of two accounts on the same trace at most this far
     * apart are co-actions (default 60).
     */
    window?: number
  }
  /** What the mixture fit reports besides labels (`gmm` of `ClusterResult`). */
  export interface GmmDetails {
    /** Whether the lower bound settled within `max_iter`. */
    converged: boolean
    /** EM iterations run. */
    iterations: number
    /** Mean log-likelihood of the rows at the last iteration. */
    lower_bound: number
    /** Component means in the clustered (standardised) space. */
    means: number[][]
    /** Starts made. */
    n_init: number
    /** Per-row component probabilities, when `probabilities` was asked for. */
    probabilities?: number[][] | null
    /** The seed used (`random_state`). */
    seed: number
    /** Mixture weights, summing to 1. */
    weights: number[]
  }
  /** Components, communities and per-node labels. */
  export interface GraphAnalysis {
    /** Communities of at least `min_community_size` accounts, largest first. */
    communities: Community[]
    /** Community number per account id (`None` for communities below `min_community_size`). */
    community_of: Record<string, number | null>
    /** Component number per account id (0 = largest). */
    component_of: Record<string, number>
    /** Number of weakly connected components. */
    components: number
    /** Modularity of the community partition (undirected, resolution 1). */
    modularity: number
    /** The seed used. */
    seed: number
  }
  /** What HDBSCAN reports besides labels (`hdbscan` of `ClusterResult`). */
  export interface HdbscanDetails {
    /** Strength of each row's membership in its cluster, in [0, 1]; 0 for noise. */
    probabilities: number[]
  }
  /** Counts of account creations per bin. */
  export interface Histogram {
    /** Creations per bin. */
    counts: number[]
    /** Accounts with a known creation date. */
    known: number
    /** The first day of each bin (`YYYY-MM-DD`), in order. */
    starts: string[]
    /** The bin width. */
    width: BinWidth
  }
  /** The input formats the adapters understand. */
  export type InputFormat = 'twitter-v1' | 'twitter-v2' | 'snscrape' | 'bluesky' | 'mastodon' | 'tiktok' | 'qut-csv' | 'coortweet' | 'features-csv'
  /** What K-Means reports besides labels (`kmeans` of `ClusterResult`). */
  export interface KMeansDetails {
    /** Final centres in the clustered (standardised) space, one row per cluster. */
    centres: number[][]
    /** Sum of squared distances of rows to their centre. */
    inertia: number
    /** Lloyd iterations of the kept run (mini-batch: steps). */
    iterations: number
    /** Runs made (`n_init`). */
    n_init: number
    /** The seed of the starts (`random_state`). */
    seed: number
  }
  /** The map of accounts: their first two principal coordinates in the clustered space. */
  export interface Map {
    /** Share of the variance each axis explains. */
    explained: number[]
    /** The accounts drawn (a spread sample of each cluster). */
    points: MapPoint[]
    /** All accounts. */
    total: number
  }
  /** One account on the map. */
  export interface MapPoint {
    /** Its cluster (`-1`: noise). */
    label: number
    /** First principal coordinate. */
    x: number
    /** Second principal coordinate. */
    y: number
  }
  /** Options of `merge`: the network's options (and communities) and the read's counts. */
  export interface MergeOptions {
    /** Also find components and seeded communities; default false. */
    communities?: boolean
    /** Records repeating an earlier post id. */
    duplicatePosts?: number
    /** Evidence pairs kept per edge (default 3). */
    evidence?: number
    /** The trace (default co-repost). */
    kind?: CoordinationKind
    /** Communities smaller than this are reported with community `null` (default 2). */
    minCommunitySize?: number
    /** Minimum directed weight of an edge (default 1). */
    minEdgeWeight?: number
    /** Accounts with fewer trace posts than this take no part (default 1). */
    minParticipation?: number
    /** Posts with fewer distinct words take no part in co-similar-text (default 5). */
    minTokens?: number
    /** Distinct posts read (the network's `posts`). */
    posts?: number
    /** How the inputs were read. */
    read?: ReadSummary
    /** Modularity resolution (default 1.0; larger gives smaller communities). */
    resolution?: number
    /** RNG seed of the community detection (default 42; written back in the result). */
    seed?: number
    /** Keep edges from an account to itself (default false). */
    selfLoops?: boolean
    /** Word-set Jaccard threshold for co-similar-text (default 0.8). */
    similarityThreshold?: number
    /** URL normalisation for co-link (default none, as the toolkit). */
    urlNormalization?: UrlNormalization
    /**
     * Window in seconds, inclusive: posts of two accounts on the same trace at most this far
     * apart are co-actions (default 60).
     */
    window?: number
  }
  /** Strict (fail on the first bad record) or lenient (collect rejections). */
  export type Mode = 'strict' | 'lenient'
  /** A coordination network. */
  export interface Network {
    /** Posts dropped because their id repeated an earlier post. */
    duplicate_posts: number
    /** Directed edges sorted by (source, target). */
    edges: Edge[]
    /** Accounts with at least one edge, sorted by id. */
    nodes: Node[]
    /** The options used. */
    options: CoordinateOptions
    /** Posts read (after removing repeated ids). */
    posts: number
    /** Posts carrying the trace. */
    trace_posts: number
  }
  /** A coordination network. */
  export interface NetworkInput {
    /** Posts dropped because their id repeated an earlier post. */
    duplicate_posts: number
    /** Directed edges sorted by (source, target). */
    edges: Edge[]
    /** Accounts with at least one edge, sorted by id. */
    nodes: NodeInput[]
    /** The options used. */
    options: CoordinateOptionsInput
    /** Posts read (after removing repeated ids). */
    posts: number
    /** Posts carrying the trace. */
    trace_posts: number
  }
  /** The coordination network the report used. */
  export interface NetworkSummary {
    /** Directed edges. */
    edges: number
    /** Its trace. */
    kind: CoordinationKind
    /** Accounts with an edge. */
    nodes: number
    /** Its window in seconds. */
    window: number
  }
  /** One account of the network. */
  export interface Node {
    /** The handle, when an account record gave one. */
    handle: string | null
    /** Account id. */
    id: string
    /** Posts of this account that carry the trace. */
    trace_posts: number
  }
  /** One account of the network. */
  export interface NodeInput {
    /** The handle, when an account record gave one. */
    handle?: string | null
    /** Account id. */
    id: string
    /** Posts of this account that carry the trace. */
    trace_posts: number
  }
  /** A comparison operator. */
  export type Op = '>=' | '>' | '<=' | '<' | '=='
  /** Directed weights found in one partition (columns of equal length). */
  export interface PartitionEdges {
    /**
     * The source post's order on a per-post row (a post with several keys), -1 on an
     * aggregated row.
     */
    post: number[]
    /** Source account. */
    source: string[]
    /** Target account. */
    target: string[]
    /** Posts of `source` matched by `target` (1 on a per-post row). */
    weight: number[]
  }
  /** The truth about one synthetic account. */
  export interface Planted {
    /** For `Coordinated`, the group number (`0..coordinated_groups`); else `None`. */
    group: number | null
    /** The population the account was drawn from. */
    population: Population
  }
  /** The platform a record came from. */
  export type Platform = 'twitter' | 'bluesky' | 'mastodon' | 'tiktok' | 'generic'
  /** The planted population of one synthetic account. */
  export type Population = 'organic' | 'dormant_bot' | 'amplifier' | 'coordinated'
  /** What the whole population looks like (for the overview and the burst signal). */
  export interface PopulationProfile {
    /** Creation dates of all accounts, when any is known. */
    creation: Histogram | null
    /** The largest share of all known creation dates within 30 days. */
    creation_peak_30_days: number
  }
  /** One post by one account. */
  export interface Post {
    /** The author's account id (matches `id`). */
    account_id: string
    /** The posting client / application, where known. */
    client: string | null
    /** When the post was published. */
    created_at: string
    /**
     * Web domains shared, where the source lists them apart from the URLs (CooRTweet's
     * `domain` objects).
     */
    domains?: string[]
    /** Hashtags without `#`, in order of appearance. */
    hashtags: string[]
    /** The platform's post id (Bluesky: the `at://` URI). */
    id: string
    /** Shared images, as the source identifies them (a perceptual hash). */
    images?: string[]
    /** Original, reply, repost or quote. */
    kind: PostKind
    /** The language tag, where known. */
    lang: string | null
    /** Mentioned handles without `@`, in order of appearance. */
    mentions: string[]
    /** Shared objects of an unnamed kind (CooRTweet's generic `object_id`). */
    objects?: string[]
    /** Source platform. */
    platform: Platform
    /** For a quote: the id of the quoted post. */
    quoted_id: string | null
    /** For a reply: the id of the post replied to. */
    replied_to_id: string | null
    /**
     * For a repost: the account id of the reposted post's author, where the platform says
     * (needed by the `top_repost_source_share` feature that the `amplifier` rule reads).
     */
    reposted_account_id: string | null
    /** For a repost: the id of the reposted post. */
    reposted_id: string | null
    /** The post text (empty for a pure repost when the platform gives none). */
    text: string
    /** URLs in the post (expanded where the platform gives the expansion). */
    urls: string[]
  }
  /** What kind of post this is. */
  export type PostKind = 'original' | 'reply' | 'repost' | 'quote'
  /** How the inputs are read. */
  export interface ReadRequestOptions {
    /**
     * Another tool's reading, for parity checks: `none` (default) or `qut-1.5.2` (QUT `urls`
     * cells split on single spaces as that toolkit does, so that its list text `['a', 'b']`
     * gives the "links" `['a',` and `'b']`; by default list text is parsed).
     */
    compat?: Compat
    /**
     * `strict` (fail on the first bad record, code `malformed_record` with its line, the
     * default) or `lenient` (collect rejections in `read.rejected` and go on).
     */
    mode?: Mode
    /**
     * Observation time (RFC 3339) for profiles that carry none (standalone user objects,
     * Bluesky profile views, TikTok user info).
     */
    observedAt?: string | Date | null
  }
  /** Counts and rejections of a read. */
  export interface ReadSummary {
    /** Records accepted. */
    records_accepted: number
    /** Records read. */
    records_read: number
    /** Records rejected (lenient mode). */
    records_rejected: number
    /** The rejected records with line numbers and reasons. */
    rejected: Rejection[]
  }
  /** One record that lenient mode rejected. */
  export interface Rejection {
    /** 1-based line number (the line where the record ends for multi-line JSON; 0 if unknown). */
    line: number
    /** What was wrong, with the JSON pointer or column where there is one. */
    reason: string
    /** 1-based record number in the input. */
    record: number
    /** The input's name. */
    source: string
  }
  /** The report: every number its pages show. */
  export interface Report {
    /** Accounts. */
    accounts: number
    /** The clustering. */
    clustering: Clustering
    /** The clusters ranked by score (rank 1 first), the noise last. */
    clusters: ClusterProfile[]
    /** Every feature column, in the order of the examples' `values`. */
    feature_columns: string[]
    /** The files written, relative to the output folder (empty when nothing was written). */
    files: string[]
    /** Their format. */
    input_format: InputFormat
    /** The inputs, as given. */
    inputs: string[]
    /** The map. */
    map: Map
    /** The coordination network, when one was used. */
    network: NetworkSummary | null
    /** The whole population's creation dates. */
    population: PopulationProfile
    /** Posts read. */
    posts: number
    /** Read counts and rejections. */
    read: ReadSummary
    /** The verdicts' thresholds. */
    score: ScoreScale
    /** The title. */
    title: string
    /** The toolkit version that made it. */
    version: string
  }
  /** Options of `build`: reading, features, clustering, the network, the pages. */
  export interface ReportOptions {
    /**
     * Compute behaviour features over the posts (default true). When false the matrix has the
     * profile columns only.
     */
    behaviour?: boolean
    /** Hours after a longest silence counted as its wake-up burst (default 24). */
    burstWindowH?: number
    /** The feature columns to cluster (default: every complete column). */
    columns?: string[] | null
    /**
     * Another tool's reading, for parity checks: `none` (default) or `qut-1.5.2` (QUT `urls`
     * cells split on single spaces as that toolkit does, so that its list text `['a', 'b']`
     * gives the "links" `['a',` and `'b']`; by default list text is parsed).
     */
    compat?: Compat
    /** Central accounts shown per cluster; default 5. */
    examples?: number
    /** `log1p` before standardising; default true. */
    log1p?: boolean
    /** Accounts drawn on the map at most (a spread sample of every cluster); default 5000. */
    mapPoints?: number
    /** The clustering method; default `kmeans`. */
    method?: ClusterMethod
    /**
     * `strict` (fail on the first bad record, code `malformed_record` with its line, the
     * default) or `lenient` (collect rejections in `read.rejected` and go on).
     */
    mode?: Mode
    /**
     * Build this coordination network from the inputs (`co-repost`, `co-link`, `co-hashtag`,
     * `co-domain`, `co-image`, ...); default none.
     */
    network?: CoordinationKind | null
    /** A network already built: the JSON of a `coordinate` result (instead of `network`). */
    networkFile?: string | null
    /** The network's minimum edge weight; default 1. */
    networkMinEdgeWeight?: number
    /** The network's window in seconds; default 60. */
    networkWindow?: number
    /** Night ends before this local hour (default 6). A start after the end wraps past midnight. */
    nightEndHour?: number
    /** Night starts at this local hour (default 0). */
    nightStartHour?: number
    /**
     * Observation time (RFC 3339) for profiles that carry none (standalone user objects,
     * Bluesky profile views, TikTok user info).
     */
    observedAt?: string | Date | null
    /**
     * Write the site into this folder (created if needed); default: write nothing, return the
     * report.
     */
    output?: string | null
    /**
     * The method's parameters (as in `cluster_features`); default none (the method's
     * defaults: 8 clusters for K-Means).
     */
    params?: Record<string, unknown> | null
    /** Standardise the columns before clustering; default true. */
    standardise?: boolean
    /** The report's title; default "Clusters of accounts". */
    title?: string | null
    /** Shared links, hashtags, domains and sources listed per cluster; default 10. */
    top?: number
    /**
     * The time zone for day, hour and night features, as minutes east of UTC (default 0;
     * -1439..=1439).
     */
    utcOffsetMinutes?: number
  }
  /** A named rule: all conditions must hold. */
  export interface Rule {
    /** The conditions. */
    conditions: Condition[]
    /** What the rule finds and where it comes from. */
    description: string
    /** The rule name. */
    name: string
  }
  /** A rule: a preset's name (`dormant_2019`, `amplifier`) or a rule object. */
  export type RuleArg = string | RuleInput
  /** A named rule: all conditions must hold. */
  export interface RuleInput {
    /** The conditions. */
    conditions: Condition[]
    /** What the rule finds and where it comes from. */
    description?: string
    /** The rule name. */
    name: string
  }
  /** One account's outcome with the conditions that failed or were undefined. */
  export interface RuleOutcome {
    /** The account id. */
    account_id: string
    /** Conditions that failed, as `input op value` text. */
    failed: string[]
    /** Conditions that could not be decided, with why. */
    undefined: string[]
    /** The verdict. */
    verdict: Verdict
  }
  /** A rule preset's outcome over a cluster. */
  export interface RuleRate {
    /** `passed / size`. */
    pass_rate: number
    /** Accounts that pass. */
    passed: number
    /** The preset (`dormant_2019`, `amplifier`). */
    rule: string
    /** Accounts whose verdict is undefined (a missing input, 0/0). */
    undefined: number
  }
  /** Rule outcomes for the accounts in files. */
  export interface RuleResult {
    /** One outcome per account, in feature-matrix row order. */
    outcomes: RuleOutcome[]
    /** How many accounts pass. */
    passed: number
    /** Read counts and rejections. */
    read: ReadSummary
    /** The rule applied. */
    rule: Rule
  }
  /** The thresholds of the verdicts (see `score`). */
  export interface ScoreScale {
    /** A score at or above this is `bot-like`. */
    bot_like: number
    /** A score below this is `organic`. */
    organic: number
  }
  /** One shared item and how widely it is shared in a cluster. */
  export interface Shared {
    /** Distinct accounts of the cluster that shared it. */
    accounts: number
    /** Posts of the cluster's accounts that carry it. */
    posts: number
    /** The link, hashtag (lower-cased, without `#`), domain or source account id. */
    value: string
  }
  /**
   * The items a cluster shares most, each list sorted by accounts, then posts (descending),
   * then value.
   */
  export interface SharedItems {
    /** Web domains (the source's domains, else the links' hosts). */
    domains: Shared[]
    /** Hashtags. */
    hashtags: Shared[]
    /** Links (URLs as written). */
    links: Shared[]
    /** Accounts whose posts the cluster's accounts repost. */
    repost_sources: Shared[]
  }
  /** The signals behind a score. */
  export interface Signals {
    /** Share of accounts with a coordination edge inside the cluster. */
    coordination: number
    /** Excess of creations within 30 days over the population's. */
    creation_burst: number
    /** Median duplicate-text ratio. */
    duplicates: number
    /** Largest pass rate of the rule presets. */
    rules: number
  }
  /** Options of `trace_rows`: the network's options and how the posts are read and bucketed. */
  export interface SplitOptions {
    /** Width of the time buckets in seconds; default `max(64 × window, 3600)`. */
    bucketSecs?: number | null
    /** How `urls` cells are split (`none` or `qut-1.5.2`), as in `coordinate`. */
    compat?: Compat
    /** Evidence pairs kept per edge (default 3). */
    evidence?: number
    /** The trace (default co-repost). */
    kind?: CoordinationKind
    /** Minimum directed weight of an edge (default 1). */
    minEdgeWeight?: number
    /** Accounts with fewer trace posts than this take no part (default 1). */
    minParticipation?: number
    /** Posts with fewer distinct words take no part in co-similar-text (default 5). */
    minTokens?: number
    /** `strict` (the first bad row fails, the default) or `lenient` (bad rows in `rejected`). */
    mode?: Mode
    /**
     * The order of the table's first row when it has no `_order` column (row `i` is
     * `order_base + i`): the global input order decides which of two records of one post id
     * is kept.
     */
    orderBase?: number
    /** Keep edges from an account to itself (default false). */
    selfLoops?: boolean
    /** Word-set Jaccard threshold for co-similar-text (default 0.8). */
    similarityThreshold?: number
    /** URL normalisation for co-link (default none, as the toolkit). */
    urlNormalization?: UrlNormalization
    /**
     * Window in seconds, inclusive: posts of two accounts on the same trace at most this far
     * apart are co-actions (default 60).
     */
    window?: number
  }
  /**
   * Generator settings. Every field has a documented default (`Default`); deserialisable from
   * JSON with missing fields taking the defaults.
   */
  export interface SyntheticConfig {
    /** Number of amplifiers (default 50). */
    amplifiers?: number
    /** Number of coordinated groups (default 5). */
    coordinatedGroups?: number
    /** Members of a coordinated group act within this many seconds of each event (default 60). */
    coordinationWindowSecs?: number
    /** Number of dormant-rule bots (default 100). */
    dormantBots?: number
    /** Dormant bots are created on or after this time (default 2019-01-01T00:00:00Z). */
    dormantCreatedAfter?: string | Date
    /**
     * End of the post window and the observation time of every profile
     * (default 2019-05-27T00:00:00Z).
     */
    end?: string | Date
    /** Events per coordinated group in the window (default 20). */
    groupEvents?: number
    /** Members per coordinated group (default 10). */
    groupSize?: number
    /** Number of organic accounts (default 1000). */
    organic?: number
    /** Mean number of posts of an organic account in the window (default 10.0). */
    postsPerAccount?: number
    /** RNG seed (default 42). Written back into `seed`. */
    seed?: number
    /** Start of the post window (default 2019-05-01T00:00:00Z). */
    start?: string | Date
  }
  /** The generator's output. */
  export interface SyntheticData {
    /** One observation per account, observed at `end`. */
    accounts: Account[]
    /** The truth for `accounts[i]` is `planted[i]`. */
    planted: Planted[]
    /** All posts, grouped by account in account order, each account's posts in time order. */
    posts: Post[]
    /** The seed used. */
    seed: number
  }
  /** One row per trace key and time bucket of each accepted post (columns of equal length). */
  export interface TraceRows {
    /** The time bucket. */
    bucket: number[]
    /** True on exactly one row of each post (to count an account's trace posts). */
    first: boolean[]
    /** See `users`. */
    handles: string[]
    /**
     * A 53-bit hash of each of `ids` (FNV-1a with a final mix): the engine finds the hashes
     * seen more than once and compares only those ids as text (a shared hash is a repeated
     * id or, rarely, two ids that collide; the text decides).
     */
    id_hashes: number[]
    /**
     * The accepted rows' post ids with their order, for the engine's duplicate check: `[id,
     * order]` pairs in `ids` and `orders`.
     */
    ids: string[]
    /** The trace key (a repost id, a normalised URL or text, an LSH band, ...). */
    key: string[]
    /** Whether the post has more than one trace key. */
    multi: boolean[]
    /** See `ids`. */
    orders: number[]
    /** Whether the post belongs to this bucket (false: a copy for the bucket's window). */
    owned: boolean[]
    /** The post's global order (which also identifies it). */
    post: number[]
    /** Rejected rows (lenient mode). */
    rejected: Rejection[]
    /** Rows of the input table. */
    rows_read: number
    /** The post's text, for near-duplicate text only (empty otherwise). */
    text: string[]
    /** The post's time in microseconds since the epoch. */
    time_us: number[]
    /** The posting account. */
    user: string[]
    /** See `users`. */
    user_orders: number[]
    /**
     * The trace posts of each of `users` in this table (its rows with `first`): the engine
     * adds them up per account for the network's nodes.
     */
    user_posts: number[]
    /**
     * The accounts of the accepted rows, each once, at its first row here: `users`,
     * `handles` (the `username` of that row, empty when none) and `user_orders` (its order);
     * the engine keeps, per account, the handle of its smallest order (as one process keeps
     * the first row's).
     */
    users: string[]
  }
  /** How URLs are normalised before comparison in co-link networks. */
  export type UrlNormalization = 'none' | 'basic'
  /** A threshold value: a number, a boolean or an RFC 3339 time. */
  export type Value = boolean | number | string
  /** The outcome of a rule for one account. */
  export type Verdict = 'pass' | 'fail' | 'undefined'
  /**
   * Profile and behaviour features of the accounts, one row per account: the BotometerLite profile features and behaviour features over the posts. A missing value is NaN in `values` and true in `mask`, never a made-up constant. Column names are a contract shared by every language: the profile columns, then the behaviour columns.
   * @param inputs A path or a list of paths (JSON, JSONL or CSV as the platform delivers it; `.gz` is read directly).
   * @param inputFormat `twitter-v1`, `twitter-v2`, `snscrape`, `bluesky`, `mastodon`, `tiktok`, `qut-csv`, `coortweet` or `features-csv` (a features CSV read back).
   */
  export function features(inputs: string | string[], inputFormat: InputFormat, options?: FeaturesOptions): FeaturesMeta & { values: Float64Array[]; mask: Uint8Array[] }
  /** `features` on libuv's thread pool: the same result as a promise. */
  export function featuresAsync(inputs: string | string[], inputFormat: InputFormat, options?: FeaturesOptions): Promise<FeaturesMeta & { values: Float64Array[]; mask: Uint8Array[] }>
  /**
   * Like `features`, on one in-memory input (text or bytes).
   * @param data The export's content.
   * @param inputFormat `twitter-v1`, `twitter-v2`, `snscrape`, `bluesky`, `mastodon`, `tiktok`, `qut-csv`, `coortweet` or `features-csv` (a features CSV read back).
   */
  export function featuresFromText(data: string | Buffer, inputFormat: InputFormat, options?: FeaturesTextOptions): FeaturesMeta & { values: Float64Array[]; mask: Uint8Array[] }
  /** `featuresFromText` on libuv's thread pool: the same result as a promise. */
  export function featuresFromTextAsync(data: string | Buffer, inputFormat: InputFormat, options?: FeaturesTextOptions): Promise<FeaturesMeta & { values: Float64Array[]; mask: Uint8Array[] }>
  /**
   * Read files into the platform-neutral model: `accounts`, `posts`, `rejected` and the read counts.
   * @param inputs A path or a list of paths (JSON, JSONL or CSV as the platform delivers it; `.gz` is read directly).
   * @param inputFormat `twitter-v1`, `twitter-v2`, `snscrape`, `bluesky`, `mastodon`, `tiktok`, `qut-csv`, `coortweet` or `features-csv` (a features CSV read back).
   */
  export function read(inputs: string | string[], inputFormat: InputFormat, options?: ReadRequestOptions): Dataset
  /** `read` on libuv's thread pool: the same result as a promise. */
  export function readAsync(inputs: string | string[], inputFormat: InputFormat, options?: ReadRequestOptions): Promise<Dataset>
  /**
   * Apply a rule preset (`dormant_2019`, `amplifier`) or a rule object (`{name, conditions: [{input, op, value}]}`) to every account: `outcomes` with a `verdict` of `pass`, `fail` or `undefined` (0/0 ratios and missing inputs are undefined, never a pass).
   * @param rule A preset's name or a rule object.
   * @param inputs A path or a list of paths (JSON, JSONL or CSV as the platform delivers it; `.gz` is read directly).
   * @param inputFormat `twitter-v1`, `twitter-v2`, `snscrape`, `bluesky`, `mastodon`, `tiktok`, `qut-csv`, `coortweet` or `features-csv` (a features CSV read back).
   */
  export function rule(rule: RuleArg, inputs: string | string[], inputFormat: InputFormat, options?: FeaturesOptions): RuleResult
  /** `rule` on libuv's thread pool: the same result as a promise. */
  export function ruleAsync(rule: RuleArg, inputs: string | string[], inputFormat: InputFormat, options?: FeaturesOptions): Promise<RuleResult>
  /**
   * How much a handle looks like the handles people choose, in (0, 1]: the geometric mean of smoothed character-bigram probabilities; `null` for an empty handle.
   * @param handle The handle, without `@`.
   */
  export function handleLikelihood(handle: string): number | null
  /** `handleLikelihood` on libuv's thread pool: the same result as a promise. */
  export function handleLikelihoodAsync(handle: string): Promise<number | null>
  /** Seeded synthetic accounts, posts and the planted population of every account (organic users, dormant-rule bots, amplifiers, coordinated groups): `{seed, accounts, posts, planted}`. */
  export function synthetic(options?: SyntheticConfig): SyntheticData
  /** `synthetic` on libuv's thread pool: the same result as a promise. */
  export function syntheticAsync(options?: SyntheticConfig): Promise<SyntheticData>
  /**
   * Build the coordination network of the posts: accounts that act together on the same trace (`kind`: `co-repost`, `co-link`, `co-text`, `co-similar-text`, `co-reply`, `co-hashtag-sequence`, `synchrony`) within `window` seconds, inclusive. The directed weight u → v counts distinct posts of u matched by a post of v (the QUT coordination-network-toolkit's definition); every edge has `weight`, `reverse_weight`, `symmetric_weight`, `balance` and `evidence` (matched post pairs). With `communities`, the result also has `analysis` (components and seeded communities).
   * @param inputs A path or a list of paths.
   * @param inputFormat The format of the inputs (`qut-csv`, `twitter-v1`, ...).
   */
  export function coordinate(inputs: string | string[], inputFormat: InputFormat, options?: CoordinateRequestOptions): CoordinateResult
  /** `coordinate` on libuv's thread pool: the same result as a promise. */
  export function coordinateAsync(inputs: string | string[], inputFormat: InputFormat, options?: CoordinateRequestOptions): Promise<CoordinateResult>
  /**
   * Like `coordinate`, on one in-memory input (text or bytes).
   * @param data The posts (a QUT CSV, JSONL, ...).
   * @param inputFormat The format of the data.
   */
  export function coordinateText(data: string | Buffer, inputFormat: InputFormat, options?: CoordinateTextOptions): CoordinateResult
  /** `coordinateText` on libuv's thread pool: the same result as a promise. */
  export function coordinateTextAsync(data: string | Buffer, inputFormat: InputFormat, options?: CoordinateTextOptions): Promise<CoordinateResult>
  /**
   * Render a `coordinate` result as `csv`, `json`, `graphml` (the default) or `gexf` text. GraphML and GEXF carry node attributes `handle`, `trace_posts` (and `component`, `community` when the result was analysed; -1 = no community) and edge attributes `weight`, `reverse_weight`, `symmetric_weight`, `balance`, `evidence`; Gephi, networkx and igraph read them.
   * @param result What `coordinate` returned.
   * @param format `csv`, `json`, `graphml` or `gexf`.
   */
  export function exportNetwork(result: CoordinateResultInput, format?: ExportFormat): string
  /** `exportNetwork` on libuv's thread pool: the same result as a promise. */
  export function exportNetworkAsync(result: CoordinateResultInput, format?: ExportFormat): Promise<string>
  /**
   * The co-text normalisation (the QUT toolkit's): lower-cased, @mentions stripped, white space collapsed.
   * @param text A post's text.
   */
  export function normalizeText(text: string): string
  /** `normalizeText` on libuv's thread pool: the same result as a promise. */
  export function normalizeTextAsync(text: string): Promise<string>
  /**
   * Step 1 of a partitioned `coordinate` (what `disinfo.dask` and `disinfo.spark` run on each partition of posts): one row per trace key and time bucket of each post of a table with the QUT toolkit's columns (`message_id`, `user_id`, `message`, `timestamp`, and `repost_id`, `reply_id`, `urls`; `_order` the rows' global order). A post is `owned` by the bucket of its time and copied into a neighbouring bucket when it lies within the window of their boundary, so that a hot object split over buckets loses and doubles no pair. `ids` and `orders` list the accepted posts for the duplicate check, `id_hashes` a 53-bit hash of each id (the engine compares as text only the ids that share one). `users`, `handles`, `user_orders` and `user_posts` list each account once, with the handle and order of its first row and its trace posts here.
   * @param posts A pandas DataFrame (or columns by name) with the QUT toolkit's columns.
   */
  export function coordinateTraces(posts: number[][] | Float64Array[] | { values: Float64Array[]; columns: string[]; account_ids?: string[]; handles?: string[] } | Record<string, Array<number | null> | string[]>, options?: SplitOptions): TraceRows
  /** `coordinateTraces` on libuv's thread pool: the same result as a promise. */
  export function coordinateTracesAsync(posts: number[][] | Float64Array[] | { values: Float64Array[]; columns: string[]; account_ids?: string[]; handles?: string[] } | Record<string, Array<number | null> | string[]>, options?: SplitOptions): Promise<TraceRows>
  /**
   * Step 1 of a partitioned `coordinate` over files (what `disinfo.dask.coordinate_files` and `disinfo.spark.coordinate_files` run on each input file): the file read by its platform reader as `coordinate` reads it, then the trace rows of `coordinate_traces`, with the trace keys one process gives each post and orders `order_base + i` for the file's `i`-th post (give the `n`-th file `order_base = n << 32`). `users`, `handles` and `user_orders` are the file's profile observations with a handle, each account once with its last one; their orders count down from 2^53 − 1 so that the engine's rule (the handle of the smallest order) keeps the last observation, as one process does (orders stay below 2^53: up to 2^21 files of 2^32 records); then the accounts with trace posts and no handle, with an empty handle at order 2^53; `user_posts` counts each account's trace posts in the file. `rows_read` and `rejected` are the reader's.
   * @param input The path of one input file.
   * @param inputFormat The format of the file (`twitter-v2`, `snscrape`, `qut-csv`, ...).
   */
  export function coordinateTracesFile(input: string, inputFormat: InputFormat, options?: FileSplitOptions): TraceRows
  /** `coordinateTracesFile` on libuv's thread pool: the same result as a promise. */
  export function coordinateTracesFileAsync(input: string, inputFormat: InputFormat, options?: FileSplitOptions): Promise<TraceRows>
  /**
   * Step 2 of a partitioned `coordinate`: the directed weights among the trace rows of one partition (every row of a `(key, bucket)` in the same partition). A post with one trace key is counted here (`post` = -1, `weight` = its posts); a post with several keys is listed once per `(source, target, post)` for the engine to count once.
   * @param traces Trace rows (`key`, `bucket`, `owned`, `time_us`, `user`, `post`, `multi`, and `text` for near-duplicate text).
   */
  export function coordinatePartition(traces: number[][] | Float64Array[] | { values: Float64Array[]; columns: string[]; account_ids?: string[]; handles?: string[] } | Record<string, Array<number | null> | string[]>, options?: CoordinateOptionsInput): PartitionEdges
  /** `coordinatePartition` on libuv's thread pool: the same result as a promise. */
  export function coordinatePartitionAsync(traces: number[][] | Float64Array[] | { values: Float64Array[]; columns: string[]; account_ids?: string[]; handles?: string[] } | Record<string, Array<number | null> | string[]>, options?: CoordinateOptionsInput): Promise<PartitionEdges>
  /**
   * Step 3 of a partitioned `coordinate`: the network of the summed directed weights (`min_edge_weight` per direction, reverse weights, balance, nodes with their trace posts), and with `communities` its components and communities; the shape of `coordinate`'s result, without evidence pairs.
   * @param edges Weights: `source`, `target`, `weight` (rows of one pair are added), optionally `post` (step 2's rows as they are: a row with `post` >= 0 counts 1 per distinct `(source, target, post)`).
   * @param nodes Trace posts per account: `user`, `trace_posts`, optionally `handle` and `order`; an account's rows (one per partition) add up, its handle is that of its smallest `order` (without `order`, its last non-empty one).
   */
  export function coordinateMerge(edges: number[][] | Float64Array[] | { values: Float64Array[]; columns: string[]; account_ids?: string[]; handles?: string[] } | Record<string, Array<number | null> | string[]>, nodes: number[][] | Float64Array[] | { values: Float64Array[]; columns: string[]; account_ids?: string[]; handles?: string[] } | Record<string, Array<number | null> | string[]>, options?: MergeOptions): CoordinateResult
  /** `coordinateMerge` on libuv's thread pool: the same result as a promise. */
  export function coordinateMergeAsync(edges: number[][] | Float64Array[] | { values: Float64Array[]; columns: string[]; account_ids?: string[]; handles?: string[] } | Record<string, Array<number | null> | string[]>, nodes: number[][] | Float64Array[] | { values: Float64Array[]; columns: string[]; account_ids?: string[]; handles?: string[] } | Record<string, Array<number | null> | string[]>, options?: MergeOptions): Promise<CoordinateResult>
  /**
   * Step 3 of a partitioned `coordinate` when only the edges are wanted: the edges `coordinate_merge` gives for the same rows (`min_edge_weight` per direction, reverse and symmetric weights, balance), sorted by `(source, target)`, as columns rather than one object per edge; no nodes, counts or communities.
   * @param edges Weights: `source`, `target`, `weight` (rows of one pair are added), optionally `post` (step 2's rows as they are: a row with `post` >= 0 counts 1 per distinct `(source, target, post)`).
   */
  export function coordinateMergeEdges(edges: number[][] | Float64Array[] | { values: Float64Array[]; columns: string[]; account_ids?: string[]; handles?: string[] } | Record<string, Array<number | null> | string[]>, options?: CoordinateOptionsInput): EdgeTable
  /** `coordinateMergeEdges` on libuv's thread pool: the same result as a promise. */
  export function coordinateMergeEdgesAsync(edges: number[][] | Float64Array[] | { values: Float64Array[]; columns: string[]; account_ids?: string[]; handles?: string[] } | Record<string, Array<number | null> | string[]>, options?: CoordinateOptionsInput): Promise<EdgeTable>
  /**
   * Cluster the accounts (rows) of a table with `dbscan`, `hdbscan`, `kmeans`, `minibatch_kmeans` or `gmm`, after `log1p` and per-column standardisation (unless `standardise` is false). The table is what `features` returns, a pandas DataFrame (an `account_id` column gives the ids; other text columns are not features) or a plain matrix. Columns with missing values are left out and named in `dropped_columns`, with the reason in `notes`; an infinite value is an error naming its column, row and account; a constant column is kept and noted; duplicate rows share a label; one account is noise for `dbscan`, cluster 0 for one K-Means or GMM cluster, and an error for `hdbscan` or more clusters than rows; no column or no row is an `invalid_argument` error. The result has `account_ids`, `labels` (noise is -1), `n_clusters`, `n_noise`, per-cluster `summaries` (size, medians on the original scale) and the method's details (`kmeans`: centres, inertia, iterations, runs, seed; `gmm`: means, weights, lower bound; `hdbscan`: probabilities). Labels equal scikit-learn's for the same parameters (DBSCAN exactly; K-Means and GMM for the same `random_state`; HDBSCAN up to merges at exactly tied heights).
   * @param table The accounts: a `features` result, a pandas DataFrame (numeric columns are features, `account_id` the ids), a 2-D numpy array or list of rows; in Node a `features()` result, `Float64Array` columns or rows.
   */
  export function clusterFeatures(table: number[][] | Float64Array[] | { values: Float64Array[]; columns: string[]; account_ids?: string[]; handles?: string[] } | Record<string, Array<number | null> | string[]>, options?: ClusterRequestOptions): Omit<AccountClusters, 'labels'> & { labels: Int32Array }
  /** `clusterFeatures` on libuv's thread pool: the same result as a promise. */
  export function clusterFeaturesAsync(table: number[][] | Float64Array[] | { values: Float64Array[]; columns: string[]; account_ids?: string[]; handles?: string[] } | Record<string, Array<number | null> | string[]>, options?: ClusterRequestOptions): Promise<Omit<AccountClusters, 'labels'> & { labels: Int32Array }>
  /**
   * Like `cluster_features`, on files: a features CSV written by `features` (`features-csv`, so that features are computed once and clustered many times) or platform exports, whose features are computed first.
   * @param inputs A path or a list of paths (`.gz` is read directly).
   * @param inputFormat `features-csv`, or a platform format (`twitter-v1`, `qut-csv`, `coortweet`, ...).
   */
  export function clusterAccounts(inputs: string | string[], inputFormat: InputFormat, options?: ClusterAccountsOptions): Omit<AccountClusters, 'labels'> & { labels: Int32Array }
  /** `clusterAccounts` on libuv's thread pool: the same result as a promise. */
  export function clusterAccountsAsync(inputs: string | string[], inputFormat: InputFormat, options?: ClusterAccountsOptions): Promise<Omit<AccountClusters, 'labels'> & { labels: Int32Array }>
  /**
   * Cluster the accounts of the inputs and write the public report: with `output`, a self-contained static site in that folder (an overview ranking the clusters by bot-likeness with the map of accounts and creation dates, one page per cluster with its profile, charts, central accounts and the network among them, in English and French, the method written out; no server, no script, nothing loaded from outside the folder) and `report.json`. Returns the report: every number the pages show (per cluster: size, feature quartiles, rule pass rates, creation-date histogram, shared links, hashtags, domains and repost sources, coordination when `network` or `network_file` is given, central accounts, the score's signals, score and verdict).
   * @param inputs A path or a list of paths (`.gz` is read directly).
   * @param inputFormat A platform format (`twitter-v1`, `qut-csv`, `coortweet`, ...) or `features-csv`.
   */
  export function report(inputs: string | string[], inputFormat: InputFormat, options?: ReportOptions): Report
  /** `report` on libuv's thread pool: the same result as a promise. */
  export function reportAsync(inputs: string | string[], inputFormat: InputFormat, options?: ReportOptions): Promise<Report>
}

export declare namespace ads {
  /** What happened to an ad across the collections. */
  export type AdStatus = 'disappeared' | 'changed' | 'present'
  /** One reviewed ad. */
  export interface AdSummary {
    /** Its reviewers disagree on some single-choice question. */
    contested: boolean
    /** The ad's item id. */
    item: string
    /** Per question. */
    questions: Record<string, Conclusion>
    /** SHA-256 of its raw record (the campaign's evidence). */
    raw_hash: string
    /** Reviewers who answered it. */
    reviews: number
    /** What happened to it in the archive. */
    status: AdStatus
  }
  /** A text of the ad as the archive has it. */
  export interface AdText {
    /** Where in the record: a JSON pointer (`/ad_creative_body`) or a CSV column. */
    field: string
    /** The text (cut at 5,000 characters). */
    text: string
  }
  /** One advertiser in one pair. */
  export interface AdvertiserRow {
    /** Ads of the advertiser in `from`. */
    ads: number
    /** Advertiser id (empty when unknown). */
    advertiser_id: string
    /** Advertiser name (the first seen). */
    advertiser_name?: string | null
    /** Disappeared. */
    disappeared: number
    /** Sum of spend upper bounds of the disappeared ads; `None` if one is open or unknown. */
    disappeared_spend_hi: number | null
    /** Sum of spend lower bounds of the disappeared ads. */
    disappeared_spend_lo: number
    /** Collection id. */
    from: string
    /** Ads of `from` without a usable payer. */
    missing_payer: number
    /** missing_payer / ads, 4 decimals. */
    missing_payer_share: number
    /** Collection id. */
    to: string
    /** Unexplained disappearances. */
    unexplained: number
  }
  /** One advertiser in one pair. */
  export interface AdvertiserRowInput {
    /** Ads of the advertiser in `from`. */
    ads: number
    /** Advertiser id (empty when unknown). */
    advertiser_id: string
    /** Advertiser name (the first seen). */
    advertiser_name?: string | null
    /** Disappeared. */
    disappeared: number
    /** Sum of spend upper bounds of the disappeared ads; `None` if one is open or unknown. */
    disappeared_spend_hi?: number | null
    /** Sum of spend lower bounds of the disappeared ads. */
    disappeared_spend_lo: number
    /** Collection id. */
    from: string
    /** Ads of `from` without a usable payer. */
    missing_payer: number
    /** missing_payer / ads, 4 decimals. */
    missing_payer_share: number
    /** Collection id. */
    to: string
    /** Unexplained disappearances. */
    unexplained: number
  }
  /** An agreement measured on a set of answers. */
  export interface Agreement {
    /** Answers to measured items. */
    answers: number
    /** Items with at least two answers (the ones measured). */
    items: number
    /** Its level of measurement (Krippendorff's alpha). */
    level?: Level | null
    /** The measure. */
    metric: Metric
    /** Reviewers with at least one answer to a measured item. */
    reviewers: number
    /** Why the value is undefined, when it is. */
    undefined?: string | null
    /** The value: 1 is perfect agreement, 0 what chance gives; `null` when undefined. */
    value: number | null
  }
  /** Options of `agreement`. */
  export interface AgreementOptions {
    /** Krippendorff's alpha: `nominal` (default), `ordinal`, `interval` or `ratio`. */
    level?: Level
    /** `krippendorff-alpha` (default) or `fleiss-kappa`. */
    metric?: Metric
    /**
     * Ordinal level with text answers: the values from lowest to highest (every answer must
     * be one of them). Numbers are ordered as numbers without it.
     */
    order?: string[] | null
    /** The question measured, when the answers are to several. */
    question?: string | null
  }
  /** One reviewer's answer to one question about one item. */
  export interface Answer {
    /** The answer. */
    answer: AnswerValue
    /** The item (an ad's key in a campaign). */
    item: string
    /** The question's id (empty when the answers are to one question). */
    question?: string
    /** Who answered. */
    reviewer: string
  }
  /**
   * What a reviewer answered: a number, a text (a choice's id, a free text) or, for a
   * multiple-choice question, the ids of the choices ticked.
   */
  export type AnswerValue = number | string | string[]
  /** Options of `next_ads`. */
  export interface AssignOptions {
    /** How many ads to return at most (default 1). */
    count?: number
    /** More reviewers an ad gets when its reviewers disagree (default 2). */
    extraForDisagreement?: number
    /** Ads handed out and not answered yet. */
    pending?: Assignment[]
    /** Ads reviewers skipped (never shown to them again; no answer counted). */
    skipped?: Assignment[]
  }
  /** An ad and a reviewer. */
  export interface Assignment {
    /** The ad's item id. */
    item: string
    /** The reviewer. */
    reviewer: string
  }
  /** Options of an audit. Deserialisable from JSON; every field has a default. */
  export interface AuditOptions {
    /** Evidence items kept per rule and kind (counts are always complete). Default 1000. */
    evidence_limit: number
    /**
     * An added ad first shown more than this many hours before the previous collection was
     * published late (rule ADS004). Default 48.
     */
    late_after_hours: number
    /**
     * Regimes whose mandatory fields are checked: `dsa_39_2` (default), `dsa_39_3`,
     * `ttpa_12`, `platform_pledge`.
     */
    regimes: string[]
    /**
     * Retention in days after last shown, per platform (`*` for any). Default `{"*": 365}`
     * (DSA art. 39(1): one year after the ad was presented for the last time).
     */
    retention_days: Record<string, number>
    /** Tolerance for percentages summing to 1 and per-country sums (rule ADS014). Default 0.02. */
    share_tolerance: number
    /** A payer funding at least this many advertisers is reported (rule ADS012). Default 3. */
    shared_payer_min_advertisers: number
    /**
     * Strict mode (default): the first unreadable record or file is an error. Lenient: it is
     * reported in `rejected` and as an `ADS013` finding.
     */
    strict: boolean
  }
  /** Options of an audit. Deserialisable from JSON; every field has a default. */
  export interface AuditOptionsInput {
    /** Evidence items kept per rule and kind (counts are always complete). Default 1000. */
    evidence_limit?: number
    /** `evidence_limit` as callers may spell it. */
    evidenceLimit?: number
    /**
     * An added ad first shown more than this many hours before the previous collection was
     * published late (rule ADS004). Default 48.
     */
    late_after_hours?: number
    /** `late_after_hours` as callers may spell it. */
    lateAfterHours?: number
    /**
     * Regimes whose mandatory fields are checked: `dsa_39_2` (default), `dsa_39_3`,
     * `ttpa_12`, `platform_pledge`.
     */
    regimes?: string[]
    /**
     * Retention in days after last shown, per platform (`*` for any). Default `{"*": 365}`
     * (DSA art. 39(1): one year after the ad was presented for the last time).
     */
    retention_days?: Record<string, number>
    /** `retention_days` as callers may spell it. */
    retentionDays?: Record<string, number>
    /** Tolerance for percentages summing to 1 and per-country sums (rule ADS014). Default 0.02. */
    share_tolerance?: number
    /** `share_tolerance` as callers may spell it. */
    shareTolerance?: number
    /** A payer funding at least this many advertisers is reported (rule ADS012). Default 3. */
    shared_payer_min_advertisers?: number
    /** `shared_payer_min_advertisers` as callers may spell it. */
    sharedPayerMinAdvertisers?: number
    /**
     * Strict mode (default): the first unreadable record or file is an error. Lenient: it is
     * reported in `rejected` and as an `ADS013` finding.
     */
    strict?: boolean
  }
  /** The audit report: the JSON contract shared by Rust, Python, Node and the CLI. */
  export interface AuditReport {
    /** Pairs per advertiser. */
    advertisers: AdvertiserRow[]
    /** Collections, in the order given. */
    collections: CollectionSummary[]
    /** Pairs per country. */
    countries: CountryRow[]
    /** Field coverage per regime. */
    coverage: CoverageRow[]
    /** Evidence, bounded per rule and kind by `evidence_limit`. */
    evidence: Evidence[]
    /** Counts per rule and kind. */
    findings: FindingCount[]
    /** `disinfo-ads <version>`. */
    library: string
    /**
     * Facts about the input to know before reading the rest (nothing to compare, query keys
     * not understood, credentials dropped), audit-wide first, then per collection in order.
     */
    notes: Note[]
    /** Consecutive pairs. */
    pairs: PairReport[]
    /** Regimes checked. */
    regimes: string[]
    /** What could not be read, per collection, with locators. */
    rejected: Rejected[]
    /** Number of violations (findings of severity `violation`). */
    violations: number
  }
  /** The audit report: the JSON contract shared by Rust, Python, Node and the CLI. */
  export interface AuditReportInput {
    /** Pairs per advertiser. */
    advertisers: AdvertiserRowInput[]
    /** Collections, in the order given. */
    collections: CollectionSummary[]
    /** Pairs per country. */
    countries: CountryRow[]
    /** Field coverage per regime. */
    coverage: CoverageRowInput[]
    /** Evidence, bounded per rule and kind by `evidence_limit`. */
    evidence: Evidence[]
    /** Counts per rule and kind. */
    findings: FindingCount[]
    /** `disinfo-ads <version>`. */
    library: string
    /**
     * Facts about the input to know before reading the rest (nothing to compare, query keys
     * not understood, credentials dropped), audit-wide first, then per collection in order.
     */
    notes?: Note[]
    /** Consecutive pairs. */
    pairs: PairReport[]
    /** Regimes checked. */
    regimes: string[]
    /** What could not be read, per collection, with locators. */
    rejected: Rejected[]
    /** Number of violations (findings of severity `violation`). */
    violations: number
  }
  /** What shard `shard` of `shards` found: the report of its ads and what the merge needs. */
  export interface AuditShard {
    /** Per row of `report.advertisers`: the order of the ad whose name the row shows. */
    advertiser_names: Array<Order | null>
    /** Per collection: the totals it declares. */
    declared: DeclaredTotals[]
    /** Findings per rule and kind, with the order of each evidence item kept. */
    groups: FindingGroup[]
    /** The audit's options (the same in every shard). */
    options: AuditOptions
    /**
     * The report of this shard's ads: per collection, the files and their counts are the
     * whole collection's (every shard reads every file), the duplicates and distinct ads this
     * shard's; pairs, countries, advertisers and coverage count this shard's ads; findings,
     * violations and evidence are empty (see `groups`); rejected records and notes are listed
     * by the first shard only.
     */
    report: AuditReport
    /** This shard, below `shards`. */
    shard: number
    /** Number of shards. */
    shards: number
    /** Per collection: what the whole-collection checks need of this shard's ads. */
    tallies: Tally[]
  }
  /** What shard `shard` of `shards` found: the report of its ads and what the merge needs. */
  export interface AuditShardInput {
    /** Per row of `report.advertisers`: the order of the ad whose name the row shows. */
    advertiser_names: Array<Order | null>
    /** Per collection: the totals it declares. */
    declared: DeclaredTotalsInput[]
    /** Findings per rule and kind, with the order of each evidence item kept. */
    groups: FindingGroup[]
    /** The audit's options (the same in every shard). */
    options: AuditOptionsInput
    /**
     * The report of this shard's ads: per collection, the files and their counts are the
     * whole collection's (every shard reads every file), the duplicates and distinct ads this
     * shard's; pairs, countries, advertisers and coverage count this shard's ads; findings,
     * violations and evidence are empty (see `groups`); rejected records and notes are listed
     * by the first shard only.
     */
    report: AuditReportInput
    /** This shard, below `shards`. */
    shard: number
    /** Number of shards. */
    shards: number
    /** Per collection: what the whole-collection checks need of this shard's ads. */
    tallies: Tally[]
  }
  /** A review campaign: the ads, the questionnaire and how many reviewers answer each ad. */
  export interface Campaign {
    /** The ads, in review priority. */
    ads: ReviewAd[]
    /** The collections, oldest first. */
    collections: CampaignCollection[]
    /** Ads by status. */
    counts: CampaignCounts
    /** Its id. */
    id: string
    /** The questionnaire. */
    questionnaire: Questionnaire
    /** Reviewers who answer each ad. */
    reviewers_per_ad: number
  }
  /** A collection the campaign was built from. */
  export interface CampaignCollection {
    /** When it was collected. */
    collected_at: string
    /**
     * The countries the collection was queried for (an ad's own countries are often absent:
     * Meta's archive gives regions, not countries).
     */
    countries: string[]
    /** Its id. */
    id: string
    /** The platform. */
    platform: string
    /** Records that could not be read (lenient loading). */
    rejected: number
  }
  /** Ads of a campaign, by status. */
  export interface CampaignCounts {
    /** Ads that changed. */
    changed: number
    /** Ads that disappeared. */
    disappeared: number
    /** Ads seen but left out (`max_ads`, `only_disappeared_or_changed`). */
    left_out: number
    /** Other ads. */
    present: number
  }
  /** A review campaign: the ads, the questionnaire and how many reviewers answer each ad. */
  export interface CampaignInput {
    /** The ads, in review priority. */
    ads: ReviewAd[]
    /** The collections, oldest first. */
    collections: CampaignCollection[]
    /** Ads by status. */
    counts: CampaignCounts
    /** Its id. */
    id: string
    /** The questionnaire. */
    questionnaire: QuestionnaireInput
    /** Reviewers who answer each ad. */
    reviewers_per_ad: number
  }
  /** Options of `campaign`. */
  export interface CampaignOptions {
    /** The campaign's id (default: `review-` and the latest collection's id). */
    id?: string | null
    /** Keep only the first ads by priority (default: every ad). */
    maxAds?: number | null
    /** Keep only ads that disappeared or changed (default false: every ad). */
    onlyDisappearedOrChanged?: boolean
    /** The questionnaire (default: the French one). */
    questionnaire?: QuestionnaireInput | null
    /** Reviewers who answer each ad (default 3, at most 50). */
    reviewersPerAd?: number
    /** Strict loading (default false: review what can be read; the rest is counted). */
    strict?: boolean
  }
  /** One choice of a question. */
  export interface Choice {
    /** Its id (letters, digits, `_` and `-`): what answers hold. */
    id: string
    /** The choice as shown. */
    label: Record<string, string>
    /** The legal reference this answer puts in question. */
    law?: string | null
    /** A "cannot tell": no answer for the agreement measures and the consensus. */
    missing?: boolean
  }
  /** Agreement on one choice of a multiple-choice question (ticked or not). */
  export interface ChoiceAgreement {
    /** Krippendorff's alpha (nominal) of ticked or not. */
    alpha: Agreement
    /** The choice. */
    choice: string
    /** Answers that ticked it. */
    ticked: number
  }
  /** One observation cited as evidence. */
  export interface Cited {
    /** The collection's `collected_at`. */
    collected_at: string
    /** Where the record is. */
    locator: Locator
    /** SHA-256 of the raw record (hex). */
    raw_hash?: string | null
  }
  /**
   * A collection to audit: its folder (with a `collection.json`), or a folder of raw files
   * described here (for archives downloaded without one).
   */
  export type CollectionArg = string | DescribedFolder
  /** One collection as loaded. */
  export interface CollectionSummary {
    /** Records accepted (duplicates included). */
    accepted: number
    /** When collected. */
    collected_at: string
    /** Declared total, if any. */
    declared_total?: number | null
    /** Later observations of an id already seen. */
    duplicates: number
    /** Files with their hashes. */
    files: FileInfo[]
    /** Id. */
    id: string
    /** Platform. */
    platform: string
    /** Records read. */
    read: number
    /** Records or parts rejected. */
    rejected: number
    /** How the run ended. */
    termination: string
    /** Distinct ads. */
    unique_ads: number
  }
  /** What the reviewers concluded about one question of one ad. */
  export interface Conclusion {
    /** The Dawid–Skene estimate (single choice). */
    estimate?: ItemEstimate | null
    /** The majority (single choice). */
    majority?: Majority | null
    /** Votes per choice (multiple choice: how many ticked each). */
    ticked?: Record<string, number>
  }
  /** A question's condition: asked only when `question` was answered with one of `any_of`. */
  export interface Condition {
    /** The choices that make this question asked. */
    any_of: string[]
    /** An earlier single- or multiple-choice question. */
    question: string
  }
  /** One pair restricted to one country. */
  export interface CountryRow {
    /** Added. */
    added: number
    /** Ads in both. */
    common: number
    /** ISO country (the query's countries for ads without their own). */
    country: string
    /** Disappeared by class. */
    disappeared: Disappeared
    /** Collection id. */
    from: string
    /** Rates. */
    rates: Rates
    /** Sizes. */
    sizes: Sizes
    /** Collection id. */
    to: string
  }
  /** Field coverage of one collection for one regime field (optionally one country). */
  export interface CoverageRow {
    /** Collection id. */
    collection: string
    /** Country, or `None` for the whole collection. */
    country?: string | null
    /** present / (total - not_applicable - not_requested), 4 decimals; `None` when nothing applies. */
    coverage: number | null
    /** Canonical field. */
    field: string
    /** Regime name. */
    regime: string
    /**
     * Counts per field state (`present`, `null`, `absent`, `not_requested`,
     * `not_applicable`, `sentinel`, `invalid`).
     */
    states: Record<string, number>
    /** Ads considered. */
    total: number
  }
  /** Field coverage of one collection for one regime field (optionally one country). */
  export interface CoverageRowInput {
    /** Collection id. */
    collection: string
    /** Country, or `None` for the whole collection. */
    country?: string | null
    /** present / (total - not_applicable - not_requested), 4 decimals; `None` when nothing applies. */
    coverage?: number | null
    /** Canonical field. */
    field: string
    /** Regime name. */
    regime: string
    /**
     * Counts per field state (`present`, `null`, `absent`, `not_requested`,
     * `not_applicable`, `sentinel`, `invalid`).
     */
    states: Record<string, number>
    /** Ads considered. */
    total: number
  }
  /** A table of the report written as CSV. */
  export type CsvTable = 'pairs' | 'countries' | 'advertisers' | 'coverage' | 'evidence' | 'rejected' | 'notes'
  /** Totals the platform declared for the collection (e.g. "13,550 results"). */
  export interface DeclaredTotals {
    /** Number of ads declared. */
    ads: number | null
    /** Number of ads declared per country. */
    per_country: Record<string, number>
  }
  /** Totals the platform declared for the collection (e.g. "13,550 results"). */
  export interface DeclaredTotalsInput {
    /** Number of ads declared. */
    ads?: number | null
    /** Number of ads declared per country. */
    per_country?: Record<string, number>
  }
  /** A folder of raw files without `collection.json`, and what the audit needs to know about it. */
  export interface DescribedFolder {
    /** When the collection was taken (RFC 3339). */
    collectedAt: string
    /** The query's countries (ISO 3166-1 alpha-2). */
    countries?: string[]
    /** The folder of raw files. */
    dir: string
    /** The collection's id in the report (default: the folder's name). */
    id?: string | null
    /**
     * The adapter (`meta_json`, `google_csv`, ...; default: detected from the platform and the
     * file names).
     */
    inputFormat?: string | null
    /** The platform: `meta`, `google`, `tiktok`, `snapchat` or any other name. */
    platform: string
  }
  /**
   * Disappeared ads by class (rule ADS002), each ad in the first class that applies, in the
   * order of the fields.
   */
  export interface Disappeared {
    /** The platform said it removed or restricted the ad. */
    moderated: number
    /** Back in a later collection (flapping), not removed. */
    reappeared: number
    /** Same native id present in `to` under another scope (advertiser). */
    reattributed: number
    /** Past the retention period (e.g. DSA: one year after last shown). */
    retention_expired: number
    /** All ads of `from` missing from `to`. */
    total: number
    /** None of the above. */
    unexplained: number
  }
  /** One piece of evidence for a finding. */
  export interface Evidence {
    /** The ad, when the finding is about one ad. */
    ad?: KeyText | null
    /** Legal reference. */
    article?: string | null
    /** Collections involved. */
    collections: string[]
    /** A signed difference (a cumulative figure going down, a count mismatch). */
    delta?: number | null
    /** Human-readable explanation. */
    detail: string
    /** The field concerned. */
    field?: string | null
    /** Sub-kind within the rule (`unexplained`, `payer_missing`, ...). */
    kind: string
    /** The observations cited (raw hash and locator). */
    observations: Cited[]
    /** Rule id. */
    rule: string
    /** Severity. */
    severity: Severity
  }
  /** Where the ad's latest record is: what an answer about it stands on. */
  export interface Evidence2 {
    /** The collection. */
    collection: string
    /** The file and the record in it. */
    locator: Locator
    /** SHA-256 of the record's raw bytes (hex); empty when the file changed since. */
    raw_hash: string
  }
  /** The format of an export. */
  export type ExportFormat = 'json' | 'csv'
  /** Options of `export`. */
  export interface ExportOptions {
    /** `json` (default) or `csv`. */
    format?: ExportFormat
    /** With `csv`: `answers` (default), `ads`, `agreement`, `pairs` or `reviewers`. */
    table?: ExportTable | null
  }
  /** The tables of a CSV export. */
  export type ExportTable = 'answers' | 'ads' | 'agreement' | 'pairs' | 'reviewers'
  /** One raw file of a collection. */
  export interface FileInfo {
    /** Records accepted. */
    accepted: number
    /** Size in bytes. */
    bytes: number
    /** The adapter used. */
    format: Format
    /** Path relative to the collection folder (`/` separators). */
    path: string
    /** Records read (accepted + rejected). */
    read: number
    /** Records or parts rejected. */
    rejected: number
    /** SHA-256 of the file's bytes (hex). */
    sha256: string
  }
  /** Counts of one rule and kind. */
  export interface FindingCount {
    /** Legal reference. */
    article?: string | null
    /** Number of findings (complete). */
    count: number
    /** Findings counted but not listed in `evidence` (over `evidence_limit`). */
    evidence_omitted: number
    /** Sub-kind. */
    kind: string
    /** Rule id. */
    rule: string
    /** Severity. */
    severity: Severity
  }
  /** One rule and kind of a sink, as a shard of an audit hands it over. */
  export interface FindingGroup {
    /** Findings counted. */
    count: number
    /** The first evidence items (at most the limit), each with its order. */
    evidence: Array<[Order, Evidence]>
    /** Sub-kind. */
    kind: string
    /** Rule id. */
    rule: string
    /** The highest severity found. */
    severity: Severity
  }
  /** The file formats the crate reads. */
  export type Format = 'meta_json' | 'meta_report_csv' | 'google_csv' | 'google_atc' | 'tiktok' | 'snapchat_csv' | 'jsonl'
  /** Options of `generate`. */
  export interface GenerateOptions {
    /** `bench`: ads per collection (default 1,000,000). */
    ads?: number | null
    /** `bench`: the number of daily collections (default 7). */
    days?: number | null
    /** The generator's seed (default 2019). */
    seed?: number
  }
  /** An item's estimated class. */
  export interface ItemEstimate {
    /** The most probable class. */
    answer: string
    /** Probability of every class, in the order of `classes`. */
    posterior: number[]
    /** Its probability. */
    probability: number
  }
  /** The key of an ad in a report. */
  export interface KeyText {
    /** Native id. */
    id: string
    /** Scope (Google advertiser id). */
    scope?: string | null
  }
  /** The level of measurement of the answers (Krippendorff's alpha). */
  export type Level = 'nominal' | 'ordinal' | 'interval' | 'ratio'
  /** A human- and machine-readable locator: the file plus a JSON pointer, a line or a CSV row. */
  export interface Locator {
    /** The collection id. */
    collection: string
    /** The file, relative to the collection folder. */
    file: string
    /** 1-based line, for JSONL files. */
    line?: number | null
    /** JSON pointer of the record (`/data/17`), for JSON files. */
    pointer?: string | null
    /** 1-based row number in the file (the header is row 1), for CSV files. */
    row?: number | null
  }
  /** The majority answer to one item. */
  export interface Majority {
    /** The answer most reviewers gave; `null` on a tie. */
    answer: string | null
    /** Answers to the item. */
    answers: number
    /** The answers tied for the most votes (empty without a tie). */
    tied?: string[]
    /** Votes of the leading answer(s). */
    votes: number
  }
  /** Per matched ad: who ran it, where it matched and where it is present at all. */
  export interface MatchedAd {
    /** The ad. */
    ad: KeyText
    /** The page or advertiser name where it first matched. */
    advertiser_name?: string | null
    /** The text around its first match. */
    excerpt: string
    /** Collections in which it matched. */
    matched_in: string[]
    /** Collections (after the first match) from which it is missing. */
    missing_from: string[]
    /** Who paid, where it first matched. */
    payer?: string | null
    /** Collections in which the ad is present. */
    present_in: string[]
  }
  /** An agreement measure. */
  export type Metric = 'krippendorff-alpha' | 'fleiss-kappa'
  /** An ad handed out to a reviewer. */
  export interface NextAd {
    /** The ad's item id. */
    item: string
    /** Why it is handed out. */
    reason: Reason
    /** Reviewers who answered it so far. */
    reviews: number
  }
  /**
   * A fact about the audit's input that the reader must know to read the report right, but
   * that is neither a finding nor an error: only one collection was given, a query key was not
   * understood, a credential was dropped.
   */
  export interface Note {
    /** Stable snake_case code, one of `NOTE_CODES`. */
    code: string
    /** The collection it is about, when it is about one. */
    collection?: string | null
    /** What it means, in words. */
    message: string
  }
  /**
   * Where a finding comes in the audit's sequence of findings: the check (`stage`), the pair or
   * collection it walks (`unit`), the step within it (`step`), then the record
   * (`file`, `record`) or the rank of the collection-wide item. Findings of one rule and kind
   * are found in increasing order; findings at the same order keep the order they were found in.
   */
  export type Order = number[]
  /** Agreement of two reviewers on the ads both answered. */
  export interface PairAgreement {
    /** Krippendorff's alpha of the two; `null` when undefined. */
    alpha: number | null
    /** Ads both answered (with an answer other than "cannot tell"). */
    items: number
    /** The two reviewers. */
    reviewers: string[]
  }
  /** One consecutive pair of collections. */
  export interface PairReport {
    /** Ads of `to` not in `from`. */
    added: number
    /** Ads in both. */
    common: number
    /** Same platform and scope, both complete. */
    comparable: boolean
    /** Ads of `from` not in `to`, by class. */
    disappeared: Disappeared
    /** Collection id. */
    from: string
    /** Added ads first shown well before `from` was collected (back-filled). */
    late_published: number
    /** Rates. */
    rates: Rates
    /** Why not comparable. */
    reasons: string[]
    /** Sizes. */
    sizes: Sizes
    /** `ok` or `inconclusive`. */
    status: string
    /** Collection id. */
    to: string
  }
  /** One question. */
  export interface Question {
    /** The choices (single and multiple). */
    choices?: Choice[]
    /** What a reviewer needs to know to answer. */
    help?: Record<string, string> | null
    /** Its id (letters, digits, `_` and `-`). */
    id: string
    /** How it is answered. */
    kind: QuestionKind
    /** The question as asked. */
    label: Record<string, string>
    /**
     * Level of measurement of a single-choice question's answers, for Krippendorff's alpha:
     * `nominal` (default) or `ordinal` (the choices in order).
     */
    level: Level
    /** Must be answered whenever it is asked (default true). */
    required: boolean
    /** Asked only when an earlier question got one of some answers. */
    when?: Condition | null
  }
  /** One question. */
  export interface QuestionInput {
    /** The choices (single and multiple). */
    choices?: Choice[]
    /** What a reviewer needs to know to answer. */
    help?: Record<string, string> | null
    /** Its id (letters, digits, `_` and `-`). */
    id: string
    /** How it is answered. */
    kind: QuestionKind
    /** The question as asked. */
    label: Record<string, string>
    /**
     * Level of measurement of a single-choice question's answers, for Krippendorff's alpha:
     * `nominal` (default) or `ordinal` (the choices in order).
     */
    level?: Level
    /** Must be answered whenever it is asked (default true). */
    required?: boolean
    /** Asked only when an earlier question got one of some answers. */
    when?: Condition | null
  }
  /** How a question is answered. */
  export type QuestionKind = 'single' | 'multiple' | 'text'
  /** One question over the whole campaign. */
  export interface QuestionSummary {
    /** Krippendorff's alpha at the question's level (single choice). */
    alpha?: Agreement | null
    /** Answers to it. */
    answers: number
    /** Answers that were "cannot tell". */
    cannot_tell: number
    /** Answers per choice. */
    choices?: Record<string, number>
    /** Whether Dawid–Skene converged (single choice). */
    converged?: boolean | null
    /** Fleiss' kappa (single choice). */
    kappa?: Agreement | null
    /** How it is answered. */
    kind: QuestionKind
    /**
     * Alpha per pair of reviewers with at least two ads in common (single choice), among the
     * 100 reviewers with the most answers.
     */
    pairs?: PairAgreement[]
    /**
     * Reviewers left out of `pairs` (beyond the 100 with the most answers: the pairs grow as
     * the square of the reviewers).
     */
    pairs_left_out?: number
    /** Agreement per choice (multiple choice). */
    per_choice?: ChoiceAgreement[]
    /** The question. */
    question: string
    /** Dawid–Skene reliability of each reviewer (single choice). */
    reviewers?: ReviewerModel[]
  }
  /** A review questionnaire. */
  export interface Questionnaire {
    /** Its id (kept with every campaign and export). */
    id: string
    /** The languages every label is written in, the default first. */
    languages: string[]
    /** The questions, in the order they are asked. */
    questions: Question[]
    /** Its title. */
    title: Record<string, string>
  }
  /** A review questionnaire. */
  export interface QuestionnaireInput {
    /** Its id (kept with every campaign and export). */
    id: string
    /** The languages every label is written in, the default first. */
    languages: string[]
    /** The questions, in the order they are asked. */
    questions: QuestionInput[]
    /** Its title. */
    title: Record<string, string>
  }
  /**
   * A range with an optional open upper bound: Meta's `{"lower_bound": "100", "upper_bound":
   * "199"}`, Google's `10k-100k`, Meta report's `≤100`, TikTok's `1K-10K`.
   */
  export interface Range {
    /** Upper bound (inclusive); `None` is open-ended (`> 10M`, a missing `upper_bound`). */
    hi?: number | null
    /** Lower bound (inclusive). */
    lo: number
  }
  /** Rates of a pair (rule ADS003), rounded to 4 decimals. */
  export interface Rates {
    /** disappeared / |from|. */
    gross: number
    /** (|from| - |to|) / |from|. */
    net: number
    /** unexplained / |from|. */
    unexplained: number
  }
  /** Why an ad is handed out. */
  export type Reason = 'disagreed' | 'unreviewed' | 'needs_more'
  /** Something that could not be read, with its locator (lenient mode). */
  export interface Rejected {
    /**
     * Stable code (`malformed_json`, `malformed_record`, `missing_id`, `missing_column`,
     * `wrong_field_count`).
     */
    code: string
    /** Where. */
    locator: Locator
    /** What is wrong. */
    message: string
    /** SHA-256 of the raw bytes, if any (hex). */
    raw_hash?: string | null
  }
  /** Options of `render`. */
  export interface RenderOptions {
    /** `markdown` (default), `json` or `csv`. */
    format?: ReportFormat
    /**
     * With `csv`: the table (`pairs`, the default, `countries`, `advertisers`, `coverage`,
     * `evidence`, `rejected`, `notes`).
     */
    table?: CsvTable | null
  }
  /** An output format of `render`. */
  export type ReportFormat = 'json' | 'markdown' | 'csv'
  /** One ad to review. */
  export interface ReviewAd {
    /** The page or advertiser id. */
    advertiser_id?: string | null
    /** The page or advertiser. */
    advertiser_name?: string | null
    /** Countries it was shown in (ISO 3166-1 alpha-2). */
    countries: string[]
    /** When it was created (RFC 3339). */
    created?: string | null
    /** Currency of the spend. */
    currency?: string | null
    /** The latest record. */
    evidence: Evidence2
    /** First shown (RFC 3339). */
    first_shown?: string | null
    /** Impressions range. */
    impressions?: Range | null
    /** The item id answers refer to: the ad's id, or `scope/id` where ids are scoped (Google). */
    item: string
    /** Last shown (RFC 3339). */
    last_shown?: string | null
    /** Collections after its first appearance that lack it. */
    missing_from: string[]
    /** Who paid, as declared. */
    payer?: string | null
    /** The platform. */
    platform: string
    /** Collections it is in, oldest first. */
    present_in: string[]
    /** The platform says it removed or restricted it. */
    removed: boolean
    /** The archive's page of the ad. */
    snapshot_url?: string | null
    /** Spend range, in `currency`. */
    spend?: Range | null
    /** What happened to it. */
    status: AdStatus
    /** The creative's texts. */
    texts: AdText[]
  }
  /** A campaign's answers summed up. */
  export interface ReviewSummary {
    /** Ads in the campaign. */
    ads: number
    /** The campaign. */
    campaign: string
    /** Ads with `reviewers_per_ad` reviews or more. */
    complete: number
    /** Contested ads, most split first (lowest share for the leading answer). */
    contested: string[]
    /** The questionnaire. */
    questionnaire: string
    /** Per question, in the questionnaire's order. */
    questions: QuestionSummary[]
    /** Ads with at least one review. */
    reviewed: number
    /** Reviewed ads, in the campaign's order. */
    reviewed_ads: AdSummary[]
    /** Reviewers who answered. */
    reviewers: number
  }
  /** A reviewer as Dawid–Skene sees them. */
  export interface ReviewerModel {
    /** Answers they gave. */
    answers: number
    /** `confusion[k][l]`: probability of answering class `l` when the truth is class `k`. */
    confusion: number[][]
    /** Probability that their answer is the true class (`Σ_k π_k θ[k][k]`). */
    reliability: number
    /** The reviewer. */
    reviewer: string
  }
  /** One match, readable on its own. */
  export interface SearchHit {
    /** The ad. */
    ad: KeyText
    /** The page or advertiser id, as read. */
    advertiser_id?: string | null
    /** The page or advertiser name, as read. */
    advertiser_name?: string | null
    /** The collection the record is in. */
    collection: string
    /** The text around the match, on one line, `…` where it was cut. */
    excerpt: string
    /** JSON pointer inside the record (`/ad_creative_body`) or the CSV column name. */
    field: string
    /**
     * Where the record is (file plus JSON pointer, JSONL line or CSV row); `field` below says
     * where in it.
     */
    locator: Locator
    /** Who paid (Meta `bylines` or `funding_entity`, "paid for by"), as read. */
    payer?: string | null
    /** SHA-256 of the raw record (hex). */
    raw_hash: string
  }
  /** Options of `search_dirs`. */
  export interface SearchOptions {
    /** Match regardless of case (default true). */
    caseInsensitive?: boolean
    /** Hits listed at most (all are counted). Default 10,000. */
    maxHits?: number
    /** The pattern is a regular expression (default: a plain keyword). */
    regex?: boolean
    /** Strict loading (default false here: search what can be read, report the rest). */
    strict?: boolean
  }
  /** The result of a search. */
  export interface SearchResult {
    /** Matched ads, sorted by id. */
    ads: MatchedAd[]
    /** Matches listed, in collection and file order. */
    hits: SearchHit[]
    /** Matches not listed (over `max_hits`). */
    hits_omitted: number
    /** The pattern. */
    pattern: string
    /** All matches (counted). */
    total_hits: number
  }
  /** How serious a finding is. `violation` makes the CLI exit with 1. */
  export type Severity = 'info' | 'warning' | 'violation'
  /** Sizes of a pair. */
  export interface Sizes {
    /** Distinct ads in `from`. */
    from: number
    /** Distinct ads in `to`. */
    to: number
  }
  /** What the whole-collection checks need to know of a collection's ads, summable over shards. */
  export interface Tally {
    /** Distinct ads. */
    ads: number
    /**
     * Ads per country (the query's countries for ads without their own), counted only when
     * the collection declares totals per country.
     */
    countries: Record<string, number>
    /** Payer -> the advertisers it funds (ads with a usable payer and an advertiser id). */
    payers: Record<string, string[]>
  }
  /**
   * Audit successive collections of an ad repository, oldest first: for each consecutive pair the ads that disappeared (by class: re-attributed, reappeared, moderated, retention expired, unexplained) and were added, the gross, net and unexplained rates, per country and advertiser; field coverage per mandatory field of each regime; findings and violations with their rule, legal article and evidence (collection, locator, raw record hash). A collection is its folder (with `collection.json`) or `{dir, platform, collected_at, countries?, input_format?, id?}` for a folder of raw files. A single collection is checked on its own and the report notes that there is nothing to compare.
   * @param collections The collections, oldest first: folders, or described folders of raw files.
   */
  export function audit(collections: CollectionArg[], options?: AuditOptionsInput): AuditReport
  /** `audit` on libuv's thread pool: the same result as a promise. */
  export function auditAsync(collections: CollectionArg[], options?: AuditOptionsInput): Promise<AuditReport>
  /**
   * One shard of an `audit` split by ad key (what `disinfo.dask.audit` and `disinfo.spark.audit` run on each worker): every file is read, only the ads whose native id hashes to `shard` (64-bit FNV-1a modulo `shards`) are kept and checked. Returns the shard's counts, findings with the order of each evidence item, and what the whole-collection checks need; `audit_merge` makes the report of the whole audit from all shards.
   * @param collections The collections, oldest first: folders, or described folders of raw files (the same in every shard).
   * @param shard This shard, from 0 to `shards` - 1.
   * @param shards Number of shards (at least 1).
   */
  export function auditShard(collections: CollectionArg[], shard: number, shards: number, options?: AuditOptionsInput): AuditShard
  /** `auditShard` on libuv's thread pool: the same result as a promise. */
  export function auditShardAsync(collections: CollectionArg[], shard: number, shards: number, options?: AuditOptionsInput): Promise<AuditShard>
  /**
   * The report of an audit from all its shards (`audit_shard`, each shard once, in any order): counts summed, rates and coverage recomputed, the whole-collection checks (shared payers, declared totals) run on the summed tallies, and per rule and kind the first `evidence_limit` evidence items in the order one process finds them. The same report as `audit` on the same collections.
   * @param shards What `audit_shard` returned for every shard.
   */
  export function auditMerge(shards: AuditShardInput[]): AuditReport
  /** `auditMerge` on libuv's thread pool: the same result as a promise. */
  export function auditMergeAsync(shards: AuditShardInput[]): Promise<AuditReport>
  /**
   * A review campaign from collections, oldest first: every ad seen, ads that disappeared first, then ads that changed, then the others (largest spend first within each), each with its texts, page, payer, dates, spend and impressions ranges, countries, snapshot link, the collections it is in and missing from, and its evidence (collection, locator, SHA-256 of the raw record) from its latest observation; the questionnaire (the French default unless given) and how many reviewers answer each ad.
   * @param collections The collections, oldest first: folders, or described folders of raw files.
   */
  export function reviewCampaign(collections: CollectionArg[], options?: CampaignOptions): Campaign
  /** `reviewCampaign` on libuv's thread pool: the same result as a promise. */
  export function reviewCampaignAsync(collections: CollectionArg[], options?: CampaignOptions): Promise<Campaign>
  /**
   * The next ads for a reviewer: every ad to `reviewers_per_ad` reviewers, never twice to the same reviewer (nor again after a skip), up to `extra_for_disagreement` more where reviewers disagree; ads with a disagreement first, then ads nobody reviewed, then ads that need more reviews, in the campaign's order. Ads handed out and not answered (`pending`) count as taken.
   * @param campaign What `review_campaign` returned.
   * @param answers The answers so far.
   * @param reviewer The reviewer to serve.
   */
  export function reviewAssign(campaign: CampaignInput, answers: Answer[], reviewer: string, options?: AssignOptions): NextAd[]
  /** `reviewAssign` on libuv's thread pool: the same result as a promise. */
  export function reviewAssignAsync(campaign: CampaignInput, answers: Answer[], reviewer: string, options?: AssignOptions): Promise<NextAd[]>
  /**
   * What a campaign's answers add up to: per question the answers per choice, Krippendorff's alpha at the question's level, Fleiss' kappa, alpha per pair of reviewers and the Dawid–Skene reliability of each reviewer (a multiple-choice question: alpha per choice, ticked or not); per reviewed ad the majority (ties reported), the Dawid–Skene estimate and the evidence hash; the contested ads, most split first. "Cannot tell" answers are counted but measured as missing. Answers naming an unknown ad, question or choice are refused with their row.
   * @param campaign What `review_campaign` returned.
   * @param answers Every answer.
   */
  export function reviewSummary(campaign: CampaignInput, answers: Answer[]): ReviewSummary
  /** `reviewSummary` on libuv's thread pool: the same result as a promise. */
  export function reviewSummaryAsync(campaign: CampaignInput, answers: Answer[]): Promise<ReviewSummary>
  /**
   * A campaign's answers exported: `json` (every answer with its ad's evidence, and the summary) or one `csv` table (`answers`, `ads`, `agreement`, `pairs`, `reviewers`), every row with the ad's evidence hash; cells a spreadsheet would run as formulas are defused with a leading `'`.
   * @param campaign What `review_campaign` returned.
   * @param answers Every answer.
   */
  export function reviewExport(campaign: CampaignInput, answers: Answer[], options?: ExportOptions): string
  /** `reviewExport` on libuv's thread pool: the same result as a promise. */
  export function reviewExportAsync(campaign: CampaignInput, answers: Answer[], options?: ExportOptions): Promise<string>
  /**
   * How far reviewers agree beyond chance: Krippendorff's alpha at the `nominal`, `ordinal`, `interval` or `ratio` level (any number of reviewers per item, missing answers allowed) or Fleiss' kappa. Items with fewer than two answers do not count. `value` is `null`, with the reason in `undefined`, when nothing can be measured (no item with two answers, or every answer the same).
   * @param answers One row per answer: `{item, reviewer, answer, question?}`; `answer` a string or a number (a multiple-choice answer is measured per choice).
   */
  export function reviewAgreement(answers: Answer[], options?: AgreementOptions): Agreement
  /** `reviewAgreement` on libuv's thread pool: the same result as a promise. */
  export function reviewAgreementAsync(answers: Answer[], options?: AgreementOptions): Promise<Agreement>
  /**
   * A review questionnaire, read from a `.toml` or `.json` file and checked (ids, labels in every language, conditions on earlier questions and their choices), or the French default: political or issue ad, the election, commercial advertising for electoral propaganda (Code électoral L.52-1), missing sponsor identity or amount (L.163-1), who paid (L.52-8), a foreign payer, a comment.
   * @param path The questionnaire file; the French default when omitted.
   */
  export function reviewQuestionnaire(path?: string): Questionnaire
  /** `reviewQuestionnaire` on libuv's thread pool: the same result as a promise. */
  export function reviewQuestionnaireAsync(path?: string): Promise<Questionnaire>
  /**
   * Render an audit report as `markdown` (for people), `json` (the contract) or `csv` (one table).
   * @param report What `audit` returned.
   */
  export function render(report: AuditReportInput, options?: RenderOptions): string
  /** `render` on libuv's thread pool: the same result as a promise. */
  export function renderAsync(report: AuditReportInput, options?: RenderOptions): Promise<string>
  /**
   * Search collections for a keyword (or a regular expression): every hit with its collection, locator, the text around the match, the page and the payer, and for each matched ad the collections it is present in and missing from (the 2019 team found removed illegal ads this way).
   * @param pattern A keyword, or a regular expression with `regex`.
   * @param collections The collection folders, oldest first.
   */
  export function search(pattern: string, collections: string[], options?: SearchOptions): SearchResult
  /** `search` on libuv's thread pool: the same result as a promise. */
  export function searchAsync(pattern: string, collections: string[], options?: SearchOptions): Promise<SearchResult>
  /**
   * Write a seeded synthetic scenario: `fr2019` (the May 2019 French case: 13,550 then 9,288 Meta v3.3 ads, realistic French political texts) or `bench` (`days` collections of `ads` ads). Returns the collection folders, oldest first.
   * @param scenario `fr2019` or `bench`.
   * @param outDir Where the collection folders are written.
   */
  export function generate(scenario: string, outDir: string, options?: GenerateOptions): string[]
  /** `generate` on libuv's thread pool: the same result as a promise. */
  export function generateAsync(scenario: string, outDir: string, options?: GenerateOptions): Promise<string[]>
}

export declare namespace encyclopedia {
  /** Options of `check` and `check_files`. */
  export interface CheckRequestOptions {
    /** Deepest YAML nesting (default 64); deeper gives FM007. */
    maxDepth?: number
    /** Largest front matter, in bytes (default 1 MiB); larger gives FM008. */
    maxFrontMatterBytes?: number
    /** Most YAML nodes after alias expansion (default 100,000); more gives FM006. */
    maxNodes?: number
    /**
     * A corpus's own schema extending the shipped entry schema (an object, or a JSON file's
     * path).
     */
    schema?: SchemaArg | null
  }
  /** One problem found in the corpus. */
  export interface Diagnostic {
    /** 1-based column of the start, in characters. */
    column: number
    /** 1-based column just after the end. */
    end_column: number
    /** 1-based line of the end. */
    end_line: number
    /** Path of the file, relative to the corpus root, with `/` separators. */
    file: string
    /** 1-based line of the start. */
    line: number
    /** What is wrong, in one sentence. */
    message: string
    /**
     * JSON pointer into the front matter (`/sources/0/url`); empty for the whole document or
     * for places outside the front matter.
     */
    pointer: string
    /** Other places that explain the problem. */
    related: Related[]
    /** Stable rule id (`FM004`, `SC001`, `RF001`, ...), see `RULES`. */
    rule: string
    /** Error or warning. */
    severity: Severity
    /**
     * The replacement text for the offending key or value (`maintainers`, `2017-07-07`,
     * `'no'`), when one is known.
     */
    suggestion: string | null
  }
  /** One problem found in the corpus. */
  export interface DiagnosticInput {
    /** 1-based column of the start, in characters. */
    column: number
    /** 1-based column just after the end. */
    end_column: number
    /** 1-based line of the end. */
    end_line: number
    /** Path of the file, relative to the corpus root, with `/` separators. */
    file: string
    /** 1-based line of the start. */
    line: number
    /** What is wrong, in one sentence. */
    message: string
    /**
     * JSON pointer into the front matter (`/sources/0/url`); empty for the whole document or
     * for places outside the front matter.
     */
    pointer: string
    /** Other places that explain the problem. */
    related: Related[]
    /** Stable rule id (`FM004`, `SC001`, `RF001`, ...), see `RULES`. */
    rule: string
    /** Error or warning. */
    severity: Severity
    /**
     * The replacement text for the offending key or value (`maintainers`, `2017-07-07`,
     * `'no'`), when one is known.
     */
    suggestion?: string | null
  }
  /** The result of a migration. */
  export interface MigrateReport {
    /** Entries written, sorted by path. */
    entries: MigratedEntry[]
    /** Old pages read. */
    pages: number
    /** What could not be mapped, sorted by file and line. */
    unmapped: Unmapped[]
  }
  /** One entry written by the migration. */
  export interface MigratedEntry {
    /** The entry's id. */
    id: string
    /** The new file, relative to the new corpus root. */
    path: string
    /** Where it came from: `old/page.md:12` (and more places when merged from several pages). */
    sources: string[]
  }
  /** The entries written by an in-memory migration, and its report. */
  export interface MigratedPages {
    /** The entry files by relative path. */
    files: Record<string, string>
    /** What was migrated and what could not be. */
    report: MigrateReport
  }
  /**
   * Another place that explains a diagnostic (the first definition of a duplicate id, a step of
   * a cycle, ...).
   */
  export interface Related {
    /** 1-based column. */
    column: number
    /** Path of the file, relative to the corpus root, with `/` separators. */
    file: string
    /** 1-based line. */
    line: number
    /** What is at that place. */
    message: string
  }
  /** The result of a check. */
  export interface Report {
    /** Every diagnostic, sorted by file, line, column and rule. */
    diagnostics: Diagnostic[]
    /** Files whose front matter loaded (entries taking part in the cross-reference checks). */
    entries: number
    /** Diagnostics of severity error. */
    errors: number
    /** Files read. */
    files: number
    /** Diagnostics of severity warning. */
    warnings: number
  }
  /** The result of a check. */
  export interface ReportInput {
    /** Every diagnostic, sorted by file, line, column and rule. */
    diagnostics: DiagnosticInput[]
    /** Files whose front matter loaded (entries taking part in the cross-reference checks). */
    entries: number
    /** Diagnostics of severity error. */
    errors: number
    /** Files read. */
    files: number
    /** Diagnostics of severity warning. */
    warnings: number
  }
  /** One rule: its id, default severity and what it checks. */
  export interface Rule {
    /** Stable id (`FM001`). */
    id: string
    /** Default severity. */
    severity: Severity
    /** What the rule checks. */
    title: string
  }
  /** A corpus's own schema: a JSON Schema object, or the path of a JSON file holding one. */
  export type SchemaArg = string | Record<string, unknown>
  /** How bad a diagnostic is. Any `Error` makes `disinfo encyclopedia check` exit 1. */
  export type Severity = 'error' | 'warning'
  /** Something the migration could not map. */
  export interface Unmapped {
    /** The old page. */
    file: string
    /** 1-based line. */
    line: number
    /** What could not be mapped, and what was done with it. */
    reason: string
  }
  /**
   * Check every entry (`*.md` except README.md and names starting with `.` or `_`): front matter, schema, URLs and links, cross references. The report has `files`, `entries`, `errors`, `warnings` and `diagnostics`; each diagnostic has `file`, `line`, `column`, `end_line`, `end_column`, `pointer` (JSON pointer), `rule` (`FM004`, `SC004`, `RF001`, ...), `severity`, `message`, `suggestion` and `related`. `errors == 0` means the corpus can be published.
   * @param path The corpus folder.
   */
  export function check(path: string, options?: CheckRequestOptions): Report
  /** `check` on libuv's thread pool: the same result as a promise. */
  export function checkAsync(path: string, options?: CheckRequestOptions): Promise<Report>
  /**
   * Check in-memory files (relative path → text or bytes): the same report as `check`.
   * @param files The entries by relative path.
   */
  export function checkFiles(files: Record<string, string | Buffer>, options?: CheckRequestOptions): Report
  /** `checkFiles` on libuv's thread pool: the same result as a promise. */
  export function checkFilesAsync(files: Record<string, string | Buffer>, options?: CheckRequestOptions): Promise<Report>
  /**
   * Convert the old one-page-per-phase-and-type layout into one file per entry. `new_dir` must not exist or be empty; `created` (`YYYY-MM-DD`) is written into every entry. The report lists `pages`, `entries` (path, id, sources) and `unmapped` (file, line, reason): everything that could not be mapped.
   * @param oldDir The old pages.
   * @param newDir Where the entries are written.
   * @param created The creation date of the entries (`YYYY-MM-DD`).
   */
  export function migrate(oldDir: string, newDir: string, created: string): MigrateReport
  /** `migrate` on libuv's thread pool: the same result as a promise. */
  export function migrateAsync(oldDir: string, newDir: string, created: string): Promise<MigrateReport>
  /**
   * In-memory `migrate`: `{files: {path: text}, report}`.
   * @param pages The old pages by relative path.
   * @param created The creation date of the entries (`YYYY-MM-DD`).
   */
  export function migratePages(pages: Record<string, string | Buffer>, created: string): MigratedPages
  /** `migratePages` on libuv's thread pool: the same result as a promise. */
  export function migratePagesAsync(pages: Record<string, string | Buffer>, created: string): Promise<MigratedPages>
  /** The rules: `id`, `severity` and `title`. */
  export function rules(): Rule[]
  /** `rules` on libuv's thread pool: the same result as a promise. */
  export function rulesAsync(): Promise<Rule[]>
  /** The shipped entry schema (JSON Schema 2020-12). */
  export function schema(): unknown
  /** `schema` on libuv's thread pool: the same result as a promise. */
  export function schemaAsync(): Promise<unknown>
  /**
   * The text form of a report: `path:line:col: error[RULE] message` lines and a summary.
   * @param report What `check` returned.
   */
  export function toText(report: ReportInput): string
  /** `toText` on libuv's thread pool: the same result as a promise. */
  export function toTextAsync(report: ReportInput): Promise<string>
}

export declare namespace chat {
  /** One command: its name, what it is for and how to type it. */
  export interface CommandInfo {
    /** Its name (`bots`), typed `/bots`. */
    name: string
    /** What it is for. */
    summary: string
    /** The ways to type it, each with what it does. */
    usage: UsageLine[]
  }
  /** A post the answer called for, and what became of it. */
  export interface DeliveryReport {
    /** The JSON posted. */
    body: unknown
    /** Why it failed (code `delivery_failed`'s message), when it did. */
    error: string | null
    /** The HTTP status received, when it was delivered. */
    status: number | null
    /** Where it went. */
    url: string
  }
  /** Options of `handle`. */
  export interface HandleOptions {
    /**
     * Whether to make the answer's posts (forwarded cards, message updates) before returning
     * (default true); when false they are returned undelivered for the caller to post.
     */
    deliver?: boolean
    /**
     * The time the request is checked at (RFC 3339); the current time when omitted. Slack
     * signatures older than five minutes are refused.
     */
    now?: string | null
    /**
     * The platform the endpoint is for (`slack` or `mattermost`); detected when omitted (a
     * Slack signature header means Slack).
     */
    platform?: Platform | null
  }
  /** The answer to a chat request: send `body` as JSON with `status`. */
  export interface HandleResult {
    /** The JSON body (`response_type`, `text`, `attachments`, ...). */
    body: unknown
    /** The posts the answer called for (made already unless `deliver` was false). */
    deliveries: DeliveryReport[]
    /**
     * The HTTP status: 200 for answers (errors in what the user typed included), 400 for a body
     * that cannot be read, 401 for a request not from the platform, 403 for a command not open to
     * this user, channel or team, 413 for a body over the limit.
     */
    status: number
  }
  /**
   * A page the service links to (a chart, a diff, a full result), as an embedding app serves it
   * under `{public_url}/pages/{name}`.
   */
  export interface PageResult {
    /** The body, base64-encoded (PNG charts are binary). */
    body_base64: string
    /** `image/png`, `text/html; charset=utf-8` or `text/plain; charset=utf-8`. */
    content_type: string
    /** 200, or 400/403/404 (with a plain-text body saying why). */
    status: number
  }
  /** Which platform sent a request. */
  export type Platform = 'slack' | 'mattermost'
  /** A way to type a command. */
  export interface UsageLine {
    /** What it answers. */
    description: string
    /** `/bots <account>`. */
    syntax: string
  }
  /**
   * Answer one chat request — a Slack or Mattermost slash command, or a "Send to analysis" button press — with the router of a configuration file: verify it (Slack's v0 signature within five minutes, or Mattermost's command token, in constant time), check who may run the command, run it and return the HTTP answer (`status`, JSON `body`) to send back, with the posts it called for (`deliveries`: forwarded cards, message updates). The router is loaded once per configuration file and reloaded when the file changes. Commands that take long run to the end here: a web app that must answer within Slack's 3 seconds runs this in the background and posts the body to the request's `response_url`.
   * @param config The service's TOML configuration file.
   * @param body The request's raw body, exactly as received.
   * @param headers The request's headers (names in any case).
   */
  export function handle(config: string, body: string | Buffer, headers: Record<string, string>, options?: HandleOptions): HandleResult
  /** `handle` on libuv's thread pool: the same result as a promise. */
  export function handleAsync(config: string, body: string | Buffer, headers: Record<string, string>, options?: HandleOptions): Promise<HandleResult>
  /**
   * Serve a page the answers link to (`chart.png`, `diff.html`, `full.txt`) from the query string of its link (signature included): what an app that embeds `handle` serves under `{public_url}/pages/{name}`. A link the service did not give out is refused with 403.
   * @param config The service's TOML configuration file.
   * @param name The page's name (the path segment after `/pages/`).
   * @param query The link's query string (after `?`).
   */
  export function page(config: string, name: string, query: string): PageResult
  /** `page` on libuv's thread pool: the same result as a promise. */
  export function pageAsync(config: string, name: string, query: string): Promise<PageResult>
  /**
   * Slack's v0 signature of a request body sent at `timestamp` (Unix seconds): `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}` under the signing secret — the `X-Slack-Signature` header of a genuine request (for tests, load generators and clients).
   * @param secret The signing secret.
   * @param timestamp Unix seconds, as sent in `X-Slack-Request-Timestamp`.
   * @param body The raw body.
   */
  export function sign(secret: string, timestamp: string, body: string | Buffer): string
  /** `sign` on libuv's thread pool: the same result as a promise. */
  export function signAsync(secret: string, timestamp: string, body: string | Buffer): Promise<string>
  /** The commands the router answers, each with its summary and usage lines (what to register in Mattermost or Slack; `/help` shows the same). */
  export function commands(): CommandInfo[]
  /** `commands` on libuv's thread pool: the same result as a promise. */
  export function commandsAsync(): Promise<CommandInfo[]>
}

/** Panics inside the core on purpose: proves that a panic reaches JavaScript as an `Error` with `code === 'internal'` and the process survives. */
export declare function _forcePanic(): void
/** The async form of `_forcePanic`: the promise rejects with code `internal`. */
export declare function _forcePanicAsync(): Promise<void>
