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
