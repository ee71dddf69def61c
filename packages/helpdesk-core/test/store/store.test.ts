import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrate, openDatabase } from '../../src/store/database'
import { MIGRATIONS } from '../../src/store/migrations'
import { openStore } from '../../src/store'
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

  it('When tickets are opened, then numbers follow TIK-YYYYMMDD-NNNN per WIB day', () => {
    const clock = fixedClock('2026-06-15T16:59:00Z') // 23:59 WIB
    const store = openStore(':memory:', clock)
    const base = {
      category: 'handoff' as const,
      senderId: '777',
      summary: 'Minta petugas',
      data: { sistem: 'simasn' }
    }
    expect(store.tickets.open(base).number).toBe('TIK-20260615-0001')
    expect(store.tickets.open(base).number).toBe('TIK-20260615-0002')
    clock.set('2026-06-15T17:00:00Z') // 00:00 WIB next day
    const next = store.tickets.open(base)
    expect(next).toEqual({
      ...base,
      number: 'TIK-20260616-0001',
      status: 'baru',
      createdAt: '2026-06-15T17:00:00.000Z',
      created: true
    })
    const { created: _created, ...stored } = next
    expect(store.tickets.find('TIK-20260616-0001')).toEqual(stored)
  })

  it('When the same request key opens a ticket twice, then the first ticket is returned', () => {
    const store = openStore(':memory:', fixedClock('2026-06-15T08:00:00Z'))
    const ticket = {
      category: 'handoff' as const,
      senderId: '777',
      summary: 'Minta petugas',
      data: {},
      requestKey: 'handoff:777:m1'
    }
    expect(store.tickets.open(ticket).number).toBe('TIK-20260615-0001')
    expect(store.tickets.open(ticket)).toMatchObject({
      number: 'TIK-20260615-0001',
      created: false
    })
    expect(store.tickets.list()).toHaveLength(1)
    store.close()
  })

  it('When the same idempotency key is enqueued twice, then the outbox keeps one message', () => {
    const store = openStore(':memory:', fixedClock('2026-06-15T08:00:00Z'))
    const message = {
      idempotencyKey: 'reset:777:m1',
      recipient: '6285600000001',
      payload: { type: 'text' },
      containsSecret: false
    }
    const first = store.outbox.enqueue(message)
    const second = store.outbox.enqueue({ ...message, payload: { type: 'other' } })
    expect(first.created).toBe(true)
    expect(second).toEqual({ created: false, message: first.message })
    expect(store.outbox.list()).toHaveLength(1)
    store.close()
  })

  it('When audit entries age past the window, then they no longer count', () => {
    const clock = fixedClock('2026-06-15T08:00:00Z')
    const store = openStore(':memory:', clock)
    store.audit.record('777', 'identity_lookup', { identitas: '1985***********001' })
    clock.advance(30 * 60 * 1000)
    store.audit.record('777', 'identity_lookup')
    store.audit.record('888', 'identity_lookup')
    expect(store.audit.count('777', 'identity_lookup', 60 * 60 * 1000)).toBe(2)
    clock.advance(31 * 60 * 1000)
    expect(store.audit.count('777', 'identity_lookup', 60 * 60 * 1000)).toBe(1)
    store.close()
  })

  it('When a TTE request is recorded, then the latest one for that identity is found', () => {
    const store = openStore(':memory:', fixedClock('2026-06-15T08:00:00Z'))
    const ticket = store.tickets.open({
      category: 'tte',
      senderId: '777',
      summary: 'Daftar TTE',
      data: {}
    })
    store.tteRequests.record({
      ticketNumber: ticket.number,
      senderId: '777',
      jenisIdentitas: 'nik',
      identitas: '3204115609970001'
    })
    expect(store.tteRequests.latestFor('3204115609970001')).toEqual({
      ticketNumber: 'TIK-20260615-0001',
      senderId: '777',
      jenisIdentitas: 'nik',
      identitas: '3204115609970001',
      status: 'diajukan',
      createdAt: '2026-06-15T08:00:00.000Z'
    })
    expect(store.tteRequests.latestFor('198503152010011001')).toBeUndefined()
    store.close()
  })
})
