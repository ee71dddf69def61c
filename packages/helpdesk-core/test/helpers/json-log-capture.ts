/** A real masking logger (createLogger) whose lines are collected for assertions. */
import type { LevelWithSilent, Logger } from 'pino'
import { createLogger } from '../../src/logging/logger'

export interface CapturedLogs {
  logger: Logger
  lines: string[]
  /** Parsed JSON lines. */
  entries: () => Array<Record<string, unknown>>
}

export function captureJsonLogs (level: LevelWithSilent = 'debug'): CapturedLogs {
  const lines: string[] = []
  const logger = createLogger({ level, destination: { write: (line: string) => lines.push(line) } })
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) }
}
