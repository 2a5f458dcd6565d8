// Checks the bundled example encyclopedia and one broken entry, and prints the diagnostics.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const disinfo = createRequire(import.meta.url)('../../node')
const corpus = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'encyclopedia')

const report = await disinfo.encyclopedia.checkAsync(corpus)
console.log(`${report.entries} entries checked: ${report.errors} error(s), ${report.warnings} warning(s)`)

const broken = `---
id: crowdtangle
kind: tool
lang: no
title: CrowdTangle
summary: Social media monitoring tool that Meta shut down in 2024.
created: 2024/03/02
url: http://www.crowdtangle.com/
maintianers: [meta]
---
`
process.stdout.write(disinfo.encyclopedia.toText(disinfo.encyclopedia.checkFiles({ 'tools/crowdtangle.md': broken })))
