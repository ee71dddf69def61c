import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrate, openDatabase } from '../../src/store/database'
import { MIGRATIONS } from '../../src/store/migrations'
import { openStore, type Store } from '../../src/store'
import type { StoreLocation } from '../../src'
import { ENGINES, openTestStore } from '../helpers/engines'
import { fixedClock } from '../helpers/clock'

describe('SQLite store', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'helpdesk-store-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('When the database file is in a missing folder, then the folder is created and migrations run once', () => {
    const file = join(dir, 'var', 'nested', 'helpdesk.sqlite')
    const db = openDatabase(file)
    expect(existsSync(file)).toBe(true)
    expect(
      db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()
    ).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })))
    expect(migrate(db)).toEqual([])
    db.close()
    const reopened = openDatabase(file)
    expect(
      (reopened.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n
    ).toBe(MIGRATIONS.length)
    reopened.close()
  })

  it('When a newer migration ships, then only it is applied to an existing database', () => {
    const db = openDatabase(':memory:')
    const next = Math.max(...MIGRATIONS.map((m) => m.version)) + 1
    expect(
      migrate(db, [
        ...MIGRATIONS,
        { version: next, name: 'staff notes', sql: 'ALTER TABLE tickets ADD COLUMN note TEXT' }
      ])
    ).toEqual([next])
    expect(
      (db.prepare('PRAGMA table_info(tickets)').all() as Array<{ name: string }>).map((c) => c.name)
    ).toContain('note')
    db.close()
  })

  it('When a database ran a later migration before an earlier one shipped, then the earlier one is still applied', () => {
    const db = openDatabase(':memory:')
    const next = Math.max(...MIGRATIONS.map((m) => m.version)) + 2
    const later = { version: next, name: 'later', sql: 'CREATE TABLE later_feature (id INTEGER)' }
    const earlier = {
      version: next - 1,
      name: 'earlier',
      sql: 'CREATE TABLE earlier_feature (id INTEGER)'
    }
    expect(migrate(db, [...MIGRATIONS, later])).toEqual([next])
    expect(migrate(db, [...MIGRATIONS, earlier, later])).toEqual([next - 1])
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE name = 'earlier_feature'").get()
    ).toEqual({
      name: 'earlier_feature'
    })
    db.close()
  })
})

