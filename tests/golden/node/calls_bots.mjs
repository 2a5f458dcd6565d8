// Golden dispatch of the `bots.*` calls to the Node package: each entry takes (args, options).
import { createRequire } from 'node:module'

// eslint-disable-next-line no-unused-vars
const disinfo = createRequire(import.meta.url)('../../../node')

export const CALLS = {}
