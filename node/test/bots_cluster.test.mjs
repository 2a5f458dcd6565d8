// Tests of disinfo.bots.clusterFeatures: every method, the result shape, errors with codes.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const disinfo = createRequire(import.meta.url)('..')

// Two groups of accounts an order of magnitude apart in every column.
const matrix = []
for (let i = 0; i < 8; i++) {
  matrix.push([10 + i, 1])
  matrix.push([5000 + 10 * i, 80])
}

test('every method separates two groups of accounts', () => {
  const cases = [
    { method: 'dbscan', params: { eps: 0.5, min_samples: 3 } },
    { method: 'kmeans', params: { n_clusters: 2 } },
    { method: 'gmm', params: { n_components: 2 } },
    { method: 'hdbscan', params: { min_cluster_size: 4 } },
  ]
  for (const options of cases) {
    const r = disinfo.bots.clusterFeatures(matrix, options)
    assert.equal(r.method, options.method)
    assert.equal(r.n_clusters, 2, options.method)
    assert.equal(r.n_noise, 0, options.method)
    assert.ok(r.labels.every((l, i) => l === r.labels[i % 2]), options.method)
    assert.notEqual(r.labels[0], r.labels[1])
  }
})

test('summaries carry medians on the original scale and column names', () => {
  const r = disinfo.bots.clusterFeatures(matrix, { method: 'kmeans', params: { n_clusters: 2 }, columns: ['followers', 'posts'] })
  assert.deepEqual(r.columns, ['followers', 'posts'])
  assert.deepEqual(r.summaries.map((s) => s.medians[0]).sort((a, b) => a - b), [13.5, 5035])
  assert.deepEqual(Object.keys(r.kmeans).sort(), ['centres', 'inertia', 'iterations', 'n_init', 'seed'])
  assert.equal(r.matrix, undefined)
  assert.equal(disinfo.bots.clusterFeatures(matrix, { includeMatrix: true }).matrix.length, 16)
})

test('gmm probabilities and hdbscan probabilities come with the result', () => {
  const g = disinfo.bots.clusterFeatures(matrix, { method: 'gmm', params: { n_components: 2, probabilities: true } })
  assert.equal(g.gmm.probabilities.length, 16)
  assert.equal(typeof g.gmm.converged, 'boolean')
  const h = disinfo.bots.clusterFeatures(matrix, { method: 'hdbscan', params: { min_cluster_size: 4 } })
  assert.equal(h.hdbscan.probabilities.length, 16)
})

test('async gives the same result as sync', async () => {
  const options = { method: 'hdbscan', params: { min_cluster_size: 4 } }
  assert.deepEqual(await disinfo.bots.clusterFeaturesAsync(matrix, options), disinfo.bots.clusterFeatures(matrix, options))
})

test('bad input is an invalid_argument error, not a crash', () => {
  const bad = [
    [[[1, 2], [3]], { method: 'dbscan' }],
    [[], { method: 'kmeans' }],
    [[[1, NaN], [2, 3]], { method: 'hdbscan' }],
    [matrix, { method: 'spectral' }],
    [matrix, { method: 'gmm', params: { n_clusters: 2 } }],
    [matrix, { method: 'kmeans', params: { n_clusters: 100 } }],
    [[[1, 2]], { method: 'hdbscan' }],
  ]
  for (const [m, options] of bad) {
    assert.throws(() => disinfo.bots.clusterFeatures(m, options), (e) => e.code === 'invalid_argument', JSON.stringify(options))
  }
})
