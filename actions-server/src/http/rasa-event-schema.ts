/**
 * JSON Schema of the events Rasa 3.6 accepts in an action server response, restated from
 * rasa/shared/utils/schemas/events.py (3.6.x: 23 event types, each item must match exactly one).
 * Our responses are validated against it so an event Rasa would reject fails in our tests, not in
 * production (where one bad event makes Rasa drop the whole reply). The list of event types is
 * the SDK's EVENT_NAMES; only the types whose schema says more than the name are spelled out here.
 */
import { EVENT_NAMES, type EventName } from '../sdk'

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

/**
 * The branches of the event types whose schema says more than the name, each naming its type as
 * a const (the response validator's discriminator picks a branch by it).
 */
const SHAPED_EVENT_BRANCHES = [
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
  }
] as const satisfies ReadonlyArray<{
  properties: { event: { const: EventName }; [property: string]: unknown }
  required?: readonly string[]
}>

const SHAPED_EVENTS: ReadonlySet<EventName> = new Set<EventName>(
  SHAPED_EVENT_BRANCHES.map((branch) => branch.properties.event.const)
)

/** Every other type Rasa accepts (EVENT_NAMES, the SDK's list) constrains only the name. */
const NAME_ONLY_EVENT_BRANCHES = EVENT_NAMES.filter((name) => !SHAPED_EVENTS.has(name)).map(
  (name) => ({ properties: { event: { const: name } } }) as const
)

export const rasaEventSchema = {
  type: 'object',
  properties: {
    event: { type: 'string' },
    timestamp: { type: ['number', 'null'] },
    metadata: { type: ['object', 'null'] }
  },
  required: ['event'],
  oneOf: [...SHAPED_EVENT_BRANCHES, ...NAME_ONLY_EVENT_BRANCHES]
} as const

export const rasaActionResponseSchema = {
  type: 'object',
  properties: {
    events: { type: 'array', items: rasaEventSchema },
    responses: { type: 'array', items: { type: 'object' } }
  }
} as const
