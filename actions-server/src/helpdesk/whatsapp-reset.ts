import {
  DirectoryUnavailableError,
  identitySubject,
  maskPhone,
  type Employee,
  type SystemEntry
} from '@helpdesk/core'
import type { HelpdeskDeps } from '../composition'
import { resetWhatsAppText, ticketSummary } from '../replies'
import type { Tracker } from '../sdk'
import { requestKey } from './request-key'
import { openResetTicketOnce, type ResetRefusal } from './reset-guard'
import { SLOT } from './slots'

/** What the WhatsApp message to the number on file carries when the reset API answered. */
export type ResetSecretKind = 'temporary_password' | 'link'

/** How a reset over the `whatsapp` route ended; replies/reset-replies.ts words each one. */
export type WhatsAppResetOutcome =
  | ResetRefusal
  | {
      /** The directory could not give the record (down, unknown or inactive): a ticket for staff. */
      kind: 'employee_record_unavailable'
      system: SystemEntry
      ticketNumber: string
    }
  | {
      /** Manual reset provider: staff send the temporary password; the owner got a notice. */
      kind: 'staff_will_send'
      system: SystemEntry
      ticketNumber: string
      /** The masked number on file (`0856****0001`). */
      destination: string
    }
  | {
      /** The message with the secret could not be sent; the ticket is for staff. */
      kind: 'whatsapp_failed'
      system: SystemEntry
      ticketNumber: string
      destination: string
    }
  | {
      /** Sent, but WhatsApp's answer was lost: not resent automatically. */
      kind: 'whatsapp_unconfirmed'
      system: SystemEntry
      secret: ResetSecretKind
      ticketNumber: string
      destination: string
    }
  | {
      /** WhatsApp cannot be reached now: the outbox sends it later. */
      kind: 'whatsapp_delayed'
      system: SystemEntry
      secret: ResetSecretKind
      ticketNumber: string
      destination: string
    }
  | {
      kind: 'whatsapp_sent'
      system: SystemEntry
      secret: ResetSecretKind
      ticketNumber: string
      destination: string
    }

/**
 * Route `whatsapp`: ticket → reset provider → WhatsApp to the number on file. The chat only ever
 * sees the masked number and the ticket number, never the secret.
 */
export async function resetThroughWhatsApp(
  deps: Pick<
    HelpdeskDeps,
    'directory' | 'logger' | 'store' | 'limits' | 'reset' | 'whatsapp' | 'knowledge'
  >,
  tracker: Tracker,
  system: SystemEntry
): Promise<WhatsAppResetOutcome> {
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
    const claim = await openResetTicketOnce(deps, tracker, system, nip, key, {
      summary: ticketSummary({ kind: 'reset_without_employee_record', systemName: system.nama }),
      data: { rute: 'whatsapp' }
    })
    if (claim.kind !== 'opened') return claim
    return { kind: 'employee_record_unavailable', system, ticketNumber: claim.ticket.number }
  }

  const destination = maskPhone(employee.whatsapp)
  const claim = await openResetTicketOnce(deps, tracker, system, nip, key, {
    summary: ticketSummary({
      kind: 'reset_over_whatsapp',
      systemName: system.nama,
      automatic: deps.reset.kind !== 'manual'
    }),
    data: {
      nama: employee.nama,
      unit_kerja: employee.unit_kerja,
      rute: 'whatsapp',
      whatsapp_tujuan: destination
    }
  })
  if (claim.kind !== 'opened') return claim
  const ticketNumber = claim.ticket.number
  const outcome = await deps.reset.requestReset({
    sistem: system.id,
    nip,
    ticketNumber,
    idempotencyKey: key
  })
  await deps.store.audit.record(tracker.senderId, 'reset_requested', {
    sistem: system.id,
    ticket: ticketNumber,
    hasil: outcome.kind
  })

  const sent = await deps.whatsapp.send({
    idempotencyKey: `${key}:wa`,
    to: employee.whatsapp,
    ticketNumber,
    subject: identitySubject(nip),
    senderId: tracker.senderId,
    ...resetWhatsAppText(deps, { system, outcome, ticketNumber, fullName: employee.nama })
  })
  await deps.store.audit.record(tracker.senderId, 'whatsapp_queued', {
    ticket: ticketNumber,
    to: destination,
    status: sent.status,
    outbox: sent.outboxId
  })

  if (outcome.kind === 'manual')
    return { kind: 'staff_will_send', system, ticketNumber, destination }
  const delivery = { system, secret: outcome.kind, ticketNumber, destination }
  if (sent.status === 'failed')
    return { kind: 'whatsapp_failed', system, ticketNumber, destination }
  if (sent.status === 'uncertain') return { kind: 'whatsapp_unconfirmed', ...delivery }
  if (sent.status === 'queued' && deps.whatsapp.mode === 'cloud')
    return { kind: 'whatsapp_delayed', ...delivery }
  // Only `sent` is left here: outbox mode never keeps a secret (the sender reports it `failed`),
  // so the chat never promises a message that is not on its way.
  return { kind: 'whatsapp_sent', ...delivery }
}
