import type { Clock, Db } from './db'

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
  tags: string | null
}

const SELECT = `SELECT r.id, r.sender_id AS senderId, r.session_event_id AS sessionEventId,
  r.reviewed_by AS reviewedBy, r.reviewed_at AS reviewedAt,
  (SELECT json_group_array(tag) FROM (SELECT tag FROM conversation_review_tags t WHERE t.review_id = r.id ORDER BY tag)) AS tags
  FROM conversation_reviews r`

const toReview = (row: ReviewRow): ConversationReview => ({
  ...row,
  tags: row.tags === null ? [] : (JSON.parse(row.tags) as string[])
})

/** Which conversation a review is about (a Rasa session, see data/rasa-tracker-store.ts). */
export interface SessionRef {
  senderId: string
  sessionEventId: number
  /** ISO time of the session start (retention is counted from it). */
  startedAt: string
}

/** The review state of conversations (migration 7): tags, reviewed by whom and when, NLU examples. */
export function createConversationReviews(db: Db, clock: Clock) {
  const ensure = (ref: SessionRef, actor: string): number => {
    const now = clock.now().toISOString()
    db.prepare(
      `INSERT INTO conversation_reviews (sender_id, session_event_id, session_started_at, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_event_id, sender_id) DO NOTHING`
    ).run(ref.senderId, ref.sessionEventId, ref.startedAt, actor, now)
    return db
      .prepare('SELECT id FROM conversation_reviews WHERE session_event_id = ? AND sender_id = ?')
      .pluck()
      .get(ref.sessionEventId, ref.senderId) as number
  }

  return {
    /** Reviews of these sessions, by session event id (only those that exist). */
    forSessions(refs: ReadonlyArray<{ senderId: string; sessionEventId: number }>) {
      const found = new Map<number, ConversationReview>()
      if (refs.length === 0) return found
      const rows = db
        .prepare(`${SELECT} WHERE r.session_event_id IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(refs.map((r) => r.sessionEventId))) as ReviewRow[]
      const senders = new Map(refs.map((r) => [r.sessionEventId, r.senderId]))
      for (const row of rows)
        if (senders.get(row.sessionEventId) === row.senderId)
          found.set(row.sessionEventId, toReview(row))
      return found
    },

    get(ref: { senderId: string; sessionEventId: number }): ConversationReview | undefined {
      return this.forSessions([ref]).get(ref.sessionEventId)
    },

    /**
     * Replaces the conversation's tags and, when `reviewed`, marks it reviewed by `actor` now
     * (a later save keeps the first reviewer unless `reviewed` is false, which clears it).
     */
    save(
      ref: SessionRef,
      actor: string,
      tags: readonly string[],
      reviewed: boolean
    ): ConversationReview {
      const now = clock.now().toISOString()
      db.transaction(() => {
        const id = ensure(ref, actor)
        const current = db
          .prepare('SELECT tag FROM conversation_review_tags WHERE review_id = ?')
          .pluck()
          .all(id) as string[]
        const wanted = new Set(tags)
        const drop = db.prepare(
          'DELETE FROM conversation_review_tags WHERE review_id = ? AND tag = ?'
        )
        for (const tag of current) if (!wanted.has(tag)) drop.run(id, tag)
        const add = db.prepare(
          'INSERT OR IGNORE INTO conversation_review_tags (review_id, tag, added_by, added_at) VALUES (?, ?, ?, ?)'
        )
        for (const tag of wanted) add.run(id, tag, actor, now)
        if (reviewed)
          db.prepare(
            `UPDATE conversation_reviews SET reviewed_by = COALESCE(reviewed_by, ?), reviewed_at = COALESCE(reviewed_at, ?), updated_by = ?, updated_at = ? WHERE id = ?`
          ).run(actor, now, actor, now, id)
        else
          db.prepare(
            'UPDATE conversation_reviews SET reviewed_by = NULL, reviewed_at = NULL, updated_by = ?, updated_at = ? WHERE id = ?'
          ).run(actor, now, id)
      }).immediate()
      return this.get(ref) as ConversationReview
    },

    /** Records that a (masked) message was written to the NLU review file. */
    addNluExample(
      ref: SessionRef,
      actor: string,
      example: Omit<NluExampleRecord, 'addedBy' | 'addedAt'>
    ): NluExampleRecord {
      const addedAt = clock.now().toISOString()
      db.transaction(() => {
        const id = ensure(ref, actor)
        db.prepare(
          'INSERT INTO review_nlu_examples (review_id, message_index, intent, masked_text, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)'
        ).run(id, example.messageIndex, example.intent, example.maskedText, actor, addedAt)
      }).immediate()
      return { ...example, addedBy: actor, addedAt }
    },

    /** The fixed tags and every free tag in use, sorted. */
    tagsInUse(): string[] {
      const free = db
        .prepare('SELECT DISTINCT tag FROM conversation_review_tags ORDER BY tag')
        .pluck()
        .all() as string[]
      return [...new Set([...FIXED_REVIEW_TAGS, ...free])]
    },

    nluExamples(ref: { senderId: string; sessionEventId: number }): NluExampleRecord[] {
      return db
        .prepare(
          `SELECT x.message_index AS messageIndex, x.intent, x.masked_text AS maskedText, x.added_by AS addedBy, x.added_at AS addedAt
           FROM review_nlu_examples x JOIN conversation_reviews r ON r.id = x.review_id
           WHERE r.session_event_id = ? AND r.sender_id = ? ORDER BY x.id`
        )
        .all(ref.sessionEventId, ref.senderId) as NluExampleRecord[]
    }
  }
}

export type ConversationReviews = ReturnType<typeof createConversationReviews>
