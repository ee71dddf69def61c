import type { Logger } from 'pino'
import type { Clock } from '../time/clock'
import type { SqlDb } from '../store/sql/sql-db'
import { purgeExpiredPersonalData } from './retention'

/** How often the running action server re-applies RETENTION_DAYS (besides once at start). */
export const RETENTION_INTERVAL_MS = 6 * 60 * 60 * 1000

export interface RetentionSchedule {
  /** Runs one purge now (also what the timer calls); failures are logged, never thrown. */
  runOnce(): Promise<void>
  /** The purge run at start; settles when it is done (it never rejects). */
  firstRun: Promise<void>
  /** Stops the timer and waits for a purge in progress (the store may be closed after). */
  stop(): Promise<void>
}

/**
 * Applies RETENTION_DAYS at start and then every few hours inside the service, so the privacy
 * notice's promise holds without an operator's cron job. The timer is unref'd: it never keeps
 * the process alive on shutdown.
 */
export function scheduleRetention(options: {
  sql: SqlDb
  clock: Clock
  retentionDays: number
  logger: Logger
  intervalMs?: number
}): RetentionSchedule {
  const { sql, clock, retentionDays, logger } = options
  /** The purge in progress: a timer tick during a slow one does not start a second. */
  let running: Promise<void> | undefined
  const purge = async (): Promise<void> => {
    try {
      const removed = await purgeExpiredPersonalData(sql, clock.now(), retentionDays)
      const total =
        removed.tickets + removed.tte_requests + removed.whatsapp_outbox + removed.audit_log
      logger[total > 0 ? 'info' : 'debug'](
        { retention_days: retentionDays, ...removed },
        'retention: personal data past RETENTION_DAYS removed'
      )
    } catch (err) {
      logger.error({ err }, 'retention: purge failed; will retry at the next interval')
    }
  }
  const runOnce = (): Promise<void> => {
    running ??= purge().finally(() => {
      running = undefined
    })
    return running
  }
  const firstRun = runOnce()
  const timer = setInterval(() => void runOnce(), options.intervalMs ?? RETENTION_INTERVAL_MS)
  timer.unref()
  return {
    runOnce,
    firstRun,
    stop: async () => {
      clearInterval(timer)
      if (running !== undefined) await running
    }
  }
}
