import {
  buildSurveyMessage,
  MAX_COMMENT_LENGTH,
  parseRating,
  sessionSurveyKey,
  surveyButtonPayload,
  ticketSurveyKey
} from '../../src'
import { openStore, type Store } from '../../src/store'
import type { StoreLocation } from '../../src'
import { ENGINES, openTestStore } from '../helpers/engines'
import { fixedClock } from '../helpers/clock'

describe('Satisfaction survey message', () => {
  it('When the survey is built, then it is a Rasa bot message with five buttons 1..5 that set beri_nilai{"nilai":"N"}', async () => {
    const message = buildSurveyMessage('12345')
    expect(message.recipient_id).toBe('12345')
    expect(message.text).toMatch(/puas/)
    expect(message.text).toMatch(/1 \(sangat tidak puas\).*5 \(sangat puas\)/)
    expect(message.buttons.map((b) => b.payload)).toEqual([
      '/beri_nilai{"nilai":"1"}',
      '/beri_nilai{"nilai":"2"}',
      '/beri_nilai{"nilai":"3"}',
      '/beri_nilai{"nilai":"4"}',
      '/beri_nilai{"nilai":"5"}'
    ])
    expect(message.buttons[0]!.title).toMatch(/^1\b.*Sangat tidak puas/)
    expect(message.buttons[4]!.title).toMatch(/^5\b.*Sangat puas/)
  })

  it('When the survey is about a ticket, then the question names the ticket', async () => {
    expect(buildSurveyMessage('1', { ticketNumber: 'TIK-20260615-0001' }).text).toContain(
      'TIK-20260615-0001'
    )
  })

  it('When a rating is outside 1-5, then no payload is built and parsing refuses it', async () => {
    expect(() => surveyButtonPayload(0)).toThrow(RangeError)
    expect(() => surveyButtonPayload(6)).toThrow(RangeError)
    expect(parseRating('4')).toBe(4)
    expect(parseRating(' 5 ')).toBe(5)
    expect(parseRating('6')).toBeUndefined()
    expect(parseRating('4.5')).toBeUndefined()
    expect(parseRating('lima')).toBeUndefined()
    expect(parseRating(undefined)).toBeUndefined()
  })
})

