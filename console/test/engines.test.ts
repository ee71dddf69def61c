/**
 * The console on both store engines: the same scenario on SQLite (DATABASE_FILE) and on a real
 * PostgreSQL (DATABASE_URL, a scratch database of scripts/with-test-services.sh), with Rasa's
 * tracker store on the same engine (RASA_TRACKER_DB / RASA_TRACKER_DB_URL). Sign-in and sessions,
 * ticket work with its audit, takeover claims racing from two processes, the review list and the
 * dashboard; the dashboard's figures must come out the same on both engines.
 */
import { createScratchDatabase } from '@helpdesk/core'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDashboardFigures, type DashboardFigures } from '../src/analytics/dashboard-figures'
import { syncTrackerStore } from '../src/analytics/tracker-sync'
import { openRasaTrackerSource } from '../src/data/rasa-tracker-store'
import { createTakeovers } from '../src/data/takeovers'
import { runCli } from '../src/cli'
import { openConsoleStore } from '../src/store'
import { Readable } from 'node:stream'
import {
  Client,
  ENGINES,
  seedTicketSql,
  startConsole,
  type Engine,
  type Harness
} from './support/harness'
import { reviewWeek } from './support/review-seed'
import {
  writeTrackerStoreLikeRasa,
  writeTrackerStoreLikeRasaToPostgres
} from './support/tracker-store-writer'

// Wednesday 17 June 2026, 10.00 WIB.
const NOW = new Date('2026-06-17T03:00:00.000Z')

/** The dashboard of June up to today, per engine: compared once both have run. */
const figures: Partial<Record<Engine, DashboardFigures>> = {}

