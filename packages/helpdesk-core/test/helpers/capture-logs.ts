/** The product logger (createLogger, masking included) writing into an array the test can read. */
import type { LevelWithSilent, Logger } from 'pino'
import { createLogger } from '../../src/logging/logger'

export interface CapturedLogs {
  logger: Logger
  /** The JSON lines as written, masked. */
  lines: string[]
  /** All lines as one string, for "appears nowhere" checks. */
  text: () => string
  /** Parsed JSON lines. */
  entries: () => Array<Record<string, unknown>>
}

export function captureLogs(level: LevelWithSilent = 'debug'): CapturedLogs {
  const lines: string[] = []
  const logger = createLogger({ level, destination: { write: (line: string) => lines.push(line) } })
  return {
    logger,
    lines,
    text: () => lines.join(''),
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>)
  }
}
