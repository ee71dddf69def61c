import type { HelpdeskDeps } from '../composition'
import { isSkipAnswer, SURVEY_COMMENT_FORM, SURVEY_SLOT } from '../helpdesk/satisfaction'
import { defineFormValidation, type Action } from '../sdk'

/**
 * `validate_survei_komentar_form`: the message after "apa yang bisa kami perbaiki?" is the
 * optional comment of a rating of 3 or lower. "lewati"/"tidak" (or another rating button) skips
 * it. The comment is stored as typed (personal data: purge/erase cover it) and never logged;
 * the slot keeps only 'dicatat' or 'dilewati', so the text does not travel on in slots.
 */
export function createValidateSurveiKomentarForm(
  deps: Pick<HelpdeskDeps, 'store' | 'logger'>
): Action {
  return defineFormValidation({
    formName: SURVEY_COMMENT_FORM,
    slots: {
      [SURVEY_SLOT.komentar]: async (value, { tracker }) => {
        const text = typeof value === 'string' ? value : ''
        const skipped =
          tracker.getIntentOfLatestMessage() === 'beri_nilai' ||
          text.startsWith('/') ||
          isSkipAnswer(text)
        // survei_minta_komentar back to false: the survey is over, it must not steer later turns.
        if (skipped)
          return { [SURVEY_SLOT.komentar]: 'dilewati', [SURVEY_SLOT.mintaKomentar]: false }
        const survey = await deps.store.satisfaction.recordComment(tracker.senderId, text)
        deps.logger.info(
          { stored: survey !== undefined, length: text.length },
          'satisfaction comment received'
        )
        return {
          [SURVEY_SLOT.komentar]: survey === undefined ? 'dilewati' : 'dicatat',
          [SURVEY_SLOT.mintaKomentar]: false
        }
      }
    }
  })
}
