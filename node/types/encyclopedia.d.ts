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
