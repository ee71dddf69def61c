/** The SDK's public surface: what action authors import. Knows nothing of HTTP or our domain. */
export type { Action, ActionResult } from './action'
export { defineAction } from './action'
export { CollectingDispatcher } from './dispatcher'
export type { UtterMessageInput } from './dispatcher'
export { Tracker } from './tracker'
export * from './events'
export {
  defineFormValidation,
  defineSlotValidation,
  globalSlots,
  REQUESTED_SLOT,
  GLOBAL_VALIDATION_ACTION
} from './form-validation'
export type {
  FormValidationDefinition,
  SlotValidationDefinition,
  SlotValidator,
  SlotExtractor,
  SlotValues,
  ValidationContext
} from './form-validation'
export {
  ActionServerError,
  ActionNotFoundError,
  ActionRejectedError,
  ActionExecutionRejection,
  DuplicateActionError,
  InvalidActionNameError
} from './errors'
export { createActionRegistry } from './registry'
export type { ActionRegistry } from './registry'
export { runAction } from './executor'
export type * from './types'
