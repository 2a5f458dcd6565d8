// Binding-level property tests (issue 23): every exported function of the Node package, called
// with generated hostile arguments (fast-check: anything(), deep objects, huge strings, typed
// arrays, Buffers, NaN, BigInt, Symbols, functions, undefined, getters and Proxies that throw,
// paths that do not exist and real files of the wrong kind, misspelt and unknown options),
// returns or throws a documented error: an `Error` whose `code` is one of the codes of
// docs/src/errors (index.d.ts: `DisinfoError`). An async function never throws synchronously and
// rejects with such an error. Anything else -- a TypeError of the addon without a code, a napi
// status code (`InvalidArg`, `GenericFailure`), the `internal` code (a panic caught at the
// boundary, a bug by definition), a crash of the process -- fails with the function's name and
// the shrunk arguments.
//
// The functions are enumerated from the package's exports (`_`-prefixed test hooks such as
// `_forcePanic` excepted) and checked against the functions index.d.ts declares. Every call runs
// in a temporary working directory nested three levels deep (functions that write, such as
// ads.generate and encyclopedia.migrate, write there); the real files are copies made there.
// Budget: DISINFO_PROPERTY_RUNS runs per function (default 40); a fixed seed when CI is set.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'

const require = createRequire(import.meta.url)
const disinfo = require('..')
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const NAMESPACES = ['terms', 'bots', 'ads', 'encyclopedia', 'chat']
// The number of exported functions when this file was written: the enumeration must not find fewer.
const EXPECTED_AT_LEAST = 110
const RUNS = Number(process.env.DISINFO_PROPERTY_RUNS ?? 40)
const SEED = process.env.DISINFO_PROPERTY_SEED ? Number(process.env.DISINFO_PROPERTY_SEED) : process.env.CI ? 20231123 : undefined

// --- what is called -----------------------------------------------------------------------------

function exportedFunctions () {
  const found = new Map()
  for (const [name, value] of Object.entries(disinfo)) {
    if (name.startsWith('_')) continue
    if (typeof value === 'function') found.set(name, value)
    else if (value && typeof value === 'object') {
      for (const [inner, f] of Object.entries(value)) {
        if (!inner.startsWith('_') && typeof f === 'function') found.set(`${name}.${inner}`, f)
      }
    }
  }
  return found
}

const FUNCTIONS = exportedFunctions()
const DTS = readFileSync(new URL('../index.d.ts', import.meta.url), 'utf8')

// index.d.ts: the functions it declares, each with the name of its options interface, and the
// property names of every interface (per namespace).
function declared () {
  const functions = new Map()
  const interfaces = new Map()
  let namespace = null
  let current = null
  for (const line of DTS.split('\n')) {
    let m
    if ((m = /^export declare namespace (\w+) \{/.exec(line))) namespace = m[1]
    else if (/^\}/.test(line)) namespace = null
    else if ((m = /^(?:export declare | {2}export )function (\w+)\((.*)\)/.exec(line))) {
      const name = namespace ? `${namespace}.${m[1]}` : m[1]
      const options = /options\??: (\w+)/.exec(m[2])
      functions.set(name, options ? `${namespace}.${options[1]}` : null)
    } else if ((m = /^ {2}export interface (\w+) \{/.exec(line))) {
      current = []
      interfaces.set(`${namespace}.${m[1]}`, current)
    } else if (/^ {2}\}/.test(line)) current = null
    else if (current && (m = /^ {4}(\w+)\??: /.exec(line))) current.push(m[1])
  }
  return { functions, interfaces }
}

const DECLARED = declared()

test('every exported function is enumerated and declared', () => {
  assert.ok(FUNCTIONS.size >= EXPECTED_AT_LEAST, `only ${FUNCTIONS.size}: ${[...FUNCTIONS.keys()]}`)
  assert.deepEqual([...FUNCTIONS.keys()].sort(), [...DECLARED.functions.keys()].filter((n) => !n.startsWith('_')).sort())
  for (const ns of NAMESPACES) assert.equal(typeof disinfo[ns], 'object', ns)
})

// --- what may come out -------------------------------------------------------------------------

const CODES = new Set(
  [...readFileSync(join(ROOT, 'docs/src/errors/index.md'), 'utf8').matchAll(/^\| \[`([a-z_]+)`\]/gm)].map((m) => m[1]),
)
CODES.delete('internal')

