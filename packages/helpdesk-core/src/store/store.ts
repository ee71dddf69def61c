import type { AuditLog } from './audit-log'
import type { Db } from './database'
import type { IdentityLimitsRepository } from './identity-limits-repository'
import type { SatisfactionRepository } from '../satisfaction/satisfaction-repository'
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
  /** Identity limits shared by every process using this database (migration 2). */
  identityLimits: IdentityLimitsRepository
  /** Satisfaction surveys (CSAT / SKM, migration 5). */
  satisfaction: SatisfactionRepository
  close: () => void
}
