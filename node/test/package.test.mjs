// The npm package as a user gets it: `npm pack` in node/, then `npm install <tarball>` into a
// fresh project outside the repository, with no network. The README's examples, CommonJS and ES
// module smoke checks and a TypeScript check all resolve `disinfo` from that project, never from
// this checkout's node/ (the package's `exports`, `files` and types are what is under test).
//
// The scripts are written into the temporary project, so that the bare name resolves to its
// node_modules/disinfo, and run with the repository root as working directory, so that
// `examples/data/...` paths read as a reader's would.
//
// Packing reads the whole addon: a debug build (hundreds of MB) takes tens of seconds to pack and
// install, a release build a few.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const NODE = join(ROOT, 'node')
const ADDON = 'disinfo.linux-x64-gnu.node'
const EXPECTED_FILES = ['README.md', ADDON, 'binding.d.ts', 'binding.js', 'index.d.ts', 'index.js', 'index.mjs', 'package.json'].sort()
const EXAMPLES = join(ROOT, 'examples', 'data')

let work // the temporary folder: tarball, npm cache, project
let project
let packed // `npm pack --json`'s description of the tarball
let installedLock

/** Runs a command; fails with its output when it exits non-zero. Returns stdout and the time. */
function run(command, args, options) {
  const started = process.hrtime.bigint()
  const done = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...options })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (done.error) throw done.error
  assert.equal(done.status, 0, `${command} ${args.join(' ')} failed (status ${done.status}):\n${done.stdout}\n--- stderr ---\n${done.stderr}`)
  return { stdout: done.stdout, stderr: done.stderr, seconds }
}

/** npm with a cache of its own (no trace left in the user's) and a registry that cannot answer. */
function npm(args, cwd) {
  const isolated = ['--cache', join(work, 'npm-cache'), '--registry', 'http://127.0.0.1:9/', '--no-update-notifier']
  return run('npm', [...args, ...isolated], { cwd, timeout: 600_000 })
}

/** A script in the project, run by node from the repository root; its stdout parsed as JSON. */
function runInProject(name, text) {
  const file = join(project, name)
  writeFileSync(file, text)
  const done = spawnSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: withoutNodePath() })
  assert.equal(done.status, 0, `${name} failed:\n${text}\n--- stderr ---\n${done.stderr}`)
  return done.stdout
}

function withoutNodePath() {
  const env = { ...process.env }
  delete env.NODE_PATH // would let CommonJS find disinfo elsewhere than in the project
  return env
}

const cargoVersion = () => readFileSync(join(ROOT, 'Cargo.toml'), 'utf8').match(/\[workspace\.package\][^[]*?version = "([^"]+)"/)[1]

before(() => {
  for (const file of [ADDON, 'binding.js', 'binding.d.ts']) {
    if (!existsSync(join(NODE, file))) {
      throw new Error(`node/${file} is missing: build the Node addon first (\`./x build-node\`); the package test packs what node/ holds`)
    }
  }
  work = mkdtempSync(join(tmpdir(), 'disinfo-package-'))
  const pack = npm(['pack', '--json', '--pack-destination', work], NODE)
  packed = JSON.parse(pack.stdout)[0]
  console.log(`npm pack: ${pack.seconds.toFixed(1)} s for ${(packed.size / 1e6).toFixed(1)} MB (${(packed.unpackedSize / 1e6).toFixed(1)} MB unpacked)`)
  project = join(work, 'project')
  mkdirSync(project)
  run('npm', ['init', '-y'], { cwd: project })
  const install = npm(['install', join(work, packed.filename), '--offline', '--no-audit', '--no-fund'], project)
  console.log(`npm install --offline: ${install.seconds.toFixed(1)} s`)
  installedLock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8'))
})

after(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

test('the tarball holds exactly the API, its types, the loader and the Linux x64 addon', () => {
  assert.equal(packed.name, 'disinfo')
  assert.equal(packed.version, cargoVersion())
  assert.deepEqual(packed.files.map((f) => f.path).sort(), EXPECTED_FILES)
  assert.deepEqual(readdirSync(join(project, 'node_modules', 'disinfo')).sort(), EXPECTED_FILES)
})

test('it installs offline and brings no dependency', () => {
  assert.deepEqual(Object.keys(installedLock.packages).sort(), ['', 'node_modules/disinfo'])
  const manifest = JSON.parse(readFileSync(join(project, 'node_modules', 'disinfo', 'package.json'), 'utf8'))
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) assert.equal(manifest[field], undefined, field)
  for (const script of ['preinstall', 'install', 'postinstall']) assert.equal(manifest.scripts?.[script], undefined, script)
})

test('CommonJS: require resolves to the installed index.js and calls the addon', () => {
  const out = runInProject(
    'smoke.cjs',
    `const disinfo = require('disinfo')
const report = disinfo.encyclopedia.check(${JSON.stringify(join(EXAMPLES, 'encyclopedia'))})
console.log(JSON.stringify({ resolved: require.resolve('disinfo'), names: Object.keys(disinfo), version: disinfo.version(), report }))
`,
  )
  const got = JSON.parse(out)
  const inRepo = createRequire(import.meta.url)('..')
  assert.equal(got.resolved, join(project, 'node_modules', 'disinfo', 'index.js'))
  assert.equal(got.version, cargoVersion())
  assert.deepEqual(got.names, Object.keys(inRepo))
  assert.deepEqual(got.report.diagnostics, [])
  assert.ok(got.report.entries >= 30, `${got.report.entries} entries`)
  assert.deepEqual(got.report, inRepo.encyclopedia.check(join(EXAMPLES, 'encyclopedia')))
})

