import type { AuditLog } from './audit-log'
import type { Db } from './database'
import type { OutboxRepository } from './outbox-repository'
import type { TicketsRepository } from './tickets-repository'
import type { TteRequestsRepository } from './tte-requests-repository'

/**
 * The embedded SQLite store as openStore returns it. Written out (not ReturnType) because the
 * package's declaration files cannot name better-sqlite3's inferred types.
 */
export interface Store {
  db: Db
  tickets: TicketsRepository
  tteRequests: TteRequestsRepository
  outbox: OutboxRepository
  audit: AuditLog
  close: () => void
}
