#!/usr/bin/env node
// npm run bench:dashboard → the console's dashboard (/dasbor) over one year of a busy helpdesk:
// a Rasa tracker store (SQLite, the table exactly as Rasa 3.6's SQLTrackerStore creates it) with
// about 1,000,000 events in 50,000 conversations, and a store with 20,000 tickets (with their
// timeline), their satisfaction surveys and one gateway turn timing per user message.
// Starts the built console (console/dist/main.js) on a free loopback port, signs in, lets the
// first view copy the tracker store's events (timed separately: a one-off cost after an upgrade),
// then requests the dashboard for the last 30 days and for the last 365 days, and the monthly CSV.
// Reports the console's Server-Timing (`app` wall time, `cpu` process CPU time) p50/p95/max.
// Knobs (env): BENCH_EVENTS (1000000), BENCH_CONVERSATIONS (50000), BENCH_TICKETS (20000),
// BENCH_REQUESTS per scenario (20).
import { mkdtempSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { addBenchAccount, signIn, startConsole } from './lib/console-session.mjs'
import { serverTimingSummary, timeRequests } from './lib/server-timing.mjs'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const Database = require(
  require.resolve('better-sqlite3', { paths: [path.join(repo, 'packages/helpdesk-core')] })
)
const { openDatabase, createTurnTimingLog, sqliteSqlDb } = require(
  path.join(repo, 'packages/helpdesk-core/dist/index.js')
)

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000)
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 50_000)
const TICKETS = Number(process.env.BENCH_TICKETS ?? 20_000)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20)
const log = (m) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`)

const dir = mkdtempSync(path.join(tmpdir(), 'bench-dashboard-'))
const storeFile = path.join(dir, 'helpdesk.sqlite')
const trackerFile = path.join(dir, 'rasa-tracker.sqlite')
const now = Date.now()
const YEAR_MS = 365 * 86_400_000

// --- Rasa's tracker store -----------------------------------------------------------------------
log(`writing ${EVENTS} Rasa events in ${CONVERSATIONS} conversations`)
let t = performance.now()
const tracker = new Database(trackerFile)
tracker.pragma('journal_mode = WAL')
tracker.exec(`CREATE TABLE events (
	id INTEGER NOT NULL, 
	sender_id VARCHAR(255) NOT NULL, 
	type_name VARCHAR(255) NOT NULL, 
	timestamp FLOAT, 
	intent_name VARCHAR(255), 
	action_name VARCHAR(255), 
	data TEXT, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_events_sender_id ON events (sender_id);`)
const insertEvent = tracker.prepare(
  'INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) VALUES (?, ?, ?, ?, ?, ?)'
)
const flows = [
  ['greet', 'lupa_password', 'inform', 'affirm'],
  ['daftar_tte', 'inform', 'affirm'],
  ['cek_status_tte', 'inform', 'affirm'],
  ['lupa_email', 'thanks'],
  ['greet', 'nlu_fallback', 'minta_petugas'],
  ['help', 'lupa_password', 'inform', 'affirm', 'thanks']
]
const systems = ['email_dinas', 'simpeg', 'srikandi', 'sipd']
const eventsPerConversation = EVENTS / CONVERSATIONS
let written = 0
let userMessages = 0
const userTimes = []
function row(sender, data) {
  const intent = data.parse_data?.intent?.name ?? null
  insertEvent.run(
    sender,
    data.event,
    data.timestamp,
    intent,
    typeof data.name === 'string' ? data.name : null,
    JSON.stringify(data)
  )
  written++
}
tracker.transaction(() => {
  for (let c = 0; c < CONVERSATIONS; c++) {
    // Spread over the last year, in time order (Rasa appends as conversations happen).
    let ts = (now - YEAR_MS + (c / CONVERSATIONS) * YEAR_MS) / 1000
    const sender = String(100000000 + ((c * 7919) % 18000)) // about 18,000 distinct chats
    const flow = flows[c % flows.length]
    row(sender, {
      event: 'action',
      timestamp: ts,
      name: 'action_session_start',
      policy: null,
      confidence: 1
    })
    row(sender, { event: 'session_started', timestamp: ts })
    row(sender, {
      event: 'action',
      timestamp: ts,
      name: 'action_listen',
      policy: null,
      confidence: null
    })
    const budget = Math.round(eventsPerConversation) - 3
    let used = 0
    for (let k = 0; used < budget; k++) {
      const intent = flow[k % flow.length]
      ts += 5 + (k % 7)
      const text =
        intent === 'nlu_fallback'
          ? `printer di ruang ${k} tidak bisa, hubungi 08123456${c % 1000}`
          : `pesan ${intent}`
      row(sender, {
        event: 'user',
        timestamp: ts,
        metadata: {},
        text,
        parse_data: {
          intent: { name: intent, confidence: 0.9 },
          entities: [],
          text,
          message_id: `m${c}-${k}`,
          metadata: {},
          intent_ranking: [{ name: intent, confidence: 0.9 }]
        },
        input_channel: 'telegram_gateway',
        message_id: `m${c}-${k}`
      })
      userMessages++
      userTimes.push(ts)
      used++
      if (used >= budget) break
      if (intent === 'lupa_password') {
        row(sender, {
          event: 'slot',
          timestamp: ts + 0.1,
          name: 'sistem',
          value: systems[c % systems.length]
        })
        used++
      }
      const action =
        intent === 'minta_petugas'
          ? 'action_hubungi_petugas'
          : intent === 'nlu_fallback'
            ? 'action_fallback'
            : 'utter_jawab'
      row(sender, {
        event: 'action',
        timestamp: ts + 0.2,
        name: action,
        policy: 'RulePolicy',
        confidence: 1,
        action_text: null,
        hide_rule_turn: false
      })
      used++
      if (used >= budget) break
      row(sender, {
        event: 'bot',
        timestamp: ts + 0.3,
        metadata: { utter_action: action },
        text: 'Jawaban bot yang cukup panjang untuk menyerupai balasan sebenarnya kepada pengguna.',
        data: {}
      })
      used++
      if (used >= budget) break
      row(sender, {
        event: 'action',
        timestamp: ts + 0.4,
        name: 'action_listen',
        policy: null,
        confidence: null
      })
      used++
    }
    if (c % 40 === 0) row(sender, { event: 'pause', timestamp: ts + 1 })
  }
})()
tracker.close()
log(
  `tracker store: ${written} events (${userMessages} user messages), ${(statSync(trackerFile).size / 1e6).toFixed(0)} MB, ${((performance.now() - t) / 1000).toFixed(1)} s`
)

// --- our store: tickets, their timeline, surveys, gateway timings --------------------------------
t = performance.now()
const db = openDatabase(storeFile)
await addBenchAccount(repo, sqliteSqlDb(db), 'petugas')
const insertTicket =
  db.prepare(`INSERT INTO tickets (number, day, seq, category, sender_id, status, summary, data, created_at, due_at)
  VALUES (?, ?, ?, ?, ?, ?, 'Ringkasan tiket uji', '{}', ?, ?)`)
const insertTicketEvent = db.prepare(
  "INSERT INTO ticket_events (ticket_id, at, actor, kind, detail) VALUES (?, ?, 'bench', 'status', ?)"
)
const insertSurvey = db.prepare(
  "INSERT INTO csat_surveys (conversation_key, sender_id, source, ticket_number, asked_at, rating, rated_at) VALUES (?, ?, 'tiket', ?, ?, ?, ?)"
)
const categories = ['handoff', 'reset_password', 'tte', 'identitas_gagal']
const perDay = new Map()
db.transaction(() => {
  for (let i = 0; i < TICKETS; i++) {
    const created = new Date(now - YEAR_MS + (i / TICKETS) * YEAR_MS)
    const day = new Date(created.getTime() + 7 * 3_600_000)
      .toISOString()
      .slice(0, 10)
      .replace(/-/g, '')
    const seq = (perDay.get(day) ?? 0) + 1
    perDay.set(day, seq)
    const number = `TIK-${day}-${String(seq).padStart(4, '0')}`
    const due = new Date(created.getTime() + 8 * 3_600_000)
    const resolved = i % 10 !== 0
    const info = insertTicket.run(
      number,
      day,
      seq,
      categories[i % 4],
      `tg-${i % 5000}`,
      resolved ? 'selesai' : 'ditangani',
      created.toISOString(),
      due.toISOString()
    )
    insertTicketEvent.run(
      info.lastInsertRowid,
      new Date(created.getTime() + 600_000).toISOString(),
      '{"from":"baru","to":"ditangani"}'
    )
    if (resolved) {
      const at = new Date(created.getTime() + ((i * 7919) % 48) * 3_600_000)
      insertTicketEvent.run(
        info.lastInsertRowid,
        at.toISOString(),
        '{"from":"ditangani","to":"selesai"}'
      )
      insertSurvey.run(
        `tiket:${number}`,
        `tg-${i % 5000}`,
        number,
        at.toISOString(),
        i % 3 === 0 ? null : 1 + (i % 5),
        i % 3 === 0 ? null : at.toISOString()
      )
    }
  }
})()
// The turn timings through the store's own (async) log, as the gateway writes them.
db.pragma('synchronous = OFF')
const timings = createTurnTimingLog(sqliteSqlDb(db))
for (let i = 0; i < userTimes.length; i++) {
  const at = new Date(userTimes[i] * 1000)
  await timings.record({
    channel: 'telegram',
    receivedAt: at,
    repliedAt: new Date(at.getTime() + 400 + ((i * 7919) % 4000)),
    outcome: 'ok'
  })
}
db.close()
log(
  `store: ${TICKETS} tickets, ${userTimes.length} turn timings, ${((performance.now() - t) / 1000).toFixed(1)} s`
)

// --- the console ---------------------------------------------------------------------------------
const { child, base } = await startConsole(repo, {
  DATABASE_FILE: storeFile,
  RASA_TRACKER_DB: trackerFile
})
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    rmSync(dir, { recursive: true, force: true })
    process.exit(1)
  })
const request = await signIn(base)

const wibDay = (ms) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10)
const today = wibDay(now)
const month = `/dasbor?dari=${wibDay(now - 29 * 86_400_000)}&sampai=${today}`
const year = `/dasbor?dari=${wibDay(now - 364 * 86_400_000)}&sampai=${today}`

t = performance.now()
const first = await request(month)
const firstBody = await first.text()
const firstCopyMs = performance.now() - t
log(
  `first view (copies every tracker event once): ${(firstCopyMs / 1000).toFixed(1)} s, status ${first.status}`
)
const questionsMonth =
  /data-key="pertanyaan"><th scope="row">[^<]*<\/th><td class="num">([^<]*)</.exec(firstBody)?.[1]

const rows = []
async function scenario(name, p) {
  const r = {
    name,
    requests: REQUESTS,
    ...serverTimingSummary(await timeRequests(request, [p], REQUESTS))
  }
  rows.push(r)
  log(
    `${name}: server p50 ${r.serverP50.toFixed(1)} ms, p95 ${r.serverP95.toFixed(1)} ms, max ${r.serverMax.toFixed(1)} ms; cpu p50 ${r.cpuP50.toFixed(1)} ms, p95 ${r.cpuP95.toFixed(1)} ms`
  )
}
try {
  await scenario('dashboard, last 30 days', month)
  await scenario('dashboard, last 365 days', year)
  await scenario('monthly CSV (this month)', `/dasbor.csv?bulan=${today.slice(0, 7)}`)
} finally {
  child.kill('SIGTERM')
}
const machine = {
  cpus: cpus().length,
  model: cpus()[0]?.model,
  loadavg: loadavg().map((l) => l.toFixed(2)),
  node: process.version
}
log(
  `machine: ${machine.cpus} × ${machine.model}, load average ${machine.loadavg.join(' ')} (a shared machine: wall times include waiting for the CPU)`
)
log(`questions shown for the last 30 days: ${questionsMonth}`)
mkdirSync(path.join(repo, 'bench/out'), { recursive: true })
writeFileSync(
  path.join(repo, 'bench/out/dashboard.json'),
  JSON.stringify(
    {
      events: written,
      userMessages,
      conversations: CONVERSATIONS,
      tickets: TICKETS,
      firstCopyMs,
      rows,
      machine
    },
    null,
    2
  )
)
rmSync(dir, { recursive: true, force: true })
