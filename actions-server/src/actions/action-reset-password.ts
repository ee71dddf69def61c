import type { HelpdeskDeps } from '../helpdesk/deps'
import { officeHours } from '../helpdesk/handoff'
import { offerHumanAfterFailedIdentity } from '../helpdesk/identity-failure'
import { requestKey } from '../helpdesk/request-key'
import { notifyOwner } from '../helpdesk/owner-notice'
import { isSharedChat, refuseInSharedChat } from '../helpdesk/private-chat'
import { openResetTicketOnce } from '../helpdesk/reset-guard'
import { SLOT, identityGate, resetRequestSlots } from '../helpdesk/slots'
import { openTicket } from '../helpdesk/tickets'
import { urlButton, waLink } from '../helpdesk/wa-link'
import { resetThroughWhatsApp } from '../helpdesk/whatsapp-reset'
import { DirectoryUnavailableError, findSystem, numbered, type SystemEntry } from '@helpdesk/core'
import { defineAction, type Action, type CollectingDispatcher, type Tracker } from '../sdk'

function guide(deps: HelpdeskDeps, dispatcher: CollectingDispatcher, system: SystemEntry): void {
  const steps = numbered(system.langkah)
  const contactLink = waLink(
    system.kontak.whatsapp,
    `Halo ${system.kontak.nama}, saya masih terkendala reset password ${system.nama}.`
  )
  dispatcher.utterMessage({
    text: `Cara mengatur ulang password ${system.nama}:\n${steps}\n\nJika masih terkendala, hubungi ${system.kontak.nama} di WhatsApp: ${contactLink}`,
    buttons: [
      urlButton(`Buka ${system.nama}`, system.portal),
      urlButton(`WhatsApp ${system.kontak.nama}`, contactLink)
    ]
  })
}

/** Route `petugas`: the owner of the NIP learns of the request by WhatsApp (best effort: needs the directory). */
async function notifyOwnerOfStaffReset(
  deps: HelpdeskDeps,
  tracker: Tracker,
  nip: string,
  systemName: string,
  ticketNumber: string
): Promise<void> {
  let employee
  try {
    employee = await deps.directory.findByNip(nip)
  } catch (err) {
    if (!(err instanceof DirectoryUnavailableError)) throw err
    deps.logger.warn(
      { ticket: ticketNumber, reason: err.message },
      'directory unavailable; the owner of the NIP was not notified'
    )
    return
  }
  if (employee === undefined) return
  await notifyOwner(deps, tracker, {
    service: `reset password ${systemName}`,
    employee,
    purpose: 'reset',
    ticketNumber
  })
}

/**
 * `action_reset_password`, by the knowledge-base route of the system: `panduan` → the steps and
 * the contact; `whatsapp` → reset provider and a WhatsApp message to the number on file;
 * `petugas` → a ticket for the system's admins. A failed/limited identity → the human offer.
 */
export function createActionResetPassword(deps: HelpdeskDeps): Action {
  return defineAction({
    name: 'action_reset_password',
    async run(dispatcher, tracker) {
      const system = findSystem(deps.knowledge, tracker.getSlot(SLOT.sistem))
      if (system === undefined) {
        dispatcher.utterMessage({
          text: 'Maaf, sistemnya belum kami ketahui. Silakan ulangi permintaan lupa password dan pilih sistemnya.'
        })
        return resetRequestSlots()
      }
      if (system.rute_reset === 'panduan') {
        guide(deps, dispatcher, system)
        return resetRequestSlots()
      }
      if (isSharedChat(tracker))
        return refuseInSharedChat(deps, dispatcher, tracker, `reset password ${system.nama}`)
      const gate = identityGate(tracker, { requireConfirmation: true })
      if (gate.kind === 'failed') {
        return offerHumanAfterFailedIdentity(
          deps,
          dispatcher,
          tracker,
          gate.status,
          `reset password ${system.nama}`
        )
      }
      if (gate.kind === 'unconfirmed') {
        dispatcher.utterMessage({
          text: `Permintaan reset password ${system.nama} kami batalkan karena identitas belum dikonfirmasi.`
        })
        return resetRequestSlots()
      }
      if (system.rute_reset === 'whatsapp') {
        await resetThroughWhatsApp(deps, dispatcher, tracker, system)
        return resetRequestSlots()
      }
      const nip = String(tracker.getSlot(SLOT.identitas))
      const key = requestKey(`reset:${system.id}`, tracker)
      const ticket = openResetTicketOnce(deps, dispatcher, tracker, system, nip, key, () =>
        openTicket(deps, tracker, {
          category: 'reset_password',
          summary: `Reset password ${system.nama} oleh ${system.kontak.nama}`,
          data: { nip, rute: 'petugas', kontak: system.kontak.nama },
          requestKey: key
        })
      )
      if (ticket === undefined) return resetRequestSlots()
      await notifyOwnerOfStaffReset(deps, tracker, nip, system.nama, ticket.number)
      const steps = system.langkah.map((step) => `• ${step}`).join('\n')
      dispatcher.utterMessage({
        text: `${steps}\n\nPermintaan reset password ${system.nama} sudah kami teruskan ke ${system.kontak.nama} dengan nomor tiket ${ticket.number}.${officeHours(deps)}`,
        buttons: [
          urlButton(
            `WhatsApp ${system.kontak.nama}`,
            waLink(
              system.kontak.whatsapp,
              `Halo ${system.kontak.nama}, saya ingin melanjutkan permintaan reset password ${system.nama} dengan nomor tiket ${ticket.number}.`
            )
          )
        ]
      })
      return resetRequestSlots()
    }
  })
}
