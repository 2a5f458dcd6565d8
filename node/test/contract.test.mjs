// The API contract as Node callers meet it: options are checked by name (camelCase or
// snake_case, misspellings refused with "did you mean"), every error carries a stable code (async
// ones reject, they never throw), and hostile inputs end in a coded error, never a crash.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const disinfo = require('..')
const { terms, bots, ads, encyclopedia } = disinfo
const SAMPLE = fileURLToPath(new URL('../../examples/data/bots/coordination/qut_sample_data.csv', import.meta.url))
const TWEETS = fileURLToPath(new URL('../../crates/disinfo-bots/tests/data/same_account/twitter_v1.jsonl', import.meta.url))
const WEEK = fileURLToPath(new URL('../../examples/data/ads/meta-fr/2019-05-20', import.meta.url))
const SQUARE = [[1, 2], [3, 4], [5, 7]]
const HTML = '<main><h1>T</h1><p>x</p></main>'
const PAGE = { location: 'https://e.com/', select: 'main' }
const BIG = 'x'.repeat(50 * 1024 * 1024)

// A predicate for assert.throws / assert.rejects: an Error with this code (and message pattern).
const coded = (code, pattern) => (e) => {
  assert.ok(e instanceof Error, `not an Error: ${e}`)
  assert.equal(e.code, code, e.message)
  if (pattern) assert.match(e.message, pattern)
  return true
}

// An async function must reject with the code, never throw synchronously.
async function rejects (call, code, pattern) {
  let promise
  assert.doesNotThrow(() => { promise = call() })
  assert.ok(promise instanceof Promise)
  await assert.rejects(promise, coded(code, pattern))
}

const nestedObject = (levels) => {
  let value = {}
  for (let i = 0; i < levels; i++) value = { a: value }
  return value
}
const nestedArray = (levels) => {
  let value = []
  for (let i = 0; i < levels; i++) value = [value]
  return value
}

// --- options: named, in either spelling, misspellings refused --------------------------------

test('misspelt options are invalid_argument errors naming them with did you mean', async () => {
  const cases = [
    [() => bots.coordinate([SAMPLE], 'qut-csv', { windw: 5 }), 'windw', 'window'],
    [() => bots.clusterFeatures(SQUARE, { log1P: true }), 'log1P', 'log1p'],
    [() => terms.diff('a', 'b', { granularty: 'word' }), 'granularty', 'granularity'],
    [() => bots.coordinate([SAMPLE], 'qut-csv', { minEdgeWieght: 2 }), 'minEdgeWieght', 'minEdgeWeight'],
    [() => ads.search('x', [WEEK], { maxHit: 3 }), 'maxHit', 'maxHits'],
    [() => encyclopedia.checkFiles({}, { maxDeph: 3 }), 'maxDeph', 'maxDepth'],
  ]
  for (const [call, name, suggestion] of cases) {
    assert.throws(call, coded('invalid_argument'))
    try { call() } catch (e) {
      assert.equal(e.message, `invalid argument \`${name}\`: unknown option; did you mean \`${suggestion}\`?`)
    }
  }
  await rejects(() => bots.coordinateAsync([SAMPLE], 'qut-csv', { windw: 5 }), 'invalid_argument', /`windw`: unknown option; did you mean `window`\?/)
})

test('an option of another operation is unknown here and named with the accepted ones', () => {
  // `terms_type` is an option of extractDeclared and track, not of diff or extract.
  assert.throws(() => terms.diff('a', 'b', { terms_type: 'Nope' }), coded('invalid_argument',
    /^invalid argument `terms_type`: unknown option; accepted: `context_lines`, `detect_moves`, `granularity`, `new_name`, `old_name`$/))
  assert.throws(() => terms.extract(HTML, { ...PAGE, termsType: 'Nope' }), coded('invalid_argument', /`termsType`: unknown option; accepted: .*`maxBytes`/))
})

test('camelCase and snake_case options are the same option', async () => {
  const base = { kind: 'co-link', window: 3600 }
  const byDefault = bots.coordinate([SAMPLE], 'qut-csv', base)
  const snake = bots.coordinate([SAMPLE], 'qut-csv', { ...base, min_edge_weight: 5 })
  const camel = bots.coordinate([SAMPLE], 'qut-csv', { ...base, minEdgeWeight: 5 })
  assert.deepEqual(camel, snake)
  assert.ok(snake.network.edges.length > 0 && snake.network.edges.length < byDefault.network.edges.length)
  assert.ok(camel.network.edges.every((e) => e.weight >= 5))
  assert.deepEqual(await bots.coordinateAsync([SAMPLE], 'qut-csv', { ...base, min_edge_weight: 5 }), camel)
})

