import type { Bridge } from '../conversation/bridge'
import type { ChatQueue } from '../delivery/chat-queue'
import type { TelegramSender } from '../delivery/telegram-sender'
import { isObject, parseBotMessages } from '../rasa/types'
import type { ButtonMemory } from './button-memory'
import { chatOutput } from './create-bot'

export interface ProactiveDeps {
  bridge: Bridge
  queue: ChatQueue
  buttons: ButtonMemory
  sender: () => TelegramSender
}

/**
 * Messages Rasa's `callback` channel POSTs on its own (reminders, `trigger_intent` with
 * output_channel=callback): each one names its chat in `recipient_id` and joins that chat's
 * queue, so it never overtakes a reply still on its way.
 */
export function deliverProactive(
  items: unknown[],
  deps: ProactiveDeps
): { accepted: number; rejected: number } {
  let accepted = 0
  for (const item of items) {
    const recipient = isObject(item) ? item.recipient_id : undefined
    const chatId =
      typeof recipient === 'string' && /^-?\d+$/.test(recipient) ? Number(recipient) : undefined
    const messages = parseBotMessages([item])
    if (chatId === undefined || messages === undefined || messages.length === 0) continue
    const out = chatOutput(chatId, deps)
    if (deps.queue.enqueue(String(chatId), () => deps.bridge.deliverMessages(messages, out)))
      accepted++
  }
  return { accepted, rejected: items.length - accepted }
}
