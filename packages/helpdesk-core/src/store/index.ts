import { createAuditLog } from './audit-log'
import type { Clock } from '../time/clock'
import { createIdentityLimitsRepository } from './identity-limits-repository'
import { createOutboxRepository } from './outbox-repository'
import { createTicketsRepository } from './tickets-repository'
import { createTteRequestsRepository } from './tte-requests-repository'
import type { Store } from './store'
import { createSatisfactionRepository } from '../satisfaction/satisfaction-repository'
import { openSqlDb, type StoreLocation } from './sql/open-sql-db'
import type { SqlDb } from './sql/sql-db'

/** The repositories over one database (tests build a store over a database they opened). */
export function storeOver(sql: SqlDb, clock: Clock): Store {
  return {
    sql,
    tickets: createTicketsRepository(sql, clock),
    tteRequests: createTteRequestsRepository(sql, clock),
    outbox: createOutboxRepository(sql, clock),
    audit: createAuditLog(sql, clock),
    identityLimits: createIdentityLimitsRepository(sql, clock),
    satisfaction: createSatisfactionRepository(sql, clock),
    close: () => sql.close()
  }
}

/**
 * The store: tickets, TTE requests, WhatsApp outbox, audit log, identity limits, satisfaction
 * surveys, on PostgreSQL when `location.databaseUrl` (DATABASE_URL) is set, else in the SQLite
 * file `location.databaseFile` (DATABASE_FILE); pending migrations are applied first.
 */
export async function openStore(location: StoreLocation, clock: Clock): Promise<Store> {
  const { sql } = await openSqlDb(location)
  return storeOver(sql, clock)
}

export type { Store } from './store'
export { systemClock, wibDay, type Clock } from '../time/clock'
export type { TicketCategory, Ticket } from './tickets-repository'
export type { OutboxMessage } from './outbox-repository'
