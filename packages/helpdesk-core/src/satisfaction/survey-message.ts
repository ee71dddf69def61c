/**
 * The satisfaction survey as the bot sends it: one Rasa-format bot message with five buttons
 * whose payloads set the `beri_nilai` intent and its `nilai` entity directly, so a press never
 * depends on the NLU. The same message is what the gateway's `POST /rasa/callback` delivers when
 * the console (ticket resolved) or a takeover hand-back asks on their own.
 */

/** Rasa intent of a rating, and the entity/slot that carries it ("1".."5"). */
export const SURVEY_INTENT = 'beri_nilai'
export const SURVEY_ENTITY = 'nilai'

export const MIN_RATING = 1
export const MAX_RATING = 5
/** A rating at or below this asks for an optional comment (what went wrong). */
export const COMMENT_ASKED_AT_OR_BELOW = 3

/** What each rating means, shown on its button. */
export const RATING_LABELS: Readonly<Record<number, string>> = {
  1: 'Sangat tidak puas',
  2: 'Tidak puas',
  3: 'Cukup',
  4: 'Puas',
  5: 'Sangat puas'
}

export interface SurveyButton {
  title: string
  payload: string
}

/** A bot message in Rasa's format (what the callback channel POSTs). */
export interface SurveyMessage {
  recipient_id: string
  text: string
  buttons: SurveyButton[]
}

/** `/beri_nilai{"nilai":"4"}`: the payload of one rating button. */
export function surveyButtonPayload(rating: number): string {
  if (!isValidRating(rating)) throw new RangeError(`rating must be 1-5, got ${String(rating)}`)
  return `/${SURVEY_INTENT}${JSON.stringify({ [SURVEY_ENTITY]: String(rating) })}`
}

/** The five rating buttons, 1 (sangat tidak puas) to 5 (sangat puas). */
export function surveyButtons(): SurveyButton[] {
  const buttons: SurveyButton[] = []
  for (let rating = MIN_RATING; rating <= MAX_RATING; rating++)
    buttons.push({
      title: `${rating} - ${RATING_LABELS[rating]}`,
      payload: surveyButtonPayload(rating)
    })
  return buttons
}

/** The question, naming the ticket when the survey is about one. */
export function surveyQuestion(context: { ticketNumber?: string } = {}): string {
  const about =
    context.ticketNumber === undefined
      ? 'Seberapa puas Anda dengan bantuan yang Anda terima?'
      : `Seberapa puas Anda dengan penyelesaian tiket ${context.ticketNumber}?`
  return `${about} Silakan pilih nilai 1 (sangat tidak puas) sampai 5 (sangat puas).`
}

/** The whole survey message for one chat. */
export function buildSurveyMessage(
  recipientId: string,
  context: { ticketNumber?: string } = {}
): SurveyMessage {
  return { recipient_id: recipientId, text: surveyQuestion(context), buttons: surveyButtons() }
}

export function isValidRating(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= MIN_RATING &&
    value <= MAX_RATING
  )
}

/** "4", 4, " 4 " → 4; anything else (words, 0, 6, 4.5) → undefined. */
export function parseRating(value: unknown): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*[1-5]\s*$/.test(value)
        ? Number(value.trim())
        : undefined
  return isValidRating(n) ? n : undefined
}

/** Whether this rating is followed by the (optional) comment question. */
export function asksForComment(rating: number): boolean {
  return rating <= COMMENT_ASKED_AT_OR_BELOW
}
