import { createButtonMemory, SHORT_ID_PREFIX } from '../../src/bot/button-memory'
import { buttonSigningKey, SIGNED_PREFIX } from '../../src/bot/signed-button'
import { virtualClock } from '../helpers/harness'

const CHAT = 42
const TOKEN = '123456:token-of-the-bot'

describe('button memory (callback_data ≤ 64 bytes)', () => {
  test('When a payload fits in 44 bytes, then the callback_data carries it signed, and it resolves back in that chat', () => {
    const memory = createButtonMemory(1000, virtualClock())
    const data = memory.callbackData(CHAT, '/inform{"sistem":"simasn"}')
    expect(data.startsWith(SIGNED_PREFIX)).toBe(true)
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64)
    expect(memory.resolve(CHAT, data)).toBe('/inform{"sistem":"simasn"}')
  })

  test('When the gateway restarts (a new memory, the same bot token), then a signed button issued before still resolves; with another bot token it does not', () => {
    const clock = virtualClock()
    const before = createButtonMemory(60000, clock, { signingKey: buttonSigningKey(TOKEN) })
    const data = before.callbackData(CHAT, '/inform{"sistem":"email_dinas"}')
    const after = createButtonMemory(60000, clock, { signingKey: buttonSigningKey(TOKEN) })
    expect(after.resolve(CHAT, data)).toBe('/inform{"sistem":"email_dinas"}')
    const otherBot = createButtonMemory(60000, clock, {
      signingKey: buttonSigningKey('654321:another-bot')
    })
    expect(otherBot.resolve(CHAT, data)).toBeUndefined()
  })

  test('When a button is pressed in another chat than the one it was sent to, then it resolves to nothing (signed or remembered)', () => {
    const memory = createButtonMemory(1000, virtualClock())
    const signed = memory.callbackData(CHAT, '/affirm')
    const remembered = memory.callbackData(CHAT, '/inform{"catatan":"' + 'x'.repeat(60) + '"}')
    expect(remembered.startsWith(SHORT_ID_PREFIX)).toBe(true)
    expect(memory.resolve(CHAT + 1, signed)).toBeUndefined()
    expect(memory.resolve(CHAT + 1, remembered)).toBeUndefined()
  })

  test.each([
    ['/inform{"sistem":"simasn"}'],
    ['/lupa_password'],
    ['halo'],
    ['/affirm'],
    ['~b:AAAAAAAAAAAAAAAA'],
    ['~s'],
    ['~sAAAAAAAAAAA0000000/affirm'],
    ['']
  ])(
    'When callback_data %j was never issued by the gateway, then it resolves to nothing',
    (data) => {
      const memory = createButtonMemory(1000, virtualClock())
      memory.callbackData(CHAT, '/affirm')
      expect(memory.resolve(CHAT, data)).toBeUndefined()
    }
  )

  test('When a client edits the payload or the expiry of a signed button, then it resolves to nothing', () => {
    const memory = createButtonMemory(1000, virtualClock())
    const data = memory.callbackData(CHAT, '/affirm')
    expect(memory.resolve(CHAT, data.replace('/affirm', '/deny'))).toBeUndefined()
    const expiryAt = SIGNED_PREFIX.length + 11
    const later = data.slice(0, expiryAt) + 'zzzzzzz' + data.slice(expiryAt + 7)
    expect(memory.resolve(CHAT, later)).toBeUndefined()
  })

  test('When a payload holds personal data (a NIP, a phone number, an e-mail address), then it is remembered, not put into the button', () => {
    const memory = createButtonMemory(1000, virtualClock())
    for (const payload of [
      '/inform{"nip":"198503152010011001"}',
      '/inform{"hp":"081234567890"}',
      '/inform{"email":"budi@kantor.go.id"}'
    ]) {
      const data = memory.callbackData(CHAT, payload)
      expect(data).toMatch(/^~b:[A-Za-z0-9_-]{16}$/)
      expect(memory.resolve(CHAT, data)).toBe(payload)
    }
  })

  test('When a payload is longer than 44 bytes (UTF-8), then a remembered short id ≤ 64 bytes stands in for it and resolves back', () => {
    const memory = createButtonMemory(1000, virtualClock())
    const payload = '/inform{"catatan":"' + 'é'.repeat(14) + '"}' // 35 characters, 49 bytes
    const data = memory.callbackData(CHAT, payload)
    expect(data).toMatch(/^~b:[A-Za-z0-9_-]{16}$/)
    expect(memory.resolve(CHAT, data)).toBe(payload)
  })

  test.each([
    ['a signed button', '/affirm'],
    ['a remembered short id', 'x'.repeat(100)]
  ])('When the TTL has passed, then %s no longer resolves', async (_what, payload) => {
    const clock = virtualClock()
    const memory = createButtonMemory(1000, clock)
    const data = memory.callbackData(CHAT, payload)
    expect(memory.resolve(CHAT, data)).toBe(payload)
    await clock.sleep(1000)
    expect(memory.resolve(CHAT, data)).toBeUndefined()
  })

  test('When a payload happens to start with either prefix, then it still round-trips (no ambiguity)', () => {
    const memory = createButtonMemory(1000, virtualClock())
    for (const payload of [`${SHORT_ID_PREFIX}abc`, `${SIGNED_PREFIX}abc`]) {
      const data = memory.callbackData(CHAT, payload)
      expect(data).not.toBe(payload)
      expect(memory.resolve(CHAT, data)).toBe(payload)
    }
  })
})
