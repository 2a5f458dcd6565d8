// The chat router embedded in a Node web app: `chat.handle` behind a real `http` server on
// 127.0.0.1 (standing in for Express), with the "Send to analysis" card delivered to a second local
// server acting as the qualification channel's incoming webhook.
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const { chat } = require('..')
const ENCYCLOPEDIA = fileURLToPath(new URL('../../examples/data/encyclopedia', import.meta.url))
const SECRET = 'node-test-signing-secret'
const TOKEN = 'node-test-token'
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

const received = []
let webhook, app, appUrl

function listen (server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)))
}

function readBody (req) {
  return new Promise((resolve) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
  })
}

before(async () => {
  webhook = http.createServer(async (req, res) => {
    received.push(JSON.parse((await readBody(req)).toString()))
    res.end()
  })
  const hookUrl = await listen(webhook)
  const dir = mkdtempSync(join(tmpdir(), 'disinfo-chat-'))
  const config = join(dir, 'chat.toml')
  writeFileSync(config, `
[service]
public_url = "https://chat.example.org"
link_secret = "node-test-link-secret"

[slack]
signing_secret = "${SECRET}"

[mattermost]
tokens = ["${TOKEN}"]

[analysis]
webhook = "${hookUrl}/hooks/qualification"
channel = "~qualification"

[encyclopedia]
root = ${JSON.stringify(ENCYCLOPEDIA)}
base_url = "https://encyclopedia.example.org/"
`)
  // What an embedding app does: hand the raw body and headers to the router (async: the work runs
  // on libuv's thread pool, the event loop stays free).
  app = http.createServer(async (req, res) => {
    const body = await readBody(req)
    const platform = req.url.startsWith('/slack') ? 'slack' : undefined
    const answer = await chat.handleAsync(config, body, req.headers, platform ? { platform } : undefined)
    res.writeHead(answer.status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(answer.body))
  })
  appUrl = await listen(app)
})

after(() => {
  app.close()
  webhook.close()
})

async function post (path, body, headers) {
  const res = await fetch(`${appUrl}${path}`, { method: 'POST', body, headers })
  return { status: res.status, body: await res.json() }
}

const form = (fields) => new URLSearchParams(fields).toString()

test('a Mattermost command with its token is answered', async () => {
  const { status, body } = await post('/mattermost', form({ token: TOKEN, user_id: 'u1', command: '/wiki', text: 'fimi' }), FORM)
  assert.equal(status, 200)
  assert.equal(body.response_type, 'in_channel')
  assert.match(JSON.stringify(body), /FIMI/)
})

test('a wrong token or a forged Slack signature is refused', async () => {
  assert.equal((await post('/mattermost', form({ token: 'guess', command: '/help' }), FORM)).status, 401)
  const raw = form({ user_id: 'U1', command: '/help', text: '' })
  const stamp = String(Math.floor(Date.now() / 1000))
  const headers = { ...FORM, 'x-slack-request-timestamp': stamp, 'x-slack-signature': chat.sign('another secret', stamp, raw) }
  assert.equal((await post('/slack/commands', raw, headers)).status, 401)
})

test('a signed Slack command is answered', async () => {
  const raw = form({ user_id: 'U1', team_id: 'T1', channel_id: 'C1', command: '/help', text: 'wiki' })
  const stamp = String(Math.floor(Date.now() / 1000))
  const headers = { ...FORM, 'x-slack-request-timestamp': stamp, 'x-slack-signature': chat.sign(SECRET, stamp, raw) }
  const { status, body } = await post('/slack/commands', raw, headers)
  assert.equal(status, 200)
  assert.match(body.text, /\/wiki <term>/)
})

test('Send to analysis forwards the card to the webhook', async () => {
  const { body: answer } = await post('/mattermost', form({ token: TOKEN, user_id: 'u1', command: '/wiki', text: 'fimi' }), FORM)
  const integration = answer.attachments[0].actions[0].integration
  assert.equal(integration.url, 'https://chat.example.org/actions')
  const press = { user_id: 'u1', user_name: 'ana', channel_id: 'c1', context: integration.context }
  const before = received.length
  const { status, body } = await post('/actions', JSON.stringify(press), { 'content-type': 'application/json' })
  assert.equal(status, 200)
  assert.equal(body.ephemeral_text, 'Sent to ~qualification by @ana.')
  assert.equal(received.length, before + 1)
  assert.equal(received.at(-1).attachments[0].title, answer.attachments[0].title)
})

test('bad arguments are coded errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'disinfo-chat-bad-'))
  const bad = join(dir, 'chat.toml')
  writeFileSync(bad, '[mattermost]\ntokenz = []\n')
  assert.throws(() => chat.handle(bad, 'command=%2Fhelp', {}), (e) => e.code === 'config_invalid')
  assert.throws(() => chat.handle(join(dir, 'missing.toml'), '', {}), (e) => e.code === 'io')
  assert.throws(() => chat.handle(bad, '', { 'x-a': 1 }), (e) => e.code === 'invalid_argument')
})
