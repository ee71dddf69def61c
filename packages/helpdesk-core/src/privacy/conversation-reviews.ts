import type { SqlExecutor } from '../store/sql/sql-db'
import { hasTable, inList } from './personal-data'

/**
 * The staff console's conversation reviews (migration 7) name a Rasa sender (chat id): they go
 * with that person's data. Tags and NLU-review records are deleted with their review (explicitly,
 * so this holds even on a connection without foreign keys). 0 when the table does not exist yet.
 */
async function deleteReviews(
  sql: SqlExecutor,
  where: string,
  params: Array<string | number | null>
): Promise<number> {
  if (!(await hasTable(sql, 'conversation_reviews'))) return 0
  const ids = `(SELECT id FROM conversation_reviews WHERE ${where})`
  await sql.run(`DELETE FROM conversation_review_tags WHERE review_id IN ${ids}`, params)
  await sql.run(`DELETE FROM review_nlu_examples WHERE review_id IN ${ids}`, params)
  return (await sql.run(`DELETE FROM conversation_reviews WHERE ${where}`, params)).changes
}

/** Reviews of conversations that started before the retention cutoff (ISO time). */
export const purgeConversationReviews = (sql: SqlExecutor, cutoffIso: string): Promise<number> =>
  deleteReviews(sql, 'session_started_at < ?', [cutoffIso])

/** Reviews of these senders' conversations. */
export const eraseConversationReviews = (
  sql: SqlExecutor,
  senderIds: readonly string[]
): Promise<number> => {
  const list = inList(senderIds)
  return deleteReviews(sql, `sender_id IN ${list.sql}`, list.params as string[])
}