describe.each(ENGINES)('Satisfaction repository on %s', (engine) => {
  let store: Store
  let closeStore: () => Promise<void>
  let location: StoreLocation
  const clock = fixedClock('2026-06-15T03:00:00.000Z')

  beforeEach(async () => {
    clock.set('2026-06-15T03:00:00.000Z')
    ;({ store, location, close: closeStore } = await openTestStore(engine, clock))
  })
  afterEach(async () => {
    await closeStore()
  })

  it('When the same conversation is asked twice, then the second open returns false and only one row exists', async () => {
    const key = sessionSurveyKey('111', '2026-06-15T02:59:00.000Z')
    expect(
      await store.satisfaction.open({
        conversationKey: key,
        senderId: '111',
        source: 'layanan_mandiri'
      })
    ).toBe(true)
    expect(
      await store.satisfaction.open({
        conversationKey: key,
        senderId: '111',
        source: 'layanan_mandiri'
      })
    ).toBe(false)
    expect(await store.sql.get('SELECT COUNT(*) AS n FROM csat_surveys')).toEqual({ n: 1 })
    expect(await store.satisfaction.findByConversationKey(key)).toMatchObject({
      senderId: '111',
      source: 'layanan_mandiri',
      askedAt: '2026-06-15T03:00:00.000Z',
      rating: null,
      comment: null
    })
  })

  it('When a rating arrives, then it goes to the latest open survey of that sender only; a second press is reported, not stored', async () => {
    await store.satisfaction.open({
      conversationKey: ticketSurveyKey('TIK-1'),
      senderId: '111',
      source: 'tiket',
      ticketNumber: 'TIK-1'
    })
    clock.advance(1000)
    await store.satisfaction.open({
      conversationKey: 'sesi:111:a',
      senderId: '111',
      source: 'layanan_mandiri'
    })
    await store.satisfaction.open({
      conversationKey: 'sesi:222:a',
      senderId: '222',
      source: 'layanan_mandiri'
    })

    const first = await store.satisfaction.recordRating('111', 5)
    expect(first).toMatchObject({
      kind: 'recorded',
      commentWanted: false,
      survey: { conversationKey: 'sesi:111:a', rating: 5 }
    })
    // The older ticket survey is still open: the next rating goes there.
    expect(await store.satisfaction.recordRating('111', 4)).toMatchObject({
      kind: 'recorded',
      survey: { conversationKey: 'tiket:TIK-1', rating: 4 }
    })
    // Nothing open any more: a third press changes nothing.
    const again = await store.satisfaction.recordRating('111', 1)
    expect(again).toMatchObject({
      kind: 'already_rated',
      survey: { conversationKey: 'sesi:111:a', rating: 5 }
    })
    expect(await store.satisfaction.findByTicket('TIK-1')).toMatchObject({
      rating: 4,
      ticketNumber: 'TIK-1'
    })
    expect((await store.satisfaction.findByConversationKey('sesi:222:a'))?.rating).toBeNull()
    expect(await store.satisfaction.recordRating('999', 3)).toEqual({ kind: 'no_survey' })
    await expect(store.satisfaction.recordRating('111', 7)).rejects.toThrow(RangeError)
  })

  it('When the rating is 3 or lower, then a comment is wanted and stored once, trimmed and bounded', async () => {
    await store.satisfaction.open({
      conversationKey: 'sesi:111:a',
      senderId: '111',
      source: 'layanan_mandiri'
    })
    expect(await store.satisfaction.recordComment('111', 'terlalu lama')).toBeUndefined()
    expect(await store.satisfaction.recordRating('111', 2)).toMatchObject({
      kind: 'recorded',
      commentWanted: true
    })
    expect(await store.satisfaction.recordComment('111', '   ')).toBeUndefined()
    clock.advance(5000)
    const saved = await store.satisfaction.recordComment(
      '111',
      `  ${'x'.repeat(MAX_COMMENT_LENGTH + 50)}  `
    )
    expect(saved?.comment).toHaveLength(MAX_COMMENT_LENGTH)
    expect(saved?.commentedAt).toBe('2026-06-15T03:00:05.000Z')
    // A second comment does not overwrite the first.
    expect(await store.satisfaction.recordComment('111', 'lagi')).toBeUndefined()
  })

  it('When the rating is 4 or 5, then no comment is stored afterwards', async () => {
    await store.satisfaction.open({
      conversationKey: 'sesi:111:a',
      senderId: '111',
      source: 'layanan_mandiri'
    })
    await store.satisfaction.recordRating('111', 4)
    expect(await store.satisfaction.recordComment('111', 'bagus')).toBeUndefined()
    expect((await store.satisfaction.findByConversationKey('sesi:111:a'))?.comment).toBeNull()
  })

  it('When an undelivered survey is withdrawn, then it can be asked again; an answered one stays', async () => {
    const key = ticketSurveyKey('TIK-2')
    await store.satisfaction.open({
      conversationKey: key,
      senderId: '111',
      source: 'tiket',
      ticketNumber: 'TIK-2'
    })
    expect(await store.satisfaction.withdraw(key)).toBe(true)
    expect(await store.satisfaction.findByTicket('TIK-2')).toBeUndefined()
    expect(
      await store.satisfaction.open({
        conversationKey: key,
        senderId: '111',
        source: 'tiket',
        ticketNumber: 'TIK-2'
      })
    ).toBe(true)
    await store.satisfaction.recordRating('111', 4)
    expect(await store.satisfaction.withdraw(key)).toBe(false)
    expect((await store.satisfaction.findByTicket('TIK-2'))?.rating).toBe(4)
  })

  it('When two processes press a rating at once, then the survey is rated once and the other press is reported as already rated', async () => {
    const other = await openStore(location, clock)
    try {
      await store.satisfaction.open({
        conversationKey: 'sesi:111:a',
        senderId: '111',
        source: 'layanan_mandiri'
      })
      const outcomes = await Promise.all([
        store.satisfaction.recordRating('111', 2),
        other.satisfaction.recordRating('111', 5),
        store.satisfaction.recordRating('111', 3),
        other.satisfaction.recordRating('111', 4)
      ])
      expect(outcomes.filter((o) => o.kind === 'recorded')).toHaveLength(1)
      expect(outcomes.filter((o) => o.kind === 'already_rated')).toHaveLength(3)
    } finally {
      await other.close()
    }
  })

  it('When surveys are listed, then the latest comes first', async () => {
    await store.satisfaction.open({
      conversationKey: 'a',
      senderId: '1',
      source: 'layanan_mandiri'
    })
    clock.advance(1000)
    await store.satisfaction.open({ conversationKey: 'b', senderId: '2', source: 'ambil_alih' })
    expect((await store.satisfaction.listRecent(10)).map((s) => s.conversationKey)).toEqual([
      'b',
      'a'
    ])
    expect(await store.satisfaction.listRecent(1)).toHaveLength(1)
  })
})