test('one option given in both spellings is refused', () => {
  assert.throws(() => bots.coordinate([SAMPLE], 'qut-csv', { minEdgeWeight: 5, min_edge_weight: 2 }),
    coded('invalid_argument', /`minEdgeWeight`: is the option `min_edge_weight`, given too/))
})

test('results keep the JSON contract\'s snake_case keys; a feature matrix has one typed array per column', () => {
  const f = bots.features([TWEETS], 'twitter-v1', { behaviour: false })
  assert.deepEqual(Object.keys(f).sort(), ['account_ids', 'columns', 'handles', 'mask', 'read', 'values'])
  assert.equal(f.values.length, f.columns.length)
  assert.ok(f.values.every((c) => c instanceof Float64Array && c.length === 1))
  assert.ok(f.mask.every((c) => c instanceof Uint8Array && c.length === 1))
  assert.deepEqual(Object.keys(f.read).sort(), ['records_accepted', 'records_read', 'records_rejected', 'rejected'])
})

// --- every error carries a code, wrong argument types included -------------------------------

test('featuresAsync without its input format rejects with invalid_argument', async () => {
  await rejects(() => bots.featuresAsync('x.jsonl'), 'invalid_argument', /`input_format`: is required/)
  assert.throws(() => bots.features(42, 'twitter-v1'), coded('invalid_argument', /`inputs`: must be a path or a list, found 42/))
})

test('a bad CSS selector is invalid_selector, sync and async', async () => {
  assert.throws(() => terms.extract(HTML, { ...PAGE, select: 'main[' }), coded('invalid_selector', /"main\["/))
  await rejects(() => terms.extractAsync(HTML, { ...PAGE, select: 'main[' }), 'invalid_selector')
})

test('diffRender with a format string for options is invalid_argument, never HTML', async () => {
  let rendered
  assert.throws(() => { rendered = terms.diffRender('a', 'b', 'markdown') },
    coded('invalid_argument', /^invalid argument `options`: options must be an object of named options/))
  assert.equal(rendered, undefined)
  await rejects(() => terms.diffRenderAsync('a', 'b', 'markdown'), 'invalid_argument')
  assert.throws(() => ads.render({}, 'markdown'), coded('invalid_argument'))
})

test('values with no JSON form are invalid_argument errors naming them', () => {
  const cases = [
    [{ granularity: Symbol('word') }, /`granularity`: must be a JSON-like value, found a symbol/],
    [{ contextLines: 3n }, /`contextLines`: must be a JSON-like value, found a BigInt/],
    [{ granularity: () => 'word' }, /`granularity`: must be a JSON-like value, found a function/],
    [Buffer.from('{}'), /^invalid argument `options`: must be a JSON-like value, found binary data/],
  ]
  for (const [options, pattern] of cases) assert.throws(() => terms.diff('a', 'b', options), coded('invalid_argument', pattern))
  assert.throws(() => terms.diff(Buffer.from('a'), 'b'), coded('invalid_argument', /`old`/))
})

test('an unknown operation of the addon is invalid_argument', () => {
  const native = require('../binding.js')
  assert.throws(() => native.call('terms.dif', ['a', 'b']), coded('invalid_argument', /did you mean `terms.diff`\?/))
  assert.throws(() => native.call('nothing', []), coded('invalid_argument'))
})

// --- hostile inputs: a coded error, never a crash ---------------------------------------------

test('options and arguments nested 10,000 levels deep are refused', async () => {
  assert.throws(() => terms.diff('a', 'b', nestedObject(10_000)), coded('invalid_argument', /nested deeper than/))
  assert.throws(() => terms.diff('a', 'b', { granularity: nestedObject(10_000) }), coded('invalid_argument', /^invalid argument `granularity\.a\.a/))
  assert.throws(() => bots.exportNetwork(nestedArray(10_000)), coded('invalid_argument', /^invalid argument `result\[0\]\[0\]/))
  await rejects(() => terms.diffAsync('a', 'b', { granularity: nestedObject(10_000) }), 'invalid_argument')
  const cycle = {}
  cycle.self = cycle
  assert.throws(() => terms.diff('a', 'b', { granularity: cycle }), coded('invalid_argument', /nested deeper than/))
})

