import { createTurnTimingLog, openDatabase, type Db } from '@helpdesk/core'
import { describeError, type Logger } from '../logger'
import type { TimedTurn } from '../conversation/bridge'

export interface TurnTimingRecorder {
  onTurnTimed: (turn: TimedTurn) => void
  close: () => void
}

/**
 * Writes each user turn's response time to the shared store (table turn_timings, migration 8),
 * where the console's dashboard reads p50/p95 for a period. A failed write is logged and
 * forgotten: timings must never stop a conversation.
 */
export function openTurnTimingRecorder(
  databaseFile: string,
  channel: 'telegram' | 'terminal',
  logger: Logger
): TurnTimingRecorder {
  const db: Db = openDatabase(databaseFile)
  const log = createTurnTimingLog(db)
  return {
    onTurnTimed(turn) {
      try {
        log.record({ channel, ...turn })
      } catch (err) {
        logger.warn({ error: describeError(err, []) }, 'turn timing not recorded')
      }
    },
    close: () => {
      db.close()
    }
  }
}
