import type { Logger } from 'pino'
import { createLogger } from '../../src/logging/logger'

/** The product logger (masking included), writing into an array the test can read. */
export function captureLogger (): { logger: Logger, lines: string[], text: () => string } {
  const lines: string[] = []
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => { lines.push(line) } } })
  return { logger, lines, text: () => lines.join('') }
}
