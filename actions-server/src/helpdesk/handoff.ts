import type { Button } from '../sdk'
import type { HelpdeskDeps } from './deps'
import { urlButton, waLink } from './wa-link'

/** The wa.me button to the helpdesk with the ticket number pre-filled (no personal data in the URL). */
export function helpdeskButton(
  deps: Pick<HelpdeskDeps, 'helpdeskWhatsapp' | 'knowledge'>,
  ticketNumber: string
): Button {
  const text = `Halo ${deps.knowledge.helpdesk.nama}, saya ingin melanjutkan permintaan dengan nomor tiket ${ticketNumber}.`
  return urlButton('Chat petugas di WhatsApp', waLink(deps.helpdeskWhatsapp, text))
}

/** "Office hours" sentence from the knowledge base, when staff filled it in. */
export function officeHours(deps: Pick<HelpdeskDeps, 'knowledge'>): string {
  const hours = deps.knowledge.helpdesk.jam_layanan
  return hours === undefined ? '' : ` Jam layanan petugas: ${hours}.`
}
