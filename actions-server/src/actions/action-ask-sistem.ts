import type { HelpdeskDeps } from '../composition'
import { askSystemReply, say } from '../replies'
import { defineAction, type Action } from '../sdk'

/** `action_ask_sistem`: "Password apa yang Anda maksud?" with one button per knowledge-base system. */
export function createActionAskSistem(deps: Pick<HelpdeskDeps, 'knowledge'>): Action {
  return defineAction({
    name: 'action_ask_sistem',
    run(dispatcher) {
      say(dispatcher, askSystemReply(deps.knowledge))
      return []
    }
  })
}
