import type { Logger } from 'pino'
import type { Clock } from '../time/clock'
import type { Db } from '../store/database'
import { purgeExpiredPersonalData } from './retention'

/** How often the running action server re-applies RETENTION_DAYS (besides once at start). */
export const RETENTION_INTERVAL_MS = 6 * 60 * 60 * 1000

export interface RetentionSchedule {
  /** Runs one purge now (also what the timer calls); failures are logged, never thrown. */
  runOnce(): void
  stop(): void
}

/**
 * Applies RETENTION_DAYS at start and then every few hours inside the service, so the privacy
 * notice's promise holds without an operator's cron job. The timer is unref'd: it never keeps
 * the process alive on shutdown.
 */
export function scheduleRetention(options: {
  db: Db
  clock: Clock
  retentionDays: number
  logger: Logger
  intervalMs?: number
}): RetentionSchedule {
  const { db, clock, retentionDays, logger } = options
  const runOnce = (): void => {
    try {
      const removed = purgeExpiredPersonalData(db, clock.now(), retentionDays)
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
  runOnce()
  const timer = setInterval(runOnce, options.intervalMs ?? RETENTION_INTERVAL_MS)
  timer.unref()
  return {
    runOnce,
    stop: () => {
      clearInterval(timer)
    }
  }
}
