/**
 * Satisfaction surveys hold personal data (the chat id, and the comment the user typed): purge and
 * erase clear it and keep the rating for the SKM statistics.
 */
import { erasePersonalData } from '../../src/privacy/erase'
import { purgeExpiredPersonalData } from '../../src/privacy/retention'
import { sessionSurveyKey, ticketSurveyKey } from '../../src/satisfaction/satisfaction-repository'
import { openStore, type Store } from '../../src/store'
import { fixedClock } from '../helpers/clock'
import { seedReset } from '../helpers/personal-data-seed'

const DAY = 24 * 60 * 60 * 1000
const NOW = '2026-09-01T03:00:00.000Z'
const BUDI = { sender: '700100', nip: '198501012010011001', phone: '6281200000001' }
const COMMENT = 'Petugasnya lama, nomor saya 081234567890'

function surveys(store: Store): Array<Record<string, unknown>> {
  return store.db.prepare('SELECT * FROM csat_surveys ORDER BY id').all() as Array<
    Record<string, unknown>
  >
}

describe('satisfaction surveys: purge and erase', () => {
  let clock: ReturnType<typeof fixedClock>
  let store: Store
  beforeEach(() => {
    clock = fixedClock(NOW)
    store = openStore(':memory:', clock)
  })
  afterEach(() => {
    store.close()
  })

  /** A rated and commented survey of `sender`, asked at the clock's time. */
  function rated(sender: string, key: string, ticketNumber?: string): void {
    store.satisfaction.open({
      conversationKey: key,
      senderId: sender,
      source: ticketNumber === undefined ? 'layanan_mandiri' : 'tiket',
      ...(ticketNumber === undefined ? {} : { ticketNumber })
    })
    store.satisfaction.recordRating(sender, 2)
    store.satisfaction.recordComment(sender, COMMENT)
  }

  it('When a purge runs, then surveys asked before the cutoff lose sender, key and comment but keep the rating; newer ones stay', () => {
    clock.set(new Date(Date.parse(NOW) - 91 * DAY).toISOString())
    rated('old-chat', sessionSurveyKey('old-chat', '2026-06-01T00:00:00Z'))
    clock.set(new Date(Date.parse(NOW) - 89 * DAY).toISOString())
    rated('recent-chat', sessionSurveyKey('recent-chat', '2026-06-03T00:00:00Z'))
    clock.set(NOW)

    const removed = purgeExpiredPersonalData(store.db, new Date(NOW), 90)

    expect(removed.csat_surveys).toBe(1)
    const [old, recent] = surveys(store)
    expect(old).toMatchObject({ sender_id: 'anonim', comment: null, rating: 2 })
    expect(JSON.stringify(old)).not.toContain('old-chat')
    expect(recent).toMatchObject({ sender_id: 'recent-chat', comment: COMMENT, rating: 2 })
    // A second purge finds nothing left to clear.
    expect(purgeExpiredPersonalData(store.db, new Date(NOW), 90).csat_surveys).toBe(0)
  })

  it('When erasing by sender id, then that chat’s surveys are anonymised and nobody else’s', () => {
    rated('700100', sessionSurveyKey('700100', '2026-09-01T02:00:00Z'))
    rated('700200', sessionSurveyKey('700200', '2026-09-01T02:00:00Z'))

    const removed = erasePersonalData(store.db, { kind: 'sender', value: '700100' })

    expect(removed.csat_surveys).toBe(1)
    const text = JSON.stringify(surveys(store))
    expect(text).not.toContain('700100')
    expect(text).toContain('700200')
    expect(surveys(store)[0]).toMatchObject({ rating: 2, comment: null })
  })

  it('When erasing by NIP, then the survey of that person’s ticket loses its comment and chat id', () => {
    const { ticket } = seedReset(store, BUDI)
    rated(BUDI.sender, ticketSurveyKey(ticket), ticket)

    const removed = erasePersonalData(store.db, { kind: 'nip', value: BUDI.nip })

    expect(removed.csat_surveys).toBe(1)
    expect(surveys(store)[0]).toMatchObject({
      sender_id: 'anonim',
      comment: null,
      rating: 2,
      ticket_number: ticket
    })
    expect(JSON.stringify(surveys(store))).not.toContain(COMMENT)
  })
})
