import { createAuditLog } from './audit-log'
import type { Clock } from '../time/clock'
import { openDatabase, type Db } from './database'
import { createIdentityLimitsRepository } from './identity-limits-repository'
import { createOutboxRepository } from './outbox-repository'
import { createTicketsRepository } from './tickets-repository'
import { createTteRequestsRepository } from './tte-requests-repository'
import type { Store } from './store'
import { createSatisfactionRepository } from '../satisfaction/satisfaction-repository'

/** The embedded SQLite store (DATABASE_FILE): tickets, TTE requests, WhatsApp outbox, audit log, identity limits, satisfaction surveys. */
export function openStore(file: string, clock: Clock): Store {
  const db: Db = openDatabase(file)
  return {
    db,
    tickets: createTicketsRepository(db, clock),
    tteRequests: createTteRequestsRepository(db, clock),
    outbox: createOutboxRepository(db, clock),
    audit: createAuditLog(db, clock),
    identityLimits: createIdentityLimitsRepository(db, clock),
    satisfaction: createSatisfactionRepository(db, clock),
    close: (): void => {
      db.close()
    }
  }
}

export type { Store } from './store'
export { systemClock, wibDay, type Clock } from '../time/clock'
export type { TicketCategory, Ticket } from './tickets-repository'
export type { OutboxMessage } from './outbox-repository'
