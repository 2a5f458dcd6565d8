// The Node runner of the cross-language golden cases (see tests/golden/README.md).
// Each case calls a public function of the package by name (`terms.diff_render` is
// `disinfo.terms.diffRender`), with the case's positional arguments and its keyword arguments as
// the options object, keys as the case writes them (the core reads snake_case and camelCase).
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { canonical } from './canonical.mjs'

const here = dirname(fileURLToPath(import.meta.url))
export const CASES = join(here, '..', 'cases')
const REPO = join(here, '..', '..', '..')
const OUT = join(REPO, 'target', 'golden', 'node')
const disinfo = createRequire(import.meta.url)('../../../node')

const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())

function resolve(value, folder, scratch, results) {
  if (Array.isArray(value)) return value.map((v) => resolve(v, folder, scratch, results))
  if (value && typeof value === 'object') {
    const keys = Object.keys(value)
    if (keys.length === 1) {
      const [key] = keys
      if (key === '$text') return readFileSync(join(folder, value.$text), 'utf8')
      if (key === '$bytes') return readFileSync(join(folder, value.$bytes))
      if (key === '$tmp') return join(scratch, value.$tmp)
      if (key === '$path') return value.$path // calls run in the case folder
      if (key === '$repo') return join('../../../..', value.$repo)
      if (key === '$git') {
        const dest = join(scratch, basename(value.$git, extname(value.$git)))
        if (!existsSync(join(folder, dest))) execFileSync('git', ['clone', '-q', value.$git, dest], { cwd: folder })
        return dest
      }
      if (key === '$result') return results[value.$result]
    }
    return Object.fromEntries(keys.map((k) => [k, resolve(value[k], folder, scratch, results)]))
  }
  return value
}

function fn(name) {
  const [tool, function_] = name.split('.')
  if (tool === 'core') return function_ === '_force_panic' ? disinfo._forcePanic : disinfo[camel(function_)]
  return disinfo[tool][camel(function_)]
}

// The JSON form of a result: a feature matrix (Float64Array columns) as rows, NaN as null;
// typed-array labels as an array.
function json(result) {
  if (result && Array.isArray(result.values) && result.values[0] instanceof Float64Array) {
    const { values, mask, ...meta } = result
    const rows = meta.account_ids.map((_, i) => values.map((col) => (Number.isNaN(col[i]) ? null : col[i])))
    return { ...meta, values: rows }
  }
  if (result && result.labels instanceof Int32Array) return { ...result, labels: Array.from(result.labels) }
  return result
}

async function call(kase, folder, scratch, results) {
  const args = resolve(kase.args ?? [], folder, scratch, results)
  const kwargs = resolve(kase.kwargs ?? {}, folder, scratch, results)
  const options = kwargs
  const f = fn(kase.call)
  if (typeof f !== 'function') throw new Error(`no Node function for ${kase.call}`)
  const previous = process.cwd()
  process.chdir(folder) // calls run in the case folder: paths are relative, as in every language
  try {
    return json(await (Object.keys(options).length ? f(...args, options) : f(...args)))
  } finally {
    process.chdir(previous)
  }
}

export function caseDirs() {
  return readdirSync(CASES)
    .filter((name) => existsSync(join(CASES, name, 'case.json')))
    .sort()
    .map((name) => join(CASES, name))
}

export async function runCase(folder) {
  const kase = JSON.parse(readFileSync(join(folder, 'case.json'), 'utf8'))
  // Relative to the case folder, the same path in every language; emptied before each case.
  const scratch = join('../../../../target/golden-scratch', basename(folder))
  rmSync(join(folder, scratch), { recursive: true, force: true })
  mkdirSync(join(folder, scratch), { recursive: true })
  let outcome
  {
    const results = []
    for (const setup of kase.setup ?? []) results.push(await call(setup, folder, scratch, results))
    try {
      outcome = { ok: await call(kase, folder, scratch, results) }
    } catch (err) {
      if (typeof err?.code !== 'string') throw err
      outcome = { error: { code: err.code, tool: toolOf(err.code, kase.call.split('.')[0]), message: err.message } }
    }
  }
  const text = canonical(outcome)
  mkdirSync(OUT, { recursive: true })
  writeFileSync(join(OUT, `${folder.split('/').pop()}.json`), text)
  return text
}

// Node errors carry the code only; the tool is the one called, except for internal errors.
const toolOf = (code, tool) => (code === 'internal' || tool === 'core' ? null : tool)
