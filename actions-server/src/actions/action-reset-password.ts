import { DirectoryUnavailableError, findSystem, type SystemEntry } from '@helpdesk/core'
import type { HelpdeskDeps } from '../composition'
import { guardIdentityFlow } from '../helpdesk/identity-flow'
import { notifyOwner } from '../helpdesk/owner-notice'
import { requestKey } from '../helpdesk/request-key'
import { openResetTicketOnce } from '../helpdesk/reset-guard'
import { SLOT, resetRequestSlots } from '../helpdesk/slots'
import { resetThroughWhatsApp } from '../helpdesk/whatsapp-reset'
import {
  resetPasswordReply,
  say,
  serviceName,
  ticketSummary,
  type ResetPasswordOutcome
} from '../replies'
import { defineAction, type Action, type Tracker } from '../sdk'

type ResetPasswordDeps = Pick<
  HelpdeskDeps,
  | 'knowledge'
  | 'helpdeskWhatsapp'
  | 'store'
  | 'logger'
  | 'limits'
  | 'directory'
  | 'reset'
  | 'whatsapp'
  | 'clock'
>

/** Route `petugas`: the owner of the NIP learns of the request by WhatsApp (best effort: needs the directory). */
async function notifyOwnerOfStaffReset(
  deps: Pick<
    HelpdeskDeps,
    'directory' | 'logger' | 'whatsapp' | 'store' | 'knowledge' | 'helpdeskWhatsapp' | 'clock'
  >,
  tracker: Tracker,
  nip: string,
  system: SystemEntry,
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
    service: serviceName({ kind: 'reset_password', systemName: system.nama }),
    employee,
    identity: nip,
    purpose: 'reset',
    ticketNumber
  })
}

/** Route `petugas`: a ticket for the system's admins (after the reset guard), then the owner's notice. */
async function forwardToContact(
  deps: ResetPasswordDeps,
  tracker: Tracker,
  system: SystemEntry
): Promise<ResetPasswordOutcome> {
  const nip = String(tracker.getSlot(SLOT.identitas))
  const key = requestKey(`reset:${system.id}`, tracker)
  const claim = await openResetTicketOnce(deps, tracker, system, nip, key, {
    summary: ticketSummary({
      kind: 'reset_by_contact',
      systemName: system.nama,
      contactName: system.kontak.nama
    }),
    data: { rute: 'petugas', kontak: system.kontak.nama }
  })
  if (claim.kind !== 'opened') return claim
  await notifyOwnerOfStaffReset(deps, tracker, nip, system, claim.ticket.number)
  return { kind: 'forwarded_to_contact', system, ticketNumber: claim.ticket.number }
}

/**
 * `action_reset_password`, by the knowledge-base route of the system: `panduan` → the steps and
 * the contact; `whatsapp` → reset provider and a WhatsApp message to the number on file;
 * `petugas` → a ticket for the system's admins. A failed/limited identity → the human offer.
 */
export function createActionResetPassword(deps: ResetPasswordDeps): Action {
  return defineAction({
    name: 'action_reset_password',
    async run(dispatcher, tracker) {
      const system = findSystem(deps.knowledge, tracker.getSlot(SLOT.sistem))
      let outcome: ResetPasswordOutcome
      if (system === undefined) outcome = { kind: 'unknown_system' }
      else if (system.rute_reset === 'panduan') outcome = { kind: 'guide', system }
      else {
        const stop = await guardIdentityFlow(deps, dispatcher, tracker, {
          kind: 'reset_password',
          systemName: system.nama
        })
        if (stop !== undefined) return stop
        outcome =
          system.rute_reset === 'whatsapp'
            ? await resetThroughWhatsApp(deps, tracker, system)
            : await forwardToContact(deps, tracker, system)
      }
      say(dispatcher, resetPasswordReply(deps, outcome))
      return resetRequestSlots()
    }
  })
}
