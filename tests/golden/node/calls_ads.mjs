// Golden dispatch of the `ads.*` calls to the Node package: each entry takes (args, options).
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const disinfo = createRequire(import.meta.url)('../../../node')

// Writes the seeded scenario into a temporary folder, audits it, removes the folder.
function auditGenerated ([scenario], { seed = 2019, ...options } = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'disinfo-golden-ads-'))
  try {
    const dirs = disinfo.ads.generate(scenario, folder, { seed })
    return disinfo.ads.audit(dirs, options)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

export const CALLS = {
  audit_generated: auditGenerated,
}
