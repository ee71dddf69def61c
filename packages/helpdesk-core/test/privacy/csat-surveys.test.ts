/**
 * Satisfaction surveys hold personal data (the chat id, and the comment the user typed): purge and
 * erase clear it and keep the rating for the SKM statistics.
 */
import { erasePersonalData } from '../../src/privacy/erase'
import { purgeExpiredPersonalData } from '../../src/privacy/retention'
import { sessionSurveyKey, ticketSurveyKey } from '../../src/satisfaction/satisfaction-repository'
import type { Store } from '../../src/store'
import { ENGINES, openTestStore } from '../helpers/engines'
import { fixedClock } from '../helpers/clock'
import { seedReset } from '../helpers/personal-data-seed'

const DAY = 24 * 60 * 60 * 1000
const NOW = '2026-09-01T03:00:00.000Z'
const BUDI = { sender: '700100', nip: '198501012010011001', phone: '6281200000001' }
const COMMENT = 'Petugasnya lama, nomor saya 081234567890'

function surveys(store: Store): Promise<Array<Record<string, unknown>>> {
  return store.sql.all('SELECT * FROM csat_surveys ORDER BY id')
}

describe.each(ENGINES)('satisfaction surveys: purge and erase on %s', (engine) => {
  let closeStore: () => Promise<void>
  let clock: ReturnType<typeof fixedClock>
  let store: Store
  beforeEach(async () => {
    clock = fixedClock(NOW)
    ;({ store, close: closeStore } = await openTestStore(engine, clock))
  })
  afterEach(async () => {
    await closeStore()
  })

  /** A rated and commented survey of `sender`, asked at the clock's time. */
  async function rated(sender: string, key: string, ticketNumber?: string): Promise<void> {
    await store.satisfaction.open({
      conversationKey: key,
      senderId: sender,
      source: ticketNumber === undefined ? 'layanan_mandiri' : 'tiket',
      ...(ticketNumber === undefined ? {} : { ticketNumber })
    })
    await store.satisfaction.recordRating(sender, 2)
    await store.satisfaction.recordComment(sender, COMMENT)
  }

  it('When a purge runs, then surveys asked before the cutoff lose sender, key and comment but keep the rating; newer ones stay', async () => {
    clock.set(new Date(Date.parse(NOW) - 91 * DAY).toISOString())
    await rated('old-chat', sessionSurveyKey('old-chat', '2026-06-01T00:00:00Z'))
    clock.set(new Date(Date.parse(NOW) - 89 * DAY).toISOString())
    await rated('recent-chat', sessionSurveyKey('recent-chat', '2026-06-03T00:00:00Z'))
    clock.set(NOW)

    const removed = await purgeExpiredPersonalData(store.sql, new Date(NOW), 90)

    expect(removed.csat_surveys).toBe(1)
    const [old, recent] = await surveys(store)
    expect(old).toMatchObject({ sender_id: 'anonim', comment: null, rating: 2 })
    expect(JSON.stringify(old)).not.toContain('old-chat')
    expect(recent).toMatchObject({ sender_id: 'recent-chat', comment: COMMENT, rating: 2 })
    // A second purge finds nothing left to clear.
    expect((await purgeExpiredPersonalData(store.sql, new Date(NOW), 90)).csat_surveys).toBe(0)
  })

  it('When erasing by sender id, then that chat’s surveys are anonymised and nobody else’s', async () => {
    await rated('700100', sessionSurveyKey('700100', '2026-09-01T02:00:00Z'))
    await rated('700200', sessionSurveyKey('700200', '2026-09-01T02:00:00Z'))

    const removed = await erasePersonalData(store.sql, { kind: 'sender', value: '700100' })

    expect(removed.csat_surveys).toBe(1)
    const text = JSON.stringify(await surveys(store))
    expect(text).not.toContain('700100')
    expect(text).toContain('700200')
    expect((await surveys(store))[0]).toMatchObject({ rating: 2, comment: null })
  })

  it('When erasing by NIP, then the survey of that person’s ticket loses its comment and chat id', async () => {
    const { ticket } = await seedReset(store, BUDI)
    await rated(BUDI.sender, ticketSurveyKey(ticket), ticket)

    const removed = await erasePersonalData(store.sql, { kind: 'nip', value: BUDI.nip })

    expect(removed.csat_surveys).toBe(1)
    expect((await surveys(store))[0]).toMatchObject({
      sender_id: 'anonim',
      comment: null,
      rating: 2,
      ticket_number: ticket
    })
    expect(JSON.stringify(await surveys(store))).not.toContain(COMMENT)
  })
})