test('ES module: named and default exports from the installed index.mjs, the same objects as require', () => {
  const out = runInProject(
    'smoke.mjs',
    `import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import disinfo, { terms, version } from 'disinfo'
import * as namespace from 'disinfo'

const required = createRequire(import.meta.url)('disinfo')
const html = readFileSync(${JSON.stringify(join(EXAMPLES, 'terms', 'extract', 'imprint.html'))})
const md = await terms.extractAsync(html, { location: 'https://opentermsarchive.org/en/legal-notice', select: '.textcontent' })
console.log(JSON.stringify({
  resolved: import.meta.resolve('disinfo'),
  names: Object.keys(namespace),
  version: version(),
  sameDefault: disinfo === required,
  sameTools: Object.keys(required).every((k) => namespace[k] === required[k]),
  md,
}))
`,
  )
  const got = JSON.parse(out)
  assert.equal(fileURLToPath(got.resolved), join(project, 'node_modules', 'disinfo', 'index.mjs'))
  const inRepo = createRequire(import.meta.url)('..')
  assert.deepEqual(got.names.sort(), [...Object.keys(inRepo), 'default'].sort())
  assert.equal(got.version, cargoVersion())
  assert.ok(got.sameDefault, 'the default export is the object require returns')
  assert.ok(got.sameTools, 'each named export is the same object as in require')
  // The version Open Terms Archive recorded from this snapshot, byte for byte.
  assert.equal(got.md, readFileSync(join(EXAMPLES, 'terms', 'versions', 'imprint-2026-01-28.md'), 'utf8'))
})

/** The fenced blocks of a Markdown file in the given language, by the repository's extractor. */
function codeBlocks(file, language) {
  const python = process.env.PYTHON ?? 'python3'
  const { stdout } = run(python, [join(ROOT, 'tools', 'code_blocks.py'), file, language], { cwd: ROOT })
  return JSON.parse(stdout).map((b) => ({ ...b, path: relative(ROOT, file) }))
}

const isModule = (text) => /^\s*import\s/m.test(text)
const readmes = [join(ROOT, 'README.md'), join(NODE, 'README.md')]
// A newcomer's first steps: both READMEs and the guide's Node getting-started page.
const gettingStarted = join(ROOT, 'docs', 'src', 'getting-started', 'node.md')
const jsBlocks = [...readmes, gettingStarted].flatMap((file) => codeBlocks(file, 'js'))

test('both READMEs and the getting-started page have Node examples, in CommonJS and ES-module form', () => {
  for (const file of [...readmes, gettingStarted]) assert.ok(jsBlocks.some((b) => b.path === relative(ROOT, file)), file)
  const own = jsBlocks.filter((b) => b.path === 'node/README.md')
  assert.ok(own.some((b) => isModule(b.text)) && own.some((b) => !isModule(b.text)))
})

for (const [i, block] of jsBlocks.entries()) {
  test(`example ${block.path}:${block.line} runs against the installed package`, () => {
    runInProject(`readme-${i}-line-${block.line}.${isModule(block.text) ? 'mjs' : 'cjs'}`, block.text)
  })
}

test('the types resolve from the installed package for require and import, and are not any', () => {
  const typeScript = join(NODE, 'node_modules', '.bin', 'tsc')
  // The declarations use Node's Buffer: the project gets @types/node, as a TypeScript user's has.
  const config = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'es2022',
      types: ['node'],
      typeRoots: [join(NODE, 'node_modules', '@types')],
    },
    files: ['check-require.cts', 'check-import.mts'],
  }
  writeFileSync(
    join(project, 'check-require.cts'),
    `import disinfo = require('disinfo')
import { terms } from 'disinfo'

const version: string = disinfo.version()
const md: string = terms.extract('<main>x</main>', { location: 'https://example.com/', select: 'main' })
const kinds: string[] = disinfo.terms.diff('a', 'b').changes.map((c) => c.kind)
// @ts-expect-error: extract needs its options
terms.extract('<main>x</main>')
export { version, md, kinds }
`,
  )
  writeFileSync(
    join(project, 'check-import.mts'),
    `import disinfo, { bots, encyclopedia, terms, version } from 'disinfo'

const v: string = version()
const same: string = disinfo.version()
const report: encyclopedia.Report = await encyclopedia.checkAsync('examples/data/encyclopedia')
const errors: number = report.errors
const labels: Int32Array = bots.clusterFeatures([[0, 1], [1, 0]], { method: 'kmeans' }).labels
const diff: terms.Diff = terms.diff('a', 'b', { granularity: 'word' })
// @ts-expect-error: granularity is one of the declared values
terms.diff('a', 'b', { granularity: 'sentence-ish' })
// @ts-expect-error: version takes no argument and returns a string
const wrong: number = version(1)
export { v, same, errors, labels, diff, wrong }
`,
  )
  // The README's TypeScript examples are type-checked the same way.
  const tsBlocks = readmes.flatMap((file) => codeBlocks(file, 'ts'))
  for (const [i, block] of tsBlocks.entries()) {
    const name = `readme-${i}-line-${block.line}.mts`
    writeFileSync(join(project, name), `${block.text}\nexport {}\n`)
    config.files.push(name)
  }
  assert.ok(tsBlocks.length > 0, 'node/README.md has a TypeScript example')
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(config, null, 2))
  const { stdout } = run(typeScript, ['-p', join(project, 'tsconfig.json'), '--listFiles'], { cwd: project, timeout: 300_000 })
  const declarations = join(project, 'node_modules', 'disinfo', 'index.d.ts')
  assert.ok(stdout.split('\n').includes(declarations), `tsc did not read ${declarations}:\n${stdout}`)
})
