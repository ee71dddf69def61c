import { RATING_LABELS } from '@helpdesk/core'
import type { Reply } from './reply'

/** What became of a rating the user gave (pressed or typed) to the satisfaction survey. */
export type RatingOutcome =
  /** No digit 1–5 could be read from the message. */
  | { kind: 'unreadable' }
  /** The user has no unanswered survey. */
  | { kind: 'no_survey' }
  /** The survey was rated before; `rating` is the earlier rating. */
  | { kind: 'already_rated'; rating: number }
  /** Stored; a rating of 3 or lower asks for a comment next. */
  | { kind: 'recorded'; commentWanted: boolean }

/** The bot's answer to a rating (`action_simpan_nilai`). */
export function ratingReply(outcome: RatingOutcome): Reply {
  switch (outcome.kind) {
    case 'unreadable':
      return {
        text: 'Maaf, nilai yang bisa diberikan adalah angka 1 sampai 5. Silakan pilih salah satu tombol penilaian.'
      }
    case 'no_survey':
      return {
        text: 'Terima kasih. Saat ini tidak ada penilaian yang perlu Anda isi. Ada yang bisa kami bantu?'
      }
    case 'already_rated':
      return {
        text: `Penilaian Anda (${String(outcome.rating)} - ${RATING_LABELS[outcome.rating] ?? ''}) sudah kami terima sebelumnya. Terima kasih!`
      }
    case 'recorded':
      return outcome.commentWanted
        ? { text: 'Terima kasih atas penilaian Anda.' }
        : { text: 'Terima kasih atas penilaian Anda! Kami senang bisa membantu.' }
  }
}
