// Golden dispatch of the `terms.*` calls to the Node package: each entry takes (args, options).
import { createRequire } from 'node:module'

const disinfo = createRequire(import.meta.url)('../../../node')

export const CALLS = {
  // --- extraction and declarations ---
  extract: (args, options) => disinfo.terms.extract(args[0], options),
  parse_declaration: (args, options) => disinfo.terms.parseDeclaration(args[0], options),
  // --- diffs ---
  diff: (args, options) => disinfo.terms.diff(args[0], args[1], options),
  diff_render: (args, options) => disinfo.terms.diffRender(args[0], args[1], options),
}
