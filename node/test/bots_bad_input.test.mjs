// disinfo.bots.clusterFeatures on bad input (issue 19, acceptance 5): NaN and infinite values,
// constant columns, a single account, duplicate rows, no columns. Each gives a coded error or the
// result its documentation describes, never a crash.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const { bots } = createRequire(import.meta.url)('..')

// A features()-shaped table: Float64Array columns by name, account ids.
const table = (columns) => ({
  columns: Object.keys(columns),
  values: Object.values(columns).map((c) => new Float64Array(c)),
  account_ids: ['a', 'b', 'c', 'd'].slice(0, Object.values(columns)[0].length),
})

const invalid = (call, ...words) => {
  assert.throws(call, (e) => {
    assert.equal(e.code, 'invalid_argument', e.message)
    for (const w of words) assert.ok(e.message.includes(w), `${w} in ${e.message}`)
    return true
  })
}

test('a NaN column is left out and named', () => {
  const r = bots.clusterFeatures(table({ followers: [1, 2, 30, 40], posts: [1, NaN, 3, 4] }), { method: 'kmeans', params: { n_clusters: 2 } })
  assert.deepEqual(r.columns, ['followers'])
  assert.deepEqual(r.dropped_columns, ['posts'])
  assert.ok(r.notes.some((n) => n.includes('`posts` left out') && n.includes('account b')), r.notes.join('; '))
})

test('NaN with dropIncomplete false names the column, row and account', () => {
  invalid(() => bots.clusterFeatures(table({ followers: [1, 2, 30, 40], posts: [1, NaN, 3, 4] }), { dropIncomplete: false }), '`posts`', 'row 1', 'account b')
})

test('only NaN columns: nothing to cluster', () => {
  invalid(() => bots.clusterFeatures(table({ posts: [NaN, 1, 2, 3] })), 'nothing to cluster', '`posts`')
})

test('an infinite value names its column, row and account', () => {
  for (const value of [Infinity, -Infinity]) {
    invalid(() => bots.clusterFeatures(table({ followers: [1, 2, 30, 40], posts: [1, 2, value, 4] })), '`posts`', 'row 2', 'account c', 'infinite')
    invalid(() => bots.clusterFeatures([new Float64Array([1, 3]), new Float64Array([2, value])]), 'row 1', 'infinite')
  }
})

test('a constant column is kept and noted', () => {
  const r = bots.clusterFeatures(table({ followers: [1, 2, 300, 400], verified: [0, 0, 0, 0] }), { method: 'kmeans', params: { n_clusters: 2 } })
  assert.deepEqual(r.columns, ['followers', 'verified'])
  assert.ok(r.notes.some((n) => n.includes('`verified` is constant')), r.notes.join('; '))
  const l = [...r.labels]
  assert.ok(l[0] === l[1] && l[2] === l[3] && l[0] !== l[2], l.join(','))
})

test('every column constant: one cluster', () => {
  const t = table({ followers: [5, 5, 5, 5] })
  assert.deepEqual([...bots.clusterFeatures(t, { method: 'dbscan', params: { min_samples: 2 } }).labels], [0, 0, 0, 0])
  assert.deepEqual([...bots.clusterFeatures(t, { method: 'kmeans', params: { n_clusters: 1 } }).labels], [0, 0, 0, 0])
})

test('a single account is noise for DBSCAN and an error where clusters outnumber rows', () => {
  const one = [[3, 4]]
  const r = bots.clusterFeatures(one)
  assert.deepEqual([...r.labels], [-1])
  assert.equal(r.n_noise, 1)
  assert.deepEqual([...bots.clusterFeatures(one, { params: { min_samples: 1 } }).labels], [0])
  invalid(() => bots.clusterFeatures(one, { method: 'kmeans' }), 'n_clusters', '1 rows')
  assert.deepEqual([...bots.clusterFeatures(one, { method: 'kmeans', params: { n_clusters: 1 } }).labels], [0])
  invalid(() => bots.clusterFeatures(one, { method: 'hdbscan' }), 'HDBSCAN needs at least 2 rows')
})

test('duplicate rows share a label', () => {
  const rows = [...Array(5).fill([1, 2]), ...Array(5).fill([100, 200])]
  const cases = [
    ['dbscan', { min_samples: 3 }],
    ['kmeans', { n_clusters: 2 }],
    ['hdbscan', { min_cluster_size: 3 }],
    ['gmm', { n_components: 2 }],
  ]
  for (const [method, params] of cases) {
    const l = [...bots.clusterFeatures(rows, { method, params }).labels]
    assert.equal(new Set(l.slice(0, 5)).size, 1, `${method}: ${l}`)
    assert.equal(new Set(l.slice(5)).size, 1, `${method}: ${l}`)
    assert.notEqual(l[0], l[5], `${method}: ${l}`)
  }
})

test('no columns or no rows is an error', () => {
  invalid(() => bots.clusterFeatures([[], [], []]), 'no')
  invalid(() => bots.clusterFeatures({ columns: [], values: [], account_ids: [] }), 'no')
  invalid(() => bots.clusterFeatures([]), 'no')
})

test('NaN in rows of numbers or in Float64Array columns is a missing value', () => {
  for (const m of [[[1, NaN], [2, 3]], [new Float64Array([1, 2]), new Float64Array([NaN, 3])]]) {
    const r = bots.clusterFeatures(m)
    assert.deepEqual(r.dropped_columns, ['x1'])
    assert.deepEqual(r.columns, ['x0'])
  }
})
