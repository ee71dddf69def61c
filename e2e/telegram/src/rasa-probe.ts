/** Reads a conversation's tracker from the real Rasa (HTTP API, --enable-api) to know when a turn is over. */

export interface TrackerCounts {
  userEvents: number
  botMessages: number
  /** The last event is `action_listen`: Rasa waits for the user. */
  listening: boolean
}

interface TrackerEvent {
  event?: string
  name?: string
  text?: string | null
  data?: { buttons?: unknown[]; image?: unknown; custom?: unknown; attachment?: unknown } | null
}

export class RasaProbe {
  constructor(private readonly rasaUrl: string) {}

  /** undefined when Rasa does not answer (stopped or starting). */
  async counts(senderId: string): Promise<TrackerCounts | undefined> {
    try {
      const url = `${this.rasaUrl}/conversations/${encodeURIComponent(senderId)}/tracker?include_events=ALL`
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) })
      if (!response.ok) return undefined
      const tracker = (await response.json()) as { events?: TrackerEvent[] }
      const events = tracker.events ?? []
      const last = events[events.length - 1]
      return {
        userEvents: events.filter((e) => e.event === 'user').length,
        botMessages: events.filter((e) => e.event === 'bot' && visible(e)).length,
        listening: last?.event === 'action' && last.name === 'action_listen'
      }
    } catch {
      return undefined
    }
  }

  async isUp(): Promise<boolean> {
    try {
      const response = await fetch(`${this.rasaUrl}/`, { signal: AbortSignal.timeout(3000) })
      return response.ok
    } catch {
      return false
    }
  }
}

function visible(event: TrackerEvent): boolean {
  const data = event.data ?? {}
  return (typeof event.text === 'string' && event.text.trim() !== '') || data.image != null || (data.buttons?.length ?? 0) > 0
}
