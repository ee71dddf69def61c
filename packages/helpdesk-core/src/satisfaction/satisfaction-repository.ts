import type { SqlDb } from '../store/sql/sql-db'
import type { Clock } from '../time/clock'
import { asksForComment, COMMENT_ASKED_AT_OR_BELOW, isValidRating } from './survey-message'

/** Where a survey was asked: after self-service, after a resolved ticket, after a takeover. */
export type SurveySource = 'layanan_mandiri' | 'tiket' | 'ambil_alih'

/** One row of csat_surveys (migration 5). */
export interface SatisfactionSurvey {
  id: number
  /** 'tiket:<number>' | 'ambil_alih:<takeover id>' | 'sesi:<sender id>:<session start>'. */
  conversationKey: string
  senderId: string
  source: SurveySource
  ticketNumber: string | null
  askedAt: string
  rating: number | null
  ratedAt: string | null
  /** What the user typed, as typed (personal data: covered by purge and erase). */
  comment: string | null
  commentedAt: string | null
}

export interface OpenSurveyRequest {
  conversationKey: string
  senderId: string
  source: SurveySource
  ticketNumber?: string
}

/** Outcome of a rating press. */
export type RatingOutcome =
  /** Stored on the sender's latest unanswered survey; `commentWanted` when rating ≤ 3. */
  | { kind: 'recorded'; survey: SatisfactionSurvey; commentWanted: boolean }
  /** Nothing is waiting for a rating, but the latest survey was already rated (a second press). */
  | { kind: 'already_rated'; survey: SatisfactionSurvey }
  /** This sender was never asked (a typed or forged payload). */
  | { kind: 'no_survey' }

/** Longest comment kept; the rest is cut off (a comment is a sentence or two, not a document). */
export const MAX_COMMENT_LENGTH = 1000

export interface SatisfactionRepository {
  /** Opens a survey for this conversation; false when that conversation_key was already asked. */
  open: (request: OpenSurveyRequest) => Promise<boolean>
  /** Records a 1-5 rating on the sender's latest unanswered survey (never a second rating). */
  recordRating: (senderId: string, rating: number) => Promise<RatingOutcome>
  /**
   * Stores the optional comment on the sender's latest survey rated ≤ 3 that has none yet;
   * undefined when no survey waits for one (or the text is empty).
   */
  recordComment: (senderId: string, comment: string) => Promise<SatisfactionSurvey | undefined>
  /**
   * Takes back a survey that could not be delivered (gateway down, user not on Telegram), so a
   * later attempt may ask again; an answered survey is never removed. True when a row went.
   */
  withdraw: (conversationKey: string) => Promise<boolean>
  findByConversationKey: (conversationKey: string) => Promise<SatisfactionSurvey | undefined>
  /** The survey of a ticket ('tiket:<number>'), if one was asked. */
  findByTicket: (ticketNumber: string) => Promise<SatisfactionSurvey | undefined>
  /** Latest surveys first (answered or not), for the console's list. */
  listRecent: (limit: number) => Promise<SatisfactionSurvey[]>
}

interface SurveyRow {
  id: number
  conversation_key: string
  sender_id: string
  source: SurveySource
  ticket_number: string | null
  asked_at: string
  rating: number | null
  rated_at: string | null
  comment: string | null
  commented_at: string | null
}

function toSurvey(row: SurveyRow): SatisfactionSurvey {
  return {
    id: row.id,
    conversationKey: row.conversation_key,
    senderId: row.sender_id,
    source: row.source,
    ticketNumber: row.ticket_number,
    askedAt: row.asked_at,
    rating: row.rating,
    ratedAt: row.rated_at,
    comment: row.comment,
    commentedAt: row.commented_at
  }
}

/** The ticket conversation key, in one place for the console and the bot. */
export function ticketSurveyKey(ticketNumber: string): string {
  return `tiket:${ticketNumber}`
}

/** The self-service conversation key: once per chat session. */
export function sessionSurveyKey(senderId: string, sessionStart: string): string {
  return `sesi:${senderId}:${sessionStart}`
}

