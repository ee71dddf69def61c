#!/usr/bin/env node
// npm run bench:console → the staff console with 100,000 tickets in its SQLite store.
// Seeds a temporary store, starts the built console (console/dist/main.js) as its own process on
// a free loopback port, signs in, and measures the queue page (several filters, deep paging) and
// ticket pages. Reports server time (the console's Server-Timing header) and client latency,
// p50/p95/max, plus SQLite figures (file size, page size, journal mode, query plans).
// Knobs (env): BENCH_TICKETS (100000), BENCH_REQUESTS per scenario (200).
import { mkdtempSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { addBenchAccount, signIn, startConsole } from './lib/console-session.mjs'
import { pct, serverTimingSummary, timeRequests } from './lib/server-timing.mjs'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const { openDatabase, sqliteSqlDb } = require(
  path.join(repo, 'packages/helpdesk-core/dist/index.js')
)

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100000)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200)
const log = (m) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`)

const dir = mkdtempSync(path.join(tmpdir(), 'bench-console-'))
const file = path.join(dir, 'helpdesk.sqlite')
const db = openDatabase(file)
await addBenchAccount(repo, sqliteSqlDb(db), 'admin')

log(`seeding ${TICKETS} tickets`)
const categories = ['handoff', 'reset_password', 'tte', 'identitas_gagal']
const statuses = [
  'baru',
  'ditangani',
  'menunggu_pengguna',
  'selesai',
  'selesai',
  'selesai',
  'ditutup'
]
const insert =
  db.prepare(`INSERT INTO tickets (number, day, seq, category, sender_id, status, summary, data, created_at, assignee_id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
const event = db.prepare(
  "INSERT INTO ticket_events (ticket_id, at, actor, kind, visibility, body, detail) VALUES (?, ?, 'bench', 'note', 'internal', 'catatan', '{}')"
)
const now = Date.now()
const perDay = new Map()
const seedStart = Date.now()
db.transaction(() => {
  for (let i = 0; i < TICKETS; i++) {
    // Spread over 180 days, newest last, like a real table filled over time.
    const at = new Date(now - (TICKETS - i) * ((180 * 86_400_000) / TICKETS))
    const day = new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '')
    const seq = (perDay.get(day) ?? 0) + 1
    perDay.set(day, seq)
    const category = categories[i % 4]
    // Realistic backlog: tickets of the last 14 days have every status; older ones are almost all
    // resolved, with 2 % left open (a stale backlog of about 1,700 tickets).
    const recent = now - at.getTime() < 14 * 86_400_000
    const status = recent
      ? statuses[i % statuses.length]
      : i % 50 === 0
        ? statuses[i % 3]
        : i % 2 === 0
          ? 'selesai'
          : 'ditutup'
    const data =
      category === 'reset_password'
        ? { sistem: 'email_dinas', nip: '198503152010011001', rute: 'whatsapp' }
        : {}
    const info = insert.run(
      `TIK-${day}-${String(seq).padStart(4, '0')}`,
      day,
      seq,
      category,
      `tg-${i % 5000}`,
      status,
      'Ringkasan tiket uji',
      JSON.stringify(data),
      at.toISOString(),
      i % 10 === 0 ? 1 : null
    )
    if (i % 20 === 0) event.run(info.lastInsertRowid, at.toISOString())
  }
})()
log(`seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`)
const sample = db
  .prepare('SELECT number FROM tickets ORDER BY random() LIMIT ?')
  .all(REQUESTS)
  .map((r) => r.number)
const prefix = sample[0].slice(0, 12)

const plans = {}
for (const [name, sql] of Object.entries({
  'queue default (open, newest)':
    "SELECT t.id FROM tickets t WHERE t.status IN ('baru','ditangani','menunggu_pengguna') ORDER BY t.created_at DESC, t.id DESC LIMIT 25",
  'queue older than 7 days by deadline':
    "SELECT t.id FROM tickets t WHERE t.created_at < '2026-01-01' ORDER BY t.due_at ASC, t.id ASC LIMIT 25",
  'queue overdue':
    "SELECT t.id FROM tickets t WHERE t.status IN ('baru','ditangani') AND t.due_at < '2100-01-01' ORDER BY t.created_at DESC, t.id DESC LIMIT 25",
  'count open':
    "SELECT COUNT(*) FROM tickets t WHERE t.status IN ('baru','ditangani','menunggu_pengguna')",
  'ticket by number': "SELECT * FROM tickets WHERE number = 'TIK-20260101-0001'"
}))
  plans[name] = db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all()
    .map((r) => r.detail)
    .join('; ')
db.close()

const { child, base } = await startConsole(repo, { DATABASE_FILE: file })
const request = await signIn(base)

// The first queue request fills every ticket's SLA deadline (100,000 rows, batches of 500).
const t0 = performance.now()
await (await request('/tiket')).text()
const firstQueueMs = performance.now() - t0

async function scenario(name, paths) {
  const timings = await timeRequests(request, paths, REQUESTS)
  const row = {
    name,
    requests: REQUESTS,
    ...serverTimingSummary(timings),
    clientP50: pct(timings.client, 50),
    clientP95: pct(timings.client, 95)
  }
  log(
    `${name}: server p50 ${row.serverP50.toFixed(1)} ms, p95 ${row.serverP95.toFixed(1)} ms; cpu p95 ${row.cpuP95.toFixed(1)} ms; client p95 ${row.clientP95.toFixed(1)} ms`
  )
  return row
}

const rows = []
rows.push(await scenario('queue: default (open tickets, newest first)', ['/tiket']))
rows.push(await scenario('queue: all statuses, oldest first', ['/tiket?status=semua&urut=terlama']))
rows.push(
  await scenario('queue: category + overdue', [
    '/tiket?kategori=reset_password&terlambat=1',
    '/tiket?kategori=handoff&terlambat=1'
  ])
)
rows.push(await scenario('queue: assigned to me, all statuses', ['/tiket?status=semua&milik=saya']))
rows.push(
  await scenario('queue: older than 7 days, nearest deadline', [
    '/tiket?status=semua&umur=lebih-7h&urut=tenggat'
  ])
)
rows.push(await scenario('queue: search by number prefix', [`/tiket?status=semua&q=${prefix}`]))
rows.push(await scenario('queue: page 100 of all tickets', ['/tiket?status=semua&halaman=100']))
rows.push(
  await scenario(
    'ticket page (random tickets, profile + audit write)',
    sample.map((n) => `/tiket/${n}`)
  )
)

child.kill('SIGTERM')
await new Promise((r) => child.once('exit', r))
const size = statSync(file).size
const wal = (() => {
  try {
    return statSync(`${file}-wal`).size
  } catch {
    return 0
  }
})()
const { loadavg, cpus } = await import('node:os')
const result = {
  tickets: TICKETS,
  loadAverageAfter: loadavg(),
  cpus: cpus().length,
  requestsPerScenario: REQUESTS,
  firstQueueMs,
  sqlite: { fileBytes: size, walBytes: wal, journalMode: 'wal', busyTimeoutMs: 5000 },
  plans,
  rows,
  at: new Date().toISOString()
}
mkdirSync(path.join(repo, 'bench/out'), { recursive: true })
writeFileSync(path.join(repo, 'bench/out/console.json'), JSON.stringify(result, null, 2))
console.log(JSON.stringify(result, null, 2))
rmSync(dir, { recursive: true, force: true })
