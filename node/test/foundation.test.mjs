// The foundation: version, build info, error codes and the panic path.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const disinfo = require('..')

const cargoVersion = () => {
  const manifest = readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8')
  return manifest.match(/\[workspace\.package\][^[]*?version = "([^"]+)"/)[1]
}

test('version is the crate version', () => {
  assert.equal(disinfo.version(), cargoVersion())
})

test('buildInfo lists the four tools in order with a status', () => {
  const info = disinfo.buildInfo()
  assert.equal(info.name, 'disinfo')
  assert.equal(info.version, disinfo.version())
  assert.deepEqual(info.tools.map((t) => t.name), ['terms', 'bots', 'ads', 'encyclopedia', 'chat'])
  for (const tool of info.tools) {
    assert.ok(['available', 'not_implemented', 'not_built'].includes(tool.status))
    assert.equal(tool.status === 'available', tool.capabilities.length > 0)
  }
})

test('a forced panic throws an Error with code internal and the process survives', () => {
  assert.throws(() => disinfo._forcePanic(), (err) => {
    assert.ok(err instanceof Error)
    assert.equal(err.code, 'internal')
    assert.match(err.message, /deliberate panic/)
    return true
  })
  assert.equal(disinfo.version(), cargoVersion())
})

test('a forced panic in a child process does not abort it', () => {
  const script = `const d = require(${JSON.stringify(require.resolve('..'))});
    try { d._forcePanic() } catch (e) { console.log(e.code) }
    console.log('alive')`
  const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' })
  assert.equal(out.status, 0, out.stderr)
  assert.deepEqual(out.stdout.trim().split('\n'), ['internal', 'alive'])
})

test('an async call that panics rejects with code internal', async () => {
  await assert.rejects(disinfo._forcePanicAsync(), (err) => {
    assert.ok(err instanceof Error)
    assert.equal(err.code, 'internal')
    assert.match(err.message, /deliberate panic/)
    return true
  })
  assert.equal(disinfo.version(), cargoVersion())
})
