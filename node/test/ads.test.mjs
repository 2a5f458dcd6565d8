// Tests of the `ads` namespace: the FR 2019 case, async variant, render, search, error codes.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'

const disinfo = createRequire(import.meta.url)('..')
let folder
let dirs

before(() => {
  folder = mkdtempSync(join(tmpdir(), 'disinfo-ads-'))
  dirs = disinfo.ads.generate('fr2019', folder, { seed: 2019 })
})

after(() => rmSync(folder, { recursive: true, force: true }))

test('fr2019 audit reports disappeared, added and rates', () => {
  const report = disinfo.ads.audit(dirs, { evidenceLimit: 2 })
  const pair = report.pairs[0]
  assert.deepEqual(pair.sizes, { from: 13550, to: 9288 })
  assert.equal(pair.common, 8593)
  assert.equal(pair.added, 695)
  assert.equal(pair.disappeared.total, 4957)
  assert.deepEqual(pair.rates, { gross: 0.3658, net: 0.3145, unexplained: 0.3658 })
})

test('auditAsync resolves to the same report as audit', async () => {
  const a = disinfo.ads.audit(dirs, { evidenceLimit: 1 })
  const b = await disinfo.ads.auditAsync(dirs, { evidenceLimit: 1 })
  assert.deepEqual(b, a)
})

test('render gives markdown with the pair row', () => {
  const report = disinfo.ads.audit(dirs, { evidenceLimit: 0 })
  const md = disinfo.ads.render(report, { format: 'markdown' })
  assert.match(md, /\| fr-2019-05-20 → fr-2019-05-27 \| ok \| 13550 → 9288 \| 8593 \| 695 \| 4957 \|/)
  assert.equal(disinfo.ads.render(report), md) // markdown is the default
  const csv = disinfo.ads.render(report, { format: 'csv', table: 'pairs' })
  assert.ok(csv.split('\n')[1].startsWith('fr-2019-05-20,fr-2019-05-27,13550,9288,8593,695,4957'))
})

test('search lists hits with locators and ads missing later', () => {
  // Every synthetic ad names its payer "Association de financement de la liste ...".
  const r = disinfo.ads.search('Association de financement', dirs, { maxHits: 2 })
  assert.equal(r.total_hits, 13550 + 9288)
  assert.equal(r.hits.length, 2)
  const [hit] = r.hits
  assert.equal(hit.locator.pointer, '/data/0')
  assert.equal(hit.field, '/funding_entity')
  assert.ok(hit.excerpt.includes('Association de financement'))
  assert.equal(hit.payer, hit.excerpt)
  assert.ok(hit.advertiser_name.length > 0)
  assert.equal(r.ads.filter((a) => a.missing_from.length > 0).length, 4957)
})

test('unknown regime throws with code invalid_argument', () => {
  assert.throws(() => disinfo.ads.audit(dirs, { regimes: ['gdpr'] }), (e) => e.code === 'invalid_argument')
})

test('auditAsync rejects with the code of a missing collection.json', async () => {
  await assert.rejects(disinfo.ads.auditAsync([folder]), (e) => e.code === 'invalid_collection')
})
