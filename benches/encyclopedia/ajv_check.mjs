// Peer: ajv (JSON Schema 2020-12, with ajv-formats) validating every instance against the schema.
// Usage: node ajv_check.mjs SCHEMA DIR. Prints the number of instances and of invalid ones.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(join(process.env.PEERS, 'node', 'package.json'))
const Ajv2020 = require('ajv/dist/2020').default
const addFormats = require('ajv-formats')

const [schemaPath, dir] = process.argv.slice(2)
const ajv = new Ajv2020({ allErrors: true, strict: false })
addFormats(ajv)
// The schema's two custom formats, as ours checks them (allow-list and ISO list reduced to regexes).
ajv.addFormat('bcp47', /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/)
ajv.addFormat('iso3166-1-alpha-2', /^[A-Z]{2}$/)
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')))
let invalid = 0
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
for (const f of files) {
  if (!validate(JSON.parse(readFileSync(join(dir, f), 'utf8')))) invalid++
}
console.log(`ajv: ${files.length} instances, ${invalid} invalid`)
