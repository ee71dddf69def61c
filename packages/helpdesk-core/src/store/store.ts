import type { AuditLog } from './audit-log'
import type { SqlDb } from './sql/sql-db'
import type { IdentityLimitsRepository } from './identity-limits-repository'
import type { SatisfactionRepository } from '../satisfaction/satisfaction-repository'
import type { OutboxRepository } from './outbox-repository'
import type { TicketsRepository } from './tickets-repository'
import type { TteRequestsRepository } from './tte-requests-repository'

/**
 * The store as openStore returns it, on SQLite (DATABASE_FILE) or PostgreSQL (DATABASE_URL).
 * Written out (not ReturnType) so the declaration files stay readable.
 */
export interface Store {
  /** The store's database, for code outside the repositories (retention, the data CLI). */
  sql: SqlDb
  tickets: TicketsRepository
  tteRequests: TteRequestsRepository
  outbox: OutboxRepository
  audit: AuditLog
  /** Identity limits shared by every process using this database (migration 2). */
  identityLimits: IdentityLimitsRepository
  /** Satisfaction surveys (CSAT / SKM, migration 5). */
  satisfaction: SatisfactionRepository
  close: () => Promise<void>
}
