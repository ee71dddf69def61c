/**
 * Realistic Rasa 3.6 action-call bodies, shaped like RemoteAction._action_call_format and
 * DialogueStateTracker.current_state(ALL): the 11 tracker keys, model metadata on logged events,
 * default slots in tracker.slots, the fresh-tracker quirks (followup_action "action_listen").
 */
import type { ActionCall, Domain, ParseData, TrackerEvent, TrackerState } from '../../src/sdk'

const MODEL_META = { model_id: '2b1c3f0e9d8a4b7c', assistant_id: 'helpdesk-tik' }
let clock = 1700000000

function stamp(event: { event: string; [key: string]: unknown }, withMeta = true): TrackerEvent {
  clock += 0.25
  return withMeta
    ? { ...event, timestamp: clock, metadata: MODEL_META }
    : { ...event, timestamp: clock }
}

export const RASA_VERSION = '3.6.21'

export const testDomain: Domain = {
  version: '3.1',
  intents: ['affirm', 'deny', 'greet', 'inform', 'lupa_password'],
  entities: ['nip', 'sistem'],
  slots: {
    sistem: {
      type: 'text',
      influence_conversation: true,
      mappings: [{ type: 'from_entity', entity: 'sistem' }]
    },
    identitas: {
      type: 'text',
      influence_conversation: false,
      mappings: [
        { type: 'from_entity', entity: 'nip' },
        {
          type: 'from_text',
          conditions: [{ active_loop: 'lupa_password_form', requested_slot: 'identitas' }]
        }
      ]
    },
    konfirmasi: {
      type: 'bool',
      influence_conversation: false,
      mappings: [
        {
          type: 'from_intent',
          intent: 'affirm',
          value: true,
          conditions: [{ active_loop: 'lupa_password_form', requested_slot: 'konfirmasi' }]
        }
      ]
    },
    jumlah_fallback: {
      type: 'float',
      influence_conversation: false,
      initial_value: 0,
      mappings: [{ type: 'custom' }]
    }
  },
  responses: {
    utter_greet: [{ text: 'Halo {nama}! Apa yang bisa kami bantu?' }],
    utter_ask_identitas: [{ text: 'Silakan kirim NIP (18 digit).' }]
  },
  actions: ['action_sapa', 'validate_lupa_password_form', 'action_validate_slot_mappings'],
  forms: { lupa_password_form: { required_slots: ['sistem', 'identitas', 'konfirmasi'] } },
  session_config: { session_expiration_time: 60, carry_over_slots_to_new_session: true }
}

export function parseData(
  text: string,
  intent: string,
  entities: ParseData['entities'] = []
): ParseData {
  return {
    intent: { name: intent, confidence: 0.97 },
    entities,
    text,
    message_id: 'a3f9c1d2e4b5461f8c7d9e0f1a2b3c4d',
    metadata: { telegram: { chat_id: 81, user_id: 81, message_id: 12, language_code: 'id' } },
    intent_ranking: [
      { name: intent, confidence: 0.97 },
      { name: 'out_of_scope', confidence: 0.02 }
    ]
  }
}

function slots(values: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sistem: null,
    identitas: null,
    konfirmasi: null,
    jumlah_fallback: 0,
    requested_slot: null,
    session_started_metadata: null,
    ...values
  }
}

function sessionStartEvents(): TrackerEvent[] {
  return [
    stamp({
      event: 'action',
      name: 'action_session_start',
      policy: null,
      confidence: 1,
      action_text: null,
      hide_rule_turn: false
    }),
    stamp({ event: 'session_started' }),
    stamp({
      event: 'action',
      name: 'action_listen',
      policy: null,
      confidence: null,
      action_text: null,
      hide_rule_turn: false
    })
  ]
}

function userEvent(message: ParseData): TrackerEvent {
  return stamp({
    event: 'user',
    text: message.text,
    parse_data: message,
    input_channel: 'rest',
    message_id: message.message_id,
    metadata: message.metadata
  })
}

function tracker(senderId: string, state: Partial<TrackerState>): TrackerState {
  const events = state.events ?? []
  return {
    sender_id: senderId,
    slots: slots(),
    latest_message: { intent: {}, entities: [], text: null, message_id: null, metadata: {} },
    latest_event_time: events.at(-1)?.timestamp ?? null,
    followup_action: null,
    paused: false,
    events,
    latest_input_channel: 'rest',
    active_loop: {},
    latest_action: { action_name: 'action_listen' },
    latest_action_name: 'action_listen',
    ...state
  }
}

/** `domain: null` = selective domain: the key is left out. */
export function call(
  nextAction: string,
  trackerState: TrackerState,
  domain: Domain | null = testDomain
): ActionCall {
  const body: ActionCall = {
    next_action: nextAction,
    sender_id: trackerState.sender_id,
    tracker: trackerState,
    version: RASA_VERSION
  }
  if (domain !== null) body.domain = domain
  return body
}

