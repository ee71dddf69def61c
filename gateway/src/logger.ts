import pino, { type Logger } from 'pino'
import type { LogLevel } from './config'

export type { Logger }

/**
 * Logs go to stderr so the terminal chat owns stdout. Not a module-level singleton: main.ts
 * creates one from the config, tests pass their own (usually level "silent").
 */
export function createLogger (level: LogLevel, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino({ level, base: { service: 'gateway' } }, destination)
}

/**
 * A loggable summary of an error that never carries request bodies (user text may hold NIP,
 * NIK or passwords) and with secrets such as the bot token (part of every Bot API URL) masked.
 */
export function describeError (err: unknown, secrets: readonly string[] = []): Record<string, unknown> {
  const mask = (text: string): string => secrets.reduce((acc, s) => (s === '' ? acc : acc.split(s).join('<redacted>')), text)
  if (err instanceof Error) {
    const out: Record<string, unknown> = { type: err.name, message: mask(err.message) }
    const code = (err as { code?: unknown }).code
    if (typeof code === 'string' || typeof code === 'number') out.code = code
    return out
  }
  return { type: typeof err, message: mask(String(err)) }
}
