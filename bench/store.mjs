// Part "store": action calls that write to the store, per second, on SQLite (DATABASE_FILE) and
// on PostgreSQL (DATABASE_URL), with one and with two action servers sharing the store.
// Two product actions, each call a new conversation so every call writes:
// - `ticket`: action_hubungi_petugas (a handoff ticket and its ticket event);
// - `ticket+outbox`: action_reset_password for a system on the WhatsApp route with the manual
//   reset provider (limits counted, a ticket, the owner's WhatsApp notice in the outbox, audit).
// After each run the rows are counted in the database: a call that answered 200 without writing
// would show as fewer rows than calls.
import path from 'node:path'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import autocannon from 'autocannon'
import { cpuTimeMs } from './lib/procs.mjs'
import { percentile } from './lib/load.mjs'
import { loadDomain } from './lib/payloads.mjs'
import { startOurs, repo, outDir } from './lib/servers.mjs'
import { benchPostgres } from './lib/postgres.mjs'

const require = createRequire(path.join(repo, 'packages/helpdesk-core/package.json'))
const Database = require('better-sqlite3')

const COLLECTION = path.join(repo, 'postman/helpdesk-actions.postman_collection.json')
const ACTIONS = [
  { name: 'ticket', request: 'action_hubungi_petugas — human handoff', outbox: false },
  {
    name: 'ticket+outbox',
    request: 'action_reset_password — e-mail dinas (WhatsApp to the number on file)',
    outbox: true
  }
]
/**
 * Distinct employees, so the per-NIP limits and the repeat window never refuse a call: each
 * configuration (one store) takes NIPs in order and never reuses one (a quiet machine makes about
 * 25,000 reset calls per configuration: warm-up and three rounds of 4 s at up to 2,000 calls/s).
 */
const EMPLOYEES = 60000

/** The Postman collection's call bodies are the calls Rasa 3.6.21 sends (docs/deploy.md §3). */
function templates() {
  const collection = JSON.parse(readFileSync(COLLECTION, 'utf8'))
  const all = collection.item.flatMap((folder) => folder.item ?? [])
  const domain = JSON.stringify(loadDomain().domain)
  return Object.fromEntries(
    ACTIONS.map((a) => {
      const item = all.find((i) => i.name === a.request)
      if (!item) throw new Error(`postman collection has no request "${a.request}"`)
      const raw = item.request.body.raw.replace('{{rasaDomain}}', domain)
      return [a.name, JSON.parse(raw.replaceAll('{{senderId}}', 'bench-template'))]
    })
  )
}

/** A structurally valid, fictional NIP: birth date, appointment month, sex, sequence. */
function nip(i) {
  const year = 1970 + (i % 25)
  const month = String(1 + (Math.floor(i / 25) % 12)).padStart(2, '0')
  const day = String(1 + (Math.floor(i / 300) % 28)).padStart(2, '0')
  const appointed = `${year + 25}${month}`
  const sex = 1 + (Math.floor(i / 8400) % 2)
  const seq = String(1 + (Math.floor(i / 16800) % 999)).padStart(3, '0')
  return `${year}${month}${day}${appointed}${sex}${seq}`
}

/** A directory of EMPLOYEES fictional people (phone numbers in the fictional 62856… range). */
function writeDirectory(file) {
  const lines = ['pegawai:']
  const seen = new Set()
  for (let i = 0; i < EMPLOYEES; i++) {
    const n = nip(i)
    if (seen.has(n)) throw new Error(`duplicate generated NIP ${n}`)
    seen.add(n)
    lines.push(
      `  - nip: "${n}"`,
      `    nama: "Pegawai Uji ${i}"`,
      `    email_dinas: "pegawai.uji${i}@example.go.id"`,
      `    whatsapp: "62856${String(i).padStart(8, '0')}"`,
      `    unit_kerja: "Dinas Uji Beban"`,
      `    status_tte: "belum_terdaftar"`,
      `    aktif: true`
    )
  }
  writeFileSync(file, `${lines.join('\n')}\n`)
  return [...seen]
}

/** Limits raised to their maxima: the benchmark measures writes, not refusals. */
const LIMITS_ENV = {
  IDENTITY_LOOKUPS_PER_HOUR: '1000',
  IDENTITY_LOOKUPS_PER_SUBJECT_PER_DAY: '1000',
  IDENTITY_LOOKUPS_GLOBAL_PER_MINUTE: '100000',
  RESET_REQUESTS_PER_DAY: '100',
  RESET_REPEAT_WINDOW_MINUTES: '1',
  WHATSAPP_MODE: 'outbox',
  RESET_PROVIDER: 'manual'
}