test('50 MB strings are refused promptly with short messages', () => {
  const cases = [
    [() => terms.diff('a', 'b', { [BIG]: 1 }), /unknown option/],
    [() => terms.diff('a', 'b', { granularity: BIG }), /^invalid argument `granularity`: unknown value `xxx/],
    [() => bots.coordinate([SAMPLE], 'qut-csv', { window: BIG }), /^invalid argument `window`: must be a number, found a long string$/],
  ]
  for (const [call, pattern] of cases) {
    assert.throws(call, (e) => coded('invalid_argument', pattern)(e) && e.message.length < 1000)
  }
})

test('NaN and Infinity where a number is expected are refused', () => {
  for (const value of [NaN, Infinity, -Infinity]) {
    assert.throws(() => bots.coordinate([SAMPLE], 'qut-csv', { window: value }), coded('invalid_argument', /`window`: must be a finite number/))
    assert.throws(() => bots.clusterFeatures(SQUARE, { params: { eps: value } }), coded('invalid_argument', /`params.eps`/))
    if (Number.isNaN(value)) {
      // NaN is a missing value: the column is left out, as the CLI does, and a note says so.
      for (const matrix of [[[1, value], [2, 3]], [new Float64Array([1, 2]), new Float64Array([value, 3])]]) {
        const r = bots.clusterFeatures(matrix)
        assert.deepEqual(r.dropped_columns, ['x1'])
        assert.match(r.notes[0], /`x1` left out/)
      }
    } else {
      assert.throws(() => bots.clusterFeatures([[1, value], [2, 3]]), coded('invalid_argument', /`matrix`: column `x1`, row 0 \(account 0\) is infinite/))
      assert.throws(() => bots.clusterFeatures([new Float64Array([1, 2]), new Float64Array([value, 3])]), coded('invalid_argument', /`matrix`: column `x1`, row 0 \(account 0\) is infinite/))
    }
  }
  assert.throws(() => bots.clusterFeatures([[1, 'a'], [2, 3]]), coded('invalid_argument', /`table\[0\]\[1\]`: must be a number, found a string/))
  assert.throws(() => bots.clusterFeatures([[1, 2], [3]]), coded('invalid_argument', /row 1 has 1 values where row 0 has 2/))
})

test('a getter or a Proxy trap that throws while options are read is a coded error', async () => {
  const getter = { get granularity () { throw new Error('no granularity today') } }
  assert.throws(() => terms.diff('a', 'b', getter), coded('invalid_argument', /^invalid argument `granularity`: reading it threw: Error: no granularity today$/))
  await rejects(() => terms.diffAsync('a', 'b', getter), 'invalid_argument', /no granularity today/)
  const trap = new Proxy({}, { ownKeys () { throw new Error('no keys') } })
  assert.throws(() => terms.diff('a', 'b', trap), coded('invalid_argument', /^invalid argument `options`: reading it threw: Error: no keys$/))
  assert.throws(() => terms.extract(HTML, { ...PAGE, get after () { throw new Error('no hook') } }), coded('invalid_argument', /`after`: reading it threw/))
  assert.throws(() => bots.coordinate([SAMPLE, { get x () { throw 'plain' } }], 'qut-csv'), coded('invalid_argument', /`inputs\[1\]\.x`: reading it threw: plain/))
  assert.equal(terms.diff('a', 'a').identical, true) // nothing is left pending
})

test('a hook that throws or returns no string is hook_failed', () => {
  const cases = [
    [{ after: () => { throw new Error('boom') } }, /the after hook failed: Error: boom/],
    [{ after: () => { throw 'plain' } }, /the after hook failed: Error: plain/],
    [{ before: () => 42 }, /the before hook failed: TypeError: a hook must return a string, not number/],
    [{ before: () => undefined }, /the before hook failed: TypeError: a hook must return a string, not undefined/],
    [{ after: () => null }, /the after hook failed: TypeError: a hook must return a string, not null/],
  ]
  for (const [hooks, pattern] of cases) assert.throws(() => terms.extract(HTML, { ...PAGE, ...hooks }), coded('hook_failed', pattern))
  assert.throws(() => terms.extract(HTML, { ...PAGE, before: 'upper' }), coded('invalid_argument', /`before`: must be a function/))
})

test('hooks given to an async call are refused by name', async () => {
  await rejects(() => terms.extractAsync(HTML, { ...PAGE, after: (t) => t }), 'invalid_argument',
    /^invalid argument `after`: hooks are not available in async calls; use the sync function$/)
})

test('a Date is accepted wherever a date-time is, the same as its RFC 3339 text', () => {
  const USERS = fileURLToPath(new URL('../../examples/data/bots/users.jsonl', import.meta.url))
  const asText = bots.read(USERS, 'twitter-v1', { observedAt: '2019-05-27T00:00:00Z' })
  const asDate = bots.read(USERS, 'twitter-v1', { observedAt: new Date(Date.UTC(2019, 4, 27)) })
  assert.deepEqual(asDate, asText)
  assert.throws(() => bots.read(USERS, 'twitter-v1', { observedAt: new Date('nonsense') }), coded('invalid_argument', /observedAt/))
})
