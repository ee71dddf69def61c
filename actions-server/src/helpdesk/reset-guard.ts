import { identitySubject, type SystemEntry, type Ticket } from '@helpdesk/core'
import type { HelpdeskDeps } from '../composition'
import type { Tracker } from '../sdk'
import { openTicket } from './tickets'

/** Why no new reset was started for this NIP and system; replies/ says it to the user. */
export type ResetRefusal =
  | {
      /** The same NIP and system asked within RESET_REPEAT_WINDOW_MINUTES: the earlier ticket stands. */
      kind: 'repeat_refused'
      system: SystemEntry
      ticketNumber: string
      /** When the earlier request was made (ISO 8601). */
      requestedAt: string
      repeatWindowMs: number
    }
  | {
      /** RESET_REQUESTS_PER_DAY reached for this NIP, all systems together. */
      kind: 'daily_limit_reached'
      system: SystemEntry
      perDay: number
    }

export type ResetClaimResult = { kind: 'opened'; ticket: Ticket } | ResetRefusal

/** What a reset ticket says beyond its category, request key and the NIP (always in `data`). */
export interface ResetTicketContent {
  summary: string
  data: Record<string, unknown>
}

/**
 * Opens the `reset_password` ticket only when this NIP may ask for this system now: a
 * reset for the same NIP and system within RESET_REPEAT_WINDOW_MINUTES is not repeated (the user
 * is told the earlier request stands: a user who saw "busy" and asked again gets no second
 * reset), and a NIP gets at most RESET_REQUESTS_PER_DAY resets a day, whichever chat asks. The
 * check, the ticket and the count are one transaction, so parallel processes cannot both pass.
 * `key` is this call's request key (the ticket's too). Returns the ticket, or the refusal (audited
 * and logged).
 */
export async function openResetTicketOnce(
  deps: Pick<HelpdeskDeps, 'store' | 'logger' | 'limits'>,
  tracker: Tracker,
  system: SystemEntry,
  nip: string,
  key: string,
  ticket: ResetTicketContent
): Promise<ResetClaimResult> {
  const claim = await deps.store.identityLimits.claimReset({
    subject: identitySubject(nip),
    system: system.id,
    repeatWindowMs: deps.limits.resetRepeatWindowMs,
    perDay: deps.limits.resetRequestsPerDay,
    record: async (tx) => {
      const opened = await openTicket(
        deps,
        tracker,
        {
          category: 'reset_password',
          summary: ticket.summary,
          data: { nip, ...ticket.data },
          requestKey: key
        },
        tx
      )
      return { ref: opened.number, value: opened }
    }
  })
  if (claim.kind === 'claimed') return { kind: 'opened', ticket: claim.value }
  if (claim.kind === 'repeat') {
    // The very same call again (Rasa or the network repeating it): carry on with the same ticket;
    // the reset provider and the outbox see the same idempotency keys, so nothing is done twice.
    const earlier = await deps.store.tickets.find(claim.ref)
    if (earlier?.requestKey === key) return { kind: 'opened', ticket: earlier }
    await deps.store.audit.record(tracker.senderId, 'reset_repeat_refused', {
      sistem: system.id,
      ticket: claim.ref
    })
    deps.logger.info(
      { sistem: system.id, ticket: claim.ref },
      'reset for the same NIP and system already requested; not repeated'
    )
    return {
      kind: 'repeat_refused',
      system,
      ticketNumber: claim.ref,
      requestedAt: claim.at,
      repeatWindowMs: deps.limits.resetRepeatWindowMs
    }
  }
  await deps.store.audit.record(tracker.senderId, 'reset_limited', {
    sistem: system.id,
    limit: deps.limits.resetRequestsPerDay
  })
  deps.logger.warn(
    { sistem: system.id, limit: deps.limits.resetRequestsPerDay },
    'reset requests per NIP per day reached'
  )
  return { kind: 'daily_limit_reached', system, perDay: deps.limits.resetRequestsPerDay }
}
