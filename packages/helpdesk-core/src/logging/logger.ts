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
  // Synchronous: close-with-grace ends with process.exit(), which would drop an async buffer's last lines.
  const target = options.destination ?? pino.destination({ dest: 1, sync: true })
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

/** Replaces the value of a `token` query parameter (Rasa's action_endpoint.token) with `[redacted]`. */
export function redactTokenInUrl(url: string | undefined): string | undefined {
  return url?.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]')
}
