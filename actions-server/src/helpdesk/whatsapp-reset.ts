import {
  DirectoryUnavailableError,
  formatWibDateTime,
  maskPhone,
  type Employee,
  type OutgoingWhatsApp,
  type ResetOutcome,
  type SystemEntry
} from '@helpdesk/core'
import type { CollectingDispatcher, Tracker } from '../sdk'
import type { HelpdeskDeps } from './deps'
import { helpdeskButton, officeHours } from './handoff'
import { requestKey } from './request-key'
import { openResetTicketOnce } from './reset-guard'
import { SLOT } from './slots'
import { openTicket } from './tickets'

const NEVER_SHARE = 'Jangan bagikan password kepada siapa pun, termasuk petugas.'

/** The WhatsApp text for the number on file; the only place a secret is ever written. */
function whatsappMessage(
  deps: HelpdeskDeps,
  system: SystemEntry,
  outcome: ResetOutcome,
  ticket: string,
  name: string
): Pick<OutgoingWhatsApp, 'text' | 'templateParameters' | 'containsSecret'> {
  const greeting = `${deps.knowledge.helpdesk.nama}\nHalo ${name},`
  const notMe = 'Jika Anda tidak meminta reset password, abaikan pesan ini dan hubungi helpdesk.'
  const until =
    outcome.kind !== 'manual' && outcome.expiresAt !== undefined
      ? ` (berlaku sampai ${formatWibDateTime(outcome.expiresAt)})`
      : ''
  switch (outcome.kind) {
    case 'temporary_password':
      return {
        text: `${greeting}\nPassword sementara ${system.nama} Anda: ${outcome.password}${until}\nMasuk di ${system.portal} lalu segera ganti password. ${NEVER_SHARE}\nNomor tiket: ${ticket}\n${notMe}`,
        templateParameters: [
          system.nama,
          `Password sementara: ${outcome.password}${until}`,
          ticket
        ],
        containsSecret: true
      }
    case 'link':
      return {
        text: `${greeting}\nTautan untuk membuat password baru ${system.nama}${until}: ${outcome.url}\n${NEVER_SHARE}\nNomor tiket: ${ticket}\n${notMe}`,
        templateParameters: [system.nama, `Tautan reset: ${outcome.url}${until}`, ticket],
        containsSecret: true
      }
    case 'manual':
      return {
        text: `${greeting}\npermintaan reset password ${system.nama} Anda sudah kami terima. Petugas akan mengirim password sementara ke nomor ini.\nNomor tiket: ${ticket}\n${notMe}`,
        templateParameters: [
          system.nama,
          'Permintaan reset diterima; petugas akan mengirim password sementara ke nomor ini.',
          ticket
        ],
        containsSecret: false
      }
  }
}

/**
 * Route `whatsapp`: ticket → reset provider → WhatsApp to the number on file. The chat only ever
 * sees the masked number and the ticket number, never the secret.
 */
