import { maskPersonalData } from '@helpdesk/core'
import {
  FALLBACK_ACTIONS,
  FALLBACK_INTENTS,
  STAFF_METADATA_KEYS,
  staffSignature
} from './conversation-signals'
import { rasaTimeToIso, type RasaEvent } from './rasa-events'

/** Actions Rasa runs on every turn or session: they say nothing to a reader. */
const QUIET_ACTIONS = new Set(['action_listen', 'action_session_start'])

/** One line of a transcript as staff read it. Texts are already masked when `maskTexts` is on. */
export type TranscriptEntry =
  | {
      kind: 'user'
      at: string
      text: string
      intent?: string
      confidence?: number
      /** The bot did not understand this message (nlu_fallback, or a fallback action answered it). */
      notUnderstood: boolean
      /** Position among the conversation's user messages (0-based), to pick one for review. */
      index: number
    }
  | { kind: 'bot'; at: string; text: string; buttons: string[] }
  | { kind: 'staff'; at: string; text: string; staff?: string }
  | { kind: 'action'; at: string; name: string }
  | { kind: 'slot'; at: string; name: string; value: string }
  /** `staff`: who took it over or gave it back, when the event's metadata says so. */
  | { kind: 'takeover_start'; at: string; staff?: string }
  | { kind: 'takeover_end'; at: string; staff?: string }
  | { kind: 'session_start'; at: string }
  | { kind: 'restart'; at: string }

export interface TranscriptOptions {
  /** Mask NIP/NIK/phone/e-mail in every text (default true: review never needs them). */
  maskTexts?: boolean
  /** Include the actions the bot ran (default true; `action_listen` and `action_session_start` never). */
  actions?: boolean
  /** Include slot changes (default false). */
  slots?: boolean
  /**
   * The conversation is already taken over when `events` begin (default false): a live page that
   * receives only the newest events of a takeover reads a bot message as staff, as before.
   */
  startsPaused?: boolean
}

const staffNameOf = (metadata: Record<string, unknown>): string | undefined => {
  for (const key of STAFF_METADATA_KEYS) {
    const value = metadata[key]
    if (typeof value === 'string' && value !== '') return value
    if (value === true) return ''
  }
  return undefined
}

/** A staff message's text without the signature the chat shows ("rina (petugas): "). */
const unsigned = (text: string, staff: string | undefined): string =>
  staff && text.startsWith(staffSignature(staff)) ? text.slice(staffSignature(staff).length) : text

function slotText(value: unknown): string {
  if (value === null || value === undefined) return '(kosong)'
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/**
 * The transcript of a conversation from its Rasa events, oldest first. Takeover is read from
 * `pause` / `resume`; a staff message is an `agent` event, or a `bot` event whose metadata names a
 * staff member or that came while the conversation was paused (Rasa predicts nothing then, so
 * only a person can have sent it).
 */
export function buildTranscript(
  events: readonly RasaEvent[],
  options: TranscriptOptions = {}
): TranscriptEntry[] {
  const mask = options.maskTexts ?? true
  const showActions = options.actions ?? true
  const text = (value: string | null): string =>
    value === null ? '' : mask ? maskPersonalData(value) : value
  const entries: TranscriptEntry[] = []
  let paused = options.startsPaused ?? false
  let userIndex = 0
  let lastUser: Extract<TranscriptEntry, { kind: 'user' }> | undefined

  for (const event of events) {
    const at = rasaTimeToIso(event.timestamp)
    switch (event.event) {
      case 'user': {
        const intent = event.intent?.name
        const entry: Extract<TranscriptEntry, { kind: 'user' }> = {
          kind: 'user',
          at,
          text: text(event.text),
          ...(intent === undefined ? {} : { intent }),
          ...(event.intent?.confidence === undefined
            ? {}
            : { confidence: event.intent.confidence }),
          notUnderstood: intent !== undefined && FALLBACK_INTENTS.includes(intent),
          index: userIndex++
        }
        entries.push(entry)
        lastUser = entry
        break
      }
      case 'bot':
      case 'agent': {
        const staff = staffNameOf(event.metadata)
        if (event.event === 'agent' || staff !== undefined || paused)
          entries.push({
            kind: 'staff',
            at,
            text: unsigned(text(event.text), staff),
            ...(staff ? { staff } : {})
          })
        else
          entries.push({
            kind: 'bot',
            at,
            text: text(event.text),
            buttons: event.buttons.map((b) => b.title)
          })
        break
      }
      case 'action':
        if (FALLBACK_ACTIONS.includes(event.name) && lastUser !== undefined)
          lastUser.notUnderstood = true
        if (showActions && !QUIET_ACTIONS.has(event.name) && event.name !== '')
          entries.push({ kind: 'action', at, name: event.name })
        break
      case 'slot':
        if (options.slots === true)
          entries.push({
            kind: 'slot',
            at,
            name: event.name,
            value: mask ? maskPersonalData(slotText(event.value)) : slotText(event.value)
          })
        break
      case 'pause':
      case 'resume': {
        paused = event.event === 'pause'
        const staff = staffNameOf(event.metadata)
        entries.push({
          kind: paused ? 'takeover_start' : 'takeover_end',
          at,
          ...(staff ? { staff } : {})
        })
        break
      }
      case 'session_started':
        lastUser = undefined
        entries.push({ kind: 'session_start', at })
        break
      case 'restart':
        lastUser = undefined
        paused = false
        entries.push({ kind: 'restart', at })
        break
      case 'other':
        break
    }
  }
  return entries
}
