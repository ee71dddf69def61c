import { createTurnTimingLog, openSqlDb, type StoreLocation } from '@helpdesk/core'
import { describeError, type Logger } from '../logger'
import type { TimedTurn } from '../conversation/bridge'

export interface TurnTimingRecorder {
  onTurnTimed: (turn: TimedTurn) => void
  /** Waits for the writes in progress, then closes the store. */
  close: () => Promise<void>
}

/**
 * Writes each user turn's response time to the shared store (table turn_timings, migration 8):
 * PostgreSQL when DATABASE_URL is set, else the SQLite DATABASE_FILE. The console's dashboard
 * reads p50/p95 for a period there. A failed write is logged and forgotten: timings must never
 * stop or slow a conversation, so the turn does not wait for the write.
 */
export async function openTurnTimingRecorder(
  location: StoreLocation,
  channel: 'telegram' | 'terminal',
  logger: Logger
): Promise<TurnTimingRecorder> {
  const { sql } = await openSqlDb(location)
  const log = createTurnTimingLog(sql)
  const pending = new Set<Promise<void>>()
  return {
    onTurnTimed(turn) {
      const write = log
        .record({ channel, ...turn })
        .catch((err: unknown) => {
          logger.warn({ error: describeError(err, []) }, 'turn timing not recorded')
        })
        .finally(() => pending.delete(write))
      pending.add(write)
    },
    close: async () => {
      await Promise.all([...pending])
      await sql.close()
    }
  }
}

/** Where turn timings go: DATABASE_URL when set, else DATABASE_FILE; undefined: not recorded. */
export function timingStoreLocation(config: {
  DATABASE_URL?: string | undefined
  DATABASE_FILE?: string | undefined
}): StoreLocation | undefined {
  if (config.DATABASE_URL !== undefined) {
    return { databaseUrl: config.DATABASE_URL, databaseFile: config.DATABASE_FILE ?? '' }
  }
  return config.DATABASE_FILE === undefined ? undefined : { databaseFile: config.DATABASE_FILE }
}
