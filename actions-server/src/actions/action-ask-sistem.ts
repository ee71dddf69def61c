import type { HelpdeskDeps } from '../helpdesk/deps'
import { defineAction, type Action } from '../sdk'

/** `action_ask_sistem`: "Password apa yang Anda maksud?" with one button per knowledge-base system. */
export function createActionAskSistem(deps: Pick<HelpdeskDeps, 'knowledge'>): Action {
  return defineAction({
    name: 'action_ask_sistem',
    run(dispatcher) {
      dispatcher.utterMessage({
        text: 'Password apa yang Anda maksud? Silakan pilih sistemnya.',
        buttons: deps.knowledge.sistem.map((system) => ({
          title: system.nama,
          payload: `/inform${JSON.stringify({ sistem: system.id })}`
        }))
      })
      return []
    }
  })
}
