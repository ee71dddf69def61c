/**
 * The dashboard's analytics (migration 8): masked misunderstood texts are deleted after
 * RETENTION_DAYS and by an erasure of their chat; the chat key of the copied Rasa events is
 * cleared the same way while the counts stay; the gateway's turn timings hold nothing personal.
 */
import { analyticsSenderKey } from '../../src/analytics/sender-key'
import { createTurnTimingLog } from '../../src/analytics/turn-timings'
import { erasePersonalData } from '../../src/privacy/erase'
import { purgeExpiredPersonalData } from '../../src/privacy/retention'
import { openStore, type Store } from '../../src/store'

describe('dashboard analytics under RETENTION_DAYS and erasure', () => {
  let store: Store
  const now = new Date('2026-06-30T03:00:00Z')
  const seed = (sender: string, iso: string, eventId: number): void => {
    const key = analyticsSenderKey(sender)
    const at = Date.parse(iso) / 1000
    store.db
      .prepare(
        'INSERT INTO analytics_sessions (sender_key, started_at, day, messages) VALUES (?, ?, ?, 1)'
      )
      .run(key, at, iso.slice(0, 10))
    store.db
      .prepare(
        'INSERT INTO unrecognized_messages (event_id, sender_key, at, day, text) VALUES (?, ?, ?, ?, ?)'
      )
      .run(eventId, key, iso, iso.slice(0, 10), `teks ${eventId}`)
  }
  const texts = (): string[] =>
    store.db
      .prepare('SELECT text FROM unrecognized_messages ORDER BY event_id')
      .pluck()
      .all() as string[]
  const keyed = (): number =>
    store.db
      .prepare('SELECT COUNT(*) FROM analytics_sessions WHERE sender_key IS NOT NULL')
      .pluck()
      .get() as number

  beforeEach(() => {
    store = openStore(':memory:', { now: () => now })
    seed('111', '2026-03-01T02:00:00.000Z', 1) // 121 days before now
    seed('222', '2026-06-20T02:00:00.000Z', 2)
    createTurnTimingLog(store.db).record({
      channel: 'telegram',
      receivedAt: new Date('2026-03-01T02:00:00Z'),
      repliedAt: new Date('2026-03-01T02:00:01Z'),
      outcome: 'ok'
    })
  })
  afterEach(() => {
    store.close()
  })

  it('When RETENTION_DAYS = 90 passes, then old texts go and old rows lose their chat key, counts and timings stay', () => {
    const removed = purgeExpiredPersonalData(store.db, now, 90)
    expect(removed.unrecognized_messages).toBe(1)
    expect(removed.analytics_senders).toBe(1)
    expect(texts()).toEqual(['teks 2'])
    expect(keyed()).toBe(1)
    expect(store.db.prepare('SELECT COUNT(*) FROM analytics_sessions').pluck().get()).toBe(2)
    expect(store.db.prepare('SELECT COUNT(*) FROM turn_timings').pluck().get()).toBe(1)
  })

  it('When a chat is erased, then its texts go and its rows lose their key; other chats keep theirs', () => {
    const removed = erasePersonalData(store.db, { kind: 'sender', value: '222' })
    expect(removed.unrecognized_messages).toBe(1)
    expect(removed.analytics_senders).toBe(1)
    expect(texts()).toEqual(['teks 1'])
    expect(keyed()).toBe(1)
  })

  it('When reading the tables, then no chat id is stored, only its key', () => {
    const dump = JSON.stringify(
      ['analytics_sessions', 'unrecognized_messages', 'turn_timings', 'turn_timing_histogram'].map(
        (t) => store.db.prepare(`SELECT * FROM ${t}`).all()
      )
    )
    expect(dump).not.toMatch(/"111"|"222"/)
    expect(dump).toContain(analyticsSenderKey('111'))
  })
})
