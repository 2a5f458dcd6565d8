// Explained diffs, versions and history from Node.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const disinfo = createRequire(import.meta.url)('..')
const { terms } = disinfo
const DATA = fileURLToPath(new URL('../../crates/disinfo-terms/tests/data/history/', import.meta.url))
const IMPRINT_OLD = readFileSync(join(DATA, 'ota-imprint-d5b62ab.md'), 'utf8')
const IMPRINT_NEW = readFileSync(join(DATA, 'ota-imprint-df5aa36.md'), 'utf8')

test('bullet spacing is formatting, a changed URL is link', () => {
  assert.equal(terms.diff('* x\n* y\n', '*   x\n*   y\n').classification, 'formatting')
  assert.equal(terms.diff('See [t](https://a.example/t).\n', 'See [t](https://a.example/v2/t).\n').classification, 'link')
})

test('one changed word: one substantive change under its heading path, with spans', () => {
  const old = '# Privacy\n\n## Location\n\nWe share your location.\n'
  const result = terms.diff(old, old.replace('share', 'sell'), { granularity: 'word' })
  assert.equal(result.changes.length, 1)
  const [change] = result.changes
  assert.equal(change.kind, 'replace')
  assert.equal(change.classification, 'substantive')
  assert.deepEqual(change.heading_path, ['Privacy', 'Location'])
  assert.deepEqual([change.old.text, change.new.text], ['share', 'sell'])
  assert.equal(change.new.span.line, 5)
})

test('a moved paragraph is one move; async variant agrees with sync', async () => {
  const a = 'Alpha paragraph with several words in it.'
  const b = 'Beta paragraph with several other words.'
  const sync = terms.diff(`${a}\n\n${b}\n`, `${b}\n\n${a}\n`)
  assert.deepEqual(sync.changes.map((c) => c.kind), ['move'])
  const asyncResult = await terms.diffAsync(`${a}\n\n${b}\n`, `${b}\n\n${a}\n`)
  assert.deepEqual(asyncResult, sync)
})

test('renderings: html is self-contained with ins/del, markdown names the versions', () => {
  const html = terms.diffRender(IMPRINT_OLD, IMPRINT_NEW)
  assert.ok(html.startsWith('<!DOCTYPE html>'))
  assert.ok(html.includes('<ins>') && html.includes('<del>'))
  assert.ok(!html.includes('<script') && !html.includes('src='))
  const md = terms.diffRender(IMPRINT_OLD, IMPRINT_NEW, { format: 'markdown', oldName: '2025', newName: '2026' })
  assert.ok(md.startsWith('# Changes from `2025` to `2026`'))
})

test('bad options throw errors with stable codes, sync and async', async () => {
  assert.throws(() => terms.diff('a', 'b', { granularity: 'sentence' }), (e) => e.code === 'invalid_argument')
  await assert.rejects(terms.diffAsync('a', 'b', { granularity: 'sentence' }), (e) => e.code === 'invalid_argument')
  assert.throws(() => terms.diffRender('a', 'b', { format: 'pdf' }), (e) => e.code === 'invalid_argument')
})

function git (cwd, args, date) {
  const env = { ...process.env }
  if (date) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date })
  execFileSync('git', args, { cwd, env, stdio: 'pipe' })
}

function otaRepo () {
  const dir = mkdtempSync(join(tmpdir(), 'disinfo-versions-'))
  git(dir, ['init', '-q'])
  git(dir, ['config', 'user.name', 'OTA-Bot'])
  git(dir, ['config', 'user.email', 'bot@opentermsarchive.org'])
  mkdirSync(join(dir, 'Open Terms Archive'))
  for (const [text, date, prefix] of [
    [IMPRINT_OLD, '2025-06-01T12:00:00Z', 'First record of'],
    [IMPRINT_NEW, '2026-01-28T12:30:21Z', 'Record new changes of']
  ]) {
    writeFileSync(join(dir, 'Open Terms Archive', 'Imprint.md'), text)
    git(dir, ['add', '.'])
    git(dir, ['commit', '-q', '-m', `${prefix} Open Terms Archive Imprint\n\nThis version was recorded after extracting from snapshot f7057809c1`], date)
  }
  return dir
}

