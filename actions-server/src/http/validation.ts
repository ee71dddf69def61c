/** ajv validators for the webhook request and response. One Ajv instance, compiled once. */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv'
import type { ActionCall, ActionResponse } from '../sdk'
import { actionCallSchema, actionResponseSchema } from './schemas'

export interface WebhookValidators {
  actionCall: ValidateFunction<ActionCall & { next_action: string }>
  actionResponse: ValidateFunction<ActionResponse>
}

export function createWebhookValidators (): WebhookValidators {
  // strict: false because Rasa's schema uses `properties` next to `oneOf` without a `type`.
  const ajv = new Ajv({ allErrors: false, strict: false })
  return {
    actionCall: ajv.compile(actionCallSchema),
    actionResponse: ajv.compile(actionResponseSchema)
  }
}

/** Human-readable problems: the failing path and rule only, never the offending value. */
export function describeErrors (errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath === '' ? 'body' : e.instancePath} ${e.message ?? 'is invalid'}`)
}
