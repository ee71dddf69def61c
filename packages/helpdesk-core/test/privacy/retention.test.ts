/** RETENTION_DAYS: personal data older than the retention period is erased; newer data is kept. */
import pino from 'pino'
import { purgeExpiredPersonalData } from '../../src/privacy/retention'
import { scheduleRetention } from '../../src/privacy/retention-schedule'
import { emptyCounts } from '../../src/privacy/personal-data'
import type { Store } from '../../src/store'
import { ENGINES, openTestStore } from '../helpers/engines'
import { fixedClock } from '../helpers/clock'
import {
  everything,
  seedReset,
  seedTte,
  seedTteStatusNotice,
  tableCounts
} from '../helpers/personal-data-seed'

/** Every table at 0: each expectation lists only what it expects removed. */
const NOTHING_REMOVED = emptyCounts()

const DAY = 24 * 60 * 60 * 1000
const NOW = '2026-09-01T03:00:00.000Z'
const daysBefore = (days: number, extraMs = 0): string =>
  new Date(Date.parse(NOW) - days * DAY + extraMs).toISOString()

describe.each(ENGINES)('retention (RETENTION_DAYS) on %s', (engine) => {
  let clock: ReturnType<typeof fixedClock>
  let store: Store
  let closeStore: () => Promise<void>
  beforeEach(async () => {
    clock = fixedClock(NOW)
    ;({ store, close: closeStore } = await openTestStore(engine, clock))
  })
  afterEach(async () => {
    await closeStore()
  })

  /** old: 91 days ago, edge: exactly 90 days ago, recent: 89 days ago. */
  async function seedThreeAges(): Promise<void> {
    clock.set(daysBefore(91))
    await seedReset(store, {
      sender: 'old-chat',
      nip: '198501012010011001',
      phone: '6281200000001'
    })
    await seedTte(store, { sender: 'old-chat', nik: '3603010101850001' })
    clock.set(daysBefore(90))
    await seedReset(store, {
      sender: 'edge-chat',
      nip: '198501012010011002',
      phone: '6281200000002'
    })
    clock.set(daysBefore(89))
    await seedTte(store, { sender: 'recent-chat', nik: '3603010101850003' })
    clock.set(NOW)
  }

  it('When a purge runs, then rows created before the cutoff lose their personal data and rows at or after it are untouched', async () => {
    await seedThreeAges()
    const before = await tableCounts(store)

    const removed = await purgeExpiredPersonalData(store.sql, clock.now(), 90)

    expect(removed).toEqual({
      ...NOTHING_REMOVED,
      tickets: 2,
      tte_requests: 1,
      whatsapp_outbox: 1,
      audit_log: 4
    })
    const after = await tableCounts(store)
    expect(after).toEqual({
      tickets: before.tickets, // tickets stay for the statistics …
      tickets_with_personal_data: before.tickets - 2, // … without the person
      tte_requests: before.tte_requests - 1,
      whatsapp_outbox: before.whatsapp_outbox - 1,
      audit_log: before.audit_log - 4
    })
    const left = await everything(store)
    expect(left).not.toContain('198501012010011001')
    expect(left).not.toContain('3603010101850001')
    expect(left).not.toContain('6281200000001')
    expect(left).not.toContain('old-chat')
    expect(left).toContain('198501012010011002') // exactly 90 days: still inside the promise
    expect(left).toContain('3603010101850003')
    const oldTickets = (await store.tickets.list()).filter((t) => t.createdAt === daysBefore(91))
    expect(
      oldTickets.map((t) => ({
        category: t.category,
        summary: t.summary,
        senderId: t.senderId,
        data: t.data
      }))
    ).toEqual([
      {
        category: 'reset_password',
        summary: 'Reset password SIMASN (dikerjakan petugas)',
        senderId: 'anonim',
        data: {}
      },
      { category: 'tte', summary: 'Pendaftaran TTE', senderId: 'anonim', data: {} }
    ])
  })

  it('When an owner notice without a ticket (TTE status check) is past the cutoff, then the purge deletes it and its audit entry; a newer one stays', async () => {
    const notice = (sender: string, phone: string) =>
      seedTteStatusNotice(store, {
        sender,
        identity: '198501012010011001',
        phone,
        fullName: 'Budi Santoso',
        label: 'NIP'
      })
    clock.set(daysBefore(91))
    await notice('old-chat', '6281200000001')
    clock.set(daysBefore(89))
    await notice('recent-chat', '6281200000002')
    clock.set(NOW)

    expect(await purgeExpiredPersonalData(store.sql, clock.now(), 90)).toEqual({
      ...NOTHING_REMOVED,
      whatsapp_outbox: 1,
      audit_log: 1
    })
    expect((await store.outbox.list()).map((m) => [m.recipient, m.ticketNumber])).toEqual([
      ['6281200000002', null]
    ])
  })

  it('When a purge runs twice, then the second one finds nothing left to remove', async () => {
    await seedThreeAges()
    await purgeExpiredPersonalData(store.sql, clock.now(), 90)

    expect(await purgeExpiredPersonalData(store.sql, clock.now(), 90)).toEqual({
      ...NOTHING_REMOVED
    })
  })

  it('When one millisecond passes the 90-day edge, then the next purge takes that row too', async () => {
    await seedThreeAges()
    await purgeExpiredPersonalData(store.sql, clock.now(), 90)
    clock.advance(1)

    expect(await purgeExpiredPersonalData(store.sql, clock.now(), 90)).toEqual({
      ...NOTHING_REMOVED,
      tickets: 1,
      whatsapp_outbox: 1,
      audit_log: 3
    })
    expect(await everything(store)).not.toContain('198501012010011002')
  })

  it('When RETENTION_DAYS is shorter, then more is removed', async () => {
    await seedThreeAges()

    expect((await purgeExpiredPersonalData(store.sql, clock.now(), 30)).tickets).toBe(4)
    expect((await tableCounts(store)).tickets_with_personal_data).toBe(0)
  })

  it('When the schedule starts, then it purges at once and again at every interval', async () => {
    clock.set(daysBefore(91))
    await seedReset(store, { sender: 'a', nip: '198501012010011001', phone: '6281200000001' })
    clock.set(daysBefore(80))
    await seedReset(store, { sender: 'b', nip: '198501012010011002', phone: '6281200000002' })
    clock.set(NOW)
    const logger = pino({ level: 'silent' })

    const schedule = scheduleRetention({
      sql: store.sql,
      clock,
      retentionDays: 90,
      logger,
      intervalMs: 20
    })
    try {
      await schedule.firstRun
      expect((await tableCounts(store)).tickets_with_personal_data).toBe(1) // the start-up run
      clock.advance(11 * DAY)
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect((await tableCounts(store)).tickets_with_personal_data).toBe(0) // a timer run
    } finally {
      await schedule.stop()
    }
  })
})
