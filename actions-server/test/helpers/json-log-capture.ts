/** A real masking logger (createLogger) whose lines are collected for assertions. */
import type { Logger } from 'pino'
import { createLogger } from '../../src/logging/logger'
import type { LogLevel } from '../../src/config'

export interface CapturedLogs {
  logger: Logger
  lines: string[]
  /** Parsed JSON lines. */
  entries: () => Array<Record<string, unknown>>
}

export function captureJsonLogs (level: LogLevel = 'debug'): CapturedLogs {
  const lines: string[] = []
  const logger = createLogger({ level, destination: { write: (line: string) => lines.push(line) } })
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) }
}