export async function resetThroughWhatsApp(
  deps: HelpdeskDeps,
  dispatcher: CollectingDispatcher,
  tracker: Tracker,
  system: SystemEntry
): Promise<void> {
  const nip = String(tracker.getSlot(SLOT.identitas))
  let employee: Employee | undefined
  try {
    employee = await deps.directory.findByNip(nip)
  } catch (err) {
    if (!(err instanceof DirectoryUnavailableError)) throw err
    deps.logger.warn({ reason: err.message }, 'directory unavailable during reset')
  }
  const key = requestKey(`reset:${system.id}`, tracker)
  if (employee === undefined || !employee.aktif) {
    const ticket = openResetTicketOnce(deps, dispatcher, tracker, system, nip, key, () =>
      openTicket(deps, tracker, {
        category: 'reset_password',
        summary: `Reset password ${system.nama}: data pegawai tidak dapat diambil`,
        data: { nip, rute: 'whatsapp' },
        requestKey: key
      })
    )
    if (ticket === undefined) return
    dispatcher.utterMessage({
      text: `Maaf, data kepegawaian Anda sedang tidak dapat kami ambil. Permintaan reset password ${system.nama} sudah kami catat dengan nomor tiket ${ticket.number}; petugas akan memprosesnya.${officeHours(deps)}`,
      buttons: [helpdeskButton(deps, ticket.number)]
    })
    return
  }

  const destination = maskPhone(employee.whatsapp)
  const ticket = openResetTicketOnce(deps, dispatcher, tracker, system, nip, key, () =>
    openTicket(deps, tracker, {
      category: 'reset_password',
      summary: `Reset password ${system.nama} (${deps.reset.kind === 'manual' ? 'dikerjakan petugas' : 'otomatis'})`,
      data: {
        nip,
        nama: employee.nama,
        unit_kerja: employee.unit_kerja,
        rute: 'whatsapp',
        whatsapp_tujuan: destination
      },
      requestKey: key
    })
  )
  if (ticket === undefined) return
  const outcome = await deps.reset.requestReset({
    sistem: system.id,
    nip,
    ticketNumber: ticket.number,
    idempotencyKey: key
  })
  deps.store.audit.record(tracker.senderId, 'reset_requested', {
    sistem: system.id,
    ticket: ticket.number,
    hasil: outcome.kind
  })

  const firstName = employee.nama.trim().split(/\s+/)[0] ?? ''
  const message = whatsappMessage(
    deps,
    system,
    outcome,
    ticket.number,
    firstName === '' ? 'Bapak/Ibu' : firstName
  )
  const sent = await deps.whatsapp.send({
    idempotencyKey: `${key}:wa`,
    to: employee.whatsapp,
    ticketNumber: ticket.number,
    ...message
  })
  deps.store.audit.record(tracker.senderId, 'whatsapp_queued', {
    ticket: ticket.number,
    to: destination,
    status: sent.status,
    outbox: sent.outboxId
  })

  if (outcome.kind === 'manual') {
    dispatcher.utterMessage({
      text:
        `Permintaan reset password ${system.nama} sudah kami catat dengan nomor tiket ${ticket.number}. ` +
        `Petugas akan mengirim password sementara lewat WhatsApp ke nomor yang tercatat di data kepegawaian Anda, yaitu nomor berakhiran ${destination}.${officeHours(deps)} ` +
        'Kami tidak pernah meminta password Anda lewat chat.',
      buttons: [helpdeskButton(deps, ticket.number)]
    })
    return
  }
  const what =
    outcome.kind === 'temporary_password'
      ? 'Password sementara'
      : 'Tautan untuk membuat password baru'
  if (sent.status === 'failed') {
    dispatcher.utterMessage({
      text: `Maaf, pesan WhatsApp ke nomor berakhiran ${destination} gagal terkirim. Permintaan Anda sudah kami teruskan ke petugas dengan nomor tiket ${ticket.number}.${officeHours(deps)}`,
      buttons: [helpdeskButton(deps, ticket.number)]
    })
    return
  }
  if (sent.status === 'uncertain') {
    dispatcher.utterMessage({
      text:
        `${what} ${system.nama} sudah kami kirim lewat WhatsApp ke nomor berakhiran ${destination}, tetapi WhatsApp belum memberi konfirmasi. ` +
        `Jika dalam beberapa menit pesannya belum masuk, hubungi petugas dengan nomor tiket ${ticket.number}; pesan tidak kami kirim ulang otomatis agar tidak terkirim dua kali.${officeHours(deps)}`,
      buttons: [helpdeskButton(deps, ticket.number)]
    })
    return
  }
  if (sent.status === 'queued' && deps.whatsapp.mode === 'cloud') {
    dispatcher.utterMessage({
      text:
        `${what} ${system.nama} belum dapat kami kirim karena WhatsApp sedang tidak dapat dihubungi. ` +
        `Pesan akan kami kirim otomatis ke nomor berakhiran ${destination}, yaitu nomor yang tercatat di data kepegawaian Anda, segera setelah WhatsApp dapat dihubungi kembali. ` +
        `Anda tidak perlu mengulang permintaan. Nomor tiket: ${ticket.number}.`,
      buttons: [helpdeskButton(deps, ticket.number)]
    })
    return
  }
  // Only `sent` is left here: outbox mode never keeps a secret (the sender reports it `failed`),
  // so the chat never promises a message that is not on its way.
  dispatcher.utterMessage({
    text:
      `${what} ${system.nama} sudah kami kirim lewat WhatsApp ke nomor berakhiran ${destination}, yaitu nomor yang tercatat di data kepegawaian Anda. ` +
      `Segera ganti password setelah masuk. Nomor tiket: ${ticket.number}.`
  })
}
