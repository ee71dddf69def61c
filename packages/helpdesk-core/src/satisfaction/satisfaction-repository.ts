import type { Db } from '../store/database'
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
  open: (request: OpenSurveyRequest) => boolean
  /** Records a 1-5 rating on the sender's latest unanswered survey (never a second rating). */
  recordRating: (senderId: string, rating: number) => RatingOutcome
  /**
   * Stores the optional comment on the sender's latest survey rated ≤ 3 that has none yet;
   * undefined when no survey waits for one (or the text is empty).
   */
  recordComment: (senderId: string, comment: string) => SatisfactionSurvey | undefined
  /**
   * Takes back a survey that could not be delivered (gateway down, user not on Telegram), so a
   * later attempt may ask again; an answered survey is never removed. True when a row went.
   */
  withdraw: (conversationKey: string) => boolean
  findByConversationKey: (conversationKey: string) => SatisfactionSurvey | undefined
  /** The survey of a ticket ('tiket:<number>'), if one was asked. */
  findByTicket: (ticketNumber: string) => SatisfactionSurvey | undefined
  /** Latest surveys first (answered or not), for the console's list. */
  listRecent: (limit: number) => SatisfactionSurvey[]
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

export function createSatisfactionRepository(db: Db, clock: Clock): SatisfactionRepository {
  const insert = db.prepare(
    `INSERT INTO csat_surveys (conversation_key, sender_id, source, ticket_number, asked_at)
     VALUES (@conversationKey, @senderId, @source, @ticketNumber, @askedAt)
     ON CONFLICT (conversation_key) DO NOTHING`
  )
  // Latest by asked_at, then id (two surveys asked in the same millisecond keep insertion order).
  const latestOpen = db.prepare(
    'SELECT * FROM csat_surveys WHERE sender_id = ? AND rating IS NULL ORDER BY asked_at DESC, id DESC LIMIT 1'
  )
  const latestAny = db.prepare(
    'SELECT * FROM csat_surveys WHERE sender_id = ? ORDER BY asked_at DESC, id DESC LIMIT 1'
  )
  const rate = db.prepare(
    'UPDATE csat_surveys SET rating = ?, rated_at = ? WHERE id = ? AND rating IS NULL'
  )
  const awaitingComment = db.prepare(
    `SELECT * FROM csat_surveys WHERE sender_id = ? AND rating <= ? AND comment IS NULL
     ORDER BY rated_at DESC, id DESC LIMIT 1`
  )
  const comment = db.prepare(
    'UPDATE csat_surveys SET comment = ?, commented_at = ? WHERE id = ? AND comment IS NULL'
  )
  const remove = db.prepare(
    'DELETE FROM csat_surveys WHERE conversation_key = ? AND rating IS NULL AND comment IS NULL'
  )
  const byId = db.prepare('SELECT * FROM csat_surveys WHERE id = ?')
  const byKey = db.prepare('SELECT * FROM csat_surveys WHERE conversation_key = ?')
  const recent = db.prepare('SELECT * FROM csat_surveys ORDER BY asked_at DESC, id DESC LIMIT ?')

  const reload = (id: number): SatisfactionSurvey => toSurvey(byId.get(id) as SurveyRow)

  return {
    open(request) {
      const result = insert.run({
        conversationKey: request.conversationKey,
        senderId: request.senderId,
        source: request.source,
        ticketNumber: request.ticketNumber ?? null,
        askedAt: clock.now().toISOString()
      })
      return result.changes === 1
    },

    recordRating(senderId, rating) {
      if (!isValidRating(rating)) throw new RangeError(`rating must be 1-5, got ${String(rating)}`)
      // One IMMEDIATE transaction: two presses racing in two processes rate the survey once.
      return db
        .transaction((): RatingOutcome => {
          const open = latestOpen.get(senderId) as SurveyRow | undefined
          if (open !== undefined) {
            rate.run(rating, clock.now().toISOString(), open.id)
            return {
              kind: 'recorded',
              survey: reload(open.id),
              commentWanted: asksForComment(rating)
            }
          }
          const latest = latestAny.get(senderId) as SurveyRow | undefined
          return latest === undefined
            ? { kind: 'no_survey' }
            : { kind: 'already_rated', survey: toSurvey(latest) }
        })
        .immediate()
    },

    recordComment(senderId, text) {
      const trimmed = text.trim().slice(0, MAX_COMMENT_LENGTH)
      if (trimmed === '') return undefined
      return db
        .transaction((): SatisfactionSurvey | undefined => {
          const row = awaitingComment.get(senderId, COMMENT_ASKED_AT_OR_BELOW) as
            SurveyRow | undefined
          if (row === undefined) return undefined
          comment.run(trimmed, clock.now().toISOString(), row.id)
          return reload(row.id)
        })
        .immediate()
    },

    withdraw(conversationKey) {
      return remove.run(conversationKey).changes === 1
    },

    findByConversationKey(conversationKey) {
      const row = byKey.get(conversationKey) as SurveyRow | undefined
      return row === undefined ? undefined : toSurvey(row)
    },

    findByTicket(ticketNumber) {
      const row = byKey.get(ticketSurveyKey(ticketNumber)) as SurveyRow | undefined
      return row === undefined ? undefined : toSurvey(row)
    },

    listRecent(limit) {
      return (recent.all(limit) as SurveyRow[]).map(toSurvey)
    }
  }
}
