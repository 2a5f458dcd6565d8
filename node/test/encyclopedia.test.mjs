// disinfo.encyclopedia from Node: same diagnostics as Rust, async variants, typed errors.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const disinfo = createRequire(import.meta.url)('..')
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const PLANTED = join(ROOT, 'tests', 'golden', 'cases', 'encyclopedia-planted-defects')
const EXAMPLE = join(ROOT, 'examples', 'data', 'encyclopedia')

const BASE = `---
id: prebunking
kind: practice
lang: en
title: Prebunking
summary: Warning people in advance about manipulation techniques so that they resist them.
created: 2024-01-10
---
`

test('example corpus has zero diagnostics', () => {
  const report = disinfo.encyclopedia.check(EXAMPLE)
  assert.deepEqual(report.diagnostics, [])
  assert.ok(report.entries >= 30)
})

test('planted corpus gives the golden twenty diagnostics (async)', async () => {
  const report = await disinfo.encyclopedia.checkAsync(join(PLANTED, 'corpus'))
  const expected = JSON.parse(readFileSync(join(PLANTED, 'expected.json'), 'utf8')).ok
  assert.deepEqual(report, expected)
  assert.equal(report.diagnostics.length, 20)
})

test('lang: no is FM005 at the value', () => {
  const report = disinfo.encyclopedia.checkFiles({ 'a.md': BASE.replace('lang: en', 'lang: no') })
  const d = report.diagnostics.filter((x) => x.rule !== 'RF007')
  assert.deepEqual(d.map((x) => [x.rule, x.line, x.column, x.pointer]), [['FM005', 4, 7, '/lang']])
})

test('Buffer with invalid UTF-8 is FM009', async () => {
  const report = await disinfo.encyclopedia.checkFilesAsync({ 'a.md': Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0x0a]) })
  assert.deepEqual(report.diagnostics.map((x) => x.rule), ['FM009'])
})

test('bad extension schema throws with code schema_invalid', () => {
  assert.throws(
    () => disinfo.encyclopedia.checkFiles({}, { schema: { properties: { x: { type: 'nonsense' } } } }),
    (err) => err.code === 'schema_invalid',
  )
})

test('missing directory throws with code io', () => {
  assert.throws(() => disinfo.encyclopedia.check('/nonexistent/encyclopedia'), (err) => err.code === 'io')
})

test('maxDepth option is honoured', () => {
  const report = disinfo.encyclopedia.checkFiles({ 'a.md': '---\na: [[[[1]]]]\n---\n' }, { maxDepth: 3 })
  assert.deepEqual(report.diagnostics.map((x) => x.rule), ['FM007'])
})

test('toText gives the CLI text form', () => {
  const text = disinfo.encyclopedia.toText(disinfo.encyclopedia.check(join(PLANTED, 'corpus')))
  assert.ok(text.startsWith('actors/dfrlab.md:12:1: error[FM004] duplicate key `url`'))
  assert.ok(text.endsWith('19 error(s), 1 warning(s)\n'))
})
