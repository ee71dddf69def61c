import type { Clock } from './clock'

export interface PacerOptions {
  /** Minimum gap between two messages to the same private chat (Telegram: ~1 msg/s). */
  chatIntervalMs: number
  /**
   * Messages one private chat may receive back to back before the interval applies (default 1):
   * Telegram tolerates short bursts, and a reply of a few messages (greeting + menu) should not
   * trickle in one per second. Groups never burst (20/min is strict).
   */
  chatBurst?: number
  /** Minimum gap for groups (Telegram: ≤ 20 msg/min per group). */
  groupIntervalMs: number
  /** Messages per second across all chats (Telegram: ~30/s). */
  globalPerSecond: number
  clock: Clock
}

export interface Pacer {
  /** Resolves when a message to `chatId` may be sent; reserves that slot. */
  acquire: (chatId: number) => Promise<void>
}

/**
 * Slot reservation: each caller gets the earliest time that respects both the chat's and the
 * global spacing, and the slot is booked before sleeping, so concurrent callers never share one.
 * Per chat this is a generic cell rate algorithm: `nextForChat` is the chat's theoretical arrival
 * time, and a message may go up to (burst − 1) intervals ahead of it.
 * Negative chat ids are groups, supergroups and channels.
 */
export function createPacer(options: PacerOptions): Pacer {
  const nextForChat = new Map<number, number>()
  const globalGap = 1000 / options.globalPerSecond
  const chatBurst = Math.max(1, options.chatBurst ?? 1)
  let nextGlobal = 0
  return {
    async acquire(chatId) {
      const now = options.clock.now()
      const interval = chatId < 0 ? options.groupIntervalMs : options.chatIntervalMs
      const tolerance = chatId < 0 ? 0 : (chatBurst - 1) * interval
      const arrival = nextForChat.get(chatId) ?? 0
      const slot = Math.max(now, nextGlobal, arrival - tolerance)
      nextGlobal = slot + globalGap
      nextForChat.set(chatId, Math.max(arrival, slot) + interval)
      // Forget chats whose spacing has long passed, so the map does not grow with every user.
      if (nextForChat.size > 10000) {
        for (const [id, t] of nextForChat) if (t < now) nextForChat.delete(id)
      }
      if (slot > now) await options.clock.sleep(slot - now)
    }
  }
}
