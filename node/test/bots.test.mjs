// Tests of disinfo.bots: Float64Array feature columns with names, adapters, rules, errors.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'

const disinfo = createRequire(import.meta.url)('..')
const DATA = fileURLToPath(new URL('../../crates/disinfo-bots/tests/data/same_account/', import.meta.url))
const OBSERVED = '2021-06-23T15:27:11Z'

const col = (r, name) => r.values[r.columns.indexOf(name)]

test('worked example numbers from Node', () => {
  const r = disinfo.bots.features([join(DATA, 'twitter_v1.jsonl')], 'twitter-v1')
  assert.ok(col(r, 'age_h') instanceof Float64Array)
  assert.ok(Math.abs(col(r, 'age_h')[0] - 19968.31) < 0.01)
  assert.ok(Math.abs(col(r, 'posts_per_hour')[0] - 0.027093) < 1e-6)
  assert.ok(Math.abs(col(r, 'followers_following_ratio')[0] - 0.9848) < 1e-5)
  assert.deepEqual(r.columns.slice(0, 3), ['age_h', 'posts', 'followers'])
  assert.deepEqual(r.account_ids, ['1106186789012345678'])
  assert.deepEqual(r.handles, ['anna_martin'])
})

test('missing values are NaN with mask 1', () => {
  const r = disinfo.bots.features([join(DATA, 'mastodon.json')], 'mastodon', { behaviour: false })
  const j = r.columns.indexOf('likes_given')
  assert.ok(Number.isNaN(r.values[j][0]))
  assert.equal(r.mask[j][0], 1)
  assert.equal(r.mask[r.columns.indexOf('followers')][0], 0)
})

test('same account on v1.1, v2, Bluesky and Mastodon gives the same shared features', () => {
  const shared = ['age_h', 'posts', 'followers', 'following', 'followers_following_ratio', 'handle_length', 'handle_likelihood']
  const inputs = [['twitter_v1.jsonl', 'twitter-v1'], ['twitter_v2.json', 'twitter-v2'], ['bluesky.json', 'bluesky'], ['mastodon.json', 'mastodon']]
  const rows = inputs.map(([f, fmt]) => {
    const r = disinfo.bots.features([join(DATA, f)], fmt, { observedAt: OBSERVED, behaviour: false })
    return shared.map((c) => col(r, c)[0])
  })
  for (const row of rows.slice(1)) assert.deepEqual(row, rows[0])
})

test('strict mode throws malformed_record with the line; lenient lists the rejection', () => {
  const text = '{"id":"1","username":"a"}\n{"id":"2","username":\n{"id":"3","username":"c"}\n'
  assert.throws(
    () => disinfo.bots.featuresFromText(text, 'twitter-v2', { observedAt: OBSERVED }),
    (e) => e.code === 'malformed_record' && /line 2/.test(e.message),
  )
  const r = disinfo.bots.featuresFromText(text, 'twitter-v2', { observedAt: OBSERVED, mode: 'lenient' })
  assert.deepEqual(r.account_ids, ['1', '3'])
  assert.equal(r.read.rejected[0].line, 2)
  assert.equal(r.read.records_rejected, 1)
})

test('invalid UTF-8 in a Buffer is a rejection, not a crash', () => {
  const buf = Buffer.concat([Buffer.from('{"id":"1","username":"a'), Buffer.from([0xff]), Buffer.from('"}\n{"id":"2","username":"b"}\n')])
  const r = disinfo.bots.featuresFromText(buf, 'twitter-v2', { observedAt: OBSERVED, mode: 'lenient' })
  assert.deepEqual(r.account_ids, ['2'])
})

test('bad arguments carry invalid_argument', () => {
  assert.throws(() => disinfo.bots.featuresFromText('', 'twitter-v9'), (e) => e.code === 'invalid_argument')
  assert.throws(() => disinfo.bots.featuresFromText('', 'twitter-v2', { observedAt: 'yesterday' }), (e) => e.code === 'invalid_argument')
  assert.throws(() => disinfo.bots.features(['/nonexistent.jsonl'], 'twitter-v1'), (e) => e.code === 'io')
})

test('featuresAsync resolves to the same matrix and rejects with the code', async () => {
  const sync = disinfo.bots.features([join(DATA, 'twitter_v1.jsonl')], 'twitter-v1')
  const asyncResult = await disinfo.bots.featuresAsync([join(DATA, 'twitter_v1.jsonl')], 'twitter-v1')
  assert.deepEqual(asyncResult.columns, sync.columns)
  assert.deepEqual(Array.from(asyncResult.values[0]), Array.from(sync.values[0]))
  await assert.rejects(disinfo.bots.featuresAsync(['/nonexistent.jsonl'], 'twitter-v1'), (e) => e.code === 'io')
})

test('dormant_2019 rule: 0 followers passes, 0/0 is undefined', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bots-'))
  const path = join(dir, 'users.jsonl')
  writeFileSync(path,
    '{"id":"1","username":"x","created_at":"2019-04-01T00:00:00Z","protected":false,"public_metrics":{"followers_count":0,"following_count":40,"tweet_count":3}}\n' +
    '{"id":"2","username":"y","created_at":"2019-04-01T00:00:00Z","protected":false,"public_metrics":{"followers_count":0,"following_count":0,"tweet_count":3}}\n')
  const r = disinfo.bots.rule('dormant_2019', [path], 'twitter-v2', { observedAt: OBSERVED, behaviour: false })
  assert.deepEqual(r.outcomes.map((o) => o.verdict), ['pass', 'undefined'])
})

test('handle likelihood and seeded synthetic data', () => {
  assert.ok(disinfo.bots.handleLikelihood('marie_dupont') > disinfo.bots.handleLikelihood('xq7zk2v9wj'))
  assert.equal(disinfo.bots.handleLikelihood(''), null)
  const a = disinfo.bots.synthetic({ seed: 3, organic: 20, dormantBots: 5, amplifiers: 2, coordinatedGroups: 1, groupSize: 4 })
  const b = disinfo.bots.synthetic({ seed: 3, organic: 20, dormantBots: 5, amplifiers: 2, coordinatedGroups: 1, groupSize: 4 })
  assert.deepEqual(a, b)
  assert.equal(a.accounts.length, 31)
  assert.equal(readFileSync(join(DATA, 'tiktok.json'), 'utf8').includes('anna_martin'), true)
})
