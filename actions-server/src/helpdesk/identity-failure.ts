import type { CollectingDispatcher, Event, Tracker } from '../sdk'
import type { HelpdeskDeps } from './deps'
import { helpdeskButton, officeHours } from './handoff'
import { requestKey } from './request-key'
import { resetRequestSlots, type IdentityStatus } from './slots'
import { openTicket } from './tickets'

/**
 * After `status_identitas` = gagal/dibatasi: a polite refusal and the human offer (a ticket with
 * what was collected, and the wa.me button with its number).
 */
export function offerHumanAfterFailedIdentity(
  deps: Pick<HelpdeskDeps, 'store' | 'logger' | 'knowledge' | 'helpdeskWhatsapp'>,
  dispatcher: CollectingDispatcher,
  tracker: Tracker,
  status: Exclude<IdentityStatus, 'valid'>,
  service: string
): Event[] {
  const ticket = openTicket(deps, tracker, {
    category: 'identitas_gagal',
    summary: `${service}: identitas tidak terverifikasi (${status})`,
    requestKey: requestKey('identitas_gagal', tracker)
  })
  const opening =
    status === 'dibatasi'
      ? 'Untuk sementara kami tidak dapat memeriksa NIP/NIK melalui chat ini.'
      : 'Kami belum dapat memverifikasi identitas Anda melalui chat ini.'
  dispatcher.utterMessage({
    text:
      `${opening} Permintaan ${service} Anda sudah kami catat dengan nomor tiket ${ticket.number}; petugas akan membantu. ` +
      `Tekan tombol di bawah untuk chat dengan petugas di WhatsApp.${officeHours(deps)}`,
    buttons: [helpdeskButton(deps, ticket.number)]
  })
  return resetRequestSlots()
}
