/**
 * The staff console's ticket timeline (ticket_events, migration 4) holds notes and
 * messages about the person: purge and erase remove it with the ticket's personal data.
 */
import { erasePersonalData } from '../../src/privacy/erase'
import { purgeExpiredPersonalData } from '../../src/privacy/retention'
import { openStore, type Store } from '../../src/store'
import { fixedClock } from '../helpers/clock'
import { seedReset } from '../helpers/personal-data-seed'

describe('ticket timeline of the staff console', () => {
  let store: Store
  let clock: ReturnType<typeof fixedClock>
  const note = (ticket: string, body: string): void => {
    store.db
      .prepare(
        "INSERT INTO ticket_events (ticket_id, at, actor, kind, body) SELECT id, created_at, 'petugas1', 'catatan', ? FROM tickets WHERE number = ?"
      )
      .run(body, ticket)
  }
  const bodies = (): string[] =>
    store.db.prepare('SELECT body FROM ticket_events ORDER BY id').pluck().all() as string[]

  beforeEach(() => {
    clock = fixedClock('2026-05-01T03:00:00Z')
    store = openStore(':memory:', clock)
  })
  afterEach(() => {
    store.close()
  })

  it("When a ticket passes RETENTION_DAYS, then its timeline is deleted and a newer ticket's stays", () => {
    const old = seedReset(store, { sender: 'a', nip: '198503152010011001', phone: '6285600000001' })
    note(old.ticket, 'Pak Budi minta dihubungi di 0856 0000 0001')
    clock.set('2026-07-15T03:00:00Z')
    const recent = seedReset(store, {
      sender: 'b',
      nip: '198707222011032001',
      phone: '6285600000002'
    })
    note(recent.ticket, 'Bu Siti sudah dihubungi')
    clock.set('2026-08-01T03:00:00Z')

    expect(purgeExpiredPersonalData(store.db, clock.now(), 90).ticket_events).toBe(1)
    expect(bodies()).toEqual(['Bu Siti sudah dihubungi'])
  })

  it('When a person is erased, then the timeline of their tickets goes too', () => {
    const budi = seedReset(store, {
      sender: 'a',
      nip: '198503152010011001',
      phone: '6285600000001'
    })
    const siti = seedReset(store, {
      sender: 'b',
      nip: '198707222011032001',
      phone: '6285600000002'
    })
    note(budi.ticket, 'catatan Budi')
    note(siti.ticket, 'catatan Siti')

    expect(
      erasePersonalData(store.db, { kind: 'nip', value: '198503152010011001' }).ticket_events
    ).toBe(1)
    expect(bodies()).toEqual(['catatan Siti'])
  })
})
