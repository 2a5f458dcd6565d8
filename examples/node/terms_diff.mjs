// Explains what changed between two recorded versions of Open Terms Archive's imprint.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const { terms } = createRequire(import.meta.url)('../../node')
const data = new URL('../data/terms/versions/', import.meta.url)
const old = readFileSync(new URL('imprint-2025.md', data), 'utf8')
const current = readFileSync(new URL('imprint-2026-01-28.md', data), 'utf8')

const result = await terms.diffAsync(old, current)
console.log(`${result.classification}: ${result.reason}`)
for (const change of result.changes) {
  console.log(`  ${change.kind.padEnd(8)} ${change.classification.padEnd(12)} ${change.heading_path.join(' > ')}`)
}
