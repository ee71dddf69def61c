/** Runs one action call: look up `next_action`, build the tracker, await the action, collect output. */
import { CollectingDispatcher } from './dispatcher'
import { ActionNotFoundError } from './errors'
import type { Event } from './events'
import type { ActionRegistry } from './registry'
import { Tracker } from './tracker'
import type { ActionCall, ActionResponse } from './types'

/**
 * Executes `call.next_action`. Throws ActionNotFoundError for an unknown name; whatever the action
 * throws (ActionRejectedError or anything else) propagates. The caller guarantees `next_action` is a
 * non-empty string. Returned items that are not objects with a truthy `event` are dropped, as
 * rasa-sdk does; an action returning nothing yields `events: []`.
 */
export async function runAction(
  registry: ActionRegistry,
  call: ActionCall & { next_action: string }
): Promise<ActionResponse> {
  const action = registry.get(call.next_action)
  if (action === undefined) throw new ActionNotFoundError(call.next_action)
  const dispatcher = new CollectingDispatcher()
  const tracker = Tracker.fromState(call.tracker)
  const result = await action.run(dispatcher, tracker, call.domain ?? {})
  const events = Array.isArray(result) ? result.filter(isEventLike) : []
  return { events, responses: dispatcher.messages }
}

function isEventLike(item: unknown): item is Event {
  return (
    typeof item === 'object' &&
    item !== null &&
    !Array.isArray(item) &&
    Boolean((item as { event?: unknown }).event)
  )
}
