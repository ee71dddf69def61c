// Child for logger.test.ts: logs one line to the real stdout, then stays alive and idle until
// its stdin is closed (the parent decides when it exits; at most a minute).
import { createLogger } from '../../src/logging/logger'

const logger = createLogger({ level: 'info' })
logger.info({ stage: 'started' }, 'one line, then nothing')
process.stdin.resume()
process.stdin.on('end', () => process.exit(0))
setTimeout(() => process.exit(0), 60_000).unref()
