import type { Tracker } from '../sdk'

/**
 * A stable key for "this user message asked for this", so a repeated action call (a retry, a
 * double tap) maps to the same ticket/outbox row instead of a second WhatsApp message.
 */
export function requestKey(purpose: string, tracker: Tracker): string {
  const messageId = tracker.latestMessage.message_id
  if (typeof messageId === 'string' && messageId !== '')
    return `${purpose}:${tracker.senderId}:${messageId}`
  const lastUser = [...tracker.events].reverse().find((e) => e.event === 'user')
  return `${purpose}:${tracker.senderId}:${String(lastUser?.timestamp ?? tracker.events.length)}`
}
