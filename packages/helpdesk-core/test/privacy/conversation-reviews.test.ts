/**
 * The staff console's conversation reviews (migration 7) name a Rasa sender: purge and erase
 * remove them (with their tags and NLU-review records) like the rest of that person's data.
 */
import { erasePersonalData } from '../../src/privacy/erase'
import { purgeExpiredPersonalData } from '../../src/privacy/retention'
import type { Store } from '../../src/store'
import { ENGINES, openTestStore } from '../helpers/engines'
import { fixedClock } from '../helpers/clock'
import { seedReset } from '../helpers/personal-data-seed'

describe.each(ENGINES)('conversation reviews of the staff console on %s', (engine) => {
  let closeStore: () => Promise<void>
  let store: Store
  let clock: ReturnType<typeof fixedClock>
  let nextEvent = 1
  const review = async (sender: string, startedAt: string): Promise<void> => {
    const row = await store.sql.get<{ id: number }>(
      "INSERT INTO conversation_reviews (sender_id, session_event_id, session_started_at, reviewed_by, reviewed_at, updated_by, updated_at) VALUES (?, ?, ?, 'rina', ?, 'rina', ?) RETURNING id",
      [sender, nextEvent++, startedAt, startedAt, startedAt]
    )
    const id = row?.id ?? 0
    await store.sql.run(
      "INSERT INTO conversation_review_tags (review_id, tag, added_by, added_at) VALUES (?, 'salah_intent', 'rina', ?)",
      [id, startedAt]
    )
    await store.sql.run(
      "INSERT INTO review_nlu_examples (review_id, message_index, intent, masked_text, added_by, added_at) VALUES (?, 0, 'lupa_password', 'lupa sandi', 'rina', ?)",
      [id, startedAt]
    )
  }
  const senders = async (): Promise<string[]> =>
    (
      await store.sql.all<{ sender_id: string }>(
        'SELECT sender_id FROM conversation_reviews ORDER BY id'
      )
    ).map((r) => r.sender_id)
  const children = async (): Promise<number> =>
    (
      await store.sql.get<{ n: number }>(
        'SELECT (SELECT COUNT(*) FROM conversation_review_tags) + (SELECT COUNT(*) FROM review_nlu_examples) AS n'
      )
    )?.n ?? -1

  beforeEach(async () => {
    clock = fixedClock('2026-08-01T03:00:00Z')
    ;({ store, close: closeStore } = await openTestStore(engine, clock))
    nextEvent = 1
  })
  afterEach(async () => {
    await closeStore()
  })

  it('When a conversation started before RETENTION_DAYS, then its review, tags and NLU records are deleted; a newer one stays', async () => {
    await review('111', '2026-04-01T03:00:00.000Z')
    await review('222', '2026-07-20T03:00:00.000Z')

    expect((await purgeExpiredPersonalData(store.sql, clock.now(), 90)).conversation_reviews).toBe(
      1
    )
    expect(await senders()).toEqual(['222'])
    expect(await children()).toBe(2)
  })

  it('When a sender is erased, then the reviews of their conversations go; others stay', async () => {
    await review('111', '2026-07-20T03:00:00.000Z')
    await review('111', '2026-07-21T03:00:00.000Z')
    await review('222', '2026-07-20T03:00:00.000Z')

    expect(
      (await erasePersonalData(store.sql, { kind: 'sender', value: '111' })).conversation_reviews
    ).toBe(2)
    expect(await senders()).toEqual(['222'])
    expect(await children()).toBe(2)
  })

  it('When a person is erased by NIP, then the reviews of the chats their tickets came from go too', async () => {
    await seedReset(store, { sender: '333', nip: '198503152010011001', phone: '6285600000001' })
    await review('333', '2026-07-20T03:00:00.000Z')
    await review('444', '2026-07-20T03:00:00.000Z')

    expect(
      (await erasePersonalData(store.sql, { kind: 'nip', value: '198503152010011001' }))
        .conversation_reviews
    ).toBe(1)
    expect(await senders()).toEqual(['444'])
  })
})
