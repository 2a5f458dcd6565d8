/** Disappeared ads of a pair, by class (ads.audit). */
export interface AdsDisappeared { total: number; reattributed: number; reappeared: number; moderated: number; retention_expired: number; unexplained: number }
/** One consecutive pair of collections (ads.audit). */
export interface AdsPair {
  from: string; to: string; comparable: boolean; reasons: string[]; status: 'ok' | 'inconclusive'
  sizes: { from: number; to: number }; common: number; added: number
  disappeared: AdsDisappeared; rates: { gross: number; net: number; unexplained: number }; late_published: number
}
/** The audit report, the JSON contract shared with Rust, Python and the CLI (ads.audit). */
export interface AdsAuditReport {
  library: string; regimes: string[]; collections: Array<Record<string, unknown>>; pairs: AdsPair[]
  countries: Array<Record<string, unknown>>; advertisers: Array<Record<string, unknown>>
  coverage: Array<Record<string, unknown>>
  findings: Array<{ rule: string; kind: string; severity: 'info' | 'warning' | 'violation'; article?: string; count: number; evidence_omitted: number }>
  violations: number; evidence: Array<Record<string, unknown>>; rejected: Array<Record<string, unknown>>
}
/** The result of ads.search. */
export interface AdsSearchResult {
  pattern: string; total_hits: number; hits_omitted: number
  hits: Array<{ ad: { id: string; scope?: string }; locator: Record<string, unknown>; raw_hash: string; field: string; excerpt: string }>
  ads: Array<{ ad: { id: string; scope?: string }; matched_in: string[]; present_in: string[]; missing_from: string[] }>
}

/** One label of a clustering: its size and the median of each column on the original scale. */
export interface ClusterSummary {
  /** The cluster label, `-1` for noise. */
  label: number
  size: number
  /** Median of each column, in column order, before `log1p` and standardisation. */
  medians: number[]
}

/** The result of `bots.clusterFeatures` (the same object as Python's `bots.cluster_features` and the CLI). */
export interface ClusterResult {
  method: 'dbscan' | 'kmeans' | 'gmm' | 'hdbscan'
  columns: string[]
  /** The label of each row: clusters from 0, `-1` for noise. */
  labels: number[]
  n_clusters: number
  n_noise: number
  /** One per label present, in label order (noise first). */
  summaries: ClusterSummary[]
  /** K-Means only. */
  kmeans?: { centres: number[][], iterations: number, inertia: number }
  /** Gaussian mixture only; `probabilities` when `params.probabilities` is true. */
  gmm?: { means: number[][], weights: number[], converged: boolean, iterations: number, lower_bound: number, probabilities?: number[][] }
  /** HDBSCAN only: membership strength of each row in [0, 1]. */
  hdbscan?: { probabilities: number[] }
  /** The clustered (standardised) matrix, when `includeMatrix` was set. */
  matrix?: number[][]
}
/** Whether a tool can be used in this build. */
export type ToolStatus = 'available' | 'not_implemented' | 'not_built'

/** One tool of the toolkit. */
export interface ToolInfo {
  /** `terms`, `bots`, `ads` or `encyclopedia`. */
  name: string
  status: ToolStatus
  /** What the tool implements, by capability name. */
  capabilities: string[]
}

/** What this build contains. */
export interface BuildInfo {
  name: 'disinfo'
  version: string
  tools: ToolInfo[]
}

/** Every error thrown by disinfo: an `Error` whose `code` is the stable toolkit code. */
export interface DisinfoError extends Error {
  code: string
}
/** Another place that explains an encyclopedia diagnostic. */
export interface EncyclopediaRelated {
  file: string
  line: number
  column: number
  message: string
}

/** One problem found in an encyclopedia corpus. */
export interface EncyclopediaDiagnostic {
  /** Path relative to the corpus root, `/` separators. */
  file: string
  /** 1-based line and column (in characters) of the start; end is exclusive. */
  line: number
  column: number
  end_line: number
  end_column: number
  /** JSON pointer into the front matter, `''` for the whole file or the body. */
  pointer: string
  /** Stable rule id: FM001…, SC001…, LK001…, RF001…. */
  rule: string
  severity: 'error' | 'warning'
  message: string
  /** Replacement text for the offending key or value, when one is known. */
  suggestion: string | null
  related: EncyclopediaRelated[]
}

