import type { HelpdeskDeps } from '../composition'
import { guardIdentityFlow, type IdentityFlow } from '../helpdesk/identity-flow'
import { notifyOwner } from '../helpdesk/owner-notice'
import { resetRequestSlots } from '../helpdesk/slots'
import { tteStatusOf, tteSubject, type TteStatusOutcome } from '../helpdesk/tte'
import { say, serviceName, tteStatusReply } from '../replies'
import { defineAction, type Action, type Tracker } from '../sdk'

type CekStatusTteDeps = Pick<
  HelpdeskDeps,
  'knowledge' | 'helpdeskWhatsapp' | 'store' | 'logger' | 'directory' | 'whatsapp' | 'clock'
>

const FLOW: IdentityFlow = { kind: 'cek_status_tte' }

/** The status of the confirmed identity; its owner is told of the check by WhatsApp. */
async function checkStatus(deps: CekStatusTteDeps, tracker: Tracker): Promise<TteStatusOutcome> {
  const subject = await tteSubject(deps, tracker)
  if (subject === undefined) return { kind: 'no_identity' }
  if (subject.employee !== undefined) {
    await notifyOwner(deps, tracker, {
      service: serviceName(FLOW),
      employee: subject.employee,
      identity: subject.identitas,
      purpose: 'tte-status',
      identityLabel: subject.jenis === 'nik' ? 'NIK' : 'NIP',
      oncePerDay: true
    })
  }
  return tteStatusOf(subject, await deps.store.tteRequests.latestFor(subject.identitas))
}

/**
 * `action_cek_status_tte`: the TTE status from the directory, or from the request the bot
 * recorded (BSrE has no public status API). Names appear masked only. Like the other identity
 * flows it needs a confirmed identity.
 */
export function createActionCekStatusTte(deps: CekStatusTteDeps): Action {
  return defineAction({
    name: 'action_cek_status_tte',
    async run(dispatcher, tracker) {
      const stop = await guardIdentityFlow(deps, dispatcher, tracker, FLOW)
      if (stop !== undefined) return stop
      say(dispatcher, tteStatusReply(deps, await checkStatus(deps, tracker)))
      return resetRequestSlots()
    }
  })
}
