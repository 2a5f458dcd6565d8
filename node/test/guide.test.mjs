// Every ```js block of the user guide (docs/src/**/*.md) and of README.md runs to the end.
//
// The blocks are listed by tools/code_blocks.py (the one extractor, shared with the Python and
// packaging tests). A block with a top-level `import` statement runs as an ES module (.mjs),
// any other as CommonJS (.cjs), each in its own `node` process with the repository root as
// working directory, so that `examples/data/...` paths read as a reader's would.
//
// `require('disinfo')` and `import ... from 'disinfo'` must find this checkout's node/ package.
// NODE_PATH would do for CommonJS only (ES modules ignore it), and a file written inside node/
// would resolve the name only through a package.json "exports" self-reference. So each block is
// written into a temporary folder whose node_modules/disinfo is a symlink to node/: both module
// systems resolve the bare name there, and Node follows the symlink to node/, where the addon
// and its loader sit.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

function markdownFiles(dir) {
  const out = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...markdownFiles(path))
    else if (entry.name.endsWith('.md')) out.push(path)
  }
  return out.sort()
}

function jsBlocks(file) {
  const python = process.env.PYTHON ?? 'python3'
  const done = spawnSync(python, [join(ROOT, 'tools', 'code_blocks.py'), file, 'js'], { encoding: 'utf8' })
  if (done.status !== 0) throw new Error(`code_blocks.py ${file}: ${done.stderr}`)
  return JSON.parse(done.stdout).map((b) => ({ ...b, path: relative(ROOT, file) }))
}

const blocks = [...markdownFiles(join(ROOT, 'docs', 'src')), join(ROOT, 'README.md')].flatMap(jsBlocks)

const sandbox = mkdtempSync(join(tmpdir(), 'disinfo-guide-'))
mkdirSync(join(sandbox, 'node_modules'))
symlinkSync(join(ROOT, 'node'), join(sandbox, 'node_modules', 'disinfo'), 'dir')
process.on('exit', () => rmSync(sandbox, { recursive: true, force: true }))

const isModule = (text) => /^\s*import\s/m.test(text)

test('the guide has Node blocks, CommonJS and ES modules, in README and Getting started', () => {
  const paths = new Set(blocks.map((b) => b.path))
  assert.ok(paths.has('README.md'))
  assert.ok(paths.has(join('docs', 'src', 'getting-started', 'node.md')))
  assert.ok(blocks.some((b) => isModule(b.text)) && blocks.some((b) => !isModule(b.text)))
  assert.ok(blocks.length >= 10, `${blocks.length} blocks`)
})

for (const block of blocks) {
  const where = `${block.path}:${block.line}`
  test(where, () => {
    const file = join(sandbox, `block-${block.line}-${blocks.indexOf(block)}.${isModule(block.text) ? 'mjs' : 'cjs'}`)
    writeFileSync(file, block.text)
    const done = spawnSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
    assert.equal(done.status, 0, `${where} failed:\n${block.text}\n--- stderr ---\n${done.stderr}`)
  })
}