describe.each(ENGINES)('the console on %s', (engine) => {
  let h: Harness
  let c: Client
  let dir: string
  let dropTracker: (() => Promise<void>) | undefined

  const count = async (sql: string, params: Array<string | number> = []): Promise<number> =>
    ((await h.sql.get<{ n: number }>(sql, params)) as { n: number }).n

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'console-engines-'))
    const env: Record<string, string> = {}
    if (engine === 'postgres') {
      const tracker = await createScratchDatabase()
      dropTracker = tracker.drop
      await writeTrackerStoreLikeRasaToPostgres(tracker.url, reviewWeek())
      env.RASA_TRACKER_DB_URL = tracker.url
    } else {
      const file = join(dir, 'rasa-tracker.sqlite')
      writeTrackerStoreLikeRasa(file, reviewWeek())
      env.RASA_TRACKER_DB = file
    }
    h = await startConsole({ engine, now: NOW, env })
    await h.addAccount('rina', 'petugas')
    await h.addAccount('budi', 'petugas')
    // B's handoff opened a ticket (16 June); an older handoff waits in the queue.
    await seedTicketSql(h.sql, {
      number: 'TIK-20260616-0001',
      senderId: 'tg-b',
      createdAt: '2026-06-16T03:00:21.000Z'
    })
    await seedTicketSql(h.sql, {
      number: 'TIK-20260610-0001',
      senderId: 'tg-x',
      createdAt: '2026-06-10T02:00:00.000Z'
    })
    await h.sql.run(
      'INSERT INTO csat_surveys (conversation_key, sender_id, source, ticket_number, asked_at, rating, rated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [
        'tiket:TIK-20260616-0001',
        'tg-b',
        'tiket',
        'TIK-20260616-0001',
        '2026-06-17T01:00:00.000Z',
        3,
        '2026-06-17T01:05:00.000Z'
      ]
    )
    c = new Client(h.url)
  }, 120_000)
  afterAll(async () => {
    await h.close()
    await dropTracker?.()
    rmSync(dir, { recursive: true, force: true })
  })

  it('signs in, keeps the session in the store (a second console process accepts the cookie), and throttles wrong passwords', async () => {
    const wrong = await c.login('rina', 'salah-kata-sandi-123')
    expect(wrong.status).toBe(401)
    const res = await c.login('rina')
    expect(res.status).toBe(303)
    expect(
      await count('SELECT COUNT(*) AS n FROM staff_sessions WHERE account_id IS NOT NULL')
    ).toBe(1)
    // Another console over the same store (a replica, or this one after a restart).
    const other = await startConsole({
      engine,
      now: NOW,
      store: h
    })
    try {
      const moved = new Client(other.url)
      moved.useSessionOf(c)
      const queue = await moved.get('/tiket')
      expect(queue.status).toBe(200)
      expect(queue.body).toContain('TIK-20260616-0001')
    } finally {
      await other.close()
    }
    expect(
      await count("SELECT COUNT(*) AS n FROM staff_audit_log WHERE action = 'login_failed'")
    ).toBe(1)
    expect(
      await count("SELECT COUNT(*) AS n FROM staff_login_failures WHERE scope = 'account'")
    ).toBe(0)
  })

  it('the CLI adds an account in this store and disabling it ends its sessions at once', async () => {
    const env = {
      DATABASE_FILE: h.databaseFile,
      ...(h.databaseUrl === undefined ? {} : { DATABASE_URL: h.databaseUrl })
    }
    const added = await runCli(
      ['user', 'add', 'Sari', '--role', 'petugas'],
      env,
      Readable.from([Buffer.from('sandi-yang-panjang-1\n')])
    )
    expect(added).toBe('created petugas account sari')
    const sari = new Client(h.url)
    expect((await sari.login('sari', 'sandi-yang-panjang-1')).status).toBe(303)
    expect((await sari.get('/tiket')).status).toBe(200)
    expect(await runCli(['user', 'disable', 'sari'], env)).toBe(
      'disabled account sari; its sessions have ended'
    )
    expect((await sari.get('/tiket')).location).toMatch(/^\/login/)
  })

  it('lists the queue, and a claim and a resolve move status, assignee and timeline, audited', async () => {
    const queue = await c.get('/tiket')
    const numbers = [...queue.body.matchAll(/href="\/tiket\/(TIK-[\d-]+)"/g)].map((m) => m[1])
    expect(numbers).toEqual(['TIK-20260616-0001', 'TIK-20260610-0001'])
    expect((await c.get('/tiket?q=TIK-202606')).body).toContain('TIK-20260610-0001')
    expect((await c.get('/tiket?q=TIK-20260616')).body).not.toContain('TIK-20260610-0001')
    expect((await c.post('/tiket/TIK-20260610-0001/ambil', {})).status).toBe(303)
    await c.get('/tiket/TIK-20260610-0001')
    const done = await c.post('/tiket/TIK-20260610-0001/status', {
      status: 'selesai',
      catatan: 'Sudah dibantu lewat telepon.'
    })
    expect(done.status).toBe(303)
    const page = await c.get('/tiket/TIK-20260610-0001')
    expect(page.body).toMatch(/<dt>Petugas<\/dt><dd>rina<\/dd>/)
    expect(page.body).toContain('status-selesai')
    const ticket = await h.sql.get<{ status: string; assignee: string }>(
      'SELECT t.status, a.username AS assignee FROM tickets t JOIN staff_accounts a ON a.id = t.assignee_id WHERE t.number = ?',
      ['TIK-20260610-0001']
    )
    expect(ticket).toEqual({ status: 'selesai', assignee: 'rina' })
    const kinds = await h.sql.all<{ kind: string; detail: string }>(
      "SELECT kind, detail FROM ticket_events WHERE ticket_id = (SELECT id FROM tickets WHERE number = 'TIK-20260610-0001') ORDER BY id"
    )
    expect(kinds.map((k) => [k.kind, JSON.parse(k.detail) as unknown])).toEqual([
      ['claimed', { to: 'rina' }],
      ['status', { from: 'baru', to: 'ditangani' }],
      // No gateway in this test: the user could not be told, and the timeline says so.
      ['status', { from: 'ditangani', to: 'selesai', notified: false, reason: expect.any(String) }]
    ])
    // The survey the resolve tried to send could not be delivered, so it was withdrawn; the
    // seeded one of B's ticket is listed.
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM csat_surveys WHERE conversation_key = 'tiket:TIK-20260610-0001'"
      )
    ).toBe(0)
    expect((await c.get('/kepuasan')).body).toContain('TIK-20260616-0001')
    const audited = await h.sql.all<{ action: string; target: string }>(
      "SELECT action, target FROM staff_audit_log WHERE action IN ('ticket_claimed', 'ticket_status') ORDER BY id"
    )
    expect(audited).toEqual([
      { action: 'ticket_claimed', target: 'TIK-20260610-0001' },
      { action: 'ticket_status', target: 'TIK-20260610-0001' }
    ])
  })

  it('exports the audit log as CSV a page at a time, oldest first, every entry once', async () => {
    await h.addAccount('kepala', 'admin')
    await h.sql.run(
      `INSERT INTO staff_audit_log (at, actor, action, target, detail)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)
       SELECT '2026-06-17T02:00:00.000Z', 'uji', 'login', 'baris-' || i, '{}' FROM n`
    )
    const admin = new Client(h.url)
    await admin.login('kepala')
    const csv = await admin.get('/audit.csv?pelaku=uji')
    expect(csv.status).toBe(200)
    const lines = csv.body.trim().split('\r\n').slice(1)
    expect(lines).toHaveLength(1500)
    expect(lines[0]).toContain('"baris-1"')
    expect(lines[1499]).toContain('"baris-1500"')
    expect(new Set(lines).size).toBe(1500)
  })

  it('when two console processes claim the same conversation at the same moment, exactly one wins', async () => {
    const { sql: second } = await openConsoleStore({
      databaseFile: h.databaseFile,
      ...(h.databaseUrl === undefined ? {} : { databaseUrl: h.databaseUrl })
    })
    try {
      const ids = await h.sql.all<{ id: number; username: string }>(
        "SELECT id, username FROM staff_accounts WHERE username IN ('rina', 'budi') ORDER BY username"
      )
      const [budi, rina] = ids as [
        { id: number; username: string },
        { id: number; username: string }
      ]
      const ticket = (await h.sql.get<{ id: number }>(
        "SELECT id FROM tickets WHERE number = 'TIK-20260616-0001'"
      )) as { id: number }
      for (let round = 0; round < 5; round++) {
        const conversation = { id: ticket.id, senderId: `tg-race-${round}` }
        const results = await Promise.all([
          createTakeovers(h.sql, h.clock).claim(conversation, rina, 0),
          createTakeovers(second, h.clock).claim(conversation, budi, 0)
        ])
        const winners = results.filter((r) => r.claimed)
        expect(winners).toHaveLength(1)
        const loser = results.find((r) => !r.claimed)
        const winner = winners[0]
        if (winner?.claimed !== true || loser?.claimed !== false) throw new Error('unreachable')
        expect(loser.heldBy).toBe(winner.takeover.staffUsername)
        expect(
          await count(
            'SELECT COUNT(*) AS n FROM takeovers WHERE sender_id = ? AND ended_at IS NULL',
            [conversation.senderId]
          )
        ).toBe(1)
      }
    } finally {
      await second.close()
    }
  })

  it('lists the review week from the tracker store, with the ticket, the rating and a saved review', async () => {
    const list = await c.get('/tinjauan?dari=2026-06-12&sampai=2026-06-17')
    expect(list.status).toBe(200)
    const ids = [...list.body.matchAll(/href="\/tinjauan\/(\d+)"/g)].map((m) => Number(m[1]))
    expect(ids).toHaveLength(5)
    expect(list.body).toContain('TIK-20260616-0001')
    const handedOver = await c.get('/tinjauan?dari=2026-06-12&sampai=2026-06-17&diserahkan=1')
    expect([...handedOver.body.matchAll(/href="\/tinjauan\/(\d+)"/g)]).toHaveLength(2)
    const first = ids[0] as number
    const page = await c.get(`/tinjauan/${first}`)
    expect(page.status).toBe(200)
    const saved = await c.post(`/tinjauan/${first}/tinjau`, {
      label: 'salah_intent',
      label_lain: 'simpeg',
      ditinjau: '1'
    })
    expect(saved.status).toBe(303)
    const tagged = await c.get('/tinjauan?dari=2026-06-12&sampai=2026-06-17&label=simpeg')
    expect([...tagged.body.matchAll(/href="\/tinjauan\/(\d+)"/g)].map((m) => Number(m[1]))).toEqual(
      [first]
    )
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM conversation_reviews WHERE session_event_id = ? AND reviewed_by = ?',
        [first, 'rina']
      )
    ).toBe(1)
  })

  it('copies the tracker store into the analytics tables once, even when two syncs run at once', async () => {
    const tracker = openRasaTrackerSource(h.tracker.location)
    try {
      const [one, two] = await Promise.all([
        syncTrackerStore(h.sql, tracker),
        syncTrackerStore(h.sql, tracker)
      ])
      expect(one.available && two.available).toBe(true)
      expect(one.copied + two.copied).toBeGreaterThan(0)
      expect((await syncTrackerStore(h.sql, tracker)).copied).toBe(0)
      // Read-only: not even a bug in the console could change Rasa's events.
      const outcome = await tracker.read(async (events) => {
        if (events === undefined) return 'no events table'
        try {
          await events.run('DELETE FROM events')
          return 'deleted'
        } catch (err) {
          return (err as Error).message
        }
      })
      expect(outcome).toMatch(/read-?only/i)
    } finally {
      await tracker.close()
    }
    const page = await c.get('/dasbor?dari=2026-06-01&sampai=2026-06-17')
    expect(page.status).toBe(200)
    const csv = await c.get('/dasbor.csv?bulan=2026-06')
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
    const computed = await createDashboardFigures(h.sql).compute(
      { from: '2026-06-01', to: '2026-06-17' },
      NOW
    )
    // Worked out from reviewWeek(): sessions A, B, C, D, E and F in June; B handed over, E taken over.
    expect(computed.conversations).toBe(6)
    expect(computed.handoffs).toBe(1)
    expect(computed.takeovers).toBe(1)
    expect(computed.fallbacks).toBe(2)
    expect(computed.ticketsOpened).toBe(2)
    expect(computed.ticketsResolved).toBe(1)
    expect(computed.satisfactionCount).toBe(1)
    figures[engine] = computed
  })
})

describe('both engines', () => {
  it('give the same dashboard figures for the same data', () => {
    expect(figures.sqlite).toBeDefined()
    expect(figures.postgres).toEqual(figures.sqlite)
  })
})
