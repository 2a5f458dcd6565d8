// Runs every cross-language golden case through the Node package (tests/golden/README.md).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join, basename } from 'node:path'

import { caseDirs, runCase } from '../../tests/golden/node/runner.mjs'
import { canonical } from '../../tests/golden/node/canonical.mjs'

for (const folder of caseDirs()) {
  test(`golden case ${basename(folder)}`, async () => {
    const got = await runCase(folder)
    const expected = readFileSync(join(folder, 'expected.json'), 'utf8').replace(/\n$/, '')
    assert.equal(got, expected)
  })
}

test('canonical numbers use the ECMAScript form and keys are sorted', () => {
  assert.equal(canonical([1.0, 0.5, 1e-7, 1e21, 1e20, 0.1 + 0.2]), '[1,0.5,1e-7,1e+21,100000000000000000000,0.30000000000000004]')
  assert.equal(canonical({ b: 1, a: [true, null, 'x"\n\u0001é'], A: {} }), '{"A":{},"a":[true,null,"x\\"\\n\\u0001é"],"b":1}')
})
