/**
 * Slot validation actions, after rasa_sdk/forms.py:
 * - defineFormValidation → `validate_<form>` (FormValidationAction)
 * - defineSlotValidation → `action_validate_slot_mappings` (ValidationAction, global slots)
 * The getattr-based `validate_<slot>` / `extract_<slot>` lookup becomes typed maps keyed by the
 * slot name itself (so dashed slot names need no mangling).
 */
import type { Action } from './action'
import type { CollectingDispatcher } from './dispatcher'
import { slotSet, type SlotSetEvent } from './events'
import type { Tracker } from './tracker'
import type { Domain } from './types'

/** Slot name → value. In a validator result `null` rejects the value (the form asks again). */
export type SlotValues = Record<string, unknown>

export interface ValidationContext {
  dispatcher: CollectingDispatcher
  /** This call's tracker; already holds the values extracted/validated before this slot. */
  tracker: Tracker
  domain: Domain
}

/** Validates one candidate; returns the slots to set (may include other slots). Async allowed. */
export type SlotValidator = (
  value: unknown,
  ctx: ValidationContext
) => SlotValues | Promise<SlotValues>
/** Extracts a value for a slot from the conversation; returns slots to set, or nothing. */
export type SlotExtractor = (
  ctx: ValidationContext
) => SlotValues | undefined | Promise<SlotValues | undefined>

export const REQUESTED_SLOT = 'requested_slot'
export const GLOBAL_VALIDATION_ACTION = 'action_validate_slot_mappings'

export interface FormValidationDefinition {
  /** The form's name in domain.yml; the action is named `validate_<formName>`. */
  formName: string
  slots?: Record<string, SlotValidator>
  extract?: Record<string, SlotExtractor>
  /**
   * Overrides the form's required slots (called before and after validation). When it returns
   * something other than the domain's list, `requested_slot` is set to the first of them whose value
   * is null, or to null (which ends the form).
   */
  requiredSlots?: (domainSlots: string[], ctx: ValidationContext) => string[] | Promise<string[]>
}

export interface SlotValidationDefinition {
  slots?: Record<string, SlotValidator>
  extract?: Record<string, SlotExtractor>
}

/** Builds `validate_<formName>`. */
export function defineFormValidation(definition: FormValidationDefinition): Action {
  const { formName } = definition
  return {
    name: `validate_${formName}`,
    async run(dispatcher, tracker, domain) {
      const ctx: ValidationContext = { dispatcher, tracker, domain }
      const domainSlots = domain.forms?.[formName]?.required_slots ?? []
      const required = async (): Promise<string[]> =>
        definition.requiredSlots === undefined
          ? domainSlots
          : await definition.requiredSlots(domainSlots, ctx)

      const slotNames = await required()
      const events = await extractAndValidate(slotNames, definition, ctx)
      if (definition.requiredSlots === undefined) return events

      const nextRequired = await required()
      if (sameList(nextRequired, domainSlots)) return events
      const next = nextRequired.find((name) => tracker.getSlot(name) === null) ?? null
      return [...events, slotSet(REQUESTED_SLOT, next)]
    }
  }
}

/** Builds `action_validate_slot_mappings` for slots not conditioned on a form. */
export function defineSlotValidation(definition: SlotValidationDefinition): Action {
  return {
    name: GLOBAL_VALIDATION_ACTION,
    async run(dispatcher, tracker, domain) {
      return await extractAndValidate(globalSlots(domain), definition, {
        dispatcher,
        tracker,
        domain
      })
    }
  }
}

/** Domain slots without any mapping conditioned on an active loop (rasa-sdk `global_slots`). */
export function globalSlots(domain: Domain): string[] {
  return Object.entries(domain.slots ?? {})
    .filter(
      ([, slot]) =>
        !(slot.mappings ?? []).some((m) => (m.conditions ?? []).some((c) => Boolean(c.active_loop)))
    )
    .map(([name]) => name)
}

async function extractAndValidate(
  slotNames: string[],
  definition: SlotValidationDefinition,
  ctx: ValidationContext
): Promise<SlotSetEvent[]> {
  // 1. Extraction, in required-slot order; each result is visible to later extractors.
  const extracted: SlotValues = {}
  for (const name of slotNames) {
    const extractor = definition.extract?.[name]
    if (extractor === undefined) continue
    const output = await extractor(ctx)
    if (!isSlotValues(output)) continue
    Object.assign(extracted, output)
    ctx.tracker.updateSlots(output)
  }
  ctx.tracker.addSlots(Object.entries(extracted).map(([name, value]) => slotSet(name, value)))

  // 2. Validation of the trailing slot candidates that belong to these slots.
  const candidates: SlotValues = {}
  for (const [name, value] of Object.entries(ctx.tracker.slotsToValidate())) {
    if (slotNames.includes(name)) candidates[name] = value
  }
  for (const [name, value] of Object.entries(candidates)) {
    const validator = definition.slots?.[name]
    if (validator === undefined) continue
    const output = await validator(value, ctx)
    if (!isSlotValues(output)) continue
    Object.assign(candidates, output)
    ctx.tracker.updateSlots(output)
  }

  // 3. One slot event per remaining candidate, changed or not.
  return Object.entries(candidates).map(([name, value]) => slotSet(name, value))
}

function isSlotValues(value: unknown): value is SlotValues {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i])
}
