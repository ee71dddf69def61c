import type { HelpdeskDeps } from '../composition'
import { resetRequestSlots } from '../helpdesk/slots'
import { emailGuideReply, say } from '../replies'
import { defineAction, type Action } from '../sdk'

/** `action_panduan_lupa_email`: where to find the official e-mail address (never looked up by NIP). */
export function createActionPanduanLupaEmail(deps: Pick<HelpdeskDeps, 'knowledge'>): Action {
  return defineAction({
    name: 'action_panduan_lupa_email',
    run(dispatcher) {
      say(dispatcher, emailGuideReply(deps.knowledge))
      return resetRequestSlots()
    }
  })
}