test('history of an OTA repository: versions, text at a date, classified changes', async () => {
  const repo = otaRepo()
  assert.deepEqual(terms.services(repo), { 'Open Terms Archive': ['Imprint'] })
  const versions = terms.versions(repo, 'Open Terms Archive', 'Imprint')
  assert.deepEqual(versions.map((v) => v.kind), ['first_record', 'update'])
  const at = terms.versionAt(repo, 'Open Terms Archive', 'Imprint', '2025-12-31')
  assert.equal(at.text, IMPRINT_OLD)
  const report = terms.history(repo, { includeDiffs: true })
  assert.equal(report.stats.versions, 2)
  assert.equal(report.terms[0].changes[0].classification, 'substantive')
  assert.ok(report.terms[0].changes[0].diff.changes.length > 0)
  assert.deepEqual(await terms.historyAsync(repo, { includeDiffs: true }), report)
  assert.deepEqual(await terms.versionsAsync(repo, 'Open Terms Archive', 'Imprint'), versions)
  assert.deepEqual(await terms.servicesAsync(repo), { 'Open Terms Archive': ['Imprint'] })
  assert.deepEqual(await terms.versionAtAsync(repo, 'Open Terms Archive', 'Imprint', '2025-12-31'), at)
  await assert.rejects(terms.versionAtAsync(repo, 'Open Terms Archive', 'Imprint', 'yesterday'), (e) => e.code === 'invalid_argument')
  assert.throws(() => terms.history(join(repo, 'missing')), (e) => e.code === 'repository_not_found')
  assert.throws(() => terms.versions(repo, 'Open Terms Archive', 'Imprnt'), (e) => e.code === 'terms_not_found')
  assert.throws(() => terms.versionAt(repo, 'Open Terms Archive', 'Imprint', '2001-01-01'), (e) => e.code === 'version_not_found')
})

test('trackAsync records versions and reports a 500 as an error event', async () => {
  const { createServer } = await import('node:http')
  let body = '<html><body><main><h1>Terms</h1><p>Be nice.</p></main></body></html>'
  const server = createServer((req, res) => {
    if (req.url === '/tos') {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end(body)
    } else {
      res.writeHead(500)
      res.end('boom')
    }
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${server.address().port}`
  const dir = mkdtempSync(join(tmpdir(), 'disinfo-track-'))
  mkdirSync(join(dir, 'declarations'))
  writeFileSync(join(dir, 'declarations', 'Demo.json'), JSON.stringify({
    name: 'Demo',
    terms: {
      'Terms of Service': { fetch: `${base}/tos`, select: 'main' },
      'Privacy Policy': { fetch: `${base}/down`, select: 'main' }
    }
  }))
  try {
    const args = [join(dir, 'declarations'), join(dir, 'versions'), join(dir, 'snapshots')]
    const first = await terms.trackAsync(...args, { retries: 0, now: '2026-01-01T00:30:00Z' })
    assert.deepEqual(first.report.events.map((e) => [e.terms_type, e.outcome]), [
      ['Privacy Policy', 'fetch_error'],
      ['Terms of Service', 'first_record']
    ])
    assert.equal(first.report.events[0].error.status, 500)
    body = body.replace('Be nice', 'Be very nice')
    const second = await terms.trackAsync(...args, { retries: 0, now: '2026-01-02T00:30:00Z' })
    assert.equal(second.report.events[1].outcome, 'changed')
    assert.equal(second.report.events[1].classification, 'substantive')
    assert.equal(terms.versions(join(dir, 'versions'), 'Demo', 'Terms of Service').length, 2)
    await assert.rejects(terms.trackAsync(join(dir, 'missing'), ...args.slice(1)), (e) => e.code === 'io')
  } finally {
    server.close()
  }
})