/** The result of `encyclopedia.check` / `checkFiles`. */
export interface EncyclopediaReport {
  files: number
  entries: number
  errors: number
  warnings: number
  /** Sorted by file, line, column, rule. */
  diagnostics: EncyclopediaDiagnostic[]
}

/** The result of `encyclopedia.migrate`. */
export interface EncyclopediaMigrateReport {
  pages: number
  entries: { path: string; id: string; sources: string[] }[]
  unmapped: { file: string; line: number; reason: string }[]
}
/** What a change means for a reader, from least to most significant. */
export type TermsClassification = 'formatting' | 'editorial' | 'link' | 'substantive'

/** Where one side of a change is: UTF-8 byte offsets, 1-based line and column (in characters). */
export interface TermsSpan {
  start: number
  end: number
  line: number
  column: number
}

/** One side of a change. */
export interface TermsSide {
  text: string
  span: TermsSpan
}

/** One explained change. */
export interface TermsChange {
  kind: 'insert' | 'delete' | 'replace' | 'move'
  classification: TermsClassification
  reason: string
  /** The headings the change sits under, outermost first. */
  heading_path: string[]
  /** For a move: the headings of the old place. */
  old_heading_path?: string[]
  old: TermsSide
  new: TermsSide
}

/** A classified, section-aware diff. */
export interface TermsDiff {
  granularity: 'line' | 'word' | 'char'
  classification: TermsClassification
  reason: string
  identical: boolean
  changes: TermsChange[]
  stats: {
    by_kind: Record<string, number>
    by_classification: Record<string, number>
    lines_deleted: number
    lines_inserted: number
    similarity: number
  }
}

/** One recorded version in an OTA-layout repository. */
export interface TermsVersion {
  id: string
  service: string
  terms_type: string
  /** RFC 3339, UTC. */
  date: string
  kind: 'first_record' | 'update' | 'technical_upgrade'
  snapshot_ids: string[]
  subject: string
  path: string
  blob: string
}

/** Summary statistics of a history. */
export interface TermsHistoryStats {
  versions: number
  first: string | null
  last: string | null
  versions_per_year: Record<string, number>
  changes: number
  by_classification: Record<string, number>
  substantive_share: number
  technical_upgrades: number
}

/** The history of a versions repository. */
export interface TermsHistoryReport {
  commits: number
  skipped_commits: number
  terms: Array<{
    service: string
    terms_type: string
    versions: TermsVersion[]
    changes: Array<{
      from: string
      to: string
      date: string
      kind: TermsVersion['kind']
      classification: TermsClassification
      reason: string
      changes: number
      diff?: TermsDiff
    }>
    stats: TermsHistoryStats
  }>
  stats: TermsHistoryStats
}

/** What happened to one tracked document. */
export interface TermsTrackEvent {
  service: string
  terms_type: string
  outcome: 'first_record' | 'changed' | 'unchanged' | 'fetch_error' | 'extract_error' | 'record_error'
  snapshot_ids: string[]
  snapshots_recorded: number
  version?: TermsVersion
  classification?: TermsClassification
  diff?: TermsDiff
  error?: {
    code: string
    kind?: 'invalid_url' | 'http_status' | 'timeout' | 'too_large' | 'too_many_redirects' | 'network'
    status?: number
    url: string
    message: string
  }
}

/** The result of tracking a declarations directory. */
export interface TermsTrackResult {
  services: number
  rejected: Array<{ file: string; code: string; message: string }>
  report: {
    date: string
    events: TermsTrackEvent[]
    counts: Record<string, number>
  }
}
/**
 * Which binding artifact the generated loader actually loaded: `'native'` for
 * a native addon, otherwise the `platformArchABI` of the WASI flavor. Every
 * flavor napi-rs can build is listed, because `NAPI_RS_NATIVE_LIBRARY_PATH`
 * can point the loader at a WASI artifact this package does not build itself.
 */
