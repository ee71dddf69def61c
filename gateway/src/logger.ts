import { createHmac, randomBytes } from 'node:crypto'
import pino, { type Logger } from 'pino'
import type { LogLevel } from './config'

export type { Logger }

/** Log fields that hold a Telegram chat or user id (the Rasa sender is the chat id). */
const TELEGRAM_ID_FIELDS = ['chat_id', 'user_id', 'sender', 'recipient_id'] as const

/**
 * Logs go to stderr so the terminal chat owns stdout. Not a module-level singleton: main.ts
 * creates one from the config, tests pass their own (usually level "silent").
 * Telegram ids are personal data: every field above is logged as a pseudonym (see
 * telegramIdPseudonym), the same for one chat throughout a process, unlinkable across restarts.
 */
export function createLogger(
  level: LogLevel,
  destination: NodeJS.WritableStream = process.stderr,
  idKey: Buffer = randomBytes(32)
): Logger {
  return pino(
    {
      level,
      base: { service: 'gateway' },
      formatters: {
        log(object) {
          let out: Record<string, unknown> | undefined
          for (const field of TELEGRAM_ID_FIELDS) {
            const value = object[field]
            if (typeof value !== 'number' && typeof value !== 'string') continue
            out ??= { ...object }
            out[field] = telegramIdPseudonym(value, idKey)
          }
          return out ?? object
        }
      }
    },
    destination
  )
}

/**
 * "tg-" + 12 letters from an HMAC-SHA256 of the id under a per-process random key: lines of one
 * chat can be followed in a log, but the id cannot be recovered or guessed by hashing candidate ids.
 * Letters only, so no log scan mistakes a pseudonym for a phone number or NIP.
 */
export function telegramIdPseudonym(id: number | string, key: Buffer): string {
  const digest = createHmac('sha256', key).update(String(id)).digest()
  let out = 'tg-'
  for (let i = 0; i < 12; i++) out += String.fromCharCode(0x61 + ((digest[i] as number) % 26))
  return out
}

/**
 * A loggable summary of an error that never carries request bodies (user text may hold NIP,
 * NIK or passwords) and with secrets such as the bot token (part of every Bot API URL) masked.
 */
export function describeError(
  err: unknown,
  secrets: readonly string[] = []
): Record<string, unknown> {
  const mask = (text: string): string =>
    secrets.reduce((acc, s) => (s === '' ? acc : acc.split(s).join('<redacted>')), text)
  if (err instanceof Error) {
    const out: Record<string, unknown> = { type: err.name, message: mask(err.message) }
    const code = (err as { code?: unknown }).code
    if (typeof code === 'string' || typeof code === 'number') out.code = code
    return out
  }
  return { type: typeof err, message: mask(String(err)) }
}
