#!/usr/bin/env node
// npm run bench:takeover → latency of a staff reply in the console to the Telegram sendMessage,
// with 100 concurrent takeovers (issue 15). Starts the real stack on free loopback ports: a
// minimal loopback Bot API (records the arrival time of every sendMessage), the built gateway
// (polling it), real Rasa 3.6.21 (--enable-api --auth-token, the trained model in
// rasa-project/models/), the built action server and the built console as its own process.
// 100 Telegram chats ask for a person (real NLU + actions → 100 tickets), staff take all 100
// over, then staff replies go out across the 100 takeovers and each reply is timed from the
// moment the bench sends the POST to the console (loopback: the console receives it within
// microseconds) to the moment the fake Bot API receives the matching sendMessage.
//
// Pacing: GATEWAY_CHAT_INTERVAL_MS=0 (no per-chat gap); the global rate cannot be switched off
// (GATEWAY_GLOBAL_RATE is 1–30/s, Telegram's limit), so it is set to its maximum, 30/s (one
// message every 33.3 ms), and the main scenario sends replies open-loop at BENCH_RATE (20/s)
// across the takeovers, below that rate, so the pacer does not hold them. A burst scenario (one
// reply to every takeover at the same moment) is reported too: there the pacer spreads the 100
// messages over ≥ 3.3 s by design, and its figures include that pacing.
// Knobs (env): BENCH_TAKEOVERS (100), BENCH_REPLIES_PER_TAKEOVER (3), BENCH_RATE (20 replies/s),
// BENCH_MODEL (rasa-project/models/helpdesk.tar.gz). Run it under flock /tmp/coord/rasa-cpu.lock.
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { percentile } from './lib/load.mjs'
import { machineInfo, loadSnapshot } from './lib/machine.mjs'
import { freePort, sleep, waitForHttp } from './lib/procs.mjs'
import { repo, outDir, spawnLogged } from './lib/servers.mjs'

