import type { HelpdeskDeps } from '../composition'
import { offerHumanReply, say, serviceName, ticketSummary } from '../replies'
import type { CollectingDispatcher, Event, Tracker } from '../sdk'
import type { IdentityFlow } from './identity-flow'
import { requestKey } from './request-key'
import { resetRequestSlots, type FailedIdentityStatus } from './slots'
import { openTicket } from './tickets'

/**
 * After `status_identitas` = gagal/dibatasi: a polite refusal and the human offer (a ticket with
 * what was collected, and the wa.me button with its number).
 */
export async function offerHumanAfterFailedIdentity(
  deps: Pick<HelpdeskDeps, 'store' | 'logger' | 'knowledge' | 'helpdeskWhatsapp'>,
  dispatcher: CollectingDispatcher,
  tracker: Tracker,
  status: FailedIdentityStatus,
  flow: IdentityFlow
): Promise<Event[]> {
  const ticket = await openTicket(deps, tracker, {
    category: 'identitas_gagal',
    summary: ticketSummary({ kind: 'identity_failed', service: serviceName(flow), status }),
    requestKey: requestKey('identitas_gagal', tracker)
  })
  say(dispatcher, offerHumanReply(deps, { status, flow, ticketNumber: ticket.number }))
  return resetRequestSlots()
}
