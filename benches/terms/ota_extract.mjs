// Runs Open Terms Archive's own extract() (the npm engine installed in .cache/peers/ota) on jobs.
// Usage: node ota_extract.mjs JOBS.json  — JOBS is [{html_file|html, location, select, remove?}];
// prints a JSON array of {ok: markdown} | {error: message}, and per-document times in ms.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.env.OTA_PEER_DIR || path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../.cache/peers/ota');
const { default: extract } = await import(pathToFileURL(path.join(root, 'node_modules/@opentermsarchive/engine/src/archivist/extract/index.js')));

const jobs = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const repeat = Number(process.env.REPEAT || 1);
const results = [];
for (const job of jobs) {
  const content = job.html ?? fs.readFileSync(job.html_file, 'utf8');
  const doc = {
    location: job.location,
    contentSelectors: job.select,
    insignificantContentSelectors: job.remove ?? [],
    filters: [],
    content,
    mimeType: 'text/html',
  };
  const times = [];
  let out;
  for (let i = 0; i < repeat; i++) {
    const t0 = process.hrtime.bigint();
    try {
      out = { ok: await extract(doc) };
    } catch (e) {
      out = { error: e.message };
    }
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  results.push({ ...out, times });
}
process.stdout.write(JSON.stringify(results));
