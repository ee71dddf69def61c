/**
 * Wire types of the Rasa 3.6 custom-action protocol, in Rasa's own snake_case spelling.
 * They describe what Rasa sends (ActionCall) and what we answer (ActionResponse).
 * Optional keys are optional because Rasa's tests (and rasa-sdk's) send minimal trackers.
 */
import type { Event } from './events'

/** An entity as Rasa's NLU writes it into parse data. */
export interface Entity {
  entity: string
  value: unknown
  start?: number
  end?: number
  confidence_entity?: number
  extractor?: string | null
  role?: string | null
  group?: string | null
  processors?: string[]
  [key: string]: unknown
}

export interface IntentPrediction {
  name?: string
  confidence?: number
  full_retrieval_intent_name?: string
  [key: string]: unknown
}

/** Parse data of a user message (`tracker.latest_message`, `user.parse_data`). */
export interface ParseData {
  intent?: IntentPrediction
  entities?: Entity[]
  text?: string | null
  message_id?: string | null
  metadata?: Record<string, unknown>
  intent_ranking?: IntentPrediction[]
  response_selector?: Record<string, unknown>
  [key: string]: unknown
}

export interface ActiveLoopState {
  name?: string | null
  is_interrupted?: boolean
  rejected?: boolean
  trigger_message?: ParseData | null
  [key: string]: unknown
}

/** An event as found in `tracker.events`: any object with an `event` name (unknown names tolerated). */
export interface TrackerEvent {
  event: string
  timestamp?: number | null
  metadata?: Record<string, unknown> | null
  [key: string]: unknown
}

/** `DialogueStateTracker.current_state(EventVerbosity.ALL)` as Rasa 3.6 sends it. */
export interface TrackerState {
  sender_id: string
  slots?: Record<string, unknown>
  latest_message?: ParseData | null
  latest_event_time?: number | null
  followup_action?: string | null
  paused?: boolean
  events?: TrackerEvent[]
  latest_input_channel?: string | null
  active_loop?: ActiveLoopState
  /** Legacy (Rasa 2.x) spelling of `active_loop`; rasa-sdk still reads it. */
  active_form?: ActiveLoopState
  latest_action?: { action_name?: string; action_text?: string; [key: string]: unknown }
  latest_action_name?: string | null
  [key: string]: unknown
}

export interface SlotMappingCondition {
  active_loop?: string | null
  requested_slot?: string | null
}

export interface SlotMapping {
  type: string
  entity?: string
  intent?: string | string[]
  not_intent?: string | string[]
  value?: unknown
  role?: string
  group?: string
  action?: string
  conditions?: SlotMappingCondition[]
  [key: string]: unknown
}

export interface DomainSlot {
  type?: string
  influence_conversation?: boolean
  initial_value?: unknown
  values?: unknown[]
  mappings?: SlotMapping[]
  [key: string]: unknown
}

export interface DomainForm {
  required_slots?: string[]
  ignored_intents?: string[]
  [key: string]: unknown
}

/** The merged domain YAML as a dict (`Domain.as_dict`). Empty top-level keys are omitted by Rasa. */
export interface Domain {
  version?: string
  intents?: Array<string | Record<string, unknown>>
  entities?: Array<string | Record<string, unknown>>
  slots?: Record<string, DomainSlot>
  responses?: Record<string, Array<Record<string, unknown>>>
  actions?: Array<string | Record<string, { send_domain?: boolean }>>
  forms?: Record<string, DomainForm>
  e2e_actions?: string[]
  session_config?: Record<string, unknown>
  config?: Record<string, unknown>
  [key: string]: unknown
}

/** The body of `POST /webhook`. `domain` is absent under selective domain. */
export interface ActionCall {
  next_action?: string | null
  sender_id?: string
  tracker: TrackerState
  version?: string
  domain?: Domain
  [key: string]: unknown
}

/** A button as rasa-sdk and Rasa channels understand it; `url` buttons are links. */
export interface Button {
  title: string
  payload?: string
  url?: string
  [key: string]: unknown
}

/**
 * One item of `responses`: rasa-sdk's 8 fixed keys plus any extra keys
 * (template variables / channel hints) merged on top.
 */
export interface BotMessage {
  text: string | null
  buttons: Button[]
  elements: unknown[]
  custom: Record<string, unknown>
  template: string | null
  response: string | null
  image: string | null
  attachment: unknown
  [key: string]: unknown
}

/** The 200 body of `POST /webhook`. */
export interface ActionResponse {
  events: Event[]
  responses: BotMessage[]
}
