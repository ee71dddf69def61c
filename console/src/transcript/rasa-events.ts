/**
 * Rasa 3.x tracker events as JSON: the shape of the `data` column of Rasa's SQL tracker store
 * (table `events`) and of `GET /conversations/{id}/tracker` (`events`). Only the fields the console
 * reads are typed; everything else is kept in `raw` for the kinds we do not render.
 * Reference: rasa/shared/core/events.py (`as_dict` of each event class, Rasa 3.6).
 */

/** Seconds since the epoch (Rasa's `time.time()`), as every event carries it. */
export type RasaTimestamp = number

export interface RasaIntent {
  name: string
  confidence?: number
}

export interface UserEvent {
  event: 'user'
  timestamp: RasaTimestamp
  text: string | null
  intent?: RasaIntent
  entities: Array<{ entity: string; value: unknown }>
  inputChannel?: string
}

export interface BotEvent {
  event: 'bot'
  timestamp: RasaTimestamp
  text: string | null
  buttons: Array<{ title: string; payload: string }>
  metadata: Record<string, unknown>
}

export interface AgentEvent {
  event: 'agent'
  timestamp: RasaTimestamp
  text: string | null
  data: unknown
  metadata: Record<string, unknown>
}

export interface ActionEvent {
  event: 'action'
  timestamp: RasaTimestamp
  name: string
  policy?: string
  confidence?: number
}

export interface SlotEvent {
  event: 'slot'
  timestamp: RasaTimestamp
  name: string
  value: unknown
}

/** A person took the conversation over (`pause`) or gave it back to the bot (`resume`). */
export interface TakeoverEvent {
  event: 'pause' | 'resume'
  timestamp: RasaTimestamp
  /** The console writes who did it (`staff`) here. */
  metadata: Record<string, unknown>
}

/** Events that carry no field the transcript needs beyond their kind. */
export interface PlainEvent {
  event: 'session_started' | 'restart'
  timestamp: RasaTimestamp
}

/** Any other event (active_loop, user_featurization, followup, …): kept, shown only as its kind. */
export interface OtherEvent {
  event: 'other'
  type: string
  timestamp: RasaTimestamp
  name?: string
}

export type RasaEvent =
  | UserEvent
  | BotEvent
  | AgentEvent
  | ActionEvent
  | SlotEvent
  | TakeoverEvent
  | PlainEvent
  | OtherEvent

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const stringOr = (value: unknown): string | null => (typeof value === 'string' ? value : null)
const numberOr = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined
const metadataOf = (value: Record<string, unknown>): Record<string, unknown> =>
  isRecord(value.metadata) ? value.metadata : {}

function intentOf(parseData: unknown): RasaIntent | undefined {
  if (!isRecord(parseData) || !isRecord(parseData.intent)) return undefined
  const name = parseData.intent.name
  if (typeof name !== 'string' || name === '') return undefined
  const confidence = numberOr(parseData.intent.confidence)
  return confidence === undefined ? { name } : { name, confidence }
}

function entitiesOf(parseData: unknown): UserEvent['entities'] {
  if (!isRecord(parseData) || !Array.isArray(parseData.entities)) return []
  return parseData.entities.flatMap((e) =>
    isRecord(e) && typeof e.entity === 'string' ? [{ entity: e.entity, value: e.value }] : []
  )
}

function buttonsOf(data: unknown): BotEvent['buttons'] {
  if (!isRecord(data) || !Array.isArray(data.buttons)) return []
  return data.buttons.flatMap((b) =>
    isRecord(b) && typeof b.title === 'string'
      ? [{ title: b.title, payload: typeof b.payload === 'string' ? b.payload : '' }]
      : []
  )
}

/**
 * One event from its JSON (already parsed). Undefined for a value that is not an event at all
 * (no `event` name); an event of a kind we do not know becomes `other`, never an error, so a newer
 * Rasa's events do not break the page.
 */
export function parseRasaEvent(value: unknown): RasaEvent | undefined {
  if (!isRecord(value) || typeof value.event !== 'string') return undefined
  const timestamp = numberOr(value.timestamp) ?? 0
  switch (value.event) {
    case 'user': {
      const intent = intentOf(value.parse_data)
      const channel = stringOr(value.input_channel)
      return {
        event: 'user',
        timestamp,
        text: stringOr(value.text),
        ...(intent === undefined ? {} : { intent }),
        entities: entitiesOf(value.parse_data),
        ...(channel === null ? {} : { inputChannel: channel })
      }
    }
    case 'bot':
      return {
        event: 'bot',
        timestamp,
        text: stringOr(value.text),
        buttons: buttonsOf(value.data),
        metadata: metadataOf(value)
      }
    case 'agent':
      return {
        event: 'agent',
        timestamp,
        text: stringOr(value.text),
        data: value.data,
        metadata: metadataOf(value)
      }
    case 'action': {
      const confidence = numberOr(value.confidence)
      const policy = stringOr(value.policy)
      return {
        event: 'action',
        timestamp,
        name: stringOr(value.name) ?? '',
        ...(policy === null ? {} : { policy }),
        ...(confidence === undefined ? {} : { confidence })
      }
    }
    case 'slot':
      return { event: 'slot', timestamp, name: stringOr(value.name) ?? '', value: value.value }
    case 'pause':
    case 'resume':
      return { event: value.event, timestamp, metadata: metadataOf(value) }
    case 'session_started':
    case 'restart':
      return { event: value.event, timestamp }
    default: {
      const name = stringOr(value.name)
      return {
        event: 'other',
        type: value.event,
        timestamp,
        ...(name === null ? {} : { name })
      }
    }
  }
}

/** Every event of a list that is one (a tracker's `events`, or the parsed `data` column values). */
export const parseRasaEvents = (values: readonly unknown[]): RasaEvent[] =>
  values.flatMap((value) => {
    const event = parseRasaEvent(value)
    return event === undefined ? [] : [event]
  })

/** ISO time of a Rasa timestamp (seconds, fractional). */
export const rasaTimeToIso = (timestamp: RasaTimestamp): string =>
  new Date(Math.round(timestamp * 1000)).toISOString()
