import { parseRating, RATING_LABELS } from '@helpdesk/core'
import type { HelpdeskDeps } from '../helpdesk/deps'
import { SURVEY_SLOT } from '../helpdesk/satisfaction'
import { defineAction, slotSet, type Action, type Tracker } from '../sdk'

/** The rating of this message: the `nilai` entity (button payload or typed), else the slot. */
function ratingOf(tracker: Tracker): number | undefined {
  for (const value of tracker.getLatestEntityValues(SURVEY_SLOT.nilai)) {
    const rating = parseRating(value)
    if (rating !== undefined) return rating
  }
  return parseRating(tracker.getSlot(SURVEY_SLOT.nilai))
}

/**
 * `action_simpan_nilai` (intent `beri_nilai`): stores the rating on the user's latest unanswered
 * survey. A rating of 3 or lower sets `survei_minta_komentar`, and the comment form asks what
 * could be better; a second press, or a rating nobody asked for, is answered politely and stores
 * nothing.
 */
export function createActionSimpanNilai(deps: Pick<HelpdeskDeps, 'store' | 'logger'>): Action {
  return defineAction({
    name: 'action_simpan_nilai',
    run(dispatcher, tracker) {
      const done = [slotSet(SURVEY_SLOT.nilai, null), slotSet(SURVEY_SLOT.mintaKomentar, false)]
      const rating = ratingOf(tracker)
      if (rating === undefined) {
        dispatcher.utterMessage({
          text: 'Maaf, nilai yang bisa diberikan adalah angka 1 sampai 5. Silakan pilih salah satu tombol penilaian.'
        })
        return done
      }
      const outcome = deps.store.satisfaction.recordRating(tracker.senderId, rating)
      switch (outcome.kind) {
        case 'no_survey':
          dispatcher.utterMessage({
            text: 'Terima kasih. Saat ini tidak ada penilaian yang perlu Anda isi. Ada yang bisa kami bantu?'
          })
          return done
        case 'already_rated':
          dispatcher.utterMessage({
            text: `Penilaian Anda (${String(outcome.survey.rating)} - ${RATING_LABELS[outcome.survey.rating ?? 0] ?? ''}) sudah kami terima sebelumnya. Terima kasih!`
          })
          return done
        case 'recorded':
          deps.logger.info(
            {
              source: outcome.survey.source,
              rating,
              ticket: outcome.survey.ticketNumber ?? undefined
            },
            'satisfaction rating recorded'
          )
          if (!outcome.commentWanted) {
            dispatcher.utterMessage({
              text: 'Terima kasih atas penilaian Anda! Kami senang bisa membantu.'
            })
            return done
          }
          dispatcher.utterMessage({ text: 'Terima kasih atas penilaian Anda.' })
          return [slotSet(SURVEY_SLOT.nilai, null), slotSet(SURVEY_SLOT.mintaKomentar, true)]
      }
    }
  })
}