const TAKEOVERS = Number(process.env.BENCH_TAKEOVERS ?? 100)
const REPLIES_PER_TAKEOVER = Number(process.env.BENCH_REPLIES_PER_TAKEOVER ?? 3)
const RATE = Number(process.env.BENCH_RATE ?? 20)
const MODEL = process.env.BENCH_MODEL ?? path.join(repo, 'rasa-project/models/helpdesk.tar.gz')
const BOT_TOKEN = '123456:BENCH-token-for-loopback-only'
const RASA_TOKEN = 'bench-rasa-auth-token-takeover'
const CALLBACK_TOKEN = 'bench-callback-token-takeover'
const ACTIONS_TOKEN = 'bench-actions-token-takeover'
const PASSWORD = 'kata-sandi-bench-takeover-1'
const STAFF = ['rina', 'budi', 'sari', 'agus']
const FIRST_CHAT = 930001
const GLOBAL_RATE = 30 // GATEWAY_GLOBAL_RATE's maximum
const log = (m) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`)

for (const built of ['gateway', 'console', 'actions-server'])
  if (!existsSync(path.join(repo, built, 'dist/main.js')))
    throw new Error(`${built}/dist/main.js missing: run npm run build first`)
if (!existsSync(MODEL)) throw new Error(`no Rasa model at ${MODEL}: run npm run rasa:train`)

// ---------------------------------------------------------------------------------------------
// A minimal loopback Bot API: long polling of queued updates, every sendMessage recorded with
// its arrival time (performance.now(), the same clock the bench uses for the POSTs).
async function startBotApi() {
  const prefix = `/bot${BOT_TOKEN}/`
  const queue = []
  const waiters = []
  const messages = [] // {chatId, text, at}
  const listeners = new Set()
  let nextUpdateId = 1
  let nextMessageId = 1
  const send = (res, result) => {
    const body = JSON.stringify({ ok: true, result })
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(body)
  }
  const take = (offset, limit) => {
    while (queue.length && queue[0].update_id < offset) queue.shift()
    return queue.slice(0, limit)
  }
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const at = performance.now()
      const method = req.url.startsWith(prefix) ? req.url.slice(prefix.length).split('?')[0] : ''
      let p = {}
      try {
        p = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {}
      } catch {
        p = {}
      }
      if (method === 'getMe')
        return send(res, { id: 4243, is_bot: true, first_name: 'Bench', username: 'bench_bot' })
      if (method === 'getUpdates') {
        const offset = p.offset ?? 0
        const batch = take(offset, p.limit ?? 100)
        if (batch.length || !p.timeout) return send(res, batch)
        const w = { offset, limit: p.limit ?? 100, res }
        w.timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1)
          send(res, [])
        }, 2000)
        return waiters.push(w)
      }
      if (method === 'sendMessage') {
        const m = { chatId: Number(p.chat_id), text: String(p.text ?? ''), at }
        messages.push(m)
        for (const l of listeners) l(m)
        return send(res, {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: m.chatId, type: 'private' },
          text: m.text
        })
      }
      return send(res, true) // deleteWebhook, sendChatAction, answerCallbackQuery, …
    })
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    messages,
    onMessage: (fn) => listeners.add(fn),
    pushText(chatId, text) {
      const id = nextUpdateId++
      queue.push({
        update_id: id,
        message: {
          message_id: id,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: 'private', first_name: 'Bench' },
          from: { id: chatId, is_bot: false, first_name: 'Bench', language_code: 'id' },
          text
        }
      })
      while (waiters.length && queue.length) {
        const w = waiters.shift()
        clearTimeout(w.timer)
        send(w.res, take(w.offset, w.limit))
      }
    },
    async close() {
      for (const w of waiters.splice(0)) {
        clearTimeout(w.timer)
        send(w.res, [])
      }
      server.closeAllConnections()
      await new Promise((r) => server.close(r))
    }
  }
}

/** Resolves with the first message to chatId matching pattern (past or future). */
function waitForMessage(api, chatId, pattern, timeoutMs = 120000) {
  const found = api.messages.find((m) => m.chatId === chatId && pattern.test(m.text))
  if (found) return Promise.resolve(found)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`chat ${chatId} never got ${pattern}`)),
      timeoutMs
    )
    api.onMessage((m) => {
      if (m.chatId === chatId && pattern.test(m.text)) {
        clearTimeout(timer)
        resolve(m)
      }
    })
  })
}

// ---------------------------------------------------------------------------------------------
// A browser-like console client: session cookie + CSRF token (as e2e/takeover/test/staff-client.ts).
class Staff {
  cookie = ''
  csrf = ''
  constructor(base, username) {
    this.base = base
    this.username = username
  }
  async get(p) {
    return await this.read(
      await fetch(this.base + p, { redirect: 'manual', headers: { cookie: this.cookie } })
    )
  }
  async post(p, fields) {
    const res = await fetch(this.base + p, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ ...fields, _csrf: this.csrf }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookie }
    })
    return await this.read(res)
  }
  async read(res) {
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('konsol_sesi='))
    if (setCookie !== undefined) this.cookie = setCookie.split(';')[0]
    const body = await res.text()
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1]
    if (token !== undefined) this.csrf = token
    const timing = /app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')
    return {
      status: res.status,
      body,
      serverMs: timing ? Number(timing[1]) : null
    }
  }
  async login() {
    await this.get('/login')
    const res = await this.post('/login', { username: this.username, password: PASSWORD })
    if (res.status !== 303) throw new Error(`sign-in of ${this.username}: HTTP ${res.status}`)
  }
}

/** Runs fn over items with at most `limit` in flight. */
async function pool(items, limit, fn) {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      await fn(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

const stats = (values) => {
  const s = [...values].sort((a, b) => a - b)
  const r = (v) => (v === null ? null : Math.round(v * 10) / 10)
  return {
    n: s.length,
    p50: r(percentile(s, 50)),
    p95: r(percentile(s, 95)),
    p99: r(percentile(s, 99)),
    max: r(s.at(-1) ?? null)
  }
}

// ---------------------------------------------------------------------------------------------
const dir = mkdtempSync(path.join(tmpdir(), 'bench-takeover-'))
const databaseFile = path.join(dir, 'helpdesk.sqlite')
const modelFile = path.join(dir, 'model.tar.gz')
copyFileSync(MODEL, modelFile)
const [actionsPort, rasaPort, gatewayPort, consolePort] = [
  await freePort(),
  await freePort(),
  await freePort(),
  await freePort()
]
const api = await startBotApi()
const rasaUrl = `http://127.0.0.1:${rasaPort}`
const consoleUrl = `http://127.0.0.1:${consolePort}`
const base = { LANG: 'C.UTF-8', TZ: 'UTC' }
const services = []
const started = (s) => (services.push(s), s)
const loadBefore = loadSnapshot()

