/**
 * What the satisfaction-survey actions share: their slot names, the session a self-service survey
 * belongs to, and the words that skip the optional comment.
 */
import type { Tracker } from '../sdk'

export const SURVEY_SLOT = {
  /** The rating a button (or a typed "5") carries: "1".."5" (entity `nilai`). */
  nilai: 'nilai',
  /** Set by action_simpan_nilai: whether the comment question follows (rating ≤ 3). */
  mintaKomentar: 'survei_minta_komentar',
  /** Filled by survei_komentar_form from the next message; holds only 'dicatat' | 'dilewati'. */
  komentar: 'komentar_survei'
} as const

export const SURVEY_COMMENT_FORM = 'survei_komentar_form'

/**
 * When the current session started (ISO), from the tracker's latest `session_started` event: the
 * self-service survey is asked once per session. Rasa puts one at the start of every session;
 * without one (a tracker from before sessions) the first event's time stands in.
 */
export function sessionStartOf(tracker: Tracker): string {
  let start: number | undefined
  for (const event of tracker.events) {
    if (event.event === 'session_started' && typeof event.timestamp === 'number')
      start = event.timestamp
  }
  start ??= tracker.events.find((event) => typeof event.timestamp === 'number')?.timestamp ?? 0
  return new Date(Math.round((start ?? 0) * 1000)).toISOString()
}

const SKIP = new Set([
  'tidak',
  'tidak ada',
  'tidak usah',
  'gak',
  'ga',
  'gak ada',
  'ga ada',
  'nggak',
  'nggak ada',
  'enggak',
  'tdk',
  'no',
  'skip',
  'lewati',
  'lewat',
  'lewatkan',
  'tidak ada komentar',
  'tidak, terima kasih',
  'tidak terima kasih',
  'ga usah',
  'gak usah',
  'nanti saja',
  'cukup',
  '-'
])

/** Whether the answer to the comment question means "no comment". */
export function isSkipAnswer(text: string): boolean {
  const normalized = text
    .toLowerCase()
    .replace(/[.!?]+$/u, '')
    .replace(/\s+/gu, ' ')
    .trim()
  return normalized === '' || SKIP.has(normalized)
}
