/**
 * JSON Schema of the events Rasa 3.6 accepts in an action server response, restated from
 * rasa/shared/utils/schemas/events.py (3.6.x: 23 event types, each item must match exactly one).
 * Our responses are validated against it so an event Rasa would reject fails in our tests, not in
 * production (where one bad event makes Rasa drop the whole reply).
 */

const entitiesSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      start: { type: 'integer' },
      end: { type: 'integer' },
      entity: { type: 'string' },
      confidence: { type: 'number' },
      extractor: { type: ['string', 'null'] },
      value: {},
      role: { type: ['string', 'null'] },
      group: { type: ['string', 'null'] }
    },
    required: ['entity', 'value']
  }
} as const

const intentSchema = {
  type: 'object',
  properties: { name: { type: 'string' }, confidence: { type: 'number' } }
} as const

const responseSelectorSchema = {
  type: 'object',
  oneOf: [
    { properties: { all_retrieval_intents: { type: 'array' } } },
    {
      patternProperties: {
        '[\\w/]': {
          type: 'object',
          properties: {
            response: {
              type: 'object',
              properties: {
                responses: {
                  type: 'array',
                  items: { type: 'object', properties: { text: { type: 'string' } } }
                },
                response_templates: {
                  type: 'array',
                  items: { type: 'object', properties: { text: { type: 'string' } } }
                },
                confidence: { type: 'number' },
                intent_response_key: { type: 'string' },
                utter_action: { type: 'string' },
                template_name: { type: 'string' }
              }
            },
            ranking: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'number' },
                  confidence: { type: 'number' },
                  intent_response_key: { type: 'string' }
                }
              }
            }
          }
        }
      }
    }
  ]
} as const

/** Event types whose schema constrains only the name. */
const NAME_ONLY_EVENTS = [
  'user_featurization',
  'cancel_reminder',
  'reminder',
  'action_execution_rejected',
  'form_validation',
  'loop_interrupted',
  'form',
  'active_loop',
  'reset_slots',
  'resume',
  'pause',
  'followup',
  'export',
  'restart',
  'undo',
  'rewind',
  'bot',
  'session_started',
  'agent'
] as const

export const rasaEventSchema = {
  type: 'object',
  properties: {
    event: { type: 'string' },
    timestamp: { type: ['number', 'null'] },
    metadata: { type: ['object', 'null'] }
  },
  required: ['event'],
  oneOf: [
    {
      properties: {
        event: { const: 'user' },
        text: { type: ['string', 'null'] },
        input_channel: { type: ['string', 'null'] },
        message_id: { type: ['string', 'null'] },
        parse_data: {
          type: 'object',
          properties: {
            text: { type: ['string', 'null'] },
            intent_ranking: { type: 'array', items: intentSchema },
            intent: intentSchema,
            entities: entitiesSchema,
            response_selector: responseSelectorSchema
          }
        }
      }
    },
    {
      properties: {
        event: { const: 'action' },
        policy: { type: ['string', 'null'] },
        confidence: { type: ['number', 'null'] },
        name: { type: ['string', 'null'] },
        hide_rule_turn: { type: 'boolean' },
        action_text: { type: ['string', 'null'] }
      }
    },
    {
      properties: { event: { const: 'slot' }, name: { type: 'string' }, value: {} },
      required: ['name', 'value']
    },
    {
      properties: { event: { const: 'entities' }, entities: entitiesSchema },
      required: ['entities']
    },
    ...NAME_ONLY_EVENTS.map((name) => ({ properties: { event: { const: name } } }))
  ]
} as const

export const rasaActionResponseSchema = {
  type: 'object',
  properties: {
    events: { type: 'array', items: rasaEventSchema },
    responses: { type: 'array', items: { type: 'object' } }
  }
} as const
