// Prints the toolkit version and the status of each tool, then shows an error code.
import { createRequire } from 'node:module'

const disinfo = createRequire(import.meta.url)('../../node')

console.log(`disinfo ${disinfo.version()}`)
for (const tool of disinfo.buildInfo().tools) {
  console.log(`  ${tool.name.padEnd(13)} ${tool.status.padEnd(16)} ${tool.capabilities.join(', ')}`)
}
try {
  disinfo.terms.diff('old text', 'new text', { granularty: 'word' })
} catch (err) {
  // A misspelt option is never ignored: an Error with a stable code and a suggestion.
  console.log(`an Error with code '${err.code}': ${err.message}`)
}
