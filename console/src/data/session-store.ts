import type { Session } from 'fastify'
import type { Clock, SqlDb } from './db'

type Callback = (err?: unknown) => void

const ANONYMOUS_MS = 3_600_000

/**
 * @fastify/session store in the shared database: sessions survive a console restart and are
 * shared by console replicas, and the CLI (another process) ends an account's sessions by deleting
 * its rows. @fastify/session calls back; the store's queries are promises.
 */
export function createSqlSessionStore(sql: SqlDb, clock: Clock, maxAgeMs: number) {
  let writes = 0
  const settle = <T>(work: Promise<T>, done: (err: unknown, result?: T) => void): void => {
    work.then(
      (result) => done(null, result),
      (err: unknown) => done(err)
    )
  }

  return {
    set(sid: string, session: Session, callback: Callback): void {
      settle(
        (async () => {
          const accountId = (session as { accountId?: number }).accountId ?? null
          // A session before sign-in (it only holds the login form's CSRF secret) lives one hour.
          const lifetime = accountId === null ? Math.min(maxAgeMs, ANONYMOUS_MS) : maxAgeMs
          await sql.run(
            `INSERT INTO staff_sessions (sid, account_id, data, expires_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (sid) DO UPDATE SET account_id = excluded.account_id, data = excluded.data, expires_at = excluded.expires_at`,
            [
              sid,
              accountId,
              JSON.stringify(session),
              new Date(clock.now().getTime() + lifetime).toISOString()
            ]
          )
          if (++writes % 200 === 0)
            await sql.run('DELETE FROM staff_sessions WHERE expires_at < ?', [
              clock.now().toISOString()
            ])
        })(),
        (err) => callback(err ?? undefined)
      )
    },
    get(sid: string, callback: (err: unknown, result?: Session | null) => void): void {
      settle(
        (async (): Promise<Session | null> => {
          const row = await sql.get<{ data: string; expires_at: string }>(
            'SELECT data, expires_at FROM staff_sessions WHERE sid = ?',
            [sid]
          )
          if (row === undefined || row.expires_at < clock.now().toISOString()) return null
          return JSON.parse(row.data) as Session
        })(),
        callback
      )
    },
    destroy(sid: string, callback: Callback): void {
      settle(sql.run('DELETE FROM staff_sessions WHERE sid = ?', [sid]), (err) =>
        callback(err ?? undefined)
      )
    }
  }
}
