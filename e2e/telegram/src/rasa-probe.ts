/** Reads a conversation's tracker from the real Rasa (HTTP API, --enable-api) to know when a turn is over. */

export interface TurnState {
  /** Rasa has logged a user message received at or after the turn started. */
  userSeen: boolean
  /** Chat messages Rasa's REST channel made of the bot utterances logged after that user message. */
  botMessages: number
  /** The last event is `action_listen`: Rasa waits for the user again. */
  listening: boolean
}

export interface TrackerEvent {
  event?: string
  name?: string
  timestamp?: number
  text?: string | null
  data?: {
    buttons?: unknown[]
    quick_replies?: unknown[]
    image?: unknown
    attachment?: unknown
  } | null
}

export class RasaProbe {
  constructor(private readonly rasaUrl: string) {}

  /**
   * undefined when Rasa does not answer (stopped, or no model loaded). Event counts cannot be
   * compared across turns (after a restart Rasa keeps only the new session's events), so the
   * user message is recognised by its timestamp.
   */
  async turnState(senderId: string, sinceMs: number): Promise<TurnState | undefined> {
    try {
      const url = `${this.rasaUrl}/conversations/${encodeURIComponent(senderId)}/tracker?include_events=ALL`
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) })
      if (!response.ok) return undefined
      const events = ((await response.json()) as { events?: TrackerEvent[] }).events ?? []
      let lastUser = -1
      events.forEach((e, index) => {
        if (e.event === 'user' && (e.timestamp ?? 0) * 1000 >= sinceMs - 50) lastUser = index
      })
      const last = events[events.length - 1]
      return {
        userSeen: lastUser >= 0,
        botMessages:
          lastUser < 0
            ? 0
            : events
                .slice(lastUser)
                .reduce((n, e) => n + (e.event === 'bot' ? restMessages(e) : 0), 0),
        listening: last?.event === 'action' && last.name === 'action_listen'
      }
    } catch {
      return undefined
    }
  }

  /** Rasa answers and has a model loaded (GET /status is 409 until the agent is ready). */
  async isUp(): Promise<boolean> {
    try {
      const response = await fetch(`${this.rasaUrl}/status`, { signal: AbortSignal.timeout(3000) })
      return response.ok
    } catch {
      return false
    }
  }
}

/**
 * How many REST messages one bot event becomes (rasa/core/channels/channel.py, CollectingOutputChannel):
 * text with buttons is one message; plain text is split at blank lines; image and attachment add one.
 */
export function restMessages(event: TrackerEvent): number {
  const data = event.data ?? {}
  const text = typeof event.text === 'string' ? event.text : ''
  let count = 0
  if ((data.buttons?.length ?? 0) > 0 || (data.quick_replies?.length ?? 0) > 0) count += 1
  else if (text !== '')
    count += text
      .trim()
      .split('\n\n')
      .filter((part) => part.trim() !== '').length
  if (data.image != null) count += 1
  if (data.attachment != null) count += 1
  return count
}
