import type { Db } from '../store/database'
import { hasTable } from './personal-data'

/**
 * The staff console's conversation reviews (migration 7) name a Rasa sender (chat id): they go
 * with that person's data. Tags and NLU-review records are deleted with their review (explicitly,
 * so this holds even on a connection without foreign keys). 0 when the table does not exist yet.
 */
function deleteReviews(db: Db, where: string, value: string): number {
  if (!hasTable(db, 'conversation_reviews')) return 0
  const ids = `(SELECT id FROM conversation_reviews WHERE ${where})`
  db.prepare(`DELETE FROM conversation_review_tags WHERE review_id IN ${ids}`).run(value)
  db.prepare(`DELETE FROM review_nlu_examples WHERE review_id IN ${ids}`).run(value)
  return db.prepare(`DELETE FROM conversation_reviews WHERE ${where}`).run(value).changes
}

/** Reviews of conversations that started before the retention cutoff (ISO time). */
export const purgeConversationReviews = (db: Db, cutoffIso: string): number =>
  deleteReviews(db, 'session_started_at < ?', cutoffIso)

/** Reviews of these senders' conversations (a JSON array of sender ids). */
export const eraseConversationReviews = (db: Db, senderIdsJson: string): number =>
  deleteReviews(db, 'sender_id IN (SELECT value FROM json_each(?))', senderIdsJson)
