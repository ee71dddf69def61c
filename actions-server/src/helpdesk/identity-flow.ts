import type { HelpdeskDeps } from '../composition'
import { identityUnconfirmedReply, say, serviceName } from '../replies'
import type { CollectingDispatcher, Event, Tracker } from '../sdk'
import { offerHumanAfterFailedIdentity } from './identity-failure'
import { isSharedChat, refuseInSharedChat } from './private-chat'
import { SLOT, failedIdentityStatus, resetRequestSlots, type FailedIdentityStatus } from './slots'

/** The flows that need a confirmed NIP/NIK; replies/ names them for users, staff and the audit. */
export type IdentityFlow =
  | { kind: 'reset_password'; systemName: string }
  | { kind: 'daftar_tte'; renewal?: boolean }
  | { kind: 'cek_status_tte' }

/**
 * Where a finishing action stands with the identity its form collected: `failed` (gagal or
 * dibatasi: offer a human), `unconfirmed` (no valid identity, or the summary not confirmed) or
 * `valid`.
 */
export type IdentityGate =
  { kind: 'valid' } | { kind: 'unconfirmed' } | { kind: 'failed'; status: FailedIdentityStatus }

export function identityGate(tracker: Tracker): IdentityGate {
  const status = tracker.getSlot(SLOT.status)
  const failed = failedIdentityStatus(status)
  if (failed !== undefined) return { kind: 'failed', status: failed }
  if (status !== 'valid' || tracker.getSlot(SLOT.konfirmasi) !== true)
    return { kind: 'unconfirmed' }
  return { kind: 'valid' }
}

/** Ends an identity flow whose identity was not confirmed: says so, clears the request. */
export function cancelIdentityFlow(dispatcher: CollectingDispatcher, flow: IdentityFlow): Event[] {
  say(dispatcher, identityUnconfirmedReply(flow))
  return resetRequestSlots()
}

/**
 * The check every identity flow starts with, in this order: a shared chat gets one line and no
 * flow; a failed or limited identity gets the human offer; an unconfirmed one is cancelled.
 * Returns the events that end the action, or undefined when the identity is confirmed and the
 * flow may go on.
 */
export async function guardIdentityFlow(
  deps: Pick<HelpdeskDeps, 'store' | 'logger' | 'knowledge' | 'helpdeskWhatsapp'>,
  dispatcher: CollectingDispatcher,
  tracker: Tracker,
  flow: IdentityFlow
): Promise<Event[] | undefined> {
  if (isSharedChat(tracker)) return refuseInSharedChat(deps, dispatcher, tracker, serviceName(flow))
  const gate = identityGate(tracker)
  if (gate.kind === 'failed')
    return offerHumanAfterFailedIdentity(deps, dispatcher, tracker, gate.status, flow)
  if (gate.kind === 'unconfirmed') return cancelIdentityFlow(dispatcher, flow)
  return undefined
}