export function createSatisfactionRepository(sql: SqlDb, clock: Clock): SatisfactionRepository {
  const byKey = async (conversationKey: string): Promise<SatisfactionSurvey | undefined> => {
    const row = await sql.get<SurveyRow>('SELECT * FROM csat_surveys WHERE conversation_key = ?', [
      conversationKey
    ])
    return row === undefined ? undefined : toSurvey(row)
  }

  return {
    async open(request) {
      const result = await sql.run(
        `INSERT INTO csat_surveys (conversation_key, sender_id, source, ticket_number, asked_at)
         VALUES (@conversationKey, @senderId, @source, @ticketNumber, @askedAt)
         ON CONFLICT (conversation_key) DO NOTHING`,
        {
          conversationKey: request.conversationKey,
          senderId: request.senderId,
          source: request.source,
          ticketNumber: request.ticketNumber ?? null,
          askedAt: clock.now().toISOString()
        }
      )
      return result.changes === 1
    },

    async recordRating(senderId, rating) {
      if (!isValidRating(rating)) throw new RangeError(`rating must be 1-5, got ${String(rating)}`)
      // The UPDATE rates only a survey still unrated: two presses racing in two processes rate
      // it once, and the second sees `already_rated`.
      return sql.transaction(async (tx): Promise<RatingOutcome> => {
        // Latest by asked_at, then id (two surveys asked in the same millisecond keep insertion order).
        const open = await tx.get<SurveyRow>(
          'SELECT * FROM csat_surveys WHERE sender_id = ? AND rating IS NULL ORDER BY asked_at DESC, id DESC LIMIT 1',
          [senderId]
        )
        if (open !== undefined) {
          const rated = await tx.get<SurveyRow>(
            'UPDATE csat_surveys SET rating = ?, rated_at = ? WHERE id = ? AND rating IS NULL RETURNING *',
            [rating, clock.now().toISOString(), open.id]
          )
          if (rated !== undefined) {
            return {
              kind: 'recorded',
              survey: toSurvey(rated),
              commentWanted: asksForComment(rating)
            }
          }
        }
        const latest = await tx.get<SurveyRow>(
          'SELECT * FROM csat_surveys WHERE sender_id = ? ORDER BY asked_at DESC, id DESC LIMIT 1',
          [senderId]
        )
        return latest === undefined
          ? { kind: 'no_survey' }
          : { kind: 'already_rated', survey: toSurvey(latest) }
      })
    },

    async recordComment(senderId, text) {
      const trimmed = text.trim().slice(0, MAX_COMMENT_LENGTH)
      if (trimmed === '') return undefined
      return sql.transaction(async (tx): Promise<SatisfactionSurvey | undefined> => {
        const row = await tx.get<SurveyRow>(
          `SELECT * FROM csat_surveys WHERE sender_id = ? AND rating <= ? AND comment IS NULL
           ORDER BY rated_at DESC, id DESC LIMIT 1`,
          [senderId, COMMENT_ASKED_AT_OR_BELOW]
        )
        if (row === undefined) return undefined
        const updated = await tx.get<SurveyRow>(
          'UPDATE csat_surveys SET comment = ?, commented_at = ? WHERE id = ? AND comment IS NULL RETURNING *',
          [trimmed, clock.now().toISOString(), row.id]
        )
        return updated === undefined ? undefined : toSurvey(updated)
      })
    },

    async withdraw(conversationKey) {
      const result = await sql.run(
        'DELETE FROM csat_surveys WHERE conversation_key = ? AND rating IS NULL AND comment IS NULL',
        [conversationKey]
      )
      return result.changes === 1
    },

    findByConversationKey: byKey,

    findByTicket: (ticketNumber) => byKey(ticketSurveyKey(ticketNumber)),

    async listRecent(limit) {
      return (
        await sql.all<SurveyRow>(
          'SELECT * FROM csat_surveys ORDER BY asked_at DESC, id DESC LIMIT ?',
          [limit]
        )
      ).map(toSurvey)
    }
  }
}