let callCounter = 0
/**
 * A new conversation per call: new sender and message id (the idempotency key), and a NIP this
 * store has not seen (`cursor` counts per configuration; a NIP asked twice within
 * RESET_REPEAT_WINDOW_MINUTES is answered with the earlier ticket and writes nothing).
 */
function nextBody(template, nips, runTag, cursor) {
  const i = callCounter++
  const sender = `bench-${runTag}-${i}`
  const messageId = `m${runTag}${i}`
  const body = structuredClone(template)
  body.sender_id = sender
  body.tracker.sender_id = sender
  body.tracker.latest_message.message_id = messageId
  for (const e of body.tracker.events) if (e.event === 'user') e.message_id = messageId
  if (body.tracker.slots.identitas) {
    if (cursor.next >= nips.length)
      throw new Error(
        `bench store: more than ${nips.length} reset calls for one store; raise EMPLOYEES`
      )
    const n = nips[cursor.next++]
    body.tracker.slots.identitas = n
    for (const e of body.tracker.events)
      if (e.event === 'slot' && e.name === 'identitas') e.value = n
  }
  return JSON.stringify(body)
}

/** Runs autocannon against each server at once (connections split between them). */
async function load({ servers, template, nips, cursor, runTag, seconds, connections }) {
  const times = []
  let bad = 0
  const per = Math.max(1, Math.floor(connections / servers.length))
  const runs = servers.map((s) => {
    const inst = autocannon({
      url: s.url,
      duration: seconds,
      connections: per,
      timeout: 30,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: nextBody(template, nips, runTag, cursor) })
        }
      ]
    })
    inst.on('response', (_c, status, _b, ms) => {
      if (status === 200) times.push(ms)
      else bad++
    })
    return inst
  })
  const results = await Promise.all(runs)
  times.sort((a, b) => a - b)
  const durationS = Math.max(...results.map((r) => r.duration))
  return {
    calls: times.length,
    non200: bad,
    errors: results.reduce((n, r) => n + r.errors, 0),
    durationS,
    callsPerSec: times.length / durationS,
    p50: percentile(times, 50),
    p99: percentile(times, 99)
  }
}

async function countRows(engine) {
  const q = {
    tickets: 'SELECT COUNT(*) AS n FROM tickets',
    outbox: 'SELECT COUNT(*) AS n FROM whatsapp_outbox'
  }
  if (engine.kind === 'sqlite') {
    const db = new Database(engine.file, { readonly: true })
    try {
      return {
        tickets: db.prepare(q.tickets).get().n,
        outbox: db.prepare(q.outbox).get().n
      }
    } finally {
      db.close()
    }
  }
  try {
    return {
      tickets: Number((await engine.pg.query(q.tickets)).rows[0].n),
      outbox: Number((await engine.pg.query(q.outbox)).rows[0].n)
    }
  } catch (err) {
    throw new Error(
      `no store tables in the PostgreSQL database (${err.message}): the action server did not migrate it; does it read DATABASE_URL?`
    )
  }
}

/** BENCH_STORE_ENGINES: which engines to measure (default both). */
const ENGINES = (process.env.BENCH_STORE_ENGINES ?? 'sqlite,postgres').split(',')

