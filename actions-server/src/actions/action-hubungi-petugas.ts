import type { HelpdeskDeps } from '../helpdesk/deps'
import { helpdeskButton, officeHours } from '../helpdesk/handoff'
import { requestKey } from '../helpdesk/request-key'
import { resetRequestSlots } from '../helpdesk/slots'
import { openTicket } from '../helpdesk/tickets'
import { defineAction, type Action } from '../sdk'

/** `action_hubungi_petugas`: a `handoff` ticket with what the bot collected, and the wa.me button. */
export function createActionHubungiPetugas(
  deps: Pick<HelpdeskDeps, 'store' | 'logger' | 'knowledge' | 'helpdeskWhatsapp'>
): Action {
  return defineAction({
    name: 'action_hubungi_petugas',
    run(dispatcher, tracker) {
      const ticket = openTicket(deps, tracker, {
        category: 'handoff',
        summary: 'Pengguna meminta bicara dengan petugas',
        data: { intent_terakhir: tracker.getIntentOfLatestMessage() },
        requestKey: requestKey('handoff', tracker)
      })
      dispatcher.utterMessage({
        text:
          `Baik, permintaan Anda sudah kami teruskan ke petugas ${deps.knowledge.helpdesk.nama} dengan nomor tiket ${ticket.number}. ` +
          `Tekan tombol di bawah untuk chat dengan petugas di WhatsApp; nomor tiket sudah tertulis di pesannya.${officeHours(deps)}`,
        buttons: [helpdeskButton(deps, ticket.number)]
      })
      return resetRequestSlots()
    }
  })
}
