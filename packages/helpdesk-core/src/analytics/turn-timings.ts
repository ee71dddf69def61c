import type { Db } from '../store/database'
import { wibHour, wibIsoDay } from './wib-period'

/** One user turn as the gateway saw it: the message arrived, the last reply call finished. */
export interface TurnTiming {
  /** Where the turn came from: 'telegram' or 'terminal'. */
  channel: string
  receivedAt: Date
  repliedAt: Date
  /** 'failed' when Rasa did not answer and the user got the gateway's apology. */
  outcome: 'ok' | 'failed'
}

export interface TurnTimingLog {
  record(timing: TurnTiming): void
}

/**
 * The gateway's per-turn response times (table turn_timings, migration 8): no sender, no text,
 * so nothing in it is personal data. The console's dashboard reads p50/p95 per period from it.
 */
export function createTurnTimingLog(db: Db): TurnTimingLog {
  const insert = db.prepare(
    'INSERT INTO turn_timings (at, day, hour, channel, duration_ms, outcome) VALUES (?, ?, ?, ?, ?, ?)'
  )
  return {
    record(timing) {
      const duration = Math.max(
        0,
        Math.round(timing.repliedAt.getTime() - timing.receivedAt.getTime())
      )
      insert.run(
        timing.receivedAt.toISOString(),
        wibIsoDay(timing.receivedAt),
        wibHour(timing.receivedAt),
        timing.channel,
        duration,
        timing.outcome
      )
    }
  }
}
