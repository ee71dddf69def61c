import type { SqlDb } from '../data/db'
import type { ConversationReview, ConversationReviews } from '../data/conversation-reviews'
import {
  readRasaTrackerStore,
  type RasaSession,
  type RasaTrackerSource
} from '../data/rasa-tracker-store'
import { allInChunks } from '../data/sql-list'

/** The review list's filters; a period is WIB calendar days, both ends included. */
export interface ConversationFilter {
  from: string
  to: string
  fallback?: boolean
  handedOver?: boolean
  lowRating?: boolean
  unreviewed?: boolean
  tag?: string
}

/** A rating of 3 or less is "low" (the survey's scale is 1-5; 4-5 count as satisfied). */
export const LOW_RATING_MAX = 3

export interface ConversationListRow {
  session: RasaSession
  /** Tickets the sender opened during the session (the handoff creates one). */
  tickets: string[]
  /** Survey answers about this session (self-service, or the ticket opened in it). */
  ratings: number[]
  handedOver: boolean
  review: ConversationReview | undefined
}

/** Epoch seconds of 00.00 WIB of a YYYY-MM-DD day. */
export const wibDayStart = (day: string): number => Date.parse(`${day}T00:00:00+07:00`) / 1000

function inSession(session: RasaSession, iso: string): boolean {
  const t = Date.parse(iso) / 1000
  return (
    t >= session.startedAt && (session.nextStartedAt === undefined || t < session.nextStartedAt)
  )
}

/**
 * Conversations (Rasa sessions) that started in the period, newest first, with what our store
 * knows about them (tickets, survey ratings, review), filtered. The tracker store and our store are
 * two databases: the period's sessions are read first, then our rows for their senders, and the
 * filters apply on the joined rows (a month of a busy helpdesk is a few thousand sessions).
 */
export async function listConversations(
  sql: SqlDb,
  reviews: ConversationReviews,
  tracker: RasaTrackerSource,
  filter: ConversationFilter
): Promise<ConversationListRow[]> {
  const sessions = await readRasaTrackerStore(tracker, (store) =>
    store.sessions(wibDayStart(filter.from), wibDayStart(filter.to) + 86_400)
  )
  if (sessions.length === 0) return []
  const senders = [...new Set(sessions.map((s) => s.senderId))]
  const sinceIso = new Date(wibDayStart(filter.from) * 1000).toISOString()

  const tickets = await allInChunks<{ number: string; senderId: string; createdAt: string }>(
    sql,
    senders,
    (list) =>
      `SELECT number, sender_id AS "senderId", created_at AS "createdAt" FROM tickets WHERE sender_id IN (${list}) AND created_at >= ?`,
    [sinceIso]
  )
  const ticketTime = new Map(tickets.map((t) => [t.number, t.createdAt]))
  // A survey about a ticket belongs to the session that opened the ticket, else to the one it was asked in.
  const ratings = await allInChunks<{
    senderId: string
    ticket: string | null
    askedAt: string
    rating: number
  }>(
    sql,
    senders,
    (list) =>
      `SELECT sender_id AS "senderId", ticket_number AS ticket, asked_at AS "askedAt", rating FROM csat_surveys WHERE sender_id IN (${list}) AND rating IS NOT NULL AND asked_at >= ?`,
    [sinceIso]
  )
  const reviewed = await reviews.forSessions(
    sessions.map((s) => ({ senderId: s.senderId, sessionEventId: s.id }))
  )

  const rows = sessions.map((session): ConversationListRow => {
    const own = tickets.filter(
      (t) => t.senderId === session.senderId && inSession(session, t.createdAt)
    )
    return {
      session,
      tickets: own.map((t) => t.number),
      ratings: ratings
        .filter(
          (r) =>
            r.senderId === session.senderId &&
            inSession(
              session,
              (r.ticket === null ? undefined : ticketTime.get(r.ticket)) ?? r.askedAt
            )
        )
        .map((r) => r.rating),
      handedOver: session.handoff || own.length > 0,
      review: reviewed.get(session.id)
    }
  })
  return rows.filter(
    (row) =>
      (filter.fallback !== true || row.session.fallback) &&
      (filter.handedOver !== true || row.handedOver) &&
      (filter.lowRating !== true || row.ratings.some((r) => r <= LOW_RATING_MAX)) &&
      (filter.unreviewed !== true || row.review?.reviewedAt == null) &&
      (filter.tag === undefined || (row.review?.tags.includes(filter.tag) ?? false))
  )
}
