// Profile and behaviour features of invented tweets (Twitter API v1.1 shape) as Float64Array
// columns, then the dormant_2019 rule preset.
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const disinfo = createRequire(import.meta.url)('../../node')
const tweets = fileURLToPath(new URL('../data/bots/tweets.jsonl', import.meta.url))

const f = await disinfo.bots.featuresAsync([tweets], 'twitter-v1')
console.log(`${f.account_ids.length} accounts x ${f.columns.length} features`)
const col = (name) => f.values[f.columns.indexOf(name)]
f.handles.forEach((handle, i) => {
  console.log(`  ${handle.padEnd(16)} age ${col('age_h')[i].toFixed(0).padStart(8)} h  ${col('posts_per_hour')[i].toFixed(3)} posts/h  repost share ${col('repost_share')[i].toFixed(2)}`)
})
const r = disinfo.bots.rule('dormant_2019', [tweets], 'twitter-v1')
console.log(`dormant_2019: ${r.passed} of ${r.outcomes.length} accounts pass`)