export declare const __napiBindingTarget: 'native' | 'wasm32-wasi' | 'wasm32-wasip1'

/**
 * Panics inside the core on purpose: proves that a panic reaches JavaScript as an `Error`
 * with `code === "internal"` and the process survives.
 */
export declare function _forcePanic(): void

/** The async form of `_forcePanic`: the promise rejects with code `internal`. */
export declare function _forcePanicAsync(): Promise<void>

/** Options of `ads.generate`. */
export interface AdsGenerateOptions {
  /** Seed of the generator (default 2019). */
  seed?: number
  /** `bench`: number of daily collections (default 7). */
  days?: number
  /** `bench`: ads per collection (default 1,000,000). */
  ads?: number
}

/** A feature matrix: one `Float64Array` per column (NaN where missing), with names. */
export interface BotsFeatures {
  /** The account id of each row. */
  accountIds: Array<string>
  /** The handle of each row. */
  handles: Array<string>
  /** Column names (profile columns first, then behaviour columns). */
  columns: Array<string>
  /** One array per column, `values[j][i]` = column j of account i; NaN where missing. */
  values: Array<Float64Array>
  /** One array per column, 1 where the value is missing, else 0. */
  mask: Array<Uint8Array>
  /** Read counts and (lenient mode) rejections with line numbers. */
  read: { records_read: number, records_accepted: number, records_rejected: number, rejected: Array<{ source: string, line: number, record: number, reason: string }> }
}

/** Options of `bots.features`, `bots.featuresFromText`, `bots.read` and `bots.rule`. */
export interface BotsOptions {
  /** `strict` (default: fail on the first bad record) or `lenient` (collect rejections). */
  mode?: string
  /** Observation time (RFC 3339) for profiles that carry none. */
  observedAt?: string
  /** Name of the input in messages (in-memory inputs). */
  sourceName?: string
  /** Compute behaviour features over the posts (default true). */
  behaviour?: boolean
  /** Time zone of day/hour/night features, minutes east of UTC (default 0). */
  utcOffsetMinutes?: number
  /** Night starts at this local hour (default 0). */
  nightStartHour?: number
  /** Night ends before this local hour (default 6). */
  nightEndHour?: number
  /** Hours after the longest silence counted as its wake-up burst (default 24). */
  burstWindowH?: number
}

/** The version and the tools of this build with their status. */
export declare function buildInfo(): BuildInfo

/**
 * Options of `bots.clusterFeatures`: the JSON shape of the core `ClusterOptions`, with the
 * column names beside it.
 */
export interface ClusterJsOptions {
  /** `dbscan` (default), `kmeans`, `gmm` or `hdbscan`. */
  method?: 'dbscan' | 'kmeans' | 'gmm' | 'hdbscan'
  /**
   * The method's parameters with scikit-learn's snake_case names (`eps`, `min_samples`,
   * `n_clusters`, `n_components`, `min_cluster_size`, ...); missing ones take their defaults.
   */
  params?: Record<string, unknown>
  /** `log1p` then z-score the columns first (default true). */
  standardise?: boolean
  /** Take `log1p` before the z-score (default true). */
  log1P?: boolean
  /** Return the clustered (standardised) matrix as `matrix` (default false). */
  includeMatrix?: boolean
  /** Column names (default `x0`, `x1`, ...), used in the result. */
  columns?: Array<string>
}