test('the documented codes are read', () => {
  for (const code of ['invalid_argument', 'io', 'malformed_record', 'selector_no_match']) assert.ok(CODES.has(code), code)
})

// --- hostile values ----------------------------------------------------------------------------

// Real files and folders of the repository, copied into the working directory (never the
// declarations folder: terms.track would fetch its documents).
const SAMPLES = {
  'samples/imprint.html': 'examples/data/terms/extract/imprint.html',
  'samples/Open Terms Archive.json': 'examples/data/terms/extract/Open Terms Archive.json',
  'samples/jobs.jsonl': 'examples/data/terms/extract/jobs.jsonl',
  'samples/qut_sample_data.csv': 'examples/data/bots/coordination/qut_sample_data.csv',
  'samples/tweets.jsonl': 'examples/data/bots/tweets.jsonl',
  'samples/users.jsonl': 'examples/data/bots/users.jsonl',
  'samples/answers.csv': 'examples/data/ads/review/answers.csv',
  'samples/chat.toml': 'examples/chat/chat.toml',
  'samples/dfrlab.md': 'examples/data/encyclopedia/actors/dfrlab.md',
  'samples/week-1': 'examples/data/ads/google-fr/week-1',
  'samples/glossary': 'examples/data/encyclopedia/glossary',
  'samples/versions': 'examples/data/terms/versions',
}
const MADE = {
  'samples/empty.txt': Buffer.alloc(0),
  'samples/binary.bin': Buffer.from([...Array(1024).keys()].map((i) => i % 256)),
  'samples/nul.json': Buffer.from('{"a": "\u0000\u00ff\u00fe"}', 'latin1'),
  'samples/emptydir': null,
  // A chat configuration with its secrets inline and no webhook (nothing is posted anywhere).
  'samples/chat-min.toml': Buffer.from('[service]\npublic_url = "https://chat.example.org"\nlink_secret = "property-test-link-secret"\n\n' +
    '[slack]\nsigning_secret = "s3cret"\n\n[mattermost]\ntokens = ["t0ken"]\n\n[encyclopedia]\nroot = "glossary"\nbase_url = "https://e.example.org/"\n'),
}
const MISSING = ['samples/repo', 'missing.csv', 'no/such/dir/', 'samples/none.json', 'samples/imprint.html/child', '\u0001']
const PATHS = [...Object.keys(SAMPLES), ...Object.keys(MADE), ...MISSING]

