// Answers Slack slash commands the way an Express app embedding disinfo does: sign the request as
// Slack would, hand the raw body and headers to `chat.handle`, print the answer.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const { chat } = require('../../node')

const encyclopedia = fileURLToPath(new URL('../data/encyclopedia', import.meta.url))
const secret = 'example-signing-secret' // Slack app → Basic Information → Signing Secret
const config = join(mkdtempSync(join(tmpdir(), 'disinfo-chat-')), 'chat.toml')
writeFileSync(config, `
[service]
public_url = "https://chat-tools.example.org"

[slack]
signing_secret = "${secret}"

[encyclopedia]
root = ${JSON.stringify(encyclopedia)}
base_url = "https://encyclopedia.example.org/"
`)

for (const text of ['fimi', 'prebunkng']) {
  const body = new URLSearchParams({ user_id: 'U1', command: '/wiki', text }).toString()
  const stamp = String(Math.floor(Date.now() / 1000))
  const headers = { 'x-slack-request-timestamp': stamp, 'x-slack-signature': chat.sign(secret, stamp, body) }
  const answer = await chat.handleAsync(config, body, headers, { platform: 'slack' })
  console.log(`/wiki ${text} -> HTTP ${answer.status}: ${answer.body.text}`)
  for (const card of answer.body.attachments ?? []) {
    console.log(`  ${card.title} <${card.title_link ?? ''}>`)
    console.log(`  ${card.text}`)
  }
}