/** Options of `bots.coordinate`, `bots.coordinateText` and `bots.coordinateAsync`. */
export interface CoordinateJsOptions {
  /**
   * `co-repost` (default), `co-link`, `co-text`, `co-similar-text`, `co-reply`,
   * `co-hashtag-sequence` or `synchrony`.
   */
  kind?: string
  /** Window in seconds, inclusive (default 60). */
  window?: number
  /** Minimum directed edge weight (default 1). */
  minEdgeWeight?: number
  /** Accounts with fewer trace posts take no part (default 1). */
  minParticipation?: number
  /** Keep edges from an account to itself (default false). */
  selfLoops?: boolean
  /** Evidence post pairs per edge (default 3). */
  evidence?: number
  /** `none` (default, as the QUT toolkit) or `basic`. */
  urlNormalization?: string
  /** Word-set Jaccard threshold for co-similar-text (default 0.8). */
  similarityThreshold?: number
  /** Minimum distinct words for co-similar-text (default 5). */
  minTokens?: number
  /** Also compute components and communities (default false). */
  communities?: boolean
  /** Community detection seed (default 42). */
  seed?: number
  /** Community detection resolution (default 1). */
  resolution?: number
  /** `strict` (default) or `lenient` reading. */
  mode?: string
  /** Name of an in-memory input in messages. */
  sourceName?: string
}

/** Options of `encyclopedia.check` and `encyclopedia.checkFiles`. */
export interface EncyclopediaCheckOptions {
  /** A corpus's own JSON Schema object extending the shipped entry schema. */
  schema?: any
  /** Largest front matter in bytes (default 1 MiB; larger gives FM008). */
  maxFrontMatterBytes?: number
  /** Most YAML nodes after alias expansion (default 100000; more gives FM006). */
  maxNodes?: number
  /** Deepest YAML nesting (default 64; deeper gives FM007). */
  maxDepth?: number
}

/** Options of `terms.extractBatch`. */
export interface TermsBatchOptions {
  /** `ota` (default) or `canonical`. */
  flavor?: string
}

/** Options of `terms.extractDeclared`. */
export interface TermsDeclaredOptions {
  /** Path of the service declaration (`Service.json`). */
  declaration: string
  /** The terms type. */
  termsType: string
  /** RFC 3339 date: the declaration in force then. */
  at?: string
  /** `ota` (default) or `canonical`. */
  flavor?: string
  /** MIME type (default: sniffed). */
  mimeType?: string
}

/** Options of `terms.diff` and `terms.diffRender`. */
export interface TermsDiffOptions {
  /** `line`, `word` (default) or `char`. */
  granularity?: string
  /** Report moved paragraphs as moves (default true). */
  detectMoves?: boolean
  /** Name of the old version in renderings (default `old`). */
  oldName?: string
  /** Name of the new version in renderings (default `new`). */
  newName?: string
  /** Unchanged lines around changes in renderings (default 3). */
  contextLines?: number
  /** For `diffRender`: `text`, `markdown` or `html` (default `html`). */
  format?: string
}

/** Options of `terms.extract`. */
export interface TermsExtractOptions {
  /** The document location (base of relative links). */
  location: string
  /** What to keep: a CSS selector, a range object or an array of both (OTA's syntax). */
  select: any
  /** What to drop first (same syntax). */
  remove?: any
  /** `ota` (default) or `canonical`. */
  flavor?: string
  /** MIME type (default: sniffed). */
  mimeType?: string
  /** Filters by name, or `{name: params}` (OTA's syntax). */
  filters?: any
  /** Size limit in bytes (default 100 MiB). */
  maxBytes?: number
  /** Nesting limit (default 4096). */
  maxDepth?: number
}

/** Options of `terms.history`. */
export interface TermsHistoryOptions {
  /** Only this service. */
  service?: string
  /** Only this terms type. */
  termsType?: string
  /** Include the full diff of every pair (default false). */
  includeDiffs?: boolean
  /** `line`, `word` (default) or `char`. */
  granularity?: string
}

/** Options of `terms.parseDeclaration`. */
export interface TermsParseOptions {
  /** The file name used in errors and as the service id. */
  file?: string
}

