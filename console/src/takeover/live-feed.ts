import type { RasaEvent } from '../rasa/rasa-api'

/** What the console's open conversation pages hear about one takeover. */
export type LiveMessage =
  | { type: 'events'; events: RasaEvent[] }
  | { type: 'ended'; reason: string }
  | { type: 'delivery'; eventId: number; status: string; reason?: string }

type Listener = (message: LiveMessage) => void

/**
 * In-process publish/subscribe between the takeover monitor (which reads Rasa's tracker) and the
 * server-sent-event streams of the console pages watching that takeover.
 */
export function createLiveFeed() {
  const listeners = new Map<number, Set<Listener>>()
  return {
    subscribe(takeoverId: number, listener: Listener): () => void {
      const set = listeners.get(takeoverId) ?? new Set<Listener>()
      set.add(listener)
      listeners.set(takeoverId, set)
      return () => {
        set.delete(listener)
        if (set.size === 0) listeners.delete(takeoverId)
      }
    },
    publish(takeoverId: number, message: LiveMessage): void {
      for (const listener of listeners.get(takeoverId) ?? []) listener(message)
    }
  }
}

export type LiveFeed = ReturnType<typeof createLiveFeed>
