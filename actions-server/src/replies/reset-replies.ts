import { bulleted, formatWibTime, numbered, type SystemEntry } from '@helpdesk/core'
import type { ResetSecretKind, WhatsAppResetOutcome } from '../helpdesk/whatsapp-reset'
import { helpdeskButton, officeHours, type HelpdeskContact, type Reply } from './reply'
import { urlButton, waLink } from './wa-link'

/** How `action_reset_password` ended, by the knowledge-base route of the system. */
export type ResetPasswordOutcome =
  /** The `sistem` slot names no system of the knowledge base. */
  | { kind: 'unknown_system' }
  /** Route `panduan`: the steps and the contact. */
  | { kind: 'guide'; system: SystemEntry }
  /** Route `petugas`: a ticket for the system's admins. */
  | { kind: 'forwarded_to_contact'; system: SystemEntry; ticketNumber: string }
  /** Route `whatsapp` (and the refusals of the reset guard on both ticket routes). */
  | WhatsAppResetOutcome

const secretName = (secret: ResetSecretKind): string =>
  secret === 'temporary_password' ? 'Password sementara' : 'Tautan untuk membuat password baru'

function contactLink(system: SystemEntry, text: string): string {
  return waLink(system.kontak.whatsapp, text)
}

/** The chat reply of `action_reset_password`; never holds a secret, only the masked number. */
export function resetPasswordReply(contact: HelpdeskContact, outcome: ResetPasswordOutcome): Reply {
  switch (outcome.kind) {
    case 'unknown_system':
      return {
        text: 'Maaf, sistemnya belum kami ketahui. Silakan ulangi permintaan lupa password dan pilih sistemnya.'
      }
    case 'guide': {
      const { system } = outcome
      const link = contactLink(
        system,
        `Halo ${system.kontak.nama}, saya masih terkendala reset password ${system.nama}.`
      )
      return {
        text: `Cara mengatur ulang password ${system.nama}:\n${numbered(system.langkah)}\n\nJika masih terkendala, hubungi ${system.kontak.nama} di WhatsApp: ${link}`,
        buttons: [
          urlButton(`Buka ${system.nama}`, system.portal),
          urlButton(`WhatsApp ${system.kontak.nama}`, link)
        ]
      }
    }
    case 'forwarded_to_contact': {
      const { system, ticketNumber } = outcome
      return {
        text: `${bulleted(system.langkah)}\n\nPermintaan reset password ${system.nama} sudah kami teruskan ke ${system.kontak.nama} dengan nomor tiket ${ticketNumber}.${officeHours(contact)}`,
        buttons: [
          urlButton(
            `WhatsApp ${system.kontak.nama}`,
            contactLink(
              system,
              `Halo ${system.kontak.nama}, saya ingin melanjutkan permintaan reset password ${system.nama} dengan nomor tiket ${ticketNumber}.`
            )
          )
        ]
      }
    }
    case 'repeat_refused':
      return {
        text:
          `Permintaan reset password ${outcome.system.nama} untuk NIP ini sudah kami terima pukul ${formatWibTime(outcome.requestedAt)} WIB dengan nomor tiket ${outcome.ticketNumber}, ` +
          'dan permintaan itu tetap berlaku, jadi tidak kami ulangi. ' +
          `Mohon tunggu; bila dalam ${Math.round(outcome.repeatWindowMs / 60000)} menit belum ada kabar, hubungi petugas dengan nomor tiket tersebut.`,
        buttons: [helpdeskButton(contact, outcome.ticketNumber)]
      }
    case 'daily_limit_reached':
      return {
        text:
          `Demi keamanan akun, permintaan reset password untuk NIP ini sudah mencapai batas ${outcome.perDay} kali dalam 24 jam, ` +
          `jadi permintaan ${outcome.system.nama} kali ini tidak kami proses. Silakan hubungi petugas.${officeHours(contact)}`,
        buttons: [
          urlButton(
            'Chat petugas di WhatsApp',
            waLink(
              contact.helpdeskWhatsapp,
              `Halo ${contact.knowledge.helpdesk.nama}, saya perlu bantuan reset password ${outcome.system.nama}.`
            )
          )
        ]
      }
    case 'employee_record_unavailable':
      return {
        text: `Maaf, data kepegawaian Anda sedang tidak dapat kami ambil. Permintaan reset password ${outcome.system.nama} sudah kami catat dengan nomor tiket ${outcome.ticketNumber}; petugas akan memprosesnya.${officeHours(contact)}`,
        buttons: [helpdeskButton(contact, outcome.ticketNumber)]
      }
    case 'staff_will_send':
      return {
        text:
          `Permintaan reset password ${outcome.system.nama} sudah kami catat dengan nomor tiket ${outcome.ticketNumber}. ` +
          `Petugas akan mengirim password sementara lewat WhatsApp ke nomor yang tercatat di data kepegawaian Anda, yaitu nomor ${outcome.destination}.${officeHours(contact)} ` +
          'Kami tidak pernah meminta password Anda lewat chat.',
        buttons: [helpdeskButton(contact, outcome.ticketNumber)]
      }
    case 'whatsapp_failed':
      return {
        text: `Maaf, pesan WhatsApp ke nomor ${outcome.destination} gagal terkirim. Permintaan Anda sudah kami teruskan ke petugas dengan nomor tiket ${outcome.ticketNumber}.${officeHours(contact)}`,
        buttons: [helpdeskButton(contact, outcome.ticketNumber)]
      }
    case 'whatsapp_unconfirmed':
      return {
        text:
          `${secretName(outcome.secret)} ${outcome.system.nama} sudah kami kirim lewat WhatsApp ke nomor ${outcome.destination}, tetapi WhatsApp belum memberi konfirmasi. ` +
          `Jika dalam beberapa menit pesannya belum masuk, hubungi petugas dengan nomor tiket ${outcome.ticketNumber}; pesan tidak kami kirim ulang otomatis agar tidak terkirim dua kali.${officeHours(contact)}`,
        buttons: [helpdeskButton(contact, outcome.ticketNumber)]
      }
    case 'whatsapp_delayed':
      return {
        text:
          `${secretName(outcome.secret)} ${outcome.system.nama} belum dapat kami kirim karena WhatsApp sedang tidak dapat dihubungi. ` +
          `Pesan akan kami kirim otomatis ke nomor ${outcome.destination}, yaitu nomor yang tercatat di data kepegawaian Anda, segera setelah WhatsApp dapat dihubungi kembali. ` +
          `Anda tidak perlu mengulang permintaan. Nomor tiket: ${outcome.ticketNumber}.`,
        buttons: [helpdeskButton(contact, outcome.ticketNumber)]
      }
    case 'whatsapp_sent':
      return {
        text:
          `${secretName(outcome.secret)} ${outcome.system.nama} sudah kami kirim lewat WhatsApp ke nomor ${outcome.destination}, yaitu nomor yang tercatat di data kepegawaian Anda. ` +
          `Segera ganti password setelah masuk. Nomor tiket: ${outcome.ticketNumber}.`
      }
  }
}
