import {
  formatWibDateTime,
  type OutgoingWhatsApp,
  type ResetOutcome,
  type SystemEntry
} from '@helpdesk/core'
import { greetingName, type HelpdeskContact } from './reply'

/** The text and the three template parameters of a WhatsApp message to the number on file. */
export type WhatsAppText = Pick<OutgoingWhatsApp, 'text' | 'templateParameters'>

const NEVER_SHARE = 'Jangan bagikan password kepada siapa pun, termasuk petugas.'
const NOT_ME = 'Jika Anda tidak meminta reset password, abaikan pesan ini dan hubungi helpdesk.'

/** The reset message for the number on file: the only place a secret is ever written. */
export function resetWhatsAppText(
  contact: Pick<HelpdeskContact, 'knowledge'>,
  reset: { system: SystemEntry; outcome: ResetOutcome; ticketNumber: string; fullName: string }
): WhatsAppText & Pick<OutgoingWhatsApp, 'containsSecret'> {
  const { system, outcome, ticketNumber: ticket } = reset
  const greeting = `${contact.knowledge.helpdesk.nama}\nHalo ${greetingName(reset.fullName)},`
  const until =
    outcome.kind !== 'manual' && outcome.expiresAt !== undefined
      ? ` (berlaku sampai ${formatWibDateTime(outcome.expiresAt)})`
      : ''
  switch (outcome.kind) {
    case 'temporary_password':
      return {
        text: `${greeting}\nPassword sementara ${system.nama} Anda: ${outcome.password}${until}\nMasuk di ${system.portal} lalu segera ganti password. ${NEVER_SHARE}\nNomor tiket: ${ticket}\n${NOT_ME}`,
        templateParameters: [
          system.nama,
          `Password sementara: ${outcome.password}${until}`,
          ticket
        ],
        containsSecret: true
      }
    case 'link':
      return {
        text: `${greeting}\nTautan untuk membuat password baru ${system.nama}${until}: ${outcome.url}\n${NEVER_SHARE}\nNomor tiket: ${ticket}\n${NOT_ME}`,
        templateParameters: [system.nama, `Tautan reset: ${outcome.url}${until}`, ticket],
        containsSecret: true
      }
    case 'manual':
      return {
        text: `${greeting}\npermintaan reset password ${system.nama} Anda sudah kami terima. Petugas akan mengirim password sementara ke nomor ini.\nNomor tiket: ${ticket}\n${NOT_ME}`,
        templateParameters: [
          system.nama,
          'Permintaan reset diterima; petugas akan mengirim password sementara ke nomor ini.',
          ticket
        ],
        containsSecret: false
      }
  }
}

/** The notice to the owner of a NIP/NIK someone used in the chat; holds no secret. */
export function ownerNoticeText(
  contact: HelpdeskContact,
  notice: {
    service: string
    fullName: string
    identityLabel: 'NIP' | 'NIK'
    ticketNumber?: string
  }
): WhatsAppText {
  const { service, identityLabel: label, ticketNumber } = notice
  const reference = ticketNumber === undefined ? '' : ` (tiket ${ticketNumber})`
  const helpdeskContact = `hubungi helpdesk di WhatsApp wa.me/${contact.helpdeskWhatsapp}`
  return {
    text:
      `${contact.knowledge.helpdesk.nama}\nHalo ${greetingName(notice.fullName)}, ada permintaan ${service} atas ${label} Anda melalui chat helpdesk${reference}. ` +
      `Jika bukan Anda yang meminta, ${helpdeskContact}.`,
    templateParameters: [
      service,
      `Ada permintaan atas ${label} Anda melalui chat helpdesk. Jika bukan Anda yang meminta, ${helpdeskContact}.`,
      ticketNumber ?? '-'
    ]
  }
}
