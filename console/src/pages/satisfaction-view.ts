import { RATING_LABELS, type SatisfactionSurvey, type SurveySource } from '@helpdesk/core'
import { html, type SafeHtml } from '../web/html'
import { formatDateTime } from '../web/labels'

export const SURVEY_SOURCE_LABEL: Record<SurveySource, string> = {
  layanan_mandiri: 'Layanan mandiri (bot)',
  tiket: 'Tiket selesai',
  ambil_alih: 'Percakapan dengan petugas'
}

/** "4 dari 5 (Puas)", or "belum dijawab". */
export function ratingText(survey: SatisfactionSurvey): string {
  return survey.rating === null
    ? 'belum dijawab'
    : `${survey.rating} dari 5 (${RATING_LABELS[survey.rating] ?? ''})`
}

/** The comment as the user typed it (personal data: shown like the other personal fields). */
export function commentCell(survey: SatisfactionSurvey): SafeHtml {
  if (survey.comment !== null) return html`<span class="pii">${survey.comment}</span>`
  return html`<span class="muted">${survey.rating === null ? '—' : 'tanpa komentar'}</span>`
}

/** The ticket page's block: the rating and comment of this ticket's survey. */
export function ticketSurveyBlock(survey: SatisfactionSurvey | undefined): SafeHtml {
  if (survey === undefined)
    return html`<p class="muted">Survei kepuasan belum dikirim; bot mengirimnya ke pengguna saat tiket ditandai Selesai.</p>`
  return html`<dl class="facts">
    <dt>Survei dikirim</dt><dd>${formatDateTime(survey.askedAt)}</dd>
    <dt>Nilai</dt><dd>${ratingText(survey)}${survey.ratedAt === null ? '' : html` · ${formatDateTime(survey.ratedAt)}`}</dd>
    <dt>Komentar</dt><dd>${commentCell(survey)}</dd>
  </dl>`
}
