// Extracts Open Terms Archive's legal notice from a captured snapshot, in both flavours.
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const disinfo = createRequire(import.meta.url)('../../node')
const data = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data/terms/extract')
const html = fs.readFileSync(path.join(data, 'imprint.html'))
const options = { location: 'https://opentermsarchive.org/en/legal-notice', select: '.textcontent' }

const ota = disinfo.terms.extract(html, options)
console.log('ota flavour, first lines:\n' + ota.split('\n').slice(0, 4).join('\n'))
const canonical = await disinfo.terms.extractAsync(html, { ...options, flavor: 'canonical' })
console.log('canonical flavour, first lines:\n' + canonical.split('\n').slice(0, 3).join('\n'))
