/** The explicit action registry: a name → action map, built once at start. */
import type { Action } from './action'
import { DuplicateActionError, InvalidActionNameError } from './errors'

export interface ActionRegistry {
  get(name: string): Action | undefined
  /** Registered names in registration order (what GET /actions lists). */
  names(): string[]
}

/** Throws DuplicateActionError / InvalidActionNameError at start, never at request time. */
export function createActionRegistry(actions: readonly Action[]): ActionRegistry {
  const byName = new Map<string, Action>()
  for (const action of actions) {
    if (typeof action.name !== 'string' || action.name.trim() === '' || /\s/.test(action.name)) {
      throw new InvalidActionNameError(String(action.name))
    }
    if (byName.has(action.name)) throw new DuplicateActionError(action.name)
    byName.set(action.name, action)
  }
  return {
    get: (name) => byName.get(name),
    names: () => [...byName.keys()]
  }
}
