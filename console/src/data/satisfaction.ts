import {
  createSatisfactionRepository,
  ticketSurveyKey,
  type OpenSurveyRequest,
  type SatisfactionRepository,
  type SatisfactionSurvey,
  type SurveySource
} from '@helpdesk/core'
import { rawSqliteOf } from '../store'
import type { Clock, SqlDb } from './db'

/**
 * The core's satisfaction repository with every result a promise: the shape the core takes once
 * it runs on SqlDb (pg-store: createSatisfactionRepository(sql, clock), async), so the console's
 * callers already await it.
 */
export type Satisfaction = {
  [K in keyof SatisfactionRepository]: (
    ...args: Parameters<SatisfactionRepository[K]>
  ) => Promise<Awaited<ReturnType<SatisfactionRepository[K]>>>
}

/**
 * BRIDGE until the core's repository takes a SqlDb (then this file is one line: the core's
 * createSatisfactionRepository(sql, clock)). On SQLite it runs the core's repository on the store's
 * connection; on PostgreSQL it runs the same statements for what the console asks (open,
 * withdraw, find, list); rating and commenting are the bot's, not the console's.
 */
export function createSatisfaction(sql: SqlDb, clock: Clock): Satisfaction {
  const sqlite = rawSqliteOf(sql)
  if (sqlite !== undefined) {
    const repository = createSatisfactionRepository(sqlite, clock)
    return {
      open: async (request) => repository.open(request),
      recordRating: async (senderId, rating) => repository.recordRating(senderId, rating),
      recordComment: async (senderId, text) => repository.recordComment(senderId, text),
      withdraw: async (key) => repository.withdraw(key),
      findByConversationKey: async (key) => repository.findByConversationKey(key),
      findByTicket: async (number) => repository.findByTicket(number),
      listRecent: async (limit) => repository.listRecent(limit)
    }
  }
  const byKey = async (key: string): Promise<SatisfactionSurvey | undefined> => {
    const row = await sql.get<SurveyRow>('SELECT * FROM csat_surveys WHERE conversation_key = ?', [
      key
    ])
    return row === undefined ? undefined : toSurvey(row)
  }
  const botOnly = async (): Promise<never> => {
    throw new Error('ratings and comments are recorded by the bot, not the console')
  }
  return {
    open: async (request: OpenSurveyRequest) =>
      (
        await sql.run(
          `INSERT INTO csat_surveys (conversation_key, sender_id, source, ticket_number, asked_at)
           VALUES (?, ?, ?, ?, ?) ON CONFLICT (conversation_key) DO NOTHING`,
          [
            request.conversationKey,
            request.senderId,
            request.source,
            request.ticketNumber ?? null,
            clock.now().toISOString()
          ]
        )
      ).changes === 1,
    recordRating: botOnly,
    recordComment: botOnly,
    withdraw: async (key) =>
      (
        await sql.run(
          'DELETE FROM csat_surveys WHERE conversation_key = ? AND rating IS NULL AND comment IS NULL',
          [key]
        )
      ).changes === 1,
    findByConversationKey: byKey,
    findByTicket: async (number) => await byKey(ticketSurveyKey(number)),
    listRecent: async (limit) =>
      (
        await sql.all<SurveyRow>(
          'SELECT * FROM csat_surveys ORDER BY asked_at DESC, id DESC LIMIT ?',
          [limit]
        )
      ).map(toSurvey)
  }
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

const toSurvey = (row: SurveyRow): SatisfactionSurvey => ({
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
})
