/**
 * Event factories: the TypeScript counterpart of rasa_sdk/events.py.
 * Each factory emits exactly the JSON Rasa 3.6's event schema accepts, in rasa-sdk's key order,
 * with `timestamp: null` unless one is given (Rasa then stamps "now").
 * Action authors return these, never hand-written `{ event: … }` objects.
 */
import type { Entity, ParseData } from './types'

/** The 23 event names Rasa 3.6 accepts (rasa/shared/utils/schemas/events.py). */
export const EVENT_NAMES = [
  'user',
  'action',
  'slot',
  'entities',
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

export type EventName = (typeof EVENT_NAMES)[number]

/** Options every factory accepts. `metadata` is only written when given. */
export interface EventOptions {
  timestamp?: number | null
  metadata?: Record<string, unknown>
}

interface Base<N extends EventName> {
  event: N
  timestamp: number | null
  metadata?: Record<string, unknown>
}

export interface SlotSetEvent extends Base<'slot'> {
  name: string
  value: unknown
}
export interface UserUtteredEvent extends Base<'user'> {
  text: string | null
  parse_data: ParseData
  input_channel: string | null
  message_id?: string | null
}
export interface BotUtteredEvent extends Base<'bot'> {
  text: string | null
  data: Record<string, unknown>
  metadata: Record<string, unknown>
}
export interface ActionExecutedEvent extends Base<'action'> {
  name: string
  policy: string | null
  confidence: number | null
  action_text?: string | null
  hide_rule_turn?: boolean
}
export interface FollowupActionEvent extends Base<'followup'> {
  name: string
}
export interface ReminderScheduledEvent extends Base<'reminder'> {
  intent: string
  entities: Entity[] | Record<string, unknown> | null
  date_time: string
  name: string | null
  kill_on_user_msg: boolean
}
export interface ReminderCancelledEvent extends Base<'cancel_reminder'> {
  intent: string | null
  entities: Entity[] | Record<string, unknown> | null
  name: string | null
}
export interface ActiveLoopEvent extends Base<'active_loop'> {
  name: string | null
}
export interface LoopInterruptedEvent extends Base<'loop_interrupted'> {
  is_interrupted: boolean
}
export interface ActionExecutionRejectedEvent extends Base<'action_execution_rejected'> {
  name: string
  policy: string | null
  confidence: number | null
}
export interface AgentUtteredEvent extends Base<'agent'> {
  text: string | null
  data: unknown
}
export interface EntitiesAddedEvent extends Base<'entities'> {
  entities: Entity[]
}
export interface UserFeaturizationEvent extends Base<'user_featurization'> {
  use_text_for_featurization: boolean
}
export interface StoryExportedEvent extends Base<'export'> {
  path?: string
}
export interface LegacyFormEvent extends Base<'form'> {
  name: string | null
}
export interface LegacyFormValidationEvent extends Base<'form_validation'> {
  validate: boolean
}
export type PlainEvent = Base<
  'reset_slots' | 'restart' | 'session_started' | 'pause' | 'resume' | 'rewind' | 'undo'
>

/** Every event an action may return (discriminated on `event`). */
export type Event =
  | SlotSetEvent
  | UserUtteredEvent
  | BotUtteredEvent
  | ActionExecutedEvent
  | FollowupActionEvent
  | ReminderScheduledEvent
  | ReminderCancelledEvent
  | ActiveLoopEvent
  | LoopInterruptedEvent
  | ActionExecutionRejectedEvent
  | AgentUtteredEvent
  | EntitiesAddedEvent
  | UserFeaturizationEvent
  | StoryExportedEvent
  | LegacyFormEvent
  | LegacyFormValidationEvent
  | PlainEvent

function withMeta<T extends object>(event: T, options: EventOptions | undefined): T {
  return options?.metadata === undefined ? event : { ...event, metadata: options.metadata }
}

function ts(options: EventOptions | undefined): number | null {
  return options?.timestamp ?? null
}

/** `SlotSet`: sets a slot. `undefined` becomes `null` so the `value` key is always present. */
export function slotSet(name: string, value: unknown, options?: EventOptions): SlotSetEvent {
  return withMeta(
    { event: 'slot', timestamp: ts(options), name, value: value === undefined ? null : value },
    options
  )
}

/** `AllSlotsReset`: every slot back to its initial value. */
export function allSlotsReset(options?: EventOptions): PlainEvent {
  return withMeta({ event: 'reset_slots', timestamp: ts(options) }, options)
}

/** `Restarted`: resets the tracker; Rasa runs `action_session_start` next. */
export function restarted(options?: EventOptions): PlainEvent {
  return withMeta({ event: 'restart', timestamp: ts(options) }, options)
}

/** `SessionStarted`: marks the start of a new conversation session. */
export function sessionStarted(options?: EventOptions): PlainEvent {
  return withMeta({ event: 'session_started', timestamp: ts(options) }, options)
}

/**
 * `UserUttered`: injects a user message. Unlike rasa-sdk (which emits `parse_data: null`, rejected
 * by Rasa's schema) the parse data defaults to `{}`.
 */
export function userUttered(
  text: string | null,
  parseData: ParseData = {},
  inputChannel: string | null = null,
  options?: EventOptions & { messageId?: string | null }
): UserUtteredEvent {
  const event: UserUtteredEvent = {
    event: 'user',
    timestamp: ts(options),
    text,
    parse_data: parseData,
    input_channel: inputChannel
  }
  if (options?.messageId !== undefined) event.message_id = options.messageId
  return withMeta(event, options)
}

/** `BotUttered`: a bot message that Rasa logs and also delivers to the user. */
export function botUttered(
  text: string | null,
  data: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
  options?: Omit<EventOptions, 'metadata'>
): BotUtteredEvent {
  return { event: 'bot', timestamp: ts(options), text, data, metadata }
}

/** `ActionExecuted`: logs that an action ran. */
export function actionExecuted(
  name: string,
  options?: EventOptions & { policy?: string | null; confidence?: number | null }
): ActionExecutedEvent {
  return withMeta(
    {
      event: 'action',
      name,
      policy: options?.policy ?? null,
      confidence: options?.confidence ?? null,
      timestamp: ts(options)
    },
    options
  )
}

/** `FollowupAction`: forces the next action. */
export function followupAction(name: string, options?: EventOptions): FollowupActionEvent {
  return withMeta({ event: 'followup', timestamp: ts(options), name }, options)
}

/** `ConversationPaused`: Rasa stops predicting until resumed. */
export function conversationPaused(options?: EventOptions): PlainEvent {
  return withMeta({ event: 'pause', timestamp: ts(options) }, options)
}

/** `ConversationResumed`. */
export function conversationResumed(options?: EventOptions): PlainEvent {
  return withMeta({ event: 'resume', timestamp: ts(options) }, options)
}

/** `UserUtteranceReverted`: undo up to and including the last user message. */
export function userUtteranceReverted(options?: EventOptions): PlainEvent {
  return withMeta({ event: 'rewind', timestamp: ts(options) }, options)
}

/** `ActionReverted`: undo the last action. */
export function actionReverted(options?: EventOptions): PlainEvent {
  return withMeta({ event: 'undo', timestamp: ts(options) }, options)
}

/** `StoryExported`: Rasa exports the story (to `path` on the Rasa host when given). */
export function storyExported(path?: string, options?: EventOptions): StoryExportedEvent {
  const event: StoryExportedEvent = { event: 'export', timestamp: ts(options) }
  if (path !== undefined) event.path = path
  return withMeta(event, options)
}

/** `ReminderScheduled`: triggers `intent` at `dateTime` (ISO 8601 string or Date). */
export function reminderScheduled(
  intent: string,
  dateTime: Date | string,
  options?: EventOptions & {
    entities?: Entity[] | Record<string, unknown> | null
    name?: string | null
    killOnUserMessage?: boolean
  }
): ReminderScheduledEvent {
  return withMeta(
    {
      event: 'reminder',
      timestamp: ts(options),
      intent,
      entities: options?.entities ?? null,
      date_time: typeof dateTime === 'string' ? dateTime : dateTime.toISOString(),
      name: options?.name ?? null,
      kill_on_user_msg: options?.killOnUserMessage ?? true
    },
    options
  )
}

/** `ReminderCancelled`: cancels reminders matching name/intent/entities (none given = all). */
export function reminderCancelled(
  options?: EventOptions & {
    name?: string | null
    intent?: string | null
    entities?: Entity[] | Record<string, unknown> | null
  }
): ReminderCancelledEvent {
  return withMeta(
    {
      event: 'cancel_reminder',
      timestamp: ts(options),
      intent: options?.intent ?? null,
      entities: options?.entities ?? null,
      name: options?.name ?? null
    },
    options
  )
}

/** `ActiveLoop`: activates a loop (form) by name, or deactivates with `null`. */
export function activeLoop(name: string | null, options?: EventOptions): ActiveLoopEvent {
  return withMeta({ event: 'active_loop', name, timestamp: ts(options) }, options)
}

/** `LoopInterrupted`. */
export function loopInterrupted(
  isInterrupted = false,
  options?: EventOptions
): LoopInterruptedEvent {
  return withMeta(
    { event: 'loop_interrupted', is_interrupted: isInterrupted, timestamp: ts(options) },
    options
  )
}

/** `ActionExecutionRejected`: returned as an event, Rasa predicts another action. */
export function actionExecutionRejected(
  actionName: string,
  options?: EventOptions & { policy?: string | null; confidence?: number | null }
): ActionExecutionRejectedEvent {
  return withMeta(
    {
      event: 'action_execution_rejected',
      name: actionName,
      policy: options?.policy ?? null,
      confidence: options?.confidence ?? null,
      timestamp: ts(options)
    },
    options
  )
}

/** `AgentUttered`: logged only. */
export function agentUttered(
  text: string | null = null,
  data: unknown = null,
  options?: EventOptions
): AgentUtteredEvent {
  return withMeta({ event: 'agent', text, data, timestamp: ts(options) }, options)
}

/** `EntitiesAdded` (no rasa-sdk helper): adds entities to the latest user message. */
export function entitiesAdded(entities: Entity[], options?: EventOptions): EntitiesAddedEvent {
  return withMeta({ event: 'entities', timestamp: ts(options), entities }, options)
}

/** `UserUtteranceFeaturization` (no rasa-sdk helper): policy bookkeeping. */
export function userFeaturization(
  useTextForFeaturization: boolean,
  options?: EventOptions
): UserFeaturizationEvent {
  return withMeta(
    {
      event: 'user_featurization',
      timestamp: ts(options),
      use_text_for_featurization: useTextForFeaturization
    },
    options
  )
}

/** @deprecated Rasa 2 `Form`; use {@link activeLoop}. */
export function form(name: string | null, options?: EventOptions): LegacyFormEvent {
  return withMeta({ event: 'form', name, timestamp: ts(options) }, options)
}

/** @deprecated Rasa 2 `FormValidation(validate)`; use {@link loopInterrupted} with `!validate`. */
export function formValidation(
  validate: boolean,
  options?: EventOptions
): LegacyFormValidationEvent {
  return withMeta({ event: 'form_validation', validate, timestamp: ts(options) }, options)
}