describe.each(ENGINES)('store on %s', (engine) => {
  const base = {
    category: 'handoff' as const,
    senderId: '777',
    summary: 'Minta petugas',
    data: { sistem: 'simasn' }
  }
  let clock: ReturnType<typeof fixedClock>
  let store: Store
  let location: StoreLocation
  let close: () => Promise<void>
  beforeEach(async () => {
    clock = fixedClock('2026-06-15T08:00:00Z')
    ;({ store, location, close } = await openTestStore(engine, clock))
  })
  afterEach(async () => close())

  it('When tickets are opened, then numbers follow TIK-YYYYMMDD-NNNN per WIB day', async () => {
    clock.set('2026-06-15T16:59:00Z') // 23:59 WIB
    expect((await store.tickets.open(base)).number).toBe('TIK-20260615-0001')
    expect((await store.tickets.open(base)).number).toBe('TIK-20260615-0002')
    clock.set('2026-06-15T17:00:00Z') // 00:00 WIB next day
    const next = await store.tickets.open(base)
    expect(next).toEqual({
      ...base,
      number: 'TIK-20260616-0001',
      status: 'baru',
      createdAt: '2026-06-15T17:00:00.000Z',
      created: true
    })
    const { created: _created, ...stored } = next
    expect(await store.tickets.find('TIK-20260616-0001')).toEqual(stored)
  })

  it('When two processes open many tickets at once, then every number is distinct and the day has no gaps', async () => {
    const other = await openStore(location, clock)
    try {
      const opened = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 === 0 ? store : other).tickets.open({ ...base, senderId: `s${i}` })
        )
      )
      const numbers = opened.map((t) => t.number).sort()
      expect(new Set(numbers).size).toBe(40)
      expect(numbers).toEqual(
        Array.from({ length: 40 }, (_, i) => `TIK-20260615-${String(i + 1).padStart(4, '0')}`)
      )
      expect(await store.tickets.list()).toHaveLength(40)
    } finally {
      await other.close()
    }
  }, 60000)

  it('When two processes open a ticket with the same request key at once, then one ticket exists and no number is skipped', async () => {
    const other = await openStore(location, clock)
    try {
      const ticket = { ...base, requestKey: 'handoff:777:race' }
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? store : other).tickets.open(ticket))
      )
      expect(new Set(results.map((t) => t.number))).toEqual(new Set(['TIK-20260615-0001']))
      expect(results.filter((t) => t.created)).toHaveLength(1)
      expect((await store.tickets.open(base)).number).toBe('TIK-20260615-0002')
    } finally {
      await other.close()
    }
  }, 60000)

  it('When tickets were numbered before the counter existed, then numbering continues after them', async () => {
    await store.sql.run(
      `INSERT INTO tickets (number, day, seq, category, sender_id, summary, data, created_at)
       VALUES ('TIK-20260615-0007', '20260615', 7, 'handoff', '1', 's', '{}', '2026-06-15T01:00:00.000Z')`
    )
    await store.sql.run('DELETE FROM ticket_counters')
    await store.sql.run(
      'INSERT INTO ticket_counters (day, last_seq) SELECT day, MAX(seq) FROM tickets GROUP BY day'
    )
    expect((await store.tickets.open(base)).number).toBe('TIK-20260615-0008')
  })

  it('When the same request key opens a ticket twice, then the first ticket is returned', async () => {
    const ticket = { ...base, data: {}, requestKey: 'handoff:777:m1' }
    expect((await store.tickets.open(ticket)).number).toBe('TIK-20260615-0001')
    expect(await store.tickets.open(ticket)).toMatchObject({
      number: 'TIK-20260615-0001',
      created: false
    })
    expect(await store.tickets.list()).toHaveLength(1)
  })

  it('When the same idempotency key is enqueued twice, then the outbox keeps one message', async () => {
    const message = {
      idempotencyKey: 'reset:777:m1',
      recipient: '6285600000001',
      payload: { type: 'text' },
      containsSecret: false
    }
    const first = await store.outbox.enqueue(message)
    const second = await store.outbox.enqueue({ ...message, payload: { type: 'other' } })
    expect(first.created).toBe(true)
    expect(second).toEqual({ created: false, message: first.message })
    expect(await store.outbox.list()).toHaveLength(1)
  })

  it('When two processes claim the same outbox message, then exactly one gets it, with its owner and lease', async () => {
    const other = await openStore(location, clock)
    try {
      const { message } = await store.outbox.enqueue({
        idempotencyKey: 'k1',
        recipient: '6285600000001',
        payload: { type: 'text' },
        containsSecret: false
      })
      const claims = await Promise.all([
        store.outbox.claim(message.id, 'host-a:1:aa', 60_000),
        other.outbox.claim(message.id, 'host-b:2:bb', 60_000)
      ])
      expect(claims.filter(Boolean)).toHaveLength(1)
      const row = await store.outbox.get(message.id)
      expect(row).toMatchObject({
        status: 'sending',
        attempts: 1,
        claimedBy: claims[0] ? 'host-a:1:aa' : 'host-b:2:bb',
        leaseExpiresAt: '2026-06-15T08:01:00.000Z'
      })
    } finally {
      await other.close()
    }
  })

  it('When a send is in progress, then only an expired lease or an earlier process of the same host and pid makes it interrupted', async () => {
    const { message } = await store.outbox.enqueue({
      idempotencyKey: 'k2',
      recipient: '6285600000001',
      payload: { type: 'text' },
      containsSecret: false
    })
    await store.outbox.claim(message.id, 'host-a:100:aa', 60_000)
    expect(await store.outbox.interrupted('host-b:200:')).toEqual([])
    expect((await store.outbox.interrupted('host-a:100:')).map((m) => m.id)).toEqual([message.id])
    expect(await store.outbox.interrupted('host-a:10:')).toEqual([])
    clock.advance(60_000)
    expect((await store.outbox.interrupted('host-b:200:')).map((m) => m.id)).toEqual([message.id])
  })

  it('When audit entries age past the window, then they no longer count', async () => {
    await store.audit.record('777', 'identity_lookup', { identitas: '1985***********001' })
    clock.advance(30 * 60 * 1000)
    await store.audit.record('777', 'identity_lookup')
    await store.audit.record('888', 'identity_lookup')
    expect(await store.audit.count('777', 'identity_lookup', 60 * 60 * 1000)).toBe(2)
    clock.advance(31 * 60 * 1000)
    expect(await store.audit.count('777', 'identity_lookup', 60 * 60 * 1000)).toBe(1)
  })

  it('When a TTE request is recorded, then the latest one for that identity is found', async () => {
    const ticket = await store.tickets.open({
      category: 'tte',
      senderId: '777',
      summary: 'Daftar TTE',
      data: {}
    })
    await store.tteRequests.record({
      ticketNumber: ticket.number,
      senderId: '777',
      jenisIdentitas: 'nik',
      identitas: '3204115609970001'
    })
    expect(await store.tteRequests.latestFor('3204115609970001')).toEqual({
      ticketNumber: 'TIK-20260615-0001',
      senderId: '777',
      jenisIdentitas: 'nik',
      identitas: '3204115609970001',
      status: 'diajukan',
      createdAt: '2026-06-15T08:00:00.000Z'
    })
    expect(await store.tteRequests.latestFor('198503152010011001')).toBeUndefined()
  })
})
