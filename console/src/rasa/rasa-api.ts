/**
 * The console's client of Rasa's HTTP API (`rasa run --enable-api --auth-token …`): read a
 * conversation's tracker and append events to it (pause, resume, action_listen, agent/bot
 * utterances). Verified against Rasa 3.6.21 (rasa/server.py, rasa/shared/core/events.py):
 * `POST /conversations/{id}/tracker/events` takes one event or a list and answers the tracker;
 * `AgentUttered` is type `agent` with `text`; while a tracker is paused the processor predicts
 * nothing (`_should_handle_message`), so the REST channel answers `[]`.
 */

/** One event as Rasa serialises it (tracker JSON and the SQL tracker store's `data` column). */
export interface RasaEvent {
  event: string
  timestamp?: number
  text?: string | null
  name?: string
  metadata?: Record<string, unknown>
  parse_data?: { intent?: { name?: string } }
  data?: unknown
  [key: string]: unknown
}

export interface RasaTracker {
  sender_id: string
  paused: boolean
  events: RasaEvent[]
  latest_event_time?: number
}

/** Rasa could not be reached, refused the token, or answered something unusable. */
export class RasaApiError extends Error {
  constructor(
    message: string,
    readonly status?: number
  ) {
    super(message)
    this.name = 'RasaApiError'
  }
}

export interface RasaApi {
  /** The whole tracker (events after the last restart). */
  tracker(senderId: string): Promise<RasaTracker>
  /** Appends events in order; resolves with the tracker after them. */
  appendEvents(senderId: string, events: RasaEvent[]): Promise<RasaTracker>
  /** Pauses the bot for this conversation: user messages are recorded, nothing is answered. */
  pause(senderId: string, metadata?: Record<string, unknown>): Promise<RasaTracker>
  /** Resumes the bot, then `action_listen`, so the next user message gets a normal prediction. */
  resume(senderId: string, metadata?: Record<string, unknown>): Promise<RasaTracker>
  /** Records what a person (staff) said to the user, so the transcript is complete. */
  recordAgentMessage(
    senderId: string,
    text: string,
    metadata?: Record<string, unknown>
  ): Promise<RasaTracker>
  /**
   * `POST /conversations/{id}/trigger_intent`: runs the bot's next actions as if the user had
   * expressed `intent`; messages go to Rasa's `output_channel` (or come back in the answer).
   */
  triggerIntent(
    senderId: string,
    intent: string,
    entities?: Record<string, unknown>,
    outputChannel?: string
  ): Promise<{ messages: unknown[] }>
}

export interface RasaApiOptions {
  url: string
  token: string | undefined
  timeoutMs?: number
}

/** A tracker answer; `include_events=NONE` leaves `events` out, which reads as no events. */
function toTracker(value: unknown): RasaTracker {
  if (typeof value !== 'object' || value === null)
    throw new RasaApiError('jawaban Rasa bukan tracker')
  const v = value as Record<string, unknown>
  if (typeof v.sender_id !== 'string') throw new RasaApiError('jawaban Rasa bukan tracker')
  return {
    ...(v as object),
    sender_id: v.sender_id,
    paused: v.paused === true,
    events: Array.isArray(v.events) ? (v.events as RasaEvent[]) : []
  } as RasaTracker
}

export function createRasaApi(options: RasaApiOptions): RasaApi {
  const base = options.url.replace(/\/+$/, '')
  const timeoutMs = options.timeoutMs ?? 5000

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const url = new URL(base + path)
    // Rasa's requires_auth reads the token from the query string (or a JWT header).
    if (options.token !== undefined) url.searchParams.set('token', options.token)
    let res: Response
    try {
      res = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs)
      })
    } catch {
      throw new RasaApiError('Rasa tidak dapat dihubungi')
    }
    if (res.status === 401 || res.status === 403)
      throw new RasaApiError('Rasa menolak token API (RASA_AUTH_TOKEN)', res.status)
    if (!res.ok) throw new RasaApiError(`Rasa menjawab HTTP ${res.status}`, res.status)
    try {
      return await res.json()
    } catch {
      throw new RasaApiError('jawaban Rasa bukan JSON', res.status)
    }
  }

  const conversation = (senderId: string): string =>
    `/conversations/${encodeURIComponent(senderId)}`

  async function tracker(senderId: string): Promise<RasaTracker> {
    return toTracker(
      await call('GET', `${conversation(senderId)}/tracker?include_events=AFTER_RESTART`)
    )
  }

  async function appendEvents(senderId: string, events: RasaEvent[]): Promise<RasaTracker> {
    return toTracker(
      await call('POST', `${conversation(senderId)}/tracker/events?include_events=NONE`, events)
    )
  }

  const now = (): number => Date.now() / 1000

  return {
    tracker,
    appendEvents,
    pause: (senderId, metadata) =>
      appendEvents(senderId, [{ event: 'pause', timestamp: now(), ...withMeta(metadata) }]),
    resume: (senderId, metadata) =>
      appendEvents(senderId, [
        { event: 'resume', timestamp: now(), ...withMeta(metadata) },
        { event: 'action', name: 'action_listen', timestamp: now(), policy: null, confidence: 1 }
      ]),
    recordAgentMessage: (senderId, text, metadata) =>
      appendEvents(senderId, [{ event: 'agent', text, timestamp: now(), ...withMeta(metadata) }]),
    async triggerIntent(senderId, intent, entities = {}, outputChannel) {
      const query =
        outputChannel === undefined ? '' : `?output_channel=${encodeURIComponent(outputChannel)}`
      const value = await call('POST', `${conversation(senderId)}/trigger_intent${query}`, {
        name: intent,
        entities
      })
      const messages = (value as { messages?: unknown }).messages
      return { messages: Array.isArray(messages) ? messages : [] }
    }
  }
}

function withMeta(metadata: Record<string, unknown> | undefined): {
  metadata?: Record<string, unknown>
} {
  return metadata === undefined ? {} : { metadata }
}
