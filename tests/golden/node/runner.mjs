// The Node runner of the cross-language golden cases (see tests/golden/README.md).
import { mkdirSync, readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { canonical } from './canonical.mjs'

const here = dirname(fileURLToPath(import.meta.url))
export const CASES = join(here, '..', 'cases')
const OUT = join(here, '..', '..', '..', 'target', 'golden', 'node')

const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())

function resolve(value, folder) {
  if (Array.isArray(value)) return value.map((v) => resolve(v, folder))
  if (value && typeof value === 'object') {
    const keys = Object.keys(value)
    if (keys.length === 1 && keys[0] === '$text') return readFileSync(join(folder, value.$text), 'utf8')
    if (keys.length === 1 && keys[0] === '$bytes') return readFileSync(join(folder, value.$bytes))
    return Object.fromEntries(keys.map((k) => [k, resolve(value[k], folder)]))
  }
  return value
}

export function caseDirs() {
  return readdirSync(CASES)
    .filter((name) => existsSync(join(CASES, name, 'case.json')))
    .sort()
    .map((name) => join(CASES, name))
}

export async function runCase(folder) {
  const kase = JSON.parse(readFileSync(join(folder, 'case.json'), 'utf8'))
  const [tool, fn] = kase.call.split('.')
  const { CALLS } = await import(`./calls_${tool}.mjs`)
  if (!(fn in CALLS)) throw new Error(`no Node dispatch for ${kase.call}`)
  const args = resolve(kase.args ?? [], folder)
  const kwargs = resolve(kase.kwargs ?? {}, folder)
  const options = Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [camel(k), v]))
  let outcome
  try {
    outcome = { ok: await CALLS[fn](args, options) }
  } catch (err) {
    if (typeof err?.code !== 'string') throw err
    outcome = { error: { code: err.code, tool: toolOf(err.code, tool) } }
  }
  const text = canonical(outcome)
  mkdirSync(OUT, { recursive: true })
  writeFileSync(join(OUT, `${folder.split('/').pop()}.json`), text)
  return text
}

// Node errors carry the code only; the tool is the one called, except for internal errors.
const toolOf = (code, tool) => (code === 'internal' ? null : tool)
