import type { Bridge, ChatOutput, DeliveryOutcome } from '../conversation/bridge'
import type { ChatQueue } from '../delivery/chat-queue'
import type { TelegramSender } from '../delivery/telegram-sender'
import { isObject, parseBotMessages, type BotMessage } from '../rasa/types'
import type { ButtonMemory } from './button-memory'
import { chatOutput } from './create-bot'

export interface ProactiveDeps {
  bridge: Bridge
  queue: ChatQueue
  buttons: ButtonMemory
  sender: () => TelegramSender
}

/** One message's fate with `?wait=true`: `blocked` is Telegram's 403 (the user blocked the bot). */
export type ProactiveResult =
  | { recipient_id: string; delivered: true }
  | { recipient_id: string; delivered: false; error: 'blocked' | 'refused' | 'queue_full' }

export interface ProactiveAnswer {
  accepted: number
  rejected: number
  /** Only when the caller waited: one entry per accepted message, in order. */
  results?: ProactiveResult[]
}

/** Where a callback message goes: a chat key for the queue and that chat's output. */
export interface ProactiveTarget {
  key: string
  out: ChatOutput
}

/**
 * Messages POSTed to `/rasa/callback` (Rasa's `callback` channel, `trigger_intent` with
 * output_channel=callback, the staff console): each one names its chat in `recipient_id` and
 * joins that chat's queue, so it never overtakes a reply still on its way (and gets the same
 * pacing, splitting and flood-control retry). With `wait`, the answer comes after delivery and
 * says, per message, whether Telegram took it.
 */
export async function deliverProactive(
  items: unknown[],
  deps: Pick<ProactiveDeps, 'bridge' | 'queue'> & {
    target: (recipientId: string) => ProactiveTarget | undefined
  },
  wait = false
): Promise<ProactiveAnswer> {
  let accepted = 0
  const pending: Array<Promise<ProactiveResult>> = []
  for (const item of items) {
    const recipient = isObject(item) ? item.recipient_id : undefined
    const target = typeof recipient === 'string' ? deps.target(recipient) : undefined
    const messages: BotMessage[] | undefined = parseBotMessages([item])
    if (target === undefined || messages === undefined || messages.length === 0) continue
    const recipientId = recipient as string
    let settle: (outcome: DeliveryOutcome) => void = () => undefined
    const done = new Promise<DeliveryOutcome>((resolve) => {
      settle = resolve
    })
    const queued = deps.queue.enqueue(target.key, async () => {
      try {
        settle(await deps.bridge.deliverMessages(messages, target.out))
      } catch {
        settle({ delivered: false })
      }
    })
    if (queued) {
      accepted++
      pending.push(done.then((outcome) => toResult(recipientId, outcome)))
    } else if (wait) {
      pending.push(
        Promise.resolve({ recipient_id: recipientId, delivered: false, error: 'queue_full' })
      )
    }
  }
  const answer: ProactiveAnswer = { accepted, rejected: items.length - accepted }
  if (wait) answer.results = await Promise.all(pending)
  return answer
}

function toResult(recipientId: string, outcome: DeliveryOutcome): ProactiveResult {
  if (outcome.delivered) return { recipient_id: recipientId, delivered: true }
  return {
    recipient_id: recipientId,
    delivered: false,
    error: outcome.failure?.code === 403 ? 'blocked' : 'refused'
  }
}

/** Telegram chats: `recipient_id` is the numeric chat id. */
export function telegramTarget(
  deps: Pick<ProactiveDeps, 'sender' | 'buttons'>
): (recipientId: string) => ProactiveTarget | undefined {
  return (recipientId) => {
    if (!/^-?\d+$/.test(recipientId)) return undefined
    const chatId = Number(recipientId)
    return { key: String(chatId), out: chatOutput(chatId, deps) }
  }
}
