import type { Tracker } from '../sdk'
import type { TrackerEvent } from '../sdk/types'

/** The Telegram update a user message came in (metadata.telegram.update_id, set by our gateway). */
function telegramUpdateId(metadata: unknown): number | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined
  const telegram = (metadata as { telegram?: unknown }).telegram
  if (typeof telegram !== 'object' || telegram === null) return undefined
  const id = (telegram as { update_id?: unknown }).update_id
  return typeof id === 'number' && Number.isInteger(id) ? id : undefined
}

/**
 * A stable key for "this user message asked for this", so a repeated action call (a retry, a
 * double tap) maps to the same ticket/outbox row instead of a second WhatsApp message.
 *
 * A Telegram message is keyed by its update id: when the gateway crashed while Rasa was handling
 * it, Telegram hands the same update out again and Rasa runs the action a second time under a
 * new message_id (its first run's tracker was never saved); the update id keeps the key, so the
 * outbox and the ticket guards recognise the repeat (found by e2e/crash).
 */
export function requestKey(purpose: string, tracker: Tracker): string {
  const lastUser = [...tracker.events].reverse().find((e: TrackerEvent) => e.event === 'user')
  const updateId =
    telegramUpdateId(tracker.latestMessage.metadata) ?? telegramUpdateId(lastUser?.metadata)
  if (updateId !== undefined) return `${purpose}:${tracker.senderId}:tg${updateId}`
  const messageId = tracker.latestMessage.message_id
  if (typeof messageId === 'string' && messageId !== '')
    return `${purpose}:${tracker.senderId}:${messageId}`
  return `${purpose}:${tracker.senderId}:${String(lastUser?.timestamp ?? tracker.events.length)}`
}
