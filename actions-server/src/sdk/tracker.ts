/**
 * Tracker: a typed, read-mostly view of the tracker state Rasa sends (rasa_sdk.interfaces.Tracker).
 * Slot writes (`addSlots`, `updateSlots`) only change this call's local copy; they are how form
 * validation lets later validators see earlier results. Rasa only learns of changes through events.
 */
import type { ActiveLoopState, ParseData, TrackerEvent, TrackerState } from './types'

const EMPTY_MESSAGE: ParseData = {
  intent: {},
  entities: [],
  text: null,
  message_id: null,
  metadata: {}
}
const FALLBACK_INTENT = 'nlu_fallback'

export class Tracker {
  readonly senderId: string
  readonly slots: Record<string, unknown>
  readonly latestMessage: ParseData
  readonly events: TrackerEvent[]
  readonly paused: boolean
  readonly followupAction: string | null
  readonly activeLoop: ActiveLoopState
  readonly latestActionName: string | null
  /** `{action_name}` or `{action_text}` (end-to-end), `{}` on a fresh tracker. */
  readonly latestAction: { action_name?: string; action_text?: string; [key: string]: unknown }

  private constructor(state: TrackerState) {
    this.senderId = state.sender_id
    this.slots = { ...(state.slots ?? {}) }
    this.latestMessage = state.latest_message ?? { ...EMPTY_MESSAGE }
    this.events = [...(state.events ?? [])]
    this.paused = state.paused ?? false
    this.followupAction = state.followup_action ?? null
    this.activeLoop = state.active_loop ?? state.active_form ?? {}
    this.latestActionName = state.latest_action_name ?? null
    this.latestAction = state.latest_action ?? {}
  }

  /** Builds the view from the wire `tracker` object (copies slots and events). */
  static fromState(state: TrackerState): Tracker {
    return new Tracker(state)
  }

  /** The value of a slot, or `null` when unset or unknown. */
  getSlot(name: string): unknown {
    const value = this.slots[name]
    return value === undefined ? null : value
  }

  /** Name of the active loop (form), or `null`. */
  get activeLoopName(): string | null {
    const name = this.activeLoop.name
    return typeof name === 'string' && name !== '' ? name : null
  }

  /** The latest message text, or `null`. */
  get latestMessageText(): string | null {
    return typeof this.latestMessage.text === 'string' ? this.latestMessage.text : null
  }

  /** Values of entities of one type (optionally role/group) in the latest message, in message order. */
  getLatestEntityValues(entityType: string, role?: string, group?: string): unknown[] {
    return (this.latestMessage.entities ?? [])
      .filter(
        (e) =>
          e.entity === entityType &&
          (role === undefined || e.role === role) &&
          (group === undefined || e.group === group)
      )
      .map((e) => e.value)
  }

  /**
   * Intent name of the latest message. Like rasa-sdk, a top-ranked `nlu_fallback` is skipped in
   * favour of the next ranked intent unless `skipFallbackIntent` is false.
   */
  getIntentOfLatestMessage(skipFallbackIntent = true): string | null {
    const ranking = this.latestMessage.intent_ranking ?? []
    const top = this.latestMessage.intent?.name ?? null
    if (skipFallbackIntent && top === FALLBACK_INTENT) {
      const next = ranking.find((r) => r.name !== undefined && r.name !== FALLBACK_INTENT)
      return next?.name ?? null
    }
    return top
  }

  /** `input_channel` of the most recent `user` event. */
  getLatestInputChannel(): string | null {
    for (let i = this.events.length - 1; i >= 0; i--) {
      const event = this.events[i]
      if (event?.event === 'user')
        return typeof event.input_channel === 'string' ? event.input_channel : null
    }
    return null
  }

  /** Events with restarts, undos and rewinds applied (rasa-sdk `applied_events`). */
  appliedEvents(): TrackerEvent[] {
    const applied: TrackerEvent[] = []
    const undoUntil = (type: string): void => {
      while (applied.length > 0) {
        if (applied.pop()?.event === type) return
      }
    }
    for (const event of this.events) {
      if (event.event === 'restart') applied.length = 0
      else if (event.event === 'undo') undoUntil('action')
      else if (event.event === 'rewind') undoUntil('user')
      else applied.push(event)
    }
    return applied
  }

  /**
   * Slot candidates to validate: the trailing run of consecutive `slot` events (Rasa appends the
   * candidates after `action(<form>)`). Chronological order; a later value of a slot wins.
   */
  slotsToValidate(): Record<string, unknown> {
    let start = this.events.length
    while (start > 0 && this.events[start - 1]?.event === 'slot') start--
    const candidates: Record<string, unknown> = {}
    for (const event of this.events.slice(start)) {
      if (isSafeSlotName(event.name))
        candidates[event.name] = event.value === undefined ? null : event.value
    }
    return candidates
  }

  /** Applies `slot` events to the local slots and appends them to the local event list. */
  addSlots(events: ReadonlyArray<{ event: string; name?: unknown; value?: unknown }>): void {
    for (const event of events) {
      if (event.event !== 'slot' || !isSafeSlotName(event.name)) continue
      const value = event.value === undefined ? null : event.value
      this.slots[event.name] = value
      this.events.push({ event: 'slot', timestamp: null, name: event.name, value })
    }
  }

  /** Overwrites local slot values (no events). */
  updateSlots(values: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(values)) {
      if (isSafeSlotName(name)) this.slots[name] = value === undefined ? null : value
    }
  }
}

/** Slot names come from the request; `__proto__` would replace an object's prototype on assignment. */
function isSafeSlotName(name: unknown): name is string {
  return typeof name === 'string' && name !== '__proto__'
}