/** First turn: session start, "halo", then the call for `nextAction`. */
export function freshSessionCall(nextAction: string, text = 'halo'): ActionCall {
  const message = parseData(text, 'greet')
  const events = [
    ...sessionStartEvents(),
    userEvent(message),
    stamp({ event: 'user_featurization', use_text_for_featurization: false })
  ]
  return call(nextAction, tracker('81', { events, latest_message: message }))
}

/** Inside lupa_password_form, `identitas` requested, the user sent an NIP; Rasa calls `nextAction`. */
export function midFormCall(nextAction: string, nip = '198503152010011001'): ActionCall {
  const first = parseData('lupa password email', 'lupa_password', [
    {
      entity: 'sistem',
      value: 'email_dinas',
      start: 13,
      end: 18,
      confidence_entity: 0.99,
      extractor: 'DIETClassifier'
    }
  ])
  const second = parseData(nip, 'inform', [
    { entity: 'nip', value: nip, start: 0, end: 18, extractor: 'RegexEntityExtractor' }
  ])
  const events = [
    ...sessionStartEvents(),
    userEvent(first),
    stamp({ event: 'slot', name: 'sistem', value: 'email_dinas' }),
    stamp({
      event: 'action',
      name: 'lupa_password_form',
      policy: 'RulePolicy',
      confidence: 1,
      action_text: null,
      hide_rule_turn: false
    }),
    stamp({ event: 'active_loop', name: 'lupa_password_form' }),
    stamp({ event: 'slot', name: 'requested_slot', value: 'identitas' }),
    stamp({
      event: 'action',
      name: 'action_listen',
      policy: 'RulePolicy',
      confidence: 1,
      action_text: null,
      hide_rule_turn: true
    }),
    userEvent(second),
    stamp({ event: 'slot', name: 'identitas', value: nip })
  ]
  return call(
    nextAction,
    tracker('81', {
      events,
      slots: slots({ sistem: 'email_dinas', identitas: nip, requested_slot: 'identitas' }),
      latest_message: second,
      active_loop: {
        name: 'lupa_password_form',
        is_interrupted: false,
        rejected: false,
        trigger_message: first
      },
      latest_action_name: 'action_listen'
    })
  )
}

/**
 * The synthetic tracker Rasa builds for `validate_<form>` (forms.py _temporary_tracker):
 * post-restart events + requested_slot + action(<form>) + the candidate slot events (no metadata).
 */
export function formValidationCall(
  form: string,
  candidates: Record<string, unknown>,
  requested: string | null = 'identitas'
): ActionCall {
  const base = midFormCall(`validate_${form}`).tracker
  const events: TrackerEvent[] = [
    ...(base.events ?? []),
    stamp({ event: 'slot', name: 'requested_slot', value: requested }, false),
    stamp(
      {
        event: 'action',
        name: form,
        policy: null,
        confidence: null,
        action_text: null,
        hide_rule_turn: false
      },
      false
    ),
    ...Object.entries(candidates).map(([name, value]) =>
      stamp({ event: 'slot', name, value }, false)
    )
  ]
  return call(
    `validate_${form}`,
    {
      ...base,
      events,
      slots: { ...base.slots, ...candidates, requested_slot: requested },
      latest_action: { action_name: form },
      latest_action_name: form
    },
    testDomain
  )
}

/** A long conversation: `count` events (repeated turns), for the body-size case. */
export function longConversationCall(nextAction: string, count: number): ActionCall {
  const events: TrackerEvent[] = [...sessionStartEvents()]
  let turn = 0
  while (events.length < count) {
    const message = parseData(
      `pesan nomor ${turn} tentang lupa password SIMASN, mohon dibantu ya`,
      'lupa_password'
    )
    events.push(
      userEvent(message),
      stamp({
        event: 'action',
        name: 'action_sapa',
        policy: 'RulePolicy',
        confidence: 1,
        action_text: null,
        hide_rule_turn: false
      })
    )
    events.push(
      stamp({
        event: 'bot',
        text: 'Halo! Apa yang bisa kami bantu?',
        data: {
          elements: null,
          quick_replies: null,
          buttons: [{ title: 'Lupa password', payload: '/lupa_password' }],
          attachment: null,
          image: null,
          custom: null
        },
        metadata: { utter_action: 'utter_greet' }
      })
    )
    events.push(
      stamp({
        event: 'action',
        name: 'action_listen',
        policy: 'RulePolicy',
        confidence: 1,
        action_text: null,
        hide_rule_turn: false
      })
    )
    turn++
  }
  events.length = count
  return call(nextAction, tracker('81', { events }))
}

/** A minimal body like the ones rasa-sdk's own endpoint tests send. */
export function minimalCall(nextAction: string): ActionCall {
  return { next_action: nextAction, tracker: { sender_id: '1', conversation_id: 'default' } }
}
