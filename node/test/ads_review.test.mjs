// Tests of the review in Node: a campaign from the bundled collections, assignment until every
// ad has its reviewers, the summary and exports, agreement, and what bad input gives.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const disinfo = createRequire(import.meta.url)('..')
const root = fileURLToPath(new URL('../..', import.meta.url))
const days = ['2019-05-20', '2019-05-27', '2019-06-03'].map((d) => join(root, 'examples/data/ads/meta-fr', d))
const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>'
const answer = (item, reviewer, question, value) => ({ item, reviewer, question, answer: value })

test('two reviewers reach every ad; the summary and exports carry the evidence', async () => {
  const campaign = await disinfo.ads.reviewCampaignAsync(days, { reviewersPerAd: 2 })
  assert.deepEqual(campaign.ads.slice(0, 2).map((a) => a.status), ['disappeared', 'disappeared'])
  const answers = []
  for (const [reviewer, choice] of [['ana', 'political'], ['ben', 'not_political']]) {
    for (;;) {
      const next = disinfo.ads.reviewAssign(campaign, answers, reviewer)
      if (next.length === 0) break
      answers.push(answer(next[0].item, reviewer, 'nature', choice))
    }
  }
  const summary = disinfo.ads.reviewSummary(campaign, answers)
  assert.equal(summary.complete, campaign.ads.length)
  assert.equal(summary.contested.length, campaign.ads.length)
  const rows = disinfo.ads.reviewExport(campaign, answers, { format: 'csv', table: 'answers' }).trim().split('\r\n')
  assert.equal(rows.length, answers.length + 1)
  for (const row of rows.slice(1)) assert.match(row.split(',')[1], /^[0-9a-f]{64}$/)
})

test('agreement is the same number as in Rust and Python, undefined values say why', () => {
  const a = disinfo.ads.reviewAgreement([
    answer('ad1', 'ana', '', 'political'), answer('ad1', 'ben', '', 'political'),
    answer('ad2', 'ana', '', 'issue'), answer('ad2', 'ben', '', 'political'),
    answer('ad3', 'ana', '', 'not_political'), answer('ad3', 'ben', '', 'not_political'),
  ])
  assert.ok(Math.abs(a.value - 6 / 11) < 1e-12)
  const none = disinfo.ads.reviewAgreement([])
  assert.equal(none.value, null)
  assert.match(none.undefined, /two reviewers/)
})

test('bad input is a coded error, never a crash', () => {
  const campaign = disinfo.ads.reviewCampaign(days.slice(0, 1))
  const item = campaign.ads[0].item
  const cases = [
    () => disinfo.ads.reviewSummary(campaign, [answer(item, 'ana', 'nature', hostile)]),
    () => disinfo.ads.reviewSummary(campaign, [answer('absent', 'ana', 'nature', 'political')]),
    () => disinfo.ads.reviewSummary({ id: 'x' }, []),
    () => disinfo.ads.reviewAssign(campaign, [], ''),
    () => disinfo.ads.reviewAgreement([answer('a', 'r', '', 1), answer('a', 'r', '', 2)]),
    () => disinfo.ads.reviewAgreement([answer('a', 'r', '', 'x')], { level: 'interval' }),
    () => disinfo.ads.reviewAgreement('not a list'),
    () => disinfo.ads.reviewCampaign(days, { reviewersPerAd: 51 }),
  ]
  for (const call of cases) assert.throws(call, (e) => e.code === 'invalid_argument', call.toString())
  let deep = 'x'
  for (let i = 0; i < 10000; i++) deep = [deep]
  assert.throws(() => disinfo.ads.reviewAgreement([answer('a', 'r', '', deep)]), (e) => e.code === 'invalid_argument')
  assert.throws(() => disinfo.ads.reviewQuestionnaire(join(root, 'absent.toml')), (e) => e.code === 'io')
  const out = disinfo.ads.reviewExport(campaign, [answer(item, 'ana', 'nature', 'not_political'), answer(item, 'ana', 'comment', `=${hostile}`)], { format: 'csv' })
  assert.match(out, /'=<script>/)
})
