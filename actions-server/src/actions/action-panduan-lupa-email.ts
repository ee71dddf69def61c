import type { HelpdeskDeps } from '../helpdesk/deps'
import { resetRequestSlots } from '../helpdesk/slots'
import { urlButton } from '../helpdesk/wa-link'
import { findSystem, numbered } from '@helpdesk/core'
import { defineAction, type Action, type Button } from '../sdk'

/** `action_panduan_lupa_email`: where to find the official e-mail address (never looked up by NIP). */
export function createActionPanduanLupaEmail(deps: Pick<HelpdeskDeps, 'knowledge'>): Action {
  return defineAction({
    name: 'action_panduan_lupa_email',
    run(dispatcher) {
      const steps = numbered(deps.knowledge.teks.panduan_lupa_email)
      const buttons: Button[] = []
      const portal = findSystem(deps.knowledge, 'simasn')
      if (portal !== undefined) buttons.push(urlButton(`Buka ${portal.nama}`, portal.portal))
      const mail = findSystem(deps.knowledge, 'email_dinas')
      if (mail !== undefined) buttons.push(urlButton(`Buka ${mail.nama}`, mail.portal))
      dispatcher.utterMessage({
        text: `Alamat e-mail dinas Anda tercantum di profil kepegawaian Anda:\n${steps}`,
        buttons
      })
      return resetRequestSlots()
    }
  })
}
