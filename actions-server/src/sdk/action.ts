/** The Action contract: a name (equal to the domain.yml entry) and `run(dispatcher, tracker, domain)`. */
import type { CollectingDispatcher } from './dispatcher'
import type { Event } from './events'
import type { Tracker } from './tracker'
import type { Domain } from './types'

/** What `run` may return: events, or nothing (treated as `[]`, as rasa-sdk treats `None`). */
// `void` is allowed so that `async run () { dispatcher.utterMessage(…) }` type-checks without `return []`.
export type ActionResult = Event[] | undefined | void

export interface Action {
  /** The Rasa action name, byte for byte as in domain.yml. */
  readonly name: string
  run(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    domain: Domain
  ): Promise<ActionResult> | ActionResult
}

/** Identity helper that gives type inference for the `run` parameters. */
export function defineAction(action: Action): Action {
  return action
}
