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

/** The toolkit version. */
export declare function version(): string
