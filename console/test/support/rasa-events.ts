/**
 * Rasa 3.6 events as `Event.as_dict()` serialises them (rasa/shared/core/events.py): the JSON of
 * the SQL tracker store's `data` column and of the HTTP tracker's `events`. Timestamps are seconds.
 */
export type RasaEventJson = Record<string, unknown>

export const sessionStart = (t: number): RasaEventJson[] => [
  {
    event: 'action',
    timestamp: t,
    name: 'action_session_start',
    policy: null,
    confidence: 1.0,
    action_text: null,
    hide_rule_turn: false
  },
  { event: 'session_started', timestamp: t },
  {
    event: 'action',
    timestamp: t,
    name: 'action_listen',
    policy: null,
    confidence: null,
    action_text: null,
    hide_rule_turn: false
  }
]

export const user = (
  t: number,
  text: string,
  intent: string,
  confidence: number,
  entities: Array<{ entity: string; value: string }> = []
): RasaEventJson => ({
  event: 'user',
  timestamp: t,
  metadata: {},
  text,
  parse_data: {
    intent: { name: intent, confidence },
    entities: entities.map((e) => ({ ...e, start: 0, end: 0, extractor: 'RegexEntityExtractor' })),
    text,
    message_id: `m${Math.round(t * 1000)}`,
    metadata: {},
    intent_ranking: [{ name: intent, confidence }]
  },
  input_channel: 'rest',
  message_id: `m${Math.round(t * 1000)}`
})

export const action = (
  t: number,
  name: string,
  policy = 'RulePolicy',
  confidence = 1.0
): RasaEventJson => ({
  event: 'action',
  timestamp: t,
  name,
  policy,
  confidence,
  action_text: null,
  hide_rule_turn: false
})

export const bot = (
  t: number,
  text: string,
  buttons: Array<{ title: string; payload: string }> = [],
  metadata: Record<string, unknown> = { utter_action: 'utter_x' }
): RasaEventJson => ({
  event: 'bot',
  timestamp: t,
  metadata,
  text,
  data: {
    elements: null,
    quick_replies: null,
    buttons: buttons.length === 0 ? null : buttons,
    attachment: null,
    image: null,
    custom: null
  }
})

export const slot = (t: number, name: string, value: unknown): RasaEventJson => ({
  event: 'slot',
  timestamp: t,
  name,
  value
})
/** `metadata`: what the console's takeover writes (`{ staff: 'rina', takeover: 1 }`). */
export const pause = (t: number, metadata?: Record<string, unknown>): RasaEventJson => ({
  event: 'pause',
  timestamp: t,
  ...(metadata === undefined ? {} : { metadata })
})
export const resume = (t: number, metadata?: Record<string, unknown>): RasaEventJson => ({
  event: 'resume',
  timestamp: t,
  ...(metadata === undefined ? {} : { metadata })
})
export const agent = (
  t: number,
  text: string,
  metadata?: Record<string, unknown>
): RasaEventJson => ({
  event: 'agent',
  timestamp: t,
  text,
  data: null,
  ...(metadata === undefined ? {} : { metadata })
})
