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

/** The version and the tools of this build with their status. */
export declare function buildInfo(): BuildInfo

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

/** The toolkit version. */
export declare function version(): string

export declare namespace terms {
  /** The classified, section-aware diff of two versions. */
  export function diff(oldText: string, newText: string, options?: TermsDiffOptions | undefined | null): TermsDiff
  /** The async form of `terms.diff` (runs off the main thread). */
  export function diffAsync(oldText: string, newText: string, options?: TermsDiffOptions | undefined | null): Promise<TermsDiff>
  /** The diff of two versions rendered as `text` (unified), `markdown` or `html` (default). */
  export function diffRender(oldText: string, newText: string, options?: TermsDiffOptions | undefined | null): string
  /** The history of a versions repository: versions, classified changes, statistics. */
  export function history(repo: string, options?: TermsHistoryOptions | undefined | null): TermsHistoryReport
  /** The async form of `terms.history`. */
  export function historyAsync(repo: string, options?: TermsHistoryOptions | undefined | null): Promise<TermsHistoryReport>
  /** The services of a versions repository and, for each, its terms types. */
  export function services(repo: string): Record<string, string[]>
  /** The version in force at a date (RFC 3339, or `YYYY-MM-DD` read as the end of that day) and its text. */
  export function versionAt(repo: string, service: string, termsType: string, date: string): { version: TermsVersion; text: string }
  /** The versions of one document, oldest first. */
  export function versions(repo: string, service: string, termsType: string): TermsVersion[]
}