// Every string literal type of index.d.ts (formats, kinds, methods): values that get a call past
// its first check, so that what comes after is exercised too.
const LITERALS = [...new Set([...DTS.matchAll(/^ {2}export type \w+ = ((?:'[^']*'(?: \| )?)+)$/gm)]
  .flatMap((m) => [...m[1].matchAll(/'([^']*)'/g)].map((x) => x[1])))].sort()

const nested = (depth, asObject) => {
  let value = asObject ? {} : []
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value]
  return value
}
const cycle = () => { const a = []; a.push(a); return a }
const throwingGetter = () => Object.defineProperty({}, 'select', { enumerable: true, get () { throw new Error('getter') } })
const throwingProxy = () => new Proxy({}, { ownKeys () { throw new Error('ownKeys') }, get () { throw new Error('get') } })
const throwingToString = () => ({ toString () { throw new Error('toString') }, valueOf () { throw new Error('valueOf') } })
const hooks = [(s) => s, () => 42, () => null, () => { throw new Error('hook') }, () => { throw 'a string' }, (s) => s.repeat(3)] // eslint-disable-line no-throw-literal

const BIG = 'x'.repeat(100 * 1024)
const TEXTS = ['', ' ', '\u0000', '\ud800', 'a\udfffb', 'é'.repeat(1000), BIG, '\u202e'.repeat(50), '%s%n', '{}', '[]', 'null',
  '<html>', '*', 'main[', '-1', '1e999', 'NaN', '2021-13-45T99:99:99Z', '__proto__', 'constructor']
const safeText = (s) => !s.startsWith('/') && !s.startsWith('\\') && !s.includes('..')

const ODD = [
  Symbol('s'), Symbol.iterator, 10n, -(2n ** 70n), 2n ** 64n, new Date(NaN), new Date(0), /re/g, new Map([[1, 2]]), new Set([1]),
  new WeakMap(), Promise.resolve(1), new ArrayBuffer(8), new DataView(new ArrayBuffer(4)), Buffer.from('abc'), Buffer.alloc(0),
  new Float64Array([NaN, Infinity, -0]), new Int32Array(3), new Uint8Array([0, 255]), new BigInt64Array(2), new Float32Array(0),
  Object.create(null), new Error('e'), Math, globalThis.Atomics, new String('boxed'), new Number(NaN), new Boolean(false),
  [1, , 3], Array(5), { length: 3 }, { length: 2 ** 32 }, { 0: 'a', length: 1 }, cycle(), throwingGetter(), throwingProxy(), throwingToString(), // eslint-disable-line no-sparse-arrays
  Number.MAX_SAFE_INTEGER + 2, Number.MIN_VALUE, -0, NaN, Infinity, -Infinity, 2 ** 64, -(2 ** 63), 1e308,
  ...hooks, class A {}, async () => 1, function * g () {},
]

const text = fc.oneof(
  fc.string({ maxLength: 40 }).filter(safeText),
  fc.string({ unit: 'binary', maxLength: 40 }).filter(safeText),
  fc.constantFrom(...TEXTS).filter(safeText),
  fc.constantFrom(...LITERALS),
  fc.string({ unit: 'grapheme', minLength: 1000, maxLength: 5000 }).filter(safeText),
)
const paths = fc.constantFrom(...PATHS)
const numbers = fc.oneof(fc.integer(), fc.double(), fc.bigInt(), fc.constantFrom(0, -1, 2 ** 31, 2 ** 32, 2 ** 53 + 2, 2 ** 63, 2 ** 64, -(2 ** 63), 1e30, -1e30, NaN, Infinity, -Infinity, -0))
const typedArrays = fc.oneof(
  fc.float64Array({ maxLength: 8 }), fc.float32Array({ maxLength: 8 }), fc.int32Array({ maxLength: 8 }), fc.uint8Array({ maxLength: 8 }),
  fc.int8Array({ maxLength: 8 }), fc.uint32Array({ maxLength: 8 }), fc.bigInt64Array({ maxLength: 4 }),
  fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
)
const scalars = fc.oneof(
  fc.constantFrom(undefined, null, true, false),
  numbers, text, paths, typedArrays, fc.constantFrom(...ODD), fc.func(fc.anything()),
)
const keys = fc.oneof(fc.string({ maxLength: 12 }).filter(safeText), fc.constantFrom(...LITERALS, '__proto__', 'constructor', 'toString'))
const { values } = fc.letrec((tie) => ({
  values: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalars,
    fc.array(tie('values'), { maxLength: 5 }),
    fc.dictionary(keys, tie('values'), { maxKeys: 5 }),
    fc.anything({ maxDepth: 4, withBigInt: true, withDate: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withMap: true, withSet: true, withBoxedValues: true }),
    fc.tuple(fc.integer({ min: 1, max: 200 }), fc.boolean()).map(([d, o]) => nested(d, o)),
    fc.array(paths, { maxLength: 4 }),
    // A features()-shaped table with odd columns.
    fc.record({ columns: fc.array(text, { maxLength: 3 }), values: fc.array(typedArrays, { maxLength: 3 }), account_ids: fc.array(text, { maxLength: 3 }) }),
  ),
}))

const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())
const snake = (name) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
const misspellings = (name) => [name.slice(0, -1), `${name}s`, name.toUpperCase(), name.replace(/[_A-Z]/g, ''), `${name}_`, name.length > 3 ? name.slice(0, 2) + name.slice(3) : name].filter(Boolean)

function optionNames (name) {
  const iface = DECLARED.functions.get(name)
  const props = (iface && DECLARED.interfaces.get(iface)) ?? []
  // terms.extract also takes its hooks in the options object.
  return name.startsWith('terms.extract') && !name.startsWith('terms.extractDeclared') && !name.startsWith('terms.extractBatch')
    ? [...props, 'before', 'after']
    : props
}

// Positional arguments (as many as the function declares, sometimes fewer or one more) and,
// in the options position, an object of real option names in both spellings, misspellings and
// unknown names -- or any other value.
function argumentsFor (name, f) {
  const names = optionNames(name)
  const spelled = [...new Set(names.flatMap((n) => [n, snake(n), camel(n)]))]
  const wrong = [...new Set(names.flatMap(misspellings))].filter((n) => !spelled.includes(n))
  const optionKey = fc.oneof(
    ...(spelled.length ? [fc.constantFrom(...spelled)] : []),
    ...(wrong.length ? [fc.constantFrom(...wrong)] : []),
    fc.string({ minLength: 1, maxLength: 20 }),
  )
  const options = fc.oneof(values, fc.dictionary(optionKey, values, { maxKeys: 4 }))
  const arity = f.length
  const hasOptions = DECLARED.functions.get(name) !== null
  return fc.tuple(
    fc.tuple(...Array.from({ length: Math.max(arity - (hasOptions ? 1 : 0), 0) }, () => values)),
    hasOptions ? options.map((o) => [o]) : fc.constant([]),
    fc.constantFrom('all', 'all', 'all', 'fewer', 'more'),
    values,
  ).map(([positional, opts, shape, extra]) => {
    const args = [...positional, ...opts]
    if (shape === 'fewer') return args.slice(0, Math.max(args.length - 1, 0))
    if (shape === 'more') return [...args, extra]
    return args
  })
}

const short = (value, limit = 300) => {
  let shown
  try {
    shown = String(fc.stringify(value))
  } catch (e) {
    shown = `<${typeof value}: cannot be shown: ${e}>`
  }
  return shown.length <= limit ? shown : `${shown.slice(0, limit)}... (${shown.length} characters)`
}
// Messages quote what they refer to (a 100 KB path comes back in an `io` error, twice in
// `repository_not_found`), but never grow beyond that: no listing of a huge input.
const MAX_MESSAGE = 1_000_000

// What the calls of one function ended in (`returned` or an error code), for the test's diagnostic.
let outcomes = new Map()
const tally = (what) => outcomes.set(what, (outcomes.get(what) ?? 0) + 1)
const call = (name, args) => `${name}(${args.map((a) => short(a)).join(', ')})`

function documented (name, args, error, how) {
  const kind = error?.constructor?.name ?? typeof error
  if (!(error instanceof Error)) assert.fail(`${call(name, args)} ${how} ${kind} that is not an Error: ${short(error)}`)
  if (!CODES.has(error.code)) {
    assert.fail(`${call(name, args)} ${how} ${kind} with code ${short(error.code)} (not a documented code, or a caught panic): ${short(error.message, 2000)}`)
  }
  if (!(typeof error.message === 'string' && error.message.length > 0 && error.message.length < MAX_MESSAGE)) {
    assert.fail(`${call(name, args)} ${how} an error whose message is ${short(error.message?.length)} characters`)
  }
  tally(error.code)
}

// Calls that are valid but cost a machine's worth of memory and minutes (bots.synthetic with
// millions of accounts) are skipped by name and rule, nothing else of the function is. The sizes
// the core refuses (they used to abort the process on a failed allocation) are checked in a child
// process below, so that an abort, should it come back, cannot take the test run with it.
const SYNTHETIC_SIZES = ['organic', 'dormantBots', 'amplifiers', 'coordinatedGroups', 'groupSize', 'groupEvents', 'postsPerAccount']
  .flatMap((n) => [n, snake(n)])
const EXPENSIVE = [
  {
    functions: ['bots.synthetic', 'bots.syntheticAsync'],
    why: 'bots.synthetic with more than 100,000 of something',
    matches: ([options]) => options !== null && typeof options === 'object' &&
      SYNTHETIC_SIZES.some((k) => { try { return typeof options[k] === 'number' && options[k] > 100_000 } catch { return false } }),
  },
]
const IMPOSSIBLE_SIZES = ['bots.synthetic({ organic: 2 ** 36 })', 'bots.synthetic({ groupEvents: 2 ** 52 })', 'bots.synthetic({ postsPerAccount: 1e12 })']

async function property (name, f, args) {
  const expensive = EXPENSIVE.find((k) => k.functions.includes(name) && k.matches(args))
  if (expensive) {
    tally(`skipped (${expensive.why})`)
    fc.pre(false)
  }
  const isAsync = name.endsWith('Async')
  let result
  try {
    result = f(...args)
  } catch (e) {
    if (isAsync) assert.fail(`${call(name, args)} threw synchronously instead of rejecting: ${e?.code} ${short(e?.message ?? e, 2000)}`)
    documented(name, args, e, 'threw')
    return
  }
  if (isAsync) {
    assert.ok(result instanceof Promise, `${name} did not return a promise`)
    try {
      await result
    } catch (e) {
      documented(name, args, e, 'rejected with')
      return
    }
  }
  tally('returned')
}

// --- valid calls, mutated ----------------------------------------------------------------------
//
// Hostile values alone mostly stop at the first argument check. Half of the runs start instead
// from a call that succeeds (SEEDS: one per function, its results made in the working directory)
// and replace some of its arguments, options or nested fields with hostile values, delete fields
// or add unknown ones: what comes after the first check is exercised too.

const HTML = "<main><h1>T</h1><p>x <a href='/a'>link</a></p></main>"
const OLD = '# Terms\n\n## Data\n\nWe keep your data for 30 days.\n\n## Law\n\nFrench law applies.\n'
const NEW = '# Terms\n\n## Data\n\nWe keep your data for 90 days.\n\n## Law\n\nFrench law applies.\n'
const OBSERVED = '2019-05-27T00:00:00Z'
// Posts with the QUT toolkit's columns, for the steps of a partitioned `coordinate`.
const POSTS = {
  message_id: ['1', '2', '3', '4', '5', '6'],
  user_id: ['anna', 'ben', 'cléo', 'dan', 'ève', 'anna'],
  username: ['Anna', '', 'Cléo', '', 'Ève', 'Anna'],
  repost_id: ['', '1', '1', '1', '', '1'],
  reply_id: ['', '', '', '', '', ''],
  message: ['#a x', 'RT', 'RT', 'RT', '#b', 'RT'],
  timestamp: ['1600000000', '1600000010', '1600000020', '1600000030', '1600000040', '1600000050'],
  urls: ['', '', '', '', 'https://e.fr/x', ''],
}

function makeSeeds () {
  const { terms, bots, ads, encyclopedia } = disinfo
  const tweets = 'samples/tweets.jsonl'
  const qut = 'samples/qut_sample_data.csv'
  const week = 'samples/week-1'
  const declaration = 'samples/Open Terms Archive.json'
  const page = readFileSync('samples/dfrlab.md', 'utf8')
  const network = bots.coordinate(qut, 'qut-csv', { window: 60 })
  // The trace rows' columns (`text` is empty unless near-duplicate text: left out).
  const rows = bots.coordinateTraces(POSTS, { window: 60 })
  const traces = Object.fromEntries(['key', 'bucket', 'owned', 'time_us', 'user', 'post', 'multi', 'first'].map((k) => [k, rows[k]]))
  const partition = bots.coordinatePartition(traces, { window: 60 })
  const nodes = { user: ['1', '2'], trace_posts: [3, 4] }
  const report = ads.audit([week])
  const shards = [0, 1].map((i) => ads.auditShard([week], i, 2))
  const campaign = ads.reviewCampaign([week])
  const item = campaign.ads[0].item
  const answers = [['ana', 'political'], ['ben', 'not_political']].map(([reviewer, answer]) => ({ item, reviewer, question: 'nature', answer }))
  const checked = encyclopedia.check('samples/glossary')
  const base = {
    version: [],
    buildInfo: [],
    'terms.extract': [HTML, { location: 'https://e.com/', select: 'main', remove: 'a', after: (s) => s }],
    'terms.extractDeclared': [[readFileSync('samples/imprint.html')], { declaration, termsType: 'Imprint' }],
    'terms.extractBatch': [[{ content: HTML, location: 'https://e.com/', select: 'main' }, { snapshot: 'samples/imprint.html', location: 'https://e.com/', select: 'body' }], {}],
    'terms.parseDeclaration': [readFileSync(declaration, 'utf8'), {}],
    'terms.loadDeclaration': [declaration],
    'terms.validate': [[declaration]],
    'terms.diff': [OLD, NEW, { granularity: 'word', contextLines: 2 }],
    'terms.diffRender': [OLD, NEW, { format: 'html' }],
    'terms.services': ['samples/repo'],
    'terms.versions': ['samples/repo', 'Open Terms Archive', 'Imprint'],
    'terms.versionAt': ['samples/repo', 'Open Terms Archive', 'Imprint', '2025-12-31'],
    'terms.history': ['samples/repo', {}],
    'terms.track': ['samples/emptydir', 'out/versions', 'out/snapshots', {}],
    'terms.replay': ['samples/emptydir', 'samples/repo', 'out/replay', {}],
    'bots.features': [tweets, 'twitter-v1', { observedAt: OBSERVED }],
    'bots.featuresFromText': [readFileSync(tweets, 'utf8'), 'twitter-v1', { observedAt: OBSERVED }],
    'bots.read': [tweets, 'twitter-v1', {}],
    'bots.rule': ['dormant_2019', tweets, 'twitter-v1', { observedAt: OBSERVED }],
    'bots.handleLikelihood': ['jean_dupont1984'],
    'bots.synthetic': [{ seed: 3, organic: 20, dormantBots: 5, amplifiers: 2, coordinatedGroups: 1, groupSize: 4 }],
    'bots.coordinate': [qut, 'qut-csv', { window: 60, kind: 'co-link' }],
    'bots.coordinateText': [readFileSync(qut, 'utf8'), 'qut-csv', { window: 60 }],
    'bots.exportNetwork': [network, 'graphml'],
    'bots.normalizeText': ['Hello https://x.y/z #Tag @who'],
    'bots.coordinateTraces': [POSTS, { window: 60 }],
    'bots.coordinateTracesFile': [tweets, 'twitter-v1', { window: 60, kind: 'co-hashtag', orderBase: 2 ** 32 }],
    'bots.coordinatePartition': [traces, { window: 60 }],
    'bots.coordinateMerge': [partition, nodes, {}],
    'bots.coordinateMergeEdges': [partition, { window: 60 }],
    'bots.clusterFeatures': [[[1, 2], [3, 4], [5, 7], [6, 1]], { method: 'kmeans', params: { n_clusters: 2 } }],
    'bots.clusterAccounts': [tweets, 'twitter-v1', { observedAt: OBSERVED }],
    'bots.report': [tweets, 'twitter-v1', { observedAt: OBSERVED, method: 'kmeans', params: { n_clusters: 2 } }],
    'ads.audit': [[week], {}],
    'ads.auditShard': [[week], 0, 2, {}],
    'ads.auditMerge': [shards],
    'ads.reviewCampaign': [[week], { reviewersPerAd: 2 }],
    'ads.reviewAssign': [campaign, answers, 'ana', {}],
    'ads.reviewSummary': [campaign, answers],
    'ads.reviewExport': [campaign, answers, { format: 'csv' }],
    'ads.reviewAgreement': [answers, {}],
    'ads.reviewQuestionnaire': [null],
    'ads.render': [report, { format: 'markdown' }],
    'ads.search': ['politi', [week], {}],
    'ads.generate': ['fr2019', 'out/generated', { seed: 2019, days: 1, ads: 5 }],
    'encyclopedia.check': ['samples/glossary', {}],
    'encyclopedia.checkFiles': [{ 'actors/dfrlab.md': page }, {}],
    'encyclopedia.migrate': ['samples/glossary', 'out/migrated', '2024-01-01'],
    'encyclopedia.migratePages': [{ 'a.md': page }, '2024-01-01'],
    'encyclopedia.rules': [],
    'encyclopedia.schema': [],
    'encyclopedia.toText': [checked],
    'chat.handle': ['samples/chat-min.toml', 'command=%2Fhelp&text=', {}, {}],
    'chat.page': ['samples/chat-min.toml', 'x', 'q=1'],
    'chat.sign': ['secret', '1700000000', 'body'],
    'chat.commands': [],
  }
  // The async variant of each function starts from the same call (extractAsync takes no hooks).
  const seeds = new Map()
  for (const [name, args] of Object.entries(base)) {
    seeds.set(name, args)
    const asyncArgs = name === 'terms.extract' ? [HTML, { location: 'https://e.com/', select: 'main', remove: 'a' }] : args
    seeds.set(`${name}Async`, asyncArgs)
  }
  return seeds
}

let SEEDS

// An OTA versions repository of two versions of one document, for the history functions.
function versionsRepository (dir) {
  const git = (args, date) => execFileSync('git', args, {
    cwd: dir, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  })
  mkdirSync(join(dir, 'Open Terms Archive'), { recursive: true })
  git(['init', '-q'])
  git(['config', 'user.name', 'OTA-Bot'])
  git(['config', 'user.email', 'bot@opentermsarchive.org'])
  for (const [file, date, prefix] of [['imprint-2025.md', '2025-06-01T12:00:00Z', 'First record of'], ['imprint-2026-01-28.md', '2026-01-28T12:30:21Z', 'Record new changes of']]) {
    writeFileSync(join(dir, 'Open Terms Archive', 'Imprint.md'), readFileSync(join(ROOT, 'examples/data/terms/versions', file)))
    git(['add', '.'], date)
    git(['commit', '-q', '-m', `${prefix} Open Terms Archive Imprint`], date)
  }
}

const isContainer = (v) => Array.isArray(v) || (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)

// `seed` replaced by a hostile value or, a container, with one child mutated, one removed or a
// hostile one added.
const mutated = (seed, depth = 0) => {
  const container = isContainer(seed) && depth < 12
  const nonEmpty = container && (Array.isArray(seed) ? seed.length > 0 : Object.keys(seed).length > 0)
  const actions = nonEmpty ? ['replace', 'child', 'child', 'child', 'remove', 'add'] : container ? ['replace', 'add'] : ['replace']
  return fc.constantFrom(...actions).chain((action) => {
    if (action === 'replace') return values
    if (Array.isArray(seed)) {
      if (action === 'add') return fc.tuple(fc.nat({ max: seed.length }), values).map(([i, v]) => [...seed.slice(0, i), v, ...seed.slice(i)])
      return fc.nat({ max: seed.length - 1 }).chain((i) => action === 'remove'
        ? fc.constant(seed.filter((_, j) => j !== i))
        : mutated(seed[i], depth + 1).map((v) => seed.map((x, j) => (j === i ? v : x))))
    }
    if (action === 'add') return fc.tuple(keys, values).map(([k, v]) => ({ ...seed, [k]: v }))
    return fc.constantFrom(...Object.keys(seed)).chain((k) => {
      if (action === 'remove') {
        const { [k]: _, ...rest } = seed
        return fc.constant(rest)
      }
      return mutated(seed[k], depth + 1).map((v) => ({ ...seed, [k]: v }))
    })
  })
}

// The seed call with one or two of its arguments mutated.
const seededArguments = (name) => {
  const seed = SEEDS.get(name)
  if (seed.length === 0) return fc.constant([])
  return fc.uniqueArray(fc.nat({ max: seed.length - 1 }), { minLength: 1, maxLength: 2 }).chain((indexes) =>
    fc.tuple(...seed.map((a, i) => (indexes.includes(i) ? mutated(a) : fc.constant(a)))))
}

test('every function has a seed that returns', async () => {
  assert.deepEqual([...SEEDS.keys()].sort(), [...FUNCTIONS.keys()].sort())
  for (const [name, args] of SEEDS) await FUNCTIONS.get(name)(...args)
})

// --- the property ------------------------------------------------------------------------------

let base
const start = process.cwd()
before(() => {
  base = mkdtempSync(join(tmpdir(), 'disinfo-properties-'))
  const cwd = join(base, 'a', 'b', 'c')
  mkdirSync(join(cwd, 'samples'), { recursive: true })
  for (const [target, source] of Object.entries(SAMPLES)) cpSync(join(ROOT, source), join(cwd, target), { recursive: true })
  for (const [target, content] of Object.entries(MADE)) {
    if (content === null) mkdirSync(join(cwd, target))
    else writeFileSync(join(cwd, target), content)
  }
  process.chdir(cwd)
  versionsRepository('samples/repo')
  SEEDS = makeSeeds()
})
after(() => {
  process.chdir(start)
  rmSync(base, { recursive: true, force: true })
})

for (const [name, f] of [...FUNCTIONS].sort(([a], [b]) => a.localeCompare(b))) {
  test(`${name}: hostile arguments end in a documented error`, async (t) => {
    outcomes = new Map()
    await fc.assert(fc.asyncProperty(fc.oneof(argumentsFor(name, f), seededArguments(name)), (args) => property(name, f, args)), {
      numRuns: RUNS,
      seed: SEED,
      includeErrorInReport: true,
      interruptAfterTimeLimit: 60_000,
    })
    t.diagnostic([...outcomes].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}: ${v}`).join(', '))
  })
}

for (const reproduction of IMPOSSIBLE_SIZES) {
  test(`impossible sizes are refused, in a child process: ${reproduction}`, () => {
    const script = `require(${JSON.stringify(join(ROOT, 'node'))}).${reproduction}`
    let out
    try {
      out = execFileSync(process.execPath, ['-e', `try { ${script} } catch (e) { console.log(e.code) }`], { stdio: 'pipe' }).toString()
    } catch (e) {
      assert.fail(`the process died: ${e.signal ?? e.status}: ${e.stderr?.toString().split('\n')[0]}`)
    }
    assert.match(out, /invalid_argument/)
  })
}
