// Tests of disinfo.bots coordination networks: window boundaries, toolkit sample, exports, errors.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const disinfo = createRequire(import.meta.url)('..')
const SAMPLE = fileURLToPath(new URL('../../examples/data/bots/coordination/qut_sample_data.csv', import.meta.url))
const HEADER = 'message_id,user_id,username,repost_id,reply_id,message,timestamp,urls'
const twoReposts = (t1, t2) => `${HEADER}\n1,a,anna,99,,RT,${t1},\n2,b,ben,99,,RT,${t2},\n`
const triples = (r) => r.network.edges.map((e) => [e.source, e.target, e.weight])

test('delta equal to the window gives an edge, one second more does not', () => {
  assert.deepEqual(triples(disinfo.bots.coordinateText(twoReposts('1000', '1060'), 'qut-csv', { window: 60 })), [['a', 'b', 1], ['b', 'a', 1]])
  assert.deepEqual(disinfo.bots.coordinateText(twoReposts('1000', '1061'), 'qut-csv', { window: 60 }).network.edges, [])
})

test('shares at 00:00:59 and 00:01:01 are linked with a 60 s window, with evidence', () => {
  const r = disinfo.bots.coordinateText(Buffer.from(twoReposts('2021-09-01T00:00:59Z', '2021-09-01T00:01:01Z')), 'qut-csv')
  assert.equal(r.network.edges.length, 2)
  assert.deepEqual(r.network.edges[0].evidence[0], { source_post: '1', target_post: '2', delta_secs: 2 })
})

test('sync and async give the same network as Python and Rust shape', async () => {
  const opts = { kind: 'co-link', window: 3600, communities: true, seed: 3 }
  const sync = disinfo.bots.coordinate([SAMPLE], 'qut-csv', opts)
  const later = await disinfo.bots.coordinateAsync([SAMPLE], 'qut-csv', opts)
  assert.deepEqual(later, sync)
  assert.ok(sync.network.edges.length > 10)
  assert.ok(sync.analysis.communities.length >= 1)
})

test('exports: csv starts with source,target,weight; graphml and gexf are directed XML', () => {
  const r = disinfo.bots.coordinate([SAMPLE], 'qut-csv', { kind: 'co-repost', window: 60, communities: true })
  const csv = disinfo.bots.exportNetwork(r, 'csv')
  assert.ok(csv.startsWith('source,target,weight,'))
  assert.equal(csv.trim().split('\n').length - 1, r.network.edges.length)
  assert.match(disinfo.bots.exportNetwork(r, 'graphml'), /edgedefault="directed"/)
  assert.match(disinfo.bots.exportNetwork(r, 'gexf'), /defaultedgetype="directed"/)
  assert.equal(JSON.parse(disinfo.bots.exportNetwork(r, 'json')).edges.length, r.network.edges.length)
})

test('bad arguments throw errors with stable codes', () => {
  assert.throws(() => disinfo.bots.coordinateText(twoReposts('1', '2'), 'qut-csv', { kind: 'co-nothing' }), { code: 'invalid_argument' })
  assert.throws(() => disinfo.bots.coordinateText(twoReposts('1', '2'), 'qut-csv', { window: -1 }), { code: 'invalid_argument' })
  assert.throws(() => disinfo.bots.exportNetwork({ nope: 1 }, 'csv'), { code: 'invalid_argument' })
  assert.throws(() => disinfo.bots.exportNetwork({ network: {} }, 'svg'), { code: 'invalid_argument' })
})

test('empty input gives an empty network; normalizeText matches the toolkit rule', () => {
  assert.deepEqual(disinfo.bots.coordinateText(`${HEADER}\n`, 'qut-csv').network.edges, [])
  assert.equal(disinfo.bots.normalizeText('Hi @Bob  THERE'), 'hi there')
})
