/**
 * Action calls shaped like Rasa 3.6 sends them (RemoteAction._action_call_format), with the real
 * domain of rasa-project/domain.yml: what an attacker who can reach the action server would forge.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { load } from 'js-yaml'
import { REPO_ROOT } from './paths'

export const DOMAIN = load(
  readFileSync(join(REPO_ROOT, 'rasa-project', 'domain.yml'), 'utf8')
) as Record<string, unknown>

let clock = 1764400000

type Event = Record<string, unknown> & { event: string }
const stamp = (event: Event): Event => ({ ...event, timestamp: (clock += 0.25) })

export interface CallOptions {
  sender: string
  slots?: Record<string, unknown>
  text?: string
  intent?: string
  activeLoop?: string
  /** Slot events Rasa appends for a form validation (the candidate values). */
  candidates?: Record<string, unknown>
  requestedSlot?: string
}

/** A complete action call body for `nextAction`. */
export function actionCall(nextAction: string, options: CallOptions): Record<string, unknown> {
  const text = options.text ?? 'halo'
  const latest = {
    intent: { name: options.intent ?? 'inform', confidence: 0.96 },
    entities: [],
    text,
    message_id: `m${Math.round(clock * 4).toString(16)}`,
    metadata: {
      telegram: { chat_id: 700100200, chat_type: 'private', message_id: 7, language_code: 'id' }
    }
  }
  const events: Event[] = [
    stamp({ event: 'action', name: 'action_session_start' }),
    stamp({ event: 'session_started' }),
    stamp({ event: 'action', name: 'action_listen' }),
    stamp({
      event: 'user',
      text,
      parse_data: latest,
      input_channel: 'rest',
      message_id: latest.message_id
    })
  ]
  if (options.activeLoop !== undefined) {
    events.push(stamp({ event: 'active_loop', name: options.activeLoop }))
    events.push(
      stamp({ event: 'slot', name: 'requested_slot', value: options.requestedSlot ?? null })
    )
    events.push(stamp({ event: 'action', name: options.activeLoop }))
  }
  for (const [name, value] of Object.entries(options.candidates ?? {}))
    events.push(stamp({ event: 'slot', name, value }))
  return {
    next_action: nextAction,
    sender_id: options.sender,
    version: '3.6.21',
    domain: DOMAIN,
    tracker: {
      sender_id: options.sender,
      slots: {
        requested_slot: options.requestedSlot ?? null,
        ...options.slots,
        ...options.candidates
      },
      latest_message: latest,
      latest_event_time: clock,
      followup_action: null,
      paused: false,
      events,
      latest_input_channel: 'rest',
      active_loop:
        options.activeLoop === undefined
          ? {}
          : { name: options.activeLoop, is_interrupted: false, rejected: false },
      latest_action: { action_name: 'action_listen' },
      latest_action_name: 'action_listen'
    }
  }
}

/** Rasa's call to validate the NIP/NIK a user just typed into `form`. */
export function identityValidationCall(
  form: 'lupa_password_form' | 'daftar_tte_form' | 'cek_tte_form',
  sender: string,
  identity: string
): Record<string, unknown> {
  return actionCall(`validate_${form}`, {
    sender,
    text: identity,
    activeLoop: form,
    requestedSlot: 'identitas',
    slots: form === 'lupa_password_form' ? { sistem: 'email_dinas' } : {},
    candidates: { identitas: identity }
  })
}
