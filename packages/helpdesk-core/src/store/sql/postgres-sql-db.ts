import pg from 'pg'
import { toPostgresPlaceholders } from './placeholders'
import type { SqlDb, SqlExecutor, SqlParams, SqlRunResult } from './sql-db'

/** OIDs of int8 (COUNT, SUM, BIGINT columns) and numeric (AVG): numbers, as SQLite gives. */
const INT8 = 20
const NUMERIC = 1700

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8 || oid === NUMERIC) return (value: string): number => Number(value)
    return pg.types.getTypeParser(oid, format)
  }) as typeof pg.types.getTypeParser
}

interface Queryable {
  query: (text: string, values?: unknown[]) => Promise<pg.QueryResult>
}

function executor(target: Queryable, isOpen: () => boolean = () => true): SqlExecutor {
  const query = async (sql: string, params?: SqlParams): Promise<pg.QueryResult> => {
    if (!isOpen()) throw new Error('transaction already ended: use the store, not the old tx')
    const { text, values } = toPostgresPlaceholders(sql, params)
    return target.query(text, values)
  }
  return {
    dialect: 'postgres',
    all: async <T>(sql: string, params?: SqlParams): Promise<T[]> =>
      (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, params?: SqlParams): Promise<T | undefined> =>
      (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params?: SqlParams): Promise<SqlRunResult> => ({
      changes: (await query(sql, params)).rowCount ?? 0
    }),
    exec: async (sql: string): Promise<void> => {
      if (!isOpen()) throw new Error('transaction already ended')
      // Simple-query protocol: several statements in one string, no parameters.
      await target.query(sql)
    }
  }
}

/**
 * SqlDb over a pool of PostgreSQL connections (`pg`). `connectionString` is DATABASE_URL; the
 * pool size is small on purpose (one action server needs few; PostgreSQL's own limit is shared).
 */
export function postgresSqlDb(connectionString: string, options: { max?: number } = {}): SqlDb {
  // connectionTimeoutMillis: an unreachable server fails a start or a request within seconds
  // instead of waiting for the operating system's TCP timeout.
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    types,
    connectionTimeoutMillis: 10_000
  })
  // An idle client losing its server (restart) must not crash the process; the next query
  // gets a new connection.
  pool.on('error', () => undefined)
  return {
    ...executor(pool),
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect()
      let open = true
      try {
        await client.query('BEGIN')
        try {
          const result = await work(executor(client, () => open))
          await client.query('COMMIT')
          return result
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined)
          throw err
        }
      } finally {
        open = false
        client.release()
      }
    },
    close: async (): Promise<void> => {
      await pool.end()
    }
  }
}

/** True for a DATABASE_URL this store can use. */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url)
