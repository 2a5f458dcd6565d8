// Golden dispatch of the `core.*` calls to the Node package.
import { createRequire } from 'node:module'

const disinfo = createRequire(import.meta.url)('../../../node')

export const CALLS = {
  version: () => disinfo.version(),
  build_info: () => disinfo.buildInfo(),
  force_panic: () => disinfo._forcePanic(),
}
