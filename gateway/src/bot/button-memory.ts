import { randomBytes } from 'node:crypto'
import type { Clock } from '../delivery/clock'

/** Prefix of the ids the gateway issues as callback_data (Telegram allows 64 bytes). */
export const SHORT_ID_PREFIX = '~b:'

export interface ButtonMemory {
  /**
   * callback_data for a payload: always a short id issued here, never the payload itself, so a
   * client that forges callback_data (Telegram lets any client send any bytes) cannot put its own
   * text or `/intent{…}` into Rasa's input, whatever GATEWAY_TYPED_INTENTS says.
   */
  callbackData: (payload: string) => string
  /** callback_data → payload; undefined unless it is an id issued here that has not expired. */
  resolve: (data: string) => string | undefined
  /** Reply keyboards send their title as text: remember title → payload for that chat. */
  rememberReplyKeyboard: (
    chatId: number,
    buttons: Array<{ title: string; payload: string }>
  ) => void
  /** Payload of a reply-keyboard button the chat just pressed, if `text` is one of its titles. */
  replyPayload: (chatId: number, text: string) => string | undefined
}

export function createButtonMemory(ttlMs: number, clock: Clock, maxEntries = 200000): ButtonMemory {
  const byId = new Map<string, { payload: string; expires: number }>()
  const byChat = new Map<number, { titles: Map<string, string>; expires: number }>()

  function prune(): void {
    const now = clock.now()
    // Insertion order = expiry order (same TTL for all), so stop at the first live entry.
    for (const [id, entry] of byId) {
      if (entry.expires > now && byId.size <= maxEntries) break
      byId.delete(id)
    }
  }

  return {
    callbackData(payload) {
      prune()
      const id = randomBytes(12).toString('base64url')
      byId.set(id, { payload, expires: clock.now() + ttlMs })
      return SHORT_ID_PREFIX + id
    },
    resolve(data) {
      if (!data.startsWith(SHORT_ID_PREFIX)) return undefined
      const entry = byId.get(data.slice(SHORT_ID_PREFIX.length))
      if (entry === undefined || entry.expires <= clock.now()) return undefined
      return entry.payload
    },
    rememberReplyKeyboard(chatId, buttons) {
      byChat.set(chatId, {
        titles: new Map(buttons.map((b) => [b.title, b.payload])),
        expires: clock.now() + ttlMs
      })
      if (byChat.size > maxEntries) {
        const oldest = byChat.keys().next().value
        if (oldest !== undefined) byChat.delete(oldest)
      }
    },
    replyPayload(chatId, text) {
      const entry = byChat.get(chatId)
      if (entry === undefined || entry.expires <= clock.now()) return undefined
      return entry.titles.get(text.trim())
    }
  }
}
