/** Telegram ids are personal data: the gateway's log shows pseudonyms, never the ids (issue 11.6). */
import { Writable } from 'node:stream'
import { createLogger, telegramIdPseudonym } from '../src/logger'

/** A logger writing into `lines`; with key 'random', the key the gateway itself uses (random per process). */
function capture(key: Buffer | 'random' = Buffer.alloc(32, 7)): {
  logger: ReturnType<typeof createLogger>
  lines: string[]
} {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString())
      done()
    }
  })
  return {
    logger: key === 'random' ? createLogger('debug', stream) : createLogger('debug', stream, key),
    lines
  }
}

describe('gateway logger: Telegram ids', () => {
  test.each([
    ['chat_id', 987654321],
    ['chat_id', -1001234567890],
    ['user_id', 55512345],
    ['sender', '987654321'],
    ['recipient_id', '987654321']
  ])('When %s %j is logged, then the line holds its pseudonym and not the id', (field, id) => {
    const { logger, lines } = capture()
    logger.warn({ [field]: id, other: 'kept' }, 'something happened')
    const entry = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>
    expect(entry[field]).toBe(telegramIdPseudonym(id, Buffer.alloc(32, 7)))
    expect(entry[field]).toMatch(/^tg-[a-z]{12}$/)
    expect(entry.other).toBe('kept')
    expect(lines[0]).not.toContain(String(id).replace('-', ''))
  })

  test('When the same id is logged as a number and as the Rasa sender string, then both lines show one pseudonym; another id shows another', () => {
    const { logger, lines } = capture()
    logger.info({ chat_id: 987654321 }, 'a')
    logger.info({ sender: '987654321' }, 'b')
    logger.info({ chat_id: 987654322 }, 'c')
    const [a, b, c] = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(a?.chat_id).toBe(b?.sender)
    expect(a?.chat_id).not.toBe(c?.chat_id)
  })

  test('When two processes log the same id, then their pseudonyms differ (a random key per process, so logs cannot be joined by id)', () => {
    const one = capture('random')
    const two = capture('random')
    one.logger.info({ chat_id: 987654321 }, 'x')
    two.logger.info({ chat_id: 987654321 }, 'x')
    expect(JSON.parse(one.lines[0] ?? '{}').chat_id).not.toBe(
      JSON.parse(two.lines[0] ?? '{}').chat_id
    )
  })
})