export async function benchStore({ duration, warmup, rounds, connections, log }) {
  const pg = ENGINES.includes('postgres') ? await benchPostgres({ log }) : null
  const tpl = templates()
  const dir = path.join(outDir, 'store')
  mkdirSync(dir, { recursive: true })
  const directoryFile = path.join(dir, 'directory.bench.yml')
  const nips = writeDirectory(directoryFile)
  const rows = []
  let sqliteFile = null
  const configs = []
  try {
    // Every configuration is up for the whole run and the rounds are interleaved (the order
    // rotates each round), so a change in the machine's other load hits all of them alike.
    for (const engineKind of ENGINES) {
      for (const serverCount of [1, 2]) {
        // a fresh store per configuration; every round writes into it
        const engine =
          engineKind === 'sqlite'
            ? { kind: 'sqlite', file: path.join(dir, `store-${serverCount}.sqlite`) }
            : { kind: 'postgres', ...(await pg.scratch()) }
        if (engine.kind === 'sqlite') {
          for (const suffix of ['', '-wal', '-shm']) rmSync(engine.file + suffix, { force: true })
          sqliteFile = engine.file
        }
        const config = { engineKind, serverCount, engine, servers: [], cursor: { next: 0 } }
        configs.push(config)
        const storeEnv =
          engine.kind === 'sqlite'
            ? { DATABASE_FILE: engine.file }
            : { DATABASE_URL: engine.url, DATABASE_FILE: path.join(dir, 'unused.sqlite') }
        // one after the other: the first applies the migrations
        for (let s = 0; s < serverCount; s++) {
          config.servers.push(
            await startOurs({
              name: `store-${engineKind}-${serverCount}-${s}`,
              entry: 'product',
              env: { ...LIMITS_ENV, DIRECTORY_FILE: directoryFile, ...storeEnv }
            })
          )
        }
      }
    }
    // warm-up (JIT, connection pools, first pages of the tables), not recorded
    if (warmup > 0)
      for (const { engineKind, serverCount, servers, cursor } of configs)
        for (const action of ACTIONS)
          await load({
            servers,
            template: tpl[action.name],
            nips,
            cursor,
            runTag: `w${engineKind[0]}${serverCount}${action.outbox ? 'o' : 't'}`,
            seconds: warmup,
            connections
          })
    for (let round = 1; round <= rounds; round++) {
      const order = configs.map((_, i) => configs[(i + round - 1) % configs.length])
      for (const action of ACTIONS) {
        for (const { engineKind, serverCount, engine, servers, cursor } of order) {
          const before = await countRows(engine)
          const cpu0 = servers.map((s) => cpuTimeMs(s.pid))
          const r = await load({
            servers,
            template: tpl[action.name],
            nips,
            cursor,
            runTag: `${engineKind[0]}${serverCount}${action.outbox ? 'o' : 't'}${round}`,
            seconds: duration,
            connections
          })
          const cpu1 = servers.map((s) => cpuTimeMs(s.pid))
          const after = await countRows(engine)
          const serverCpuMs = cpu1.reduce((n, c, i) => n + (c - cpu0[i]), 0)
          const row = {
            engine: engineKind,
            servers: serverCount,
            action: action.name,
            round,
            ...r,
            serverCpuUsPerCall: r.calls ? (serverCpuMs * 1000) / r.calls : null,
            ticketsWritten: after.tickets - before.tickets,
            outboxWritten: after.outbox - before.outbox
          }
          rows.push(row)
          log(
            `store round ${round} ${engineKind.padEnd(8)} ${serverCount} server(s) ${action.name.padEnd(13)}: ${r.callsPerSec.toFixed(0)} calls/s p50 ${r.p50?.toFixed(1)} ms p99 ${r.p99?.toFixed(1)} ms; ${row.ticketsWritten} tickets, ${row.outboxWritten} outbox rows for ${r.calls} calls${r.non200 ? `; non-200 ${r.non200}` : ''}`
          )
        }
      }
    }
  } finally {
    for (const { servers, engine } of configs) {
      for (const server of servers) await server.stop()
      if (engine.kind === 'postgres') await engine.drop()
    }
    await pg?.close()
  }
  const summary = []
  for (const engine of ['sqlite', 'postgres'])
    for (const servers of [1, 2])
      for (const action of ACTIONS.map((a) => a.name)) {
        const rs = rows.filter(
          (r) => r.engine === engine && r.servers === servers && r.action === action
        )
        if (!rs.length) continue
        const med = (k) =>
          percentile(
            rs.map((r) => r[k]).sort((a, b) => a - b),
            50
          )
        summary.push({
          engine,
          servers,
          action,
          callsPerSec: med('callsPerSec'),
          p50: med('p50'),
          p99: med('p99'),
          serverCpuUsPerCall: med('serverCpuUsPerCall'),
          calls: rs.reduce((n, r) => n + r.calls, 0),
          non200: rs.reduce((n, r) => n + r.non200, 0),
          tickets: rs.reduce((n, r) => n + r.ticketsWritten, 0),
          outbox: rs.reduce((n, r) => n + r.outboxWritten, 0)
        })
      }
  return {
    settings: { duration, warmup, rounds, connections, employees: EMPLOYEES, limits: LIMITS_ENV },
    postgres: pg?.info ?? null,
    sqlite: sqliteFile ? sqliteInfo(sqliteFile) : null,
    summary,
    rows
  }
}

/**
 * The store's SQLite settings: the journal mode is kept in the file; `synchronous` is a per
 * connection setting, so it is read from the code that opens the store (SQLite's default, FULL,
 * when the code does not set it).
 */
function sqliteInfo(file) {
  const db = new Database(file, { readonly: true })
  let journalMode
  try {
    journalMode = db.pragma('journal_mode', { simple: true })
  } finally {
    db.close()
  }
  const source = readFileSync(
    path.join(repo, 'packages/helpdesk-core/src/store/database.ts'),
    'utf8'
  )
  const set = /pragma\(['"]synchronous\s*=\s*(\w+)/i.exec(source)?.[1]
  return {
    journalMode,
    synchronous: set
      ? `${set.toUpperCase()} (set by the store)`
      : 'FULL (SQLite default; the store does not set it)'
  }
}
