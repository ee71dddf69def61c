import { parseRating } from '@helpdesk/core'
import type { HelpdeskDeps } from '../composition'
import { SURVEY_SLOT } from '../helpdesk/satisfaction'
import { ratingReply, say } from '../replies'
import { defineAction, slotSet, type Action, type Tracker } from '../sdk'

/**
 * The rating of this message: the `nilai` entity (button payload or typed), else the slot, else
 * the one digit 1-5 standing alone in the text ("nilai 4 ya"): the NLU may find the intent
 * without tagging the number.
 */
function ratingOf(tracker: Tracker): number | undefined {
  for (const value of tracker.getLatestEntityValues(SURVEY_SLOT.nilai)) {
    const rating = parseRating(value)
    if (rating !== undefined) return rating
  }
  const fromSlot = parseRating(tracker.getSlot(SURVEY_SLOT.nilai))
  if (fromSlot !== undefined) return fromSlot
  const digits = (tracker.latestMessageText ?? '').match(/(?<![\d.,])\d+(?![\d.,]\d)/gu) ?? []
  return digits.length === 1 ? parseRating(digits[0]) : undefined
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
    async run(dispatcher, tracker) {
      const done = [slotSet(SURVEY_SLOT.nilai, null), slotSet(SURVEY_SLOT.mintaKomentar, false)]
      const rating = ratingOf(tracker)
      if (rating === undefined) {
        say(dispatcher, ratingReply({ kind: 'unreadable' }))
        return done
      }
      const outcome = await deps.store.satisfaction.recordRating(tracker.senderId, rating)
      switch (outcome.kind) {
        case 'no_survey':
          say(dispatcher, ratingReply({ kind: 'no_survey' }))
          return done
        case 'already_rated':
          say(
            dispatcher,
            ratingReply({ kind: 'already_rated', rating: outcome.survey.rating ?? 0 })
          )
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
          say(dispatcher, ratingReply({ kind: 'recorded', commentWanted: outcome.commentWanted }))
          return outcome.commentWanted
            ? [slotSet(SURVEY_SLOT.nilai, null), slotSet(SURVEY_SLOT.mintaKomentar, true)]
            : done
      }
    }
  })
}
