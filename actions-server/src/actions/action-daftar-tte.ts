import type { HelpdeskDeps } from '../composition'
import { cancelIdentityFlow, guardIdentityFlow, type IdentityFlow } from '../helpdesk/identity-flow'
import { notifyOwner } from '../helpdesk/owner-notice'
import { requestKey } from '../helpdesk/request-key'
import { resetRequestSlots } from '../helpdesk/slots'
import { openTicket } from '../helpdesk/tickets'
import { tteSubject, type TteRegistrationOutcome, type TteSubject } from '../helpdesk/tte'
import { say, serviceName, ticketSummary, tteRegistrationReply } from '../replies'
import { defineAction, type Action, type Tracker } from '../sdk'

type DaftarTteDeps = Pick<
  HelpdeskDeps,
  'knowledge' | 'helpdeskWhatsapp' | 'store' | 'logger' | 'directory' | 'whatsapp' | 'clock'
>

const FLOW: IdentityFlow = { kind: 'daftar_tte' }

/** A new request: ticket, TTE request row, audit, and the owner's notice. */
async function recordRequest(
  deps: DaftarTteDeps,
  tracker: Tracker,
  subject: TteSubject
): Promise<TteRegistrationOutcome> {
  const renewal = subject.employee?.status_tte === 'kedaluwarsa'
  const ticket = await openTicket(deps, tracker, {
    category: 'tte',
    summary: ticketSummary({ kind: 'tte', renewal }),
    data: {
      identitas: subject.identitas,
      ...(subject.employee === undefined
        ? { pegawai: false }
        : {
            pegawai: true,
            nama: subject.employee.nama,
            unit_kerja: subject.employee.unit_kerja,
            status_tte: subject.employee.status_tte
          }),
      ...(subject.directoryAvailable ? {} : { direktori: 'tidak dapat diakses' })
    },
    requestKey: requestKey('tte', tracker)
  })
  await deps.store.tteRequests.record({
    ticketNumber: ticket.number,
    senderId: tracker.senderId,
    jenisIdentitas: subject.jenis,
    identitas: subject.identitas
  })
  await deps.store.audit.record(tracker.senderId, 'tte_requested', {
    ticket: ticket.number,
    jenis: subject.jenis
  })
  if (subject.employee !== undefined) {
    await notifyOwner(deps, tracker, {
      service: serviceName({ kind: 'daftar_tte', renewal }),
      employee: subject.employee,
      identity: subject.identitas,
      purpose: 'tte',
      ticketNumber: ticket.number,
      identityLabel: subject.jenis === 'nik' ? 'NIK' : 'NIP'
    })
  }
  return { kind: 'recorded', renewal, ticketNumber: ticket.number }
}

/** An active certificate or a request in progress is reported instead of a duplicate request. */
async function register(
  deps: DaftarTteDeps,
  tracker: Tracker,
  subject: TteSubject
): Promise<TteRegistrationOutcome> {
  const directoryStatus = subject.employee?.status_tte
  if (directoryStatus === 'aktif') return { kind: 'already_active' }
  const pending = await deps.store.tteRequests.latestFor(subject.identitas)
  if (pending !== undefined && pending.status === 'diajukan')
    return { kind: 'already_requested', request: pending }
  if (directoryStatus === 'diajukan') return { kind: 'in_progress' }
  return await recordRequest(deps, tracker, subject)
}

/**
 * `action_daftar_tte`: records the TTE registration request (ticket + TTE request row) and
 * guides the next steps.
 */
export function createActionDaftarTte(deps: DaftarTteDeps): Action {
  return defineAction({
    name: 'action_daftar_tte',
    async run(dispatcher, tracker) {
      const stop = await guardIdentityFlow(deps, dispatcher, tracker, FLOW)
      if (stop !== undefined) return stop
      const subject = await tteSubject(deps, tracker)
      if (subject === undefined) return cancelIdentityFlow(dispatcher, FLOW)
      say(dispatcher, tteRegistrationReply(deps, await register(deps, tracker, subject)))
      return resetRequestSlots()
    }
  })
}
