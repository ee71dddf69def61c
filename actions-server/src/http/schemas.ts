/**
 * Schemas of our own HTTP edge. The request schema is deliberately tolerant (Rasa's tests send
 * minimal trackers, and unknown event types must pass); the response schema is Rasa's, plus our
 * guarantee that both arrays are always present.
 */
import { rasaActionResponseSchema } from './rasa-event-schema'

export const actionCallSchema = {
  type: 'object',
  required: ['next_action', 'tracker'],
  properties: {
    next_action: { type: 'string', minLength: 1 },
    sender_id: { type: 'string' },
    version: { type: 'string' },
    domain: { type: 'object' },
    tracker: {
      type: 'object',
      required: ['sender_id'],
      properties: {
        sender_id: { type: 'string' },
        slots: { type: 'object' },
        latest_message: { type: ['object', 'null'] },
        followup_action: { type: ['string', 'null'] },
        paused: { type: 'boolean' },
        events: {
          type: 'array',
          items: { type: 'object', required: ['event'], properties: { event: { type: 'string' } } }
        },
        active_loop: { type: 'object' },
        latest_action_name: { type: ['string', 'null'] }
      }
    }
  }
} as const

export const actionResponseSchema = {
  ...rasaActionResponseSchema,
  required: ['events', 'responses']
} as const