/** Options of `terms.track`. */
export interface TermsTrackOptions {
  /** Only this service id. */
  service?: string
  /** Only this terms type. */
  termsType?: string
  /** The `User-Agent` header. */
  userAgent?: string
  /** Time allowed per attempt, in milliseconds (default 30 000). */
  timeoutMs?: number
  /** Extra attempts after network errors, timeouts and 5xx answers (default 2). */
  retries?: number
  /** Largest page accepted, in bytes (default 50 MiB). */
  maxBytes?: number
  /** Snapshot identifier template for version commit messages (default `%SNAPSHOT_ID`). */
  snapshotIdTemplate?: string
  /** The date of the run (RFC 3339); default now. */
  now?: string
}

/** The toolkit version. */
export declare function version(): string

export declare namespace ads {
  /**
   * Audits collection folders (oldest first): pairs, disappeared ads by class, rates, coverage,
   * findings and evidence.
   */
  export function audit(dirs: Array<string>, options?: any | undefined | null): AdsAuditReport
  /** The async form of `ads.audit` (runs off the main thread). */
  export function auditAsync(dirs: Array<string>, options?: any | undefined | null): Promise<AdsAuditReport>
  /**
   * Writes a seeded synthetic scenario (`fr2019` or `bench`) under `outDir`; returns the
   * collection folders, oldest first.
   */
  export function generate(scenario: string, outDir: string, options?: AdsGenerateOptions | undefined | null): Array<string>
  /** Renders a report as `json`, `markdown` (default) or `csv` (one `table`). */
  export function render(report: any, format?: string | undefined | null, table?: string | undefined | null): string
  /** Searches collection folders for a keyword (or a regex with `{regex: true}`). */
  export function search(pattern: string, dirs: Array<string>, options?: any | undefined | null): AdsSearchResult
  /** The async form of `ads.search`. */
  export function searchAsync(pattern: string, dirs: Array<string>, options?: any | undefined | null): Promise<AdsSearchResult>
}

