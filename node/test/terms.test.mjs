// disinfo.terms extraction and declarations.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import os from 'node:os'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const disinfo = createRequire(import.meta.url)('..')
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const cases = path.join(root, 'tests/golden/cases')
const examples = path.join(root, 'examples/data/terms/extract')

for (const name of fs.readdirSync(cases).filter((n) => n.startsWith('terms-extract-ota-demo-')).sort()) {
  test(`OTA demo pair ${name} byte for byte`, () => {
    const dir = path.join(cases, name)
    const { kwargs } = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8'))
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')).ok
    const md = disinfo.terms.extract(fs.readFileSync(path.join(dir, 'snapshot.html')), kwargs)
    assert.equal(md, expected)
  })
}

test('string and Buffer give the same Markdown; ranges and arrays work', () => {
  const html = "<main><h1>T</h1><p id='a'>A</p><p id='b'>B <a href='/x'>x</a></p><p id='c'>C</p></main>"
  const options = { location: 'https://e.com/', select: ['h1', { startAfter: '#a', endBefore: '#c' }] }
  const a = disinfo.terms.extract(html, options)
  const b = disinfo.terms.extract(Buffer.from(html), options)
  assert.equal(a, 'T\n=\n\nB [x](https://e.com/x)')
  assert.equal(a, b)
})

test('canonical flavour', () => {
  const md = disinfo.terms.extract('<main><h2>Sub</h2><p>a&nbsp;b</p></main>', { location: 'https://e.com/', select: 'main', flavor: 'canonical' })
  assert.equal(md, '## Sub\n\na b')
})

test('async variant resolves to the same Markdown', async () => {
  const options = { location: 'https://e.com/', select: 'main' }
  const md = await disinfo.terms.extractAsync('<main><p>async</p></main>', options)
  assert.equal(md, 'async')
})

test('caller hooks run before parsing and after conversion; a throw is hook_failed', () => {
  const options = { location: 'https://e.com/', select: 'main' }
  const md = disinfo.terms.extract('<main><p>secret</p></main>', { ...options, before: (html) => html.replace('secret', 'public'), after: (text) => text.toUpperCase() })
  assert.equal(md, 'PUBLIC')
  assert.equal(disinfo.terms.extract('<main>x</main>', { ...options, after: (t) => t + '!' }), 'x!')
  assert.throws(() => disinfo.terms.extract('<main>x</main>', { ...options, after: () => { throw new Error('boom') } }), (e) => e.code === 'hook_failed' && /boom/.test(e.message))
})

test('errors carry stable codes', async () => {
  assert.throws(() => disinfo.terms.extract('<main></main>', { location: 'https://e.com/', select: '#none' }), (e) => e.code === 'selector_no_match')
  assert.throws(() => disinfo.terms.extract('<main></main>', { location: 'https://e.com/', select: 'main[' }), (e) => e.code === 'invalid_selector')
  assert.throws(() => disinfo.terms.extract('', { location: 'https://e.com/', select: 'main' }), (e) => e.code === 'selector_no_match')
  assert.throws(() => disinfo.terms.extract('<main>x</main>', { location: 'https://e.com/', select: 'main', flavor: 'fancy' }), (e) => e.code === 'invalid_argument')
  await assert.rejects(disinfo.terms.extractAsync('<main></main>', { location: 'https://e.com/', select: '#none' }), (e) => e.code === 'selector_no_match')
})

test('batch keeps order and reports failures; async batch too', async () => {
  const jobs = [
    { id: 'a', content: '<main>one</main>', location: 'https://e.com/', select: 'main' },
    { id: 'b', content: '<main>two</main>', location: 'https://e.com/', select: '#none' },
  ]
  const results = disinfo.terms.extractBatch(jobs)
  assert.deepEqual(results[0], { id: 'a', markdown: 'one' })
  assert.equal(results[1].error.code, 'selector_no_match')
  assert.deepEqual(await disinfo.terms.extractBatchAsync(jobs), results)
})

test('declarations: parse, load, extract, validate', () => {
  const decl = path.join(examples, 'Open Terms Archive.json')
  const service = disinfo.terms.loadDeclaration(decl)
  assert.equal(service.terms.Imprint.source_documents[0].select, '.textcontent')
  const md = disinfo.terms.extractDeclared([fs.readFileSync(path.join(examples, 'imprint.html'))], { declaration: decl, termsType: 'Imprint' })
  assert.ok(md.length > 100)
  assert.throws(() => disinfo.terms.parseDeclaration('{"name":"X","terms":{"Imprint":{"fetch":"https://a.com","selct":"x"}}}'), (e) => e.code === 'unknown_key' && /did you mean "select"/.test(e.message))
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decl-'))
  fs.writeFileSync(path.join(dir, 'Ok.json'), '{"name":"Ok","terms":{"Imprint":{"fetch":"https://a.com","select":"main"}}}')
  fs.writeFileSync(path.join(dir, 'Bad.json'), '{"name":"Bad","terms":{"Imprint":{"fetch":"https://a.com","select":{"startBefore":"a"}}}}')
  const report = disinfo.terms.validate(dir)
  assert.deepEqual([report.service_files, report.history_files, report.orphan_histories], [2, 0, 0])
  assert.deepEqual(report.loaded, ['Ok'])
  assert.deepEqual(report.rejected.map((r) => r.code), ['invalid_range'])
  assert.deepEqual(disinfo.terms.validate([path.join(dir, 'Ok.json'), path.join(dir, 'Bad.json')]), report)
})
