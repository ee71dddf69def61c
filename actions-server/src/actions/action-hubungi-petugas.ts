import type { HelpdeskDeps } from '../composition'
import { requestKey } from '../helpdesk/request-key'
import { resetRequestSlots } from '../helpdesk/slots'
import { openTicket } from '../helpdesk/tickets'
import { handoffReply, say, ticketSummary } from '../replies'
import { defineAction, type Action } from '../sdk'

/** `action_hubungi_petugas`: a `handoff` ticket with what the bot collected, and the wa.me button. */
export function createActionHubungiPetugas(
  deps: Pick<HelpdeskDeps, 'store' | 'logger' | 'knowledge' | 'helpdeskWhatsapp'>
): Action {
  return defineAction({
    name: 'action_hubungi_petugas',
    async run(dispatcher, tracker) {
      const ticket = await openTicket(deps, tracker, {
        category: 'handoff',
        summary: ticketSummary({ kind: 'handoff' }),
        data: { intent_terakhir: tracker.getIntentOfLatestMessage() },
        requestKey: requestKey('handoff', tracker)
      })
      say(dispatcher, handoffReply(deps, ticket.number))
      return resetRequestSlots()
    }
  })
}
