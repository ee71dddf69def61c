import { buildSurveyMessage, sessionSurveyKey } from '@helpdesk/core'
import type { HelpdeskDeps } from '../composition'
import { sessionStartOf } from '../helpdesk/satisfaction'
import { defineAction, type Action } from '../sdk'

/**
 * `action_tawarkan_survei`: after a self-service conversation ends ("tidak, terima kasih" to
 * "masih ada yang bisa kami bantu?"), asks once per session for a rating 1-5 with five buttons.
 * A session already asked gets nothing more: the goodbye before it stands alone.
 */
export function createActionTawarkanSurvei(deps: Pick<HelpdeskDeps, 'store' | 'logger'>): Action {
  return defineAction({
    name: 'action_tawarkan_survei',
    async run(dispatcher, tracker) {
      const opened = await deps.store.satisfaction.open({
        conversationKey: sessionSurveyKey(tracker.senderId, sessionStartOf(tracker)),
        senderId: tracker.senderId,
        source: 'layanan_mandiri'
      })
      if (!opened) return []
      const survey = buildSurveyMessage(tracker.senderId)
      dispatcher.utterMessage({ text: survey.text, buttons: survey.buttons.map((b) => ({ ...b })) })
      deps.logger.info({ source: 'layanan_mandiri' }, 'satisfaction survey asked')
      return []
    }
  })
}
