/**
 * The dashboard's analytics (migration 8): masked misunderstood texts are deleted after
 * RETENTION_DAYS and by an erasure of their chat; the chat key of the copied Rasa events is
 * cleared the same way while the counts stay; the gateway's turn timings hold nothing personal.
 */
import { analyticsSenderKey } from '../../src/analytics/sender-key'
import { createTurnTimingLog } from '../../src/analytics/turn-timings'
import { erasePersonalData } from '../../src/privacy/erase'
import { purgeExpiredPersonalData } from '../../src/privacy/retention'
import type { Store } from '../../src/store'
import { ENGINES, openTestStore } from '../helpers/engines'

describe.each(ENGINES)('dashboard analytics under RETENTION_DAYS and erasure on %s', (engine) => {
  let closeStore: () => Promise<void>
  let store: Store
  const now = new Date('2026-06-30T03:00:00Z')
  const seed = async (sender: string, iso: string, eventId: number): Promise<void> => {
    const key = analyticsSenderKey(sender)
    const at = Date.parse(iso) / 1000
    await store.sql.run(
      'INSERT INTO analytics_sessions (sender_key, started_at, day, messages) VALUES (?, ?, ?, 1)',
      [key, at, iso.slice(0, 10)]
    )
    await store.sql.run(
      'INSERT INTO unrecognized_messages (event_id, sender_key, at, day, text) VALUES (?, ?, ?, ?, ?)',
      [eventId, key, iso, iso.slice(0, 10), `teks ${eventId}`]
    )
  }
  const count = async (query: string): Promise<number> =>
    (await store.sql.get<{ n: number }>(query))?.n ?? -1
  const texts = async (): Promise<string[]> =>
    (
      await store.sql.all<{ text: string }>(
        'SELECT text FROM unrecognized_messages ORDER BY event_id'
      )
    ).map((r) => r.text)
  const keyed = (): Promise<number> =>
    count('SELECT COUNT(*) AS n FROM analytics_sessions WHERE sender_key IS NOT NULL')

  beforeEach(async () => {
    ;({ store, close: closeStore } = await openTestStore(engine, { now: () => now }))
    await seed('111', '2026-03-01T02:00:00.000Z', 1) // 121 days before now
    await seed('222', '2026-06-20T02:00:00.000Z', 2)
    await createTurnTimingLog(store.sql).record({
      channel: 'telegram',
      receivedAt: new Date('2026-03-01T02:00:00Z'),
      repliedAt: new Date('2026-03-01T02:00:01Z'),
      outcome: 'ok'
    })
  })
  afterEach(async () => {
    await closeStore()
  })

  it('When RETENTION_DAYS = 90 passes, then old texts go and old rows lose their chat key, counts and timings stay', async () => {
    const removed = await purgeExpiredPersonalData(store.sql, now, 90)
    expect(removed.unrecognized_messages).toBe(1)
    expect(removed.analytics_senders).toBe(1)
    expect(await texts()).toEqual(['teks 2'])
    expect(await keyed()).toBe(1)
    expect(await count('SELECT COUNT(*) AS n FROM analytics_sessions')).toBe(2)
    expect(await count('SELECT COUNT(*) AS n FROM turn_timings')).toBe(1)
  })

  it('When a chat is erased, then its texts go and its rows lose their key; other chats keep theirs', async () => {
    const removed = await erasePersonalData(store.sql, { kind: 'sender', value: '222' })
    expect(removed.unrecognized_messages).toBe(1)
    expect(removed.analytics_senders).toBe(1)
    expect(await texts()).toEqual(['teks 1'])
    expect(await keyed()).toBe(1)
  })

  it('When reading the tables, then no chat id is stored, only its key', async () => {
    const tables = [
      'analytics_sessions',
      'unrecognized_messages',
      'turn_timings',
      'turn_timing_histogram'
    ]
    const rows: unknown[] = []
    for (const table of tables) rows.push(await store.sql.all(`SELECT * FROM ${table}`))
    const dump = JSON.stringify(rows)
    expect(dump).not.toMatch(/"111"|"222"/)
    expect(dump).toContain(analyticsSenderKey('111'))
  })
})
