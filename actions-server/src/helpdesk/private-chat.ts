import type { HelpdeskDeps } from '../composition'
import { privateChatOnlyReply, say } from '../replies'
import { followupAction, type CollectingDispatcher, type Event, type Tracker } from '../sdk'
import { resetRequestSlots } from './slots'

/**
 * True when the latest message came from a chat other people can read: the Telegram gateway
 * sends the chat type as `metadata.telegram.chat_type` on every message (Rasa's REST channel
 * keeps it on the user event and in `latest_message.metadata`). `private`, and a message without
 * a Telegram chat type (terminal chat, direct REST clients), count as private.
 */
export function isSharedChat(tracker: Tracker): boolean {
  const metadata = tracker.latestMessage.metadata as
    { telegram?: { chat_type?: unknown } } | null | undefined
  const chatType = metadata?.telegram?.chat_type
  return typeof chatType === 'string' && chatType !== 'private'
}

/**
 * Required slots of an identity form in a shared chat: only the ones that hold no personal data
 * (`allowed`), so the form never asks for an NIP/NIK there and never checks one typed anyway.
 */
export function requiredSlotsInSharedChat(
  domainSlots: string[],
  allowed: readonly string[] = []
): string[] {
  return domainSlots.filter((slot) => allowed.includes(slot))
}

/**
 * The finishing action's answer in a shared chat: one line, nothing personal, request cleared.
 * `action_listen` follows at once, so the rule's "Apakah masih ada yang bisa kami bantu?" is not
 * added and the group really gets one line.
 */
export async function refuseInSharedChat(
  deps: Pick<HelpdeskDeps, 'store'>,
  dispatcher: CollectingDispatcher,
  tracker: Tracker,
  service: string
): Promise<Event[]> {
  await deps.store.audit.record(tracker.senderId, 'group_chat_refused', { layanan: service })
  say(dispatcher, privateChatOnlyReply())
  return [...resetRequestSlots(), followupAction('action_listen')]
}