export declare namespace bots {
  /**
   * Clusters the rows (accounts) of a feature matrix with DBSCAN, K-Means, a Gaussian mixture or
   * HDBSCAN: `{ method, columns, labels, n_clusters, n_noise, summaries, kmeans?, gmm?, hdbscan?,
   * matrix? }` (labels are a plain array, `-1` for noise; the same object as Python and the CLI).
   */
  export function clusterFeatures(matrix: Array<Array<number>>, options?: ClusterJsOptions | undefined | null): ClusterResult
  /** `clusterFeatures` on libuv's thread pool: a promise of the same result. */
  export function clusterFeaturesAsync(matrix: Array<Array<number>>, options?: ClusterJsOptions | undefined | null): Promise<ClusterResult>
  /** Builds the coordination network of the posts in files: `{ network, analysis, read }`. */
  export function coordinate(inputs: Array<string>, inputFormat: string, options?: CoordinateJsOptions | undefined | null): { network: { options: Record<string, unknown>, nodes: Array<{ id: string, handle: string | null, trace_posts: number }>, edges: Array<{ source: string, target: string, weight: number, reverse_weight: number, symmetric_weight: number, balance: number, evidence: Array<{ source_post: string, target_post: string, delta_secs: number }> }>, posts: number, trace_posts: number, duplicate_posts: number }, analysis: Record<string, unknown> | null, read: Record<string, unknown> }
  /** `coordinate` off the main thread: a promise of the same result. */
  export function coordinateAsync(inputs: Array<string>, inputFormat: string, options?: CoordinateJsOptions | undefined | null): Promise<ReturnType<typeof coordinate>>
  /** Builds the coordination network of one in-memory input (string or Buffer). */
  export function coordinateText(data: string | Buffer, inputFormat: string, options?: CoordinateJsOptions | undefined | null): { network: { options: Record<string, unknown>, nodes: Array<{ id: string, handle: string | null, trace_posts: number }>, edges: Array<{ source: string, target: string, weight: number, reverse_weight: number, symmetric_weight: number, balance: number, evidence: Array<{ source_post: string, target_post: string, delta_secs: number }> }>, posts: number, trace_posts: number, duplicate_posts: number }, analysis: Record<string, unknown> | null, read: Record<string, unknown> }
  /** Renders a `coordinate` result as `csv`, `json`, `graphml` or `gexf` text. */
  export function exportNetwork(result: { network: unknown, analysis?: unknown }, format: 'csv' | 'json' | 'graphml' | 'gexf'): string
  /** Profile and behaviour features of the accounts in files (JSON, JSONL or CSV). */
  export function features(inputs: Array<string>, inputFormat: string, options?: BotsOptions | undefined | null): BotsFeatures
  /** `features` on libuv's thread pool: resolves to the same result. */
  export function featuresAsync(inputs: Array<string>, inputFormat: string, options?: BotsOptions | undefined | null): Promise<BotsFeatures>
  /** Like `features`, on one in-memory input (a string or a Buffer). */
  export function featuresFromText(data: string | Buffer, inputFormat: string, options?: BotsOptions | undefined | null): BotsFeatures
  /** How much a handle looks like handles people choose, in (0, 1]; null for "". */
  export function handleLikelihood(handle: string): number | null
  /** The QUT toolkit's text normalisation used by co-text. */
  export function normalizeText(text: string): string
  /** Reads files into the platform-neutral model: `accounts`, `posts`, `rejected` and counts. */
  export function read(inputs: Array<string>, inputFormat: string, options?: BotsOptions | undefined | null): { accounts: Array<Record<string, unknown>>, posts: Array<Record<string, unknown>>, rejected: Array<{ source: string, line: number, record: number, reason: string }>, records_read: number, records_accepted: number, records_rejected: number }
  /** Applies a rule preset name (`dormant_2019`, `amplifier`) or a rule object to every account. */
  export function rule(rule: string | { name: string, description?: string, conditions: Array<{ input: string, op: string, value: number | boolean | string }> }, inputs: string[], inputFormat: string, options?: BotsOptions): { rule: Record<string, unknown>, outcomes: Array<{ account_id: string, verdict: 'pass' | 'fail' | 'undefined', failed: string[], undefined: string[] }>, passed: number, read: Record<string, unknown> }
  /**
   * Seeded synthetic accounts, posts and planted truth. Config keys are camelCase
   * (`seed`, `organic`, `dormantBots`, `amplifiers`, `coordinatedGroups`, `groupSize`, ...).
   */
  export function synthetic(config?: Record<string, any> | undefined | null): { seed: number, accounts: Array<Record<string, unknown>>, posts: Array<Record<string, unknown>>, planted: Array<{ population: string, group: number | null }> }
}

export declare namespace encyclopedia {
  /** Checks the corpus under `dir`: front matter, schema, links and cross references. */
  export function check(dir: string, options?: EncyclopediaCheckOptions | undefined | null): EncyclopediaReport
  /** The async form of `encyclopedia.check` (runs off the main thread). */
  export function checkAsync(dir: string, options?: EncyclopediaCheckOptions | undefined | null): Promise<EncyclopediaReport>
  /** Checks in-memory files (`{relativePath: text or Buffer}`). */
  export function checkFiles(files: Record<string, string | Buffer>, options?: EncyclopediaCheckOptions | undefined | null): EncyclopediaReport
  /** The async form of `encyclopedia.checkFiles`. */
  export function checkFilesAsync(files: Record<string, string | Buffer>, options?: EncyclopediaCheckOptions | undefined | null): Promise<EncyclopediaReport>
  /** Migrates the old pages under `oldDir` into one file per entry under `newDir`. */
  export function migrate(oldDir: string, newDir: string, created: string): EncyclopediaMigrateReport
  /** Migrates in-memory pages; returns `{files: {path: text}, report}`. */
  export function migratePages(pages: Record<string, string | Buffer>, created: string): { files: Record<string, string>; report: EncyclopediaMigrateReport }
  /** The rules: id, severity, title. */
  export function rules(): { id: string; severity: 'error' | 'warning'; title: string }[]
  /** The shipped entry schema (JSON Schema 2020-12). */
  export function schema(): Record<string, unknown>
  /** The text form of a report (`path:line:col: error[RULE] message` lines and a summary). */
  export function toText(report: EncyclopediaReport): string
}

