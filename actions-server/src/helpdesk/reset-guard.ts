import { formatWibTime, identitySubject, type SystemEntry, type Ticket } from '@helpdesk/core'
import type { CollectingDispatcher, Tracker } from '../sdk'
import type { HelpdeskDeps } from './deps'
import { helpdeskButton, officeHours } from './handoff'
import { urlButton, waLink } from './wa-link'

/**
 * Opens the reset ticket (through `open`) only when this NIP may ask for this system now: a
 * reset for the same NIP and system within RESET_REPEAT_WINDOW_MINUTES is not repeated (the user
 * is told the earlier request stands: a user who saw "busy" and asked again gets no second
 * reset), and a NIP gets at most RESET_REQUESTS_PER_DAY resets a day, whichever chat asks. The
 * check, the ticket and the count are one transaction, so parallel processes cannot both pass.
 * `key` is this call's request key. Returns the ticket, or undefined after telling the user why
 * nothing new was started.
 */
export function openResetTicketOnce(
  deps: HelpdeskDeps,
  dispatcher: CollectingDispatcher,
  tracker: Tracker,
  system: SystemEntry,
  nip: string,
  key: string,
  open: () => Ticket
): Ticket | undefined {
  const claim = deps.store.identityLimits.claimReset({
    subject: identitySubject(nip),
    system: system.id,
    repeatWindowMs: deps.limits.resetRepeatWindowMs,
    perDay: deps.limits.resetRequestsPerDay,
    record: () => {
      const ticket = open()
      return { ref: ticket.number, value: ticket }
    }
  })
  if (claim.kind === 'claimed') return claim.value
  if (claim.kind === 'repeat') {
    // The very same call again (Rasa or the network repeating it): carry on with the same ticket;
    // the reset provider and the outbox see the same idempotency keys, so nothing is done twice.
    const earlier = deps.store.tickets.find(claim.ref)
    if (earlier?.requestKey === key) return earlier
    deps.store.audit.record(tracker.senderId, 'reset_repeat_refused', {
      sistem: system.id,
      ticket: claim.ref
    })
    deps.logger.info(
      { sistem: system.id, ticket: claim.ref },
      'reset for the same NIP and system already requested; not repeated'
    )
    dispatcher.utterMessage({
      text:
        `Permintaan reset password ${system.nama} untuk NIP ini sudah kami terima pukul ${formatWibTime(claim.at)} WIB dengan nomor tiket ${claim.ref}, ` +
        'dan permintaan itu tetap berlaku, jadi tidak kami ulangi. ' +
        `Mohon tunggu; bila dalam ${Math.round(deps.limits.resetRepeatWindowMs / 60000)} menit belum ada kabar, hubungi petugas dengan nomor tiket tersebut.`,
      buttons: [helpdeskButton(deps, claim.ref)]
    })
    return undefined
  }
  deps.store.audit.record(tracker.senderId, 'reset_limited', {
    sistem: system.id,
    limit: deps.limits.resetRequestsPerDay
  })
  deps.logger.warn(
    { sistem: system.id, limit: deps.limits.resetRequestsPerDay },
    'reset requests per NIP per day reached'
  )
  dispatcher.utterMessage({
    text:
      `Demi keamanan akun, permintaan reset password untuk NIP ini sudah mencapai batas ${deps.limits.resetRequestsPerDay} kali dalam 24 jam, ` +
      `jadi permintaan ${system.nama} kali ini tidak kami proses. Silakan hubungi petugas.${officeHours(deps)}`,
    buttons: [
      urlButton(
        'Chat petugas di WhatsApp',
        waLink(
          deps.helpdeskWhatsapp,
          `Halo ${deps.knowledge.helpdesk.nama}, saya perlu bantuan reset password ${system.nama}.`
        )
      )
    ]
  })
  return undefined
}
