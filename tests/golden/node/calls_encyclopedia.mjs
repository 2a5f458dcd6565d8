// Golden dispatch of the `encyclopedia.*` calls to the Node package: each entry takes (args, options).
import { createRequire } from 'node:module'

const disinfo = createRequire(import.meta.url)('../../../node')

export const CALLS = {
  check_files: (args, options) => disinfo.encyclopedia.checkFiles(args[0], options),
  migrate_pages: (args) => disinfo.encyclopedia.migratePages(args[0], args[1]),
  rules: () => disinfo.encyclopedia.rules(),
}
