import type { SqlDb } from '../store/sql/sql-db'
import { wibHour, wibIsoDay } from './wib-period'

/** Resolution of the response-time histogram: durations are counted in 100 ms steps. */
export const TIMING_BUCKET_MS = 100

/** The histogram bucket of a duration: rounded down to TIMING_BUCKET_MS. */
export const timingBucket = (durationMs: number): number =>
  Math.floor(durationMs / TIMING_BUCKET_MS) * TIMING_BUCKET_MS

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
  record(timing: TurnTiming): Promise<void>
}

/**
 * The gateway's per-turn response times (migration 8): one turn_timings row per turn and its count
 * in turn_timing_histogram (per WIB day and 100 ms step), in one transaction. No sender, no text,
 * so nothing in either is personal data. The console's dashboard reads p50/p95 from the histogram.
 */
export function createTurnTimingLog(sql: SqlDb): TurnTimingLog {
  return {
    async record(timing) {
      const duration = Math.max(
        0,
        Math.round(timing.repliedAt.getTime() - timing.receivedAt.getTime())
      )
      const day = wibIsoDay(timing.receivedAt)
      await sql.transaction(async (tx) => {
        await tx.run(
          'INSERT INTO turn_timings (at, day, hour, channel, duration_ms, outcome) VALUES (?, ?, ?, ?, ?, ?)',
          [
            timing.receivedAt.toISOString(),
            day,
            wibHour(timing.receivedAt),
            timing.channel,
            duration,
            timing.outcome
          ]
        )
        await tx.run(
          'INSERT INTO turn_timing_histogram (day, bucket_ms, turns) VALUES (?, ?, 1) ON CONFLICT (day, bucket_ms) DO UPDATE SET turns = turn_timing_histogram.turns + 1',
          [day, timingBucket(duration)]
        )
      })
    }
  }
}
