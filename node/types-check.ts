// Type-checks the public declarations in index.d.ts against typical use (run by ./x lint; nothing
// here runs). Each `@ts-expect-error` is a mistake the types must catch: if the declarations
// stopped catching it, tsc would fail on the unused directive.
import * as disinfo from './index'
import { ads, bots, encyclopedia, terms } from './index'

// The foundation.
const version: string = disinfo.version()
const info: disinfo.BuildInfo = disinfo.buildInfo()
const names: string[] = info.tools.map((tool: disinfo.ToolInfo) => tool.name)
const status: disinfo.ToolStatus = info.tools[0].status

// Errors carry a stable code.
function codeOf(err: unknown): string | undefined {
  return err instanceof Error ? (err as disinfo.DisinfoError).code : undefined
}

// Terms: extraction with OTA selectors and hooks in the options, diffs and their renderings.
const page = Buffer.from('<main><h1>Terms</h1><p>Be nice.</p></main>')
const md: string = terms.extract(page, {
  location: 'https://example.com/tos',
  select: ['h1', { startAfter: 'h1', endBefore: 'footer' }],
  remove: '.ads',
  flavor: 'canonical',
  before: (html: string) => html.replace('nice', 'kind'),
  after: (markdown: string) => markdown.trim(),
})
const mdLater: Promise<string> = terms.extractAsync('<main>x</main>', { location: 'https://e.com/', select: 'main' })
const batch: terms.BatchResult[] = terms.extractBatch([{ id: 'a', content: '<main>x</main>', location: 'https://e.com/', select: 'main' }])
const batchMarkdown: string | null | undefined = batch[0].markdown
const validation: terms.ValidationReport = terms.validate(['declarations/', 'More.json'])
const rejectedCodes: string[] = validation.rejected.map((r) => r.code)
const result: terms.Diff = terms.diff('a b', 'a c', { granularity: 'word', detectMoves: false, contextLines: 2 })
const headings: string[][] = result.changes.map((c) => c.heading_path)
const kinds: terms.ChangeKind[] = result.changes.map((c) => c.kind)
const similarity: number = result.stats.similarity
const html: string = terms.diffRender('a', 'b', { format: 'html', oldName: '2025', newName: '2026' })
const later: Promise<terms.Diff> = terms.diffAsync('a', 'b')

// Bots: a feature matrix is one Float64Array (and one Uint8Array mask) per column.
const f = bots.features(['tweets.jsonl'], 'twitter-v1', { observedAt: '2024-05-01T00:00:00Z', mode: 'lenient' })
const ages: Float64Array = f.values[f.columns.indexOf('age_h')]
const missing: Uint8Array = f.mask[0]
const ids: string[] = f.account_ids
const rejectedLines = f.read.rejected.map((r) => r.line)
const fromText = bots.featuresFromText(Buffer.from('{}'), 'twitter-v2', { sourceName: 'inline.jsonl' })
const rule: bots.RuleResult = bots.rule('dormant_2019', 'users.jsonl', 'twitter-v2', { behaviour: false })
const net: bots.CoordinateResult = bots.coordinate('qut.csv', 'qut-csv', { kind: 'co-link', window: 3600, minEdgeWeight: 2, communities: true })
const weights: number[] = net.network.edges.map((e) => e.weight)
const graphml: string = bots.exportNetwork(net, 'graphml')
const defaultExport: string = bots.exportNetwork(net)
const clusters: ReturnType<typeof bots.clusterFeatures> = bots.clusterFeatures(f.values, { method: 'hdbscan', params: { min_cluster_size: 10 }, columns: f.columns })
const byRows: bots.AccountClusters['account_ids'] = bots.clusterFeatures([[1, 2], [3, 4]], { method: 'kmeans', params: { n_clusters: 2 } }).account_ids
const labels: Int32Array = clusters.labels
const nClusters: number = clusters.n_clusters
const netLater: Promise<bots.CoordinateResult> = bots.coordinateAsync(['a.csv', 'b.csv'], 'qut-csv')

// Ads: folders or described folders of raw files; render options; search hits.
const report: ads.AuditReport = ads.audit(
  ['fr-2019-05-20', { dir: 'raw/2019-05-27', platform: 'meta', collectedAt: '2019-05-27T08:00:00Z', countries: ['FR'] }],
  { regimes: ['dsa_39_2'], evidenceLimit: 2 },
)
const rendered: string = ads.render(report)
const csv: string = ads.render(report, { format: 'csv', table: 'pairs' })
const hits = ads.search('sondage', ['fr-2019-05-20'], { maxHits: 3 }).hits
const hitText: string[] = hits.map((h) => `${h.field}: ${h.excerpt} (${h.advertiser_name}, ${h.payer})`)
const dirs: Promise<string[]> = ads.generateAsync('fr2019', '/tmp/fr', { seed: 2019 })

// Encyclopedia: files as text or bytes.
const checked: encyclopedia.Report = encyclopedia.checkFiles({ 'a.md': '---\nid: a\n---\n', 'b.md': Buffer.from('---\n') }, { maxDepth: 8 })
const text: string = encyclopedia.toText(checked)

// Mistakes the declarations catch.
// @ts-expect-error misspelt option
terms.diff('a', 'b', { granularty: 'word' })
// @ts-expect-error unknown granularity
terms.diff('a', 'b', { granularity: 'sentence' })
// @ts-expect-error options are an object, not a format string
terms.diffRender('a', 'b', 'markdown')
// @ts-expect-error hooks are not available in async calls
terms.extractAsync('<main>x</main>', { location: 'https://e.com/', select: 'main', after: (t: string) => t })
// @ts-expect-error the input format is required
bots.features('tweets.jsonl')
// @ts-expect-error a feature matrix's columns are not plain arrays
const notPlain: number[] = f.values[0]
// @ts-expect-error results keep the JSON contract's snake_case keys
const camelIds: string[] = f.accountIds
// @ts-expect-error render takes an options object
ads.render(report, 'markdown')
// @ts-expect-error a described folder needs its platform and date
ads.audit([{ dir: 'raw' }])

export {
  version, names, status, codeOf, md, mdLater, batchMarkdown, rejectedCodes, headings, kinds, similarity, html, later,
  ages, missing, ids, rejectedLines, fromText, rule, weights, graphml, defaultExport, byRows, labels, netLater,
  rendered, csv, hitText, dirs, text, notPlain, camelIds,
}
