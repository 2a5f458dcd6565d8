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
