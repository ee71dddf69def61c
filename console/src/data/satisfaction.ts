import { createSatisfactionRepository, type SatisfactionRepository } from '@helpdesk/core'
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
 * Bridge until the core's repository takes a SqlDb: on SQLite it runs the core's repository on the
 * store's connection; on PostgreSQL every call fails with a clear error (merge pg-store).
 */
export function createSatisfaction(sql: SqlDb, clock: Clock): Satisfaction {
  const sqlite = rawSqliteOf(sql)
  const repository = sqlite === undefined ? undefined : createSatisfactionRepository(sqlite, clock)
  const call =
    <K extends keyof SatisfactionRepository>(name: K) =>
    async (
      ...args: Parameters<SatisfactionRepository[K]>
    ): Promise<Awaited<ReturnType<SatisfactionRepository[K]>>> => {
      if (repository === undefined)
        throw new Error('satisfaction surveys on PostgreSQL need the core on SqlDb (pg-store)')
      const method = repository[name] as unknown as (
        ...a: Parameters<SatisfactionRepository[K]>
      ) => ReturnType<SatisfactionRepository[K]>
      return (await method(...args)) as Awaited<ReturnType<SatisfactionRepository[K]>>
    }
  return {
    open: call('open'),
    recordRating: call('recordRating'),
    recordComment: call('recordComment'),
    withdraw: call('withdraw'),
    findByConversationKey: call('findByConversationKey'),
    findByTicket: call('findByTicket'),
    listRecent: call('listRecent')
  }
}
