import { createButtonMemory, SHORT_ID_PREFIX } from '../../src/bot/button-memory'
import { virtualClock } from '../helpers/harness'

describe('button memory (callback_data ≤ 64 bytes)', () => {
  test('When a payload fits in 64 bytes, then the callback_data is still a server-issued id that resolves back', () => {
    const memory = createButtonMemory(1000, virtualClock())
    const data = memory.callbackData('/inform{"sistem":"simasn"}')
    expect(data).toMatch(/^~b:[A-Za-z0-9_-]{16}$/)
    expect(memory.resolve(data)).toBe('/inform{"sistem":"simasn"}')
  })

  test.each([
    ['/inform{"sistem":"simasn"}'],
    ['/lupa_password'],
    ['halo'],
    ['/affirm'],
    ['~b:AAAAAAAAAAAAAAAA'],
    ['']
  ])(
    'When callback_data %j was never issued by the gateway, then it resolves to nothing',
    (data) => {
      const memory = createButtonMemory(1000, virtualClock())
      memory.callbackData('/affirm')
      expect(memory.resolve(data)).toBeUndefined()
    }
  )

  test('When a payload is longer than 64 bytes (UTF-8), then a short id ≤ 64 bytes stands in for it and resolves back', () => {
    const memory = createButtonMemory(1000, virtualClock())
    const payload = '/inform{"catatan":"' + 'é'.repeat(30) + '"}' // 33 chars, 64+ bytes
    const data = memory.callbackData(payload)
    expect(data.startsWith(SHORT_ID_PREFIX)).toBe(true)
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64)
    expect(memory.resolve(data)).toBe(payload)
  })

  test('When the TTL has passed, then the short id no longer resolves', async () => {
    const clock = virtualClock()
    const memory = createButtonMemory(1000, clock)
    const data = memory.callbackData('x'.repeat(100))
    await clock.sleep(1000)
    expect(memory.resolve(data)).toBeUndefined()
  })

  test('When a payload happens to start with the short-id prefix, then it is stored too (no ambiguity)', () => {
    const memory = createButtonMemory(1000, virtualClock())
    const data = memory.callbackData(`${SHORT_ID_PREFIX}abc`)
    expect(data).not.toBe(`${SHORT_ID_PREFIX}abc`)
    expect(memory.resolve(data)).toBe(`${SHORT_ID_PREFIX}abc`)
  })
})
