import { identitySubject, maskPhone, wibDay, type Employee } from '@helpdesk/core'
import type { HelpdeskDeps } from '../composition'
import { ownerNoticeText } from '../replies'
import type { Tracker } from '../sdk'
import { requestKey } from './request-key'

export interface OwnerNotice {
  /** What was asked, as the owner reads it: "reset password SIMASN", "pendaftaran TTE", … */
  service: string
  /** The directory record of the NIP/NIK used (its WhatsApp number receives the notice). */
  employee: Employee
  /**
   * The NIP/NIK as used (digits). Only its pseudonym is stored with the message, so erasing
   * that number's data finds the notice even when no ticket was opened (a TTE status check).
   */
  identity: string
  /** Distinguishes notices of one user message (idempotency key purpose). */
  purpose: string
  ticketNumber?: string
  /** Which number was used: `NIP` (default) or `NIK`. */
  identityLabel?: 'NIP' | 'NIK'
  /**
   * One notice per chat, number and WIB day instead of one per user message: for requests that
   * open no ticket (a TTE status check), where a user who repeats the check (e.g. told to try
   * again after an outage, while the first check had already run) would otherwise notify the
   * owner twice within a minute (found by e2e/crash).
   */
  oncePerDay?: boolean
}

/**
 * A short WhatsApp notice to the number on file whenever someone uses a NIP for a reset or a
 * TTE request, so the real owner always learns of it, whoever typed the number and in whichever
 * chat. It goes through the same outbox as every WhatsApp message: stored in `outbox` mode, sent
 * in `cloud` mode; the same user message never produces two notices. It holds no secret.
 * The outbox row names the number's pseudonym and the chat that asked, for data-subject erasure.
 */
export async function notifyOwner(
  deps: Pick<HelpdeskDeps, 'whatsapp' | 'store' | 'knowledge' | 'helpdeskWhatsapp' | 'clock'>,
  tracker: Tracker,
  notice: OwnerNotice
): Promise<void> {
  const { employee, service, ticketNumber } = notice
  const subject = identitySubject(notice.identity)
  const idempotencyKey =
    notice.oncePerDay === true
      ? `notice:${notice.purpose}:${tracker.senderId}:${subject}:${wibDay(deps.clock.now())}`
      : requestKey(`notice:${notice.purpose}`, tracker)
  const sent = await deps.whatsapp.send({
    idempotencyKey,
    to: employee.whatsapp,
    ...ownerNoticeText(deps, {
      service,
      fullName: employee.nama,
      identityLabel: notice.identityLabel ?? 'NIP',
      ...(ticketNumber === undefined ? {} : { ticketNumber })
    }),
    containsSecret: false,
    ...(ticketNumber === undefined ? {} : { ticketNumber }),
    subject,
    senderId: tracker.senderId
  })
  await deps.store.audit.record(tracker.senderId, 'owner_notified', {
    layanan: service,
    to: maskPhone(employee.whatsapp),
    status: sent.status,
    outbox: sent.outboxId
  })
}