try {
  log('starting action server and Rasa (loading the model takes a while)')
  const actions = started(
    spawnLogged('takeover-actions', process.execPath, ['actions-server/dist/main.js'], {
      env: {
        ...base,
        ACTIONS_HOST: '127.0.0.1',
        ACTIONS_PORT: String(actionsPort),
        ACTIONS_TOKEN,
        DATABASE_FILE: databaseFile,
        LOG_LEVEL: 'warn'
      }
    })
  )
  const rasa = started(
    spawnLogged(
      'takeover-rasa',
      path.join(repo, '.venv-rasa/bin/rasa'),
      [
        'run',
        '--enable-api',
        '--auth-token',
        RASA_TOKEN,
        '-i',
        '127.0.0.1',
        '-p',
        String(rasaPort),
        '-m',
        modelFile,
        '--endpoints',
        'endpoints.yml',
        '--credentials',
        'credentials.yml'
      ],
      {
        cwd: path.join(repo, 'rasa-project'),
        env: {
          ...base,
          ACTION_ENDPOINT_URL: `http://127.0.0.1:${actionsPort}/webhook`,
          ACTIONS_TOKEN,
          RASA_TRACKER_DB: path.join(dir, 'rasa-tracker.sqlite'),
          RASA_TELEMETRY_ENABLED: 'false',
          TF_CPP_MIN_LOG_LEVEL: '2',
          SANIC_WORKERS: '1'
        }
      }
    )
  )
  await waitForHttp(`http://127.0.0.1:${actionsPort}/health`, { isAlive: actions.alive })
  await waitForHttp(`${rasaUrl}/status?token=${RASA_TOKEN}`, {
    timeoutMs: 400000,
    isAlive: rasa.alive
  })
  log('Rasa is up; starting gateway and console')
  const gateway = started(
    spawnLogged('takeover-gateway', process.execPath, ['gateway/dist/main.js'], {
      env: {
        ...base,
        TELEGRAM_BOT_TOKEN: BOT_TOKEN,
        TELEGRAM_API_ROOT: api.url,
        TELEGRAM_MODE: 'polling',
        GATEWAY_HOST: '127.0.0.1',
        GATEWAY_PORT: String(gatewayPort),
        GATEWAY_CALLBACK_TOKEN: CALLBACK_TOKEN,
        // Pacing as described at the top: no per-chat gap, the global rate at its maximum.
        GATEWAY_CHAT_INTERVAL_MS: '0',
        GATEWAY_GLOBAL_RATE: String(GLOBAL_RATE),
        RASA_URL: rasaUrl,
        RASA_AUTH_TOKEN: RASA_TOKEN,
        RASA_TIMEOUT_MS: '120000',
        LOG_LEVEL: 'warn'
      }
    })
  )
  await waitForHttp(`http://127.0.0.1:${gatewayPort}/healthz`, { isAlive: gateway.alive })
  const consoleEnv = {
    ...process.env,
    ...base,
    CONSOLE_SESSION_SECRET: 'bench-takeover-secret-bench-takeover-secret',
    CONSOLE_HOST: '127.0.0.1',
    CONSOLE_PORT: String(consolePort),
    DATABASE_FILE: databaseFile,
    GATEWAY_URL: `http://127.0.0.1:${gatewayPort}`,
    GATEWAY_CALLBACK_TOKEN: CALLBACK_TOKEN,
    RASA_URL: rasaUrl,
    RASA_AUTH_TOKEN: RASA_TOKEN,
    // No idle hand-back during the run.
    TAKEOVER_IDLE_MINUTES: '60',
    LOG_LEVEL: 'warn'
  }
  for (const username of STAFF)
    execFileSync(
      process.execPath,
      ['console/dist/cli.js', 'user', 'add', username, '--role', 'petugas'],
      { cwd: repo, env: consoleEnv, input: `${PASSWORD}\n`, stdio: ['pipe', 'ignore', 'inherit'] }
    )
  const consoleProc = started(
    spawnLogged('takeover-console', process.execPath, ['console/dist/main.js'], {
      env: consoleEnv
    })
  )
  await waitForHttp(`${consoleUrl}/healthz`, { isAlive: consoleProc.alive })

  // 1. 100 Telegram chats ask for a person: NLU + the handoff action open one ticket each.
  const chats = Array.from({ length: TAKEOVERS }, (_, i) => FIRST_CHAT + i)
  const tickets = new Map()
  let t = performance.now()
  await pool(chats, 10, async (chat) => {
    api.pushText(chat, 'saya mau bicara dengan petugas')
    const m = await waitForMessage(api, chat, /TIK-\d{8}-\d{4,}/)
    tickets.set(chat, /TIK-\d{8}-\d{4,}/.exec(m.text)[0])
  })
  const ticketsSeconds = (performance.now() - t) / 1000
  log(`${tickets.size} tickets opened from ${TAKEOVERS} chats in ${ticketsSeconds.toFixed(1)} s`)

  // 2. Staff take all of them over (each staff member a quarter).
  const staff = STAFF.map((u) => new Staff(consoleUrl, u))
  // After sign-in, a page with forms gives the session's CSRF token (as a browser would have it).
  for (const [i, s] of staff.entries()) {
    await s.login()
    await s.get(`/tiket/${tickets.get(FIRST_CHAT + i)}`)
    if (s.csrf === '') throw new Error(`no CSRF token for ${s.username}`)
  }
  const owner = (chat) => staff[(chat - FIRST_CHAT) % staff.length]
  t = performance.now()
  await pool(chats, 10, async (chat) => {
    const s = owner(chat)
    const res = await s.post(`/tiket/${tickets.get(chat)}/ambil-alih`, {})
    if (res.status !== 303) throw new Error(`takeover of chat ${chat}: HTTP ${res.status}`)
    await waitForMessage(api, chat, /petugas helpdesk/)
  })
  const takeoverSeconds = (performance.now() - t) / 1000
  log(`${TAKEOVERS} takeovers active (${takeoverSeconds.toFixed(1)} s)`)

  // One timed reply: POST sent → sendMessage received by the fake → console answered.
  let replySeq = 0
  const sendReply = async (chat) => {
    const marker = `#b${++replySeq}#`
    const arrived = waitForMessage(api, chat, new RegExp(`${marker}$`), 180000)
    const sentAt = performance.now()
    const res = await owner(chat).post(`/tiket/${tickets.get(chat)}/percakapan/balas`, {
      isi: `Baik, sedang kami periksa ${marker}`
    })
    const answeredAt = performance.now()
    if (res.status !== 303) throw new Error(`reply to chat ${chat}: HTTP ${res.status}`)
    const m = await arrived
    return {
      sentAt,
      arrivedAt: m.at,
      toSendMessageMs: m.at - sentAt,
      consoleRouteMs: res.serverMs,
      clientRoundTripMs: answeredAt - sentAt
    }
  }
  const summarise = (rows) => ({
    consoleToSendMessageMs: stats(rows.map((r) => r.toSendMessageMs)),
    consoleRouteServerMs: stats(rows.map((r) => r.consoleRouteMs).filter((v) => v !== null)),
    clientRoundTripMs: stats(rows.map((r) => r.clientRoundTripMs))
  })

  // 3a. Warm-up: one reply per staff member (JIT, connection pools), not counted.
  for (const s of staff) await sendReply(FIRST_CHAT + staff.indexOf(s))

  // 3b. Steady: replies across the 100 takeovers, open loop at RATE/s (below the global 30/s).
  const steadyOrder = []
  for (let r = 0; r < REPLIES_PER_TAKEOVER; r++) steadyOrder.push(...chats)
  log(`steady: ${steadyOrder.length} replies at ${RATE}/s across ${TAKEOVERS} takeovers`)
  const steadyLoad = loadSnapshot()
  const inFlight = []
  let maxInFlight = 0
  let open = 0
  const t0 = performance.now()
  for (let i = 0; i < steadyOrder.length; i++) {
    const due = t0 + (i * 1000) / RATE
    const wait = due - performance.now()
    if (wait > 0) await sleep(wait)
    open++
    maxInFlight = Math.max(maxInFlight, open)
    inFlight.push(
      sendReply(steadyOrder[i]).finally(() => {
        open--
      })
    )
  }
  const steadyRows = await Promise.all(inFlight)
  const steady = {
    replies: steadyRows.length,
    ratePerSecond: RATE,
    maxRepliesInFlight: maxInFlight,
    ...summarise(steadyRows)
  }
  log(`steady p95 console→sendMessage ${steady.consoleToSendMessageMs.p95} ms`)

  // 3c. Burst: one reply to every takeover at the same moment (includes the global pacing).
  await sleep(2000)
  log(`burst: ${TAKEOVERS} replies at once`)
  const burstLoad = loadSnapshot()
  const burstRows = await Promise.all(chats.map((chat) => sendReply(chat)))
  // The pacer lets the i-th message of the burst (in arrival order) out no earlier than i × 33.3 ms
  // after the first: that much of its latency is pacing by design. What is left is the stack.
  const byArrival = [...burstRows].sort((a, b) => a.arrivedAt - b.arrivedAt)
  const burst = {
    replies: burstRows.length,
    ...summarise(burstRows),
    consoleToSendMessageMinusPacingFloorMs: stats(
      byArrival.map((r, i) => r.toSendMessageMs - (i * 1000) / GLOBAL_RATE)
    )
  }
  log(
    `burst p95 console→sendMessage ${burst.consoleToSendMessageMs.p95} ms (pacing included), ` +
      `${burst.consoleToSendMessageMinusPacingFloorMs.p95} ms beyond the pacing floor`
  )

  const result = {
    benchmark: 'takeover',
    at: new Date().toISOString(),
    command: 'flock /tmp/coord/rasa-cpu.lock npm run bench:takeover',
    machine: machineInfo(),
    load: { before: loadBefore, steady: steadyLoad, burst: burstLoad, after: loadSnapshot() },
    setup: {
      takeovers: TAKEOVERS,
      staff: STAFF.length,
      ticketsOpenedSeconds: Math.round(ticketsSeconds * 10) / 10,
      takeoversStartedSeconds: Math.round(takeoverSeconds * 10) / 10,
      pacing: {
        GATEWAY_CHAT_INTERVAL_MS: 0,
        GATEWAY_GLOBAL_RATE: GLOBAL_RATE,
        note: 'per-chat gap off; global rate at its maximum (33.3 ms between any two messages)'
      },
      measuredFrom: 'bench sends the POST /tiket/TIK-…/percakapan/balas (loopback)',
      measuredTo: 'fake Bot API receives the sendMessage carrying that reply'
    },
    steady,
    burst
  }
  mkdirSync(outDir, { recursive: true })
  writeFileSync(path.join(outDir, 'takeover.json'), JSON.stringify(result, null, 2) + '\n')
  console.log(JSON.stringify({ steady, burst }, null, 2))
  log('written to bench/out/takeover.json')
} finally {
  for (const s of services.reverse()) await s.stop()
  await api.close()
  rmSync(dir, { recursive: true, force: true })
}
