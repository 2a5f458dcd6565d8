// Audits the bundled Google example collections (a re-attribution and a removal) with the
// async API and prints the pair.
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const disinfo = createRequire(import.meta.url)('../../node')
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'ads', 'google-fr')
const report = await disinfo.ads.auditAsync([join(root, 'week-1'), join(root, 'week-2')])
for (const p of report.pairs) {
  const d = p.disappeared
  console.log(`${p.from} -> ${p.to}: ${d.total} disappeared (${d.reattributed} re-attributed, ${d.unexplained} unexplained), gross ${(p.rates.gross * 100).toFixed(1)} %`)
}
console.log(disinfo.ads.render(report, { format: 'csv', table: 'pairs' }))
