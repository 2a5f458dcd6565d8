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
