/**
 * The staff console's ticket timeline (ticket_events, migration 4) holds notes and
 * messages about the person: purge and erase remove it with the ticket's personal data.
 */
import { erasePersonalData } from '../../src/privacy/erase'
import { purgeExpiredPersonalData } from '../../src/privacy/retention'
import type { Store } from '../../src/store'
import { ENGINES, openTestStore } from '../helpers/engines'
import { fixedClock } from '../helpers/clock'
import { seedReset } from '../helpers/personal-data-seed'

describe.each(ENGINES)('ticket timeline of the staff console on %s', (engine) => {
  let closeStore: () => Promise<void>
  let store: Store
  let clock: ReturnType<typeof fixedClock>
  const note = async (ticket: string, body: string): Promise<void> => {
    await store.sql.run(
      "INSERT INTO ticket_events (ticket_id, at, actor, kind, body) SELECT id, created_at, 'petugas1', 'catatan', ? FROM tickets WHERE number = ?",
      [body, ticket]
    )
  }
  const bodies = async (): Promise<string[]> =>
    (await store.sql.all<{ body: string }>('SELECT body FROM ticket_events ORDER BY id')).map(
      (r) => r.body
    )

  beforeEach(async () => {
    clock = fixedClock('2026-05-01T03:00:00Z')
    ;({ store, close: closeStore } = await openTestStore(engine, clock))
  })
  afterEach(async () => {
    await closeStore()
  })

  it("When a ticket passes RETENTION_DAYS, then its timeline is deleted and a newer ticket's stays", async () => {
    const old = await seedReset(store, {
      sender: 'a',
      nip: '198503152010011001',
      phone: '6285600000001'
    })
    await note(old.ticket, 'Pak Budi minta dihubungi di 0856 0000 0001')
    clock.set('2026-07-15T03:00:00Z')
    const recent = await seedReset(store, {
      sender: 'b',
      nip: '198707222011032001',
      phone: '6285600000002'
    })
    await note(recent.ticket, 'Bu Siti sudah dihubungi')
    clock.set('2026-08-01T03:00:00Z')

    expect((await purgeExpiredPersonalData(store.sql, clock.now(), 90)).ticket_events).toBe(1)
    expect(await bodies()).toEqual(['Bu Siti sudah dihubungi'])
  })

  it('When a person is erased, then the timeline of their tickets goes too', async () => {
    const budi = await seedReset(store, {
      sender: 'a',
      nip: '198503152010011001',
      phone: '6285600000001'
    })
    const siti = await seedReset(store, {
      sender: 'b',
      nip: '198707222011032001',
      phone: '6285600000002'
    })
    await note(budi.ticket, 'catatan Budi')
    await note(siti.ticket, 'catatan Siti')

    expect(
      (await erasePersonalData(store.sql, { kind: 'nip', value: '198503152010011001' }))
        .ticket_events
    ).toBe(1)
    expect(await bodies()).toEqual(['catatan Siti'])
  })
})
