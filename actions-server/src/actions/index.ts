/**
 * STUB owned by the domain-actions work: the single list of actions the registry gets.
 * Adding an action = one file under src/actions/ + one line here + the name in domain.yml.
 */
import type { Action } from '../sdk'
import type { ActionDeps } from './deps'

export type { ActionDeps } from './deps'

export function buildActions (_deps: ActionDeps): Action[] {
  return []
}
