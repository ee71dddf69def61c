import type { Clock, SqlDb, SqlExecutor } from './db'
import { allInChunks } from './sql-list'

/** Tags every reviewer can pick (values stored; labels in web/labels.ts). Free tags come on top. */
export const FIXED_REVIEW_TAGS = [
  'salah_intent',
  'intent_baru',
  'jawaban_kurang',
  'perlu_petugas',
  'bagus'
] as const

/** A free tag: lower-case words joined by "_" or "-", 2-40 characters (no personal data fits). */
export const FREE_TAG = /^[a-z][a-z0-9_-]{1,39}$/

export interface ConversationReview {
  id: number
  senderId: string
  sessionEventId: number
  reviewedBy: string | null
  reviewedAt: string | null
  tags: string[]
}

export interface NluExampleRecord {
  messageIndex: number
  intent: string
  maskedText: string
  addedBy: string
  addedAt: string
}

interface ReviewRow {
  id: number
  senderId: string
  sessionEventId: number
  reviewedBy: string | null
  reviewedAt: string | null
}

const SELECT = `SELECT r.id, r.sender_id AS "senderId", r.session_event_id AS "sessionEventId",
  r.reviewed_by AS "reviewedBy", r.reviewed_at AS "reviewedAt"
  FROM conversation_reviews r`

/** Which conversation a review is about (a Rasa session, see data/rasa-tracker-store.ts). */
export interface SessionRef {
  senderId: string
  sessionEventId: number
  /** ISO time of the session start (retention is counted from it). */
  startedAt: string
}

/** The review state of conversations (migration 7): tags, reviewed by whom and when, NLU examples. */
export function createConversationReviews(sql: SqlDb, clock: Clock) {
  /** The review row of the session, created when missing (inside the caller's transaction). */
  const ensure = async (tx: SqlExecutor, ref: SessionRef, actor: string): Promise<number> => {
    const now = clock.now().toISOString()
    await tx.run(
      `INSERT INTO conversation_reviews (sender_id, session_event_id, session_started_at, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_event_id, sender_id) DO NOTHING`,
      [ref.senderId, ref.sessionEventId, ref.startedAt, actor, now]
    )
    const row = await tx.get<{ id: number }>(
      'SELECT id FROM conversation_reviews WHERE session_event_id = ? AND sender_id = ?',
      [ref.sessionEventId, ref.senderId]
    )
    return (row as { id: number }).id
  }

  return {
    /** Reviews of these sessions, by session event id (only those that exist). */
    async forSessions(
      refs: ReadonlyArray<{ senderId: string; sessionEventId: number }>
    ): Promise<Map<number, ConversationReview>> {
      const found = new Map<number, ConversationReview>()
      if (refs.length === 0) return found
      const rows = await allInChunks<ReviewRow>(
        sql,
        [...new Set(refs.map((r) => r.sessionEventId))],
        (list) => `${SELECT} WHERE r.session_event_id IN (${list})`
      )
      const senders = new Map(refs.map((r) => [r.sessionEventId, r.senderId]))
      const mine = rows.filter((row) => senders.get(row.sessionEventId) === row.senderId)
      const tags = await allInChunks<{ reviewId: number; tag: string }>(
        sql,
        mine.map((row) => row.id),
        (list) =>
          `SELECT review_id AS "reviewId", tag FROM conversation_review_tags WHERE review_id IN (${list})`
      )
      for (const row of mine)
        found.set(row.sessionEventId, {
          ...row,
          // Sorted here: both engines then give the same order whatever PostgreSQL's collation.
          tags: tags
            .filter((t) => t.reviewId === row.id)
            .map((t) => t.tag)
            .sort()
        })
      return found
    },

    async get(ref: {
      senderId: string
      sessionEventId: number
    }): Promise<ConversationReview | undefined> {
      return (await this.forSessions([ref])).get(ref.sessionEventId)
    },

    /**
     * Replaces the conversation's tags and, when `reviewed`, marks it reviewed by `actor` now
     * (a later save keeps the first reviewer unless `reviewed` is false, which clears it).
     */
    async save(
      ref: SessionRef,
      actor: string,
      tags: readonly string[],
      reviewed: boolean
    ): Promise<ConversationReview> {
      const now = clock.now().toISOString()
      await sql.transaction(async (tx) => {
        const id = await ensure(tx, ref, actor)
        const current = await tx.all<{ tag: string }>(
          'SELECT tag FROM conversation_review_tags WHERE review_id = ?',
          [id]
        )
        const wanted = new Set(tags)
        for (const { tag } of current)
          if (!wanted.has(tag))
            await tx.run('DELETE FROM conversation_review_tags WHERE review_id = ? AND tag = ?', [
              id,
              tag
            ])
        for (const tag of wanted)
          await tx.run(
            'INSERT INTO conversation_review_tags (review_id, tag, added_by, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
            [id, tag, actor, now]
          )
        if (reviewed)
          await tx.run(
            `UPDATE conversation_reviews SET reviewed_by = COALESCE(reviewed_by, ?), reviewed_at = COALESCE(reviewed_at, ?), updated_by = ?, updated_at = ? WHERE id = ?`,
            [actor, now, actor, now, id]
          )
        else
          await tx.run(
            'UPDATE conversation_reviews SET reviewed_by = NULL, reviewed_at = NULL, updated_by = ?, updated_at = ? WHERE id = ?',
            [actor, now, id]
          )
      })
      return (await this.get(ref)) as ConversationReview
    },

    /** Records that a (masked) message was written to the NLU review file. */
    async addNluExample(
      ref: SessionRef,
      actor: string,
      example: Omit<NluExampleRecord, 'addedBy' | 'addedAt'>
    ): Promise<NluExampleRecord> {
      const addedAt = clock.now().toISOString()
      await sql.transaction(async (tx) => {
        const id = await ensure(tx, ref, actor)
        await tx.run(
          'INSERT INTO review_nlu_examples (review_id, message_index, intent, masked_text, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)',
          [id, example.messageIndex, example.intent, example.maskedText, actor, addedAt]
        )
      })
      return { ...example, addedBy: actor, addedAt }
    },

    /** The fixed tags and every free tag in use, sorted. */
    async tagsInUse(): Promise<string[]> {
      const free = await sql.all<{ tag: string }>(
        'SELECT DISTINCT tag FROM conversation_review_tags'
      )
      return [...new Set([...FIXED_REVIEW_TAGS, ...free.map((r) => r.tag).sort()])]
    },

    nluExamples: async (ref: {
      senderId: string
      sessionEventId: number
    }): Promise<NluExampleRecord[]> =>
      await sql.all<NluExampleRecord>(
        `SELECT x.message_index AS "messageIndex", x.intent, x.masked_text AS "maskedText", x.added_by AS "addedBy", x.added_at AS "addedAt"
         FROM review_nlu_examples x JOIN conversation_reviews r ON r.id = x.review_id
         WHERE r.session_event_id = ? AND r.sender_id = ? ORDER BY x.id`,
        [ref.sessionEventId, ref.senderId]
      )
  }
}

export type ConversationReviews = ReturnType<typeof createConversationReviews>
