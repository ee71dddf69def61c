import { randomBytes } from 'node:crypto'
import type { Clock } from '../delivery/clock'
import { buttonSigningKey, signButton, verifyButton } from './signed-button'

/** Prefix of the ids the gateway issues as callback_data (Telegram allows 64 bytes). */
export const SHORT_ID_PREFIX = '~b:'

export interface ButtonMemory {
  /**
   * callback_data for a payload shown in `chatId`: never the bare payload, so a client that forges
   * callback_data (Telegram lets any client send any bytes) cannot put its own text or
   * `/intent{…}` into Rasa's input, whatever GATEWAY_TYPED_INTENTS says. A payload of up to 44
   * bytes travels signed (`./signed-button`) and still works after a restart of the gateway; a
   * longer one gets a short id remembered by this process.
   */
  callbackData: (chatId: number, payload: string) => string
  /**
   * callback_data pressed in `chatId` → payload; undefined unless it was issued for that chat (by
   * this gateway, or signed with the same key) and has not expired.
   */
  resolve: (chatId: number, data: string) => string | undefined
  /** Reply keyboards send their title as text: remember title → payload for that chat. */
  rememberReplyKeyboard: (
    chatId: number,
    buttons: Array<{ title: string; payload: string }>
  ) => void
  /** Payload of a reply-keyboard button the chat just pressed, if `text` is one of its titles. */
  replyPayload: (chatId: number, text: string) => string | undefined
}

export interface ButtonMemoryOptions {
  /** Key for signed callback_data (`buttonSigningKey`); random when absent. */
  signingKey?: Buffer
  /** Most short ids and reply keyboards kept at once. */
  maxEntries?: number
}

export function createButtonMemory(
  ttlMs: number,
  clock: Clock,
  options: ButtonMemoryOptions = {}
): ButtonMemory {
  const key = options.signingKey ?? buttonSigningKey()
  const maxEntries = options.maxEntries ?? 200000
  const byId = new Map<string, { payload: string; expires: number; chatId: number }>()
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
    callbackData(chatId, payload) {
      const signed = signButton(key, chatId, payload, clock.now() + ttlMs)
      if (signed !== undefined) return signed
      prune()
      const id = randomBytes(12).toString('base64url')
      byId.set(id, { payload, expires: clock.now() + ttlMs, chatId })
      return SHORT_ID_PREFIX + id
    },
    resolve(chatId, data) {
      if (!data.startsWith(SHORT_ID_PREFIX)) return verifyButton(key, chatId, data, clock.now())
      const entry = byId.get(data.slice(SHORT_ID_PREFIX.length))
      if (entry === undefined || entry.expires <= clock.now() || entry.chatId !== chatId)
        return undefined
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