export declare namespace terms {
  /** The classified, section-aware diff of two versions. */
  export function diff(oldText: string, newText: string, options?: TermsDiffOptions | undefined | null): TermsDiff
  /** The async form of `terms.diff` (runs off the main thread). */
  export function diffAsync(oldText: string, newText: string, options?: TermsDiffOptions | undefined | null): Promise<TermsDiff>
  /** The diff of two versions rendered as `text` (unified), `markdown` or `html` (default). */
  export function diffRender(oldText: string, newText: string, options?: TermsDiffOptions | undefined | null): string
  /**
   * Extract the Markdown version of one snapshot (OTA-compatible by default).
   *
   * `before` receives the decoded HTML of the page and returns the HTML to use; `after` receives
   * the Markdown and returns the Markdown to keep (caller hooks, called synchronously).
   */
  export function extract(content: Buffer | string, options: TermsExtractOptions, before?: (arg: string) => string | undefined | null, after?: (arg: string) => string | undefined | null): string
  /** `terms.extract` on libuv's thread pool. */
  export function extractAsync(content: Buffer | string, options: TermsExtractOptions): Promise<string>
  /** Extract many snapshots in parallel (rayon); results in input order. */
  export function extractBatch(jobs: any, options?: TermsBatchOptions | undefined | null): Array<{id: string, markdown?: string, error?: {code: string, message: string}}>
  /** Async variant of `extractBatch`. */
  export function extractBatchAsync(jobs: any, options?: TermsBatchOptions | undefined | null): Promise<Array<{id: string, markdown?: string, error?: {code: string, message: string}}>>
  /** Extract terms declared in an OTA service file (one snapshot per source document). */
  export function extractDeclared(contents: Array<Buffer | string>, options: TermsDeclaredOptions): string
  /** The history of a versions repository: versions, classified changes, statistics. */
  export function history(repo: string, options?: TermsHistoryOptions | undefined | null): TermsHistoryReport
  /** The async form of `terms.history`. */
  export function historyAsync(repo: string, options?: TermsHistoryOptions | undefined | null): Promise<TermsHistoryReport>
  /** Load `<Service>.json` (and its history file). */
  export function loadDeclaration(path: string): Record<string, unknown>
  /** Parse and validate an OTA service declaration given as JSON text. */
  export function parseDeclaration(text: string, options?: TermsParseOptions | undefined | null): Record<string, unknown>
  /** The services of a versions repository and, for each, its terms types. */
  export function services(repo: string): Record<string, string[]>
  /** The async form of `terms.services` (walks the whole history off the main thread). */
  export function servicesAsync(repo: string): Promise<Record<string, string[]>>
  /**
   * Tracks a declarations directory once: fetch, snapshot, extract, record versions; the report of
   * what changed, with error events.
   */
  export function track(declarations: string, versionsRepo: string, snapshotsRepo: string, options?: TermsTrackOptions | undefined | null): TermsTrackResult
  /** The async form of `terms.track` (fetching runs off the main thread). */
  export function trackAsync(declarations: string, versionsRepo: string, snapshotsRepo: string, options?: TermsTrackOptions | undefined | null): Promise<TermsTrackResult>
  /** Load every declaration of a directory: counts, loaded ids, rejected files with reasons. */
  export function validateDirectory(path: string): Record<string, unknown>
  /** The version in force at a date (RFC 3339, or `YYYY-MM-DD` read as the end of that day) and its text. */
  export function versionAt(repo: string, service: string, termsType: string, date: string): { version: TermsVersion; text: string }
  /** The async form of `terms.versionAt`. */
  export function versionAtAsync(repo: string, service: string, termsType: string, date: string): Promise<{ version: TermsVersion; text: string }>
  /** The versions of one document, oldest first. */
  export function versions(repo: string, service: string, termsType: string): TermsVersion[]
  /** The async form of `terms.versions`. */
  export function versionsAsync(repo: string, service: string, termsType: string): Promise<TermsVersion[]>
}
