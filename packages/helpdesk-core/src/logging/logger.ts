/**
 * createLogger: pino writing JSON lines through a masking destination, so NIP, NIK and phone
 * numbers are masked wherever they appear (message, bindings, serialized errors, request URLs).
 * The `token` query parameter and Authorization headers are redacted too.
 */
import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino'
import { maskJsonLine } from './mask'

export interface LoggerOptions {
  level: LevelWithSilent
  /** Where masked lines go; default stdout. Tests pass a collecting stream. */
  destination?: { write(line: string): unknown }
}

export function createLogger(options: LoggerOptions): Logger {
  const target = options.destination ?? bufferedStdout()
  const masking: DestinationStream = {
    write: (line: string) => {
      target.write(maskJsonLine(line))
    }
  }
  return pino(
    {
      level: options.level,
      redact: {
        paths: ['req.headers.authorization', 'headers.authorization', '*.token', 'token'],
        censor: '[redacted]'
      },
      serializers: {
        req: (req: { method?: string; url?: string; id?: unknown }) => ({
          method: req.method,
          url: redactTokenInUrl(req.url),
          id: req.id
        }),
        err: pino.stdSerializers.err
      }
    },
    masking
  )
}

/** Lines are written in batches of up to this many bytes… */
const BATCH_BYTES = 4096
/** …and at the latest this long after they were logged. */
const FLUSH_INTERVAL_MS = 100

/**
 * stdout, buffered: one blocking `write` per log line was the largest fixed cost of a small action
 * call (docs/BENCHMARKS.md, issue 18). pino flushes the buffer synchronously when the process
 * exits (close-with-grace ends with process.exit(), crashes go through it too), so only a kill -9
 * can lose lines, at most the last FLUSH_INTERVAL_MS. The flush timer is armed by a write, not
 * kept running, so an idle service is not woken ten times a second for nothing.
 */
function bufferedStdout(): { write(line: string): unknown } {
  const stdout = pino.destination({ dest: 1, sync: false, minLength: BATCH_BYTES })
  let flushTimer: NodeJS.Timeout | undefined
  const flush = (): void => {
    flushTimer = undefined
    try {
      stdout.flush()
    } catch {
      // Destroyed at exit, after pino's own final flush: nothing left to write.
    }
  }
  return {
    write(line: string) {
      const written = stdout.write(line)
      if (flushTimer === undefined) flushTimer = setTimeout(flush, FLUSH_INTERVAL_MS).unref()
      return written
    }
  }
}

/** Replaces the value of a `token` query parameter (Rasa's action_endpoint.token) with `[redacted]`. */
export function redactTokenInUrl(url: string | undefined): string | undefined {
  return url?.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]')
}
