import type { Tracker } from '../sdk'
import type { SqlExecutor, Ticket, TicketCategory } from '@helpdesk/core'
import type { HelpdeskDeps } from '../composition'
import { SLOT } from './slots'

/** Telegram metadata worth keeping on a ticket: no chat/user ids (the sender id already is one). */
function telegramContext(tracker: Tracker): Record<string, unknown> | undefined {
  const telegram = (
    tracker.latestMessage.metadata as { telegram?: Record<string, unknown> } | undefined
  )?.telegram
  if (telegram === undefined || telegram === null || typeof telegram !== 'object') return undefined
  const kept: Record<string, unknown> = {}
  if (typeof telegram.language_code === 'string') kept.language_code = telegram.language_code
  if (typeof telegram.start === 'string') kept.start = telegram.start
  return kept
}

/**
 * Opens a ticket with what the bot collected (system, identity kind and status, attempts) plus
 * `data`; audited and logged by number only. The same request key returns the same ticket.
 * `within`: a store transaction the caller holds (the reset claim); ticket and audit join it.
 */
export async function openTicket(
  deps: Pick<HelpdeskDeps, 'store' | 'logger'>,
  tracker: Tracker,
  ticket: {
    category: TicketCategory
    summary: string
    data?: Record<string, unknown>
    status?: 'baru' | 'selesai'
    requestKey?: string
  },
  within?: SqlExecutor
): Promise<Ticket> {
  const collected: Record<string, unknown> = {}
  for (const slot of [SLOT.sistem, SLOT.jenisIdentitas, SLOT.status, SLOT.percobaan]) {
    const value = tracker.getSlot(slot)
    if (value !== null) collected[slot] = value
  }
  const telegram = telegramContext(tracker)
  if (telegram !== undefined) collected.telegram = telegram
  const opened = await deps.store.tickets.open(
    {
      category: ticket.category,
      senderId: tracker.senderId,
      summary: ticket.summary,
      data: { ...collected, ...(ticket.data ?? {}) },
      ...(ticket.status === undefined ? {} : { status: ticket.status }),
      ...(ticket.requestKey === undefined ? {} : { requestKey: ticket.requestKey })
    },
    within
  )
  if (opened.created) {
    await deps.store.audit.record(
      tracker.senderId,
      'ticket_opened',
      { ticket: opened.number, category: opened.category },
      within
    )
    deps.logger.info(
      { ticket: opened.number, category: opened.category, status: opened.status },
      'ticket opened'
    )
  }
  const { created: _created, ...stored } = opened
  return stored
}
