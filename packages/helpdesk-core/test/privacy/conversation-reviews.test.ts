/**
 * The staff console's conversation reviews (migration 7) name a Rasa sender: purge and erase
 * remove them (with their tags and NLU-review records) like the rest of that person's data.
 */
import { erasePersonalData } from '../../src/privacy/erase'
import { purgeExpiredPersonalData } from '../../src/privacy/retention'
import { openStore, type Store } from '../../src/store'
import { fixedClock } from '../helpers/clock'
import { seedReset } from '../helpers/personal-data-seed'

describe('conversation reviews of the staff console', () => {
  let store: Store
  let clock: ReturnType<typeof fixedClock>
  let nextEvent = 1
  const review = (sender: string, startedAt: string): void => {
    const id = store.db
      .prepare(
        "INSERT INTO conversation_reviews (sender_id, session_event_id, session_started_at, reviewed_by, reviewed_at, updated_by, updated_at) VALUES (?, ?, ?, 'rina', ?, 'rina', ?)"
      )
      .run(sender, nextEvent++, startedAt, startedAt, startedAt).lastInsertRowid
    store.db
      .prepare(
        "INSERT INTO conversation_review_tags (review_id, tag, added_by, added_at) VALUES (?, 'salah_intent', 'rina', ?)"
      )
      .run(id, startedAt)
    store.db
      .prepare(
        "INSERT INTO review_nlu_examples (review_id, message_index, intent, masked_text, added_by, added_at) VALUES (?, 0, 'lupa_password', 'lupa sandi', 'rina', ?)"
      )
      .run(id, startedAt)
  }
  const senders = (): string[] =>
    store.db
      .prepare('SELECT sender_id FROM conversation_reviews ORDER BY id')
      .pluck()
      .all() as string[]
  const children = (): number =>
    store.db
      .prepare(
        'SELECT (SELECT COUNT(*) FROM conversation_review_tags) + (SELECT COUNT(*) FROM review_nlu_examples)'
      )
      .pluck()
      .get() as number

  beforeEach(() => {
    clock = fixedClock('2026-08-01T03:00:00Z')
    store = openStore(':memory:', clock)
    nextEvent = 1
  })
  afterEach(() => {
    store.close()
  })

  it('When a conversation started before RETENTION_DAYS, then its review, tags and NLU records are deleted; a newer one stays', () => {
    review('111', '2026-04-01T03:00:00.000Z')
    review('222', '2026-07-20T03:00:00.000Z')

    expect(purgeExpiredPersonalData(store.db, clock.now(), 90).conversation_reviews).toBe(1)
    expect(senders()).toEqual(['222'])
    expect(children()).toBe(2)
  })

  it('When a sender is erased, then the reviews of their conversations go; others stay', () => {
    review('111', '2026-07-20T03:00:00.000Z')
    review('111', '2026-07-21T03:00:00.000Z')
    review('222', '2026-07-20T03:00:00.000Z')

    expect(erasePersonalData(store.db, { kind: 'sender', value: '111' }).conversation_reviews).toBe(
      2
    )
    expect(senders()).toEqual(['222'])
    expect(children()).toBe(2)
  })

  it('When a person is erased by NIP, then the reviews of the chats their tickets came from go too', () => {
    seedReset(store, { sender: '333', nip: '198503152010011001', phone: '6285600000001' })
    review('333', '2026-07-20T03:00:00.000Z')
    review('444', '2026-07-20T03:00:00.000Z')

    expect(
      erasePersonalData(store.db, { kind: 'nip', value: '198503152010011001' }).conversation_reviews
    ).toBe(1)
    expect(senders()).toEqual(['444'])
  })
})
