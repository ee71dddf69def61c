import type Database from 'better-sqlite3'
import type { SqlDb, SqlExecutor, SqlParams, SqlRunResult } from './sql-db'

/**
 * SqlDb over one better-sqlite3 connection. better-sqlite3 is synchronous; the promises only
 * give both engines one shape. A transaction holds the connection across awaits, so every other
 * statement of this process waits until it ends (it would otherwise run inside it); other
 * processes are kept out by SQLite's write lock, taken at BEGIN IMMEDIATE (busy_timeout applies).
 */
export function sqliteSqlDb(connection: Database.Database): SqlDb {
  const statements = new Map<string, Database.Statement>()
  /** Settles when the last queued transaction ends; undefined when none is open or waiting. */
  let queueTail: Promise<void> | undefined

  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql)
    if (statement === undefined) {
      statement = connection.prepare(sql)
      statements.set(sql, statement)
    }
    return statement
  }
  // busy_timeout makes SQLite wait *synchronously* for another connection's write lock. When that
  // connection belongs to this same process (two pools in one process, tests, a CLI next to a
  // service), its transaction can only finish on this thread, so the wait would just run out.
  // Writes outside a transaction and BEGIN IMMEDIATE therefore try without waiting and retry on
  // SQLITE_BUSY asynchronously, for as long as busy_timeout allows (at least 5 s).
  const busyTimeoutMs = Number(connection.pragma('busy_timeout', { simple: true }))
  const patienceMs = Math.max(busyTimeoutMs, 5000)
  const isBusy = (err: unknown): boolean =>
    typeof (err as { code?: unknown }).code === 'string' &&
    (err as { code: string }).code.startsWith('SQLITE_BUSY')
  const withoutBlocking = async <T>(work: () => T): Promise<T> => {
    const deadline = Date.now() + patienceMs
    for (let delayMs = 1; ; delayMs = Math.min(delayMs * 2, 25)) {
      connection.pragma('busy_timeout = 0')
      try {
        return work()
      } catch (err) {
        if (!isBusy(err) || Date.now() > deadline) throw err
      } finally {
        connection.pragma(`busy_timeout = ${busyTimeoutMs}`)
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs))
    }
  }
  /** Statements that only read never wait for the write lock (WAL). */
  const readsOnly = (sql: string): boolean => /^\s*SELECT\b/i.test(sql)

  const bind = (params: SqlParams | undefined): unknown[] =>
    params === undefined ? [] : Array.isArray(params) ? [...(params as unknown[])] : [params]

  const direct = {
    all: <T>(sql: string, params?: SqlParams): T[] => prepare(sql).all(...bind(params)) as T[],
    get: <T>(sql: string, params?: SqlParams): T | undefined =>
      prepare(sql).get(...bind(params)) as T | undefined,
    run: (sql: string, params?: SqlParams): SqlRunResult => ({
      changes: prepare(sql).run(...bind(params)).changes
    }),
    exec: (sql: string): void => {
      connection.exec(sql)
    }
  }

  /** Waits until no transaction of this process holds the connection or waits for it. */
  const idle = async (): Promise<void> => {
    while (queueTail !== undefined) await queueTail
  }

  /** `patient`: outside a transaction, where a write may meet another connection's lock. */
  const executor = (guard: () => Promise<void> | void, patient: boolean): SqlExecutor => {
    const attempt = async <T>(sql: string, work: () => T): Promise<T> =>
      patient && !readsOnly(sql) ? withoutBlocking(work) : work()
    return {
      dialect: 'sqlite',
      all: async (sql, params) => {
        await guard()
        return attempt(sql, () => direct.all(sql, params))
      },
      get: async (sql, params) => {
        await guard()
        return attempt(sql, () => direct.get(sql, params))
      },
      run: async (sql, params) => {
        await guard()
        return attempt(sql, () => direct.run(sql, params))
      },
      exec: async (sql) => {
        await guard()
        await attempt(sql, () => direct.exec(sql))
      }
    }
  }

  const outside = executor(idle, true)

  return {
    ...outside,
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      // Transactions queue in call order: each waits for the one queued before it.
      const before = queueTail
      let release = (): void => undefined
      const mine = new Promise<void>((resolve) => {
        release = resolve
      })
      queueTail = mine
      if (before !== undefined) await before
      let open = true
      const tx = executor(() => {
        if (!open) throw new Error('transaction already ended: use the store, not the old tx')
      }, false)
      const run = (async (): Promise<T> => {
        await withoutBlocking(() => connection.exec('BEGIN IMMEDIATE'))
        try {
          const result = await work(tx)
          connection.exec('COMMIT')
          return result
        } catch (err) {
          if (connection.inTransaction) connection.exec('ROLLBACK')
          throw err
        } finally {
          open = false
        }
      })()
      try {
        return await run
      } finally {
        if (queueTail === mine) queueTail = undefined
        release()
      }
    },
    close: async (): Promise<void> => {
      await idle()
      connection.close()
    }
  }
}
