import type { Session } from 'fastify'
import type { Clock, Db } from './db'

type Callback = (err?: unknown) => void

const ANONYMOUS_MS = 3_600_000

/**
 * @fastify/session store in the shared SQLite file: sessions survive a console restart, and the CLI
 * (another process) ends an account's sessions by deleting its rows.
 */
export function createSqliteSessionStore(db: Db, clock: Clock, maxAgeMs: number) {
  const get = db.prepare('SELECT data, expires_at FROM staff_sessions WHERE sid = ?')
  const upsert =
    db.prepare(`INSERT INTO staff_sessions (sid, account_id, data, expires_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (sid) DO UPDATE SET account_id = excluded.account_id, data = excluded.data, expires_at = excluded.expires_at`)
  const remove = db.prepare('DELETE FROM staff_sessions WHERE sid = ?')
  const prune = db.prepare('DELETE FROM staff_sessions WHERE expires_at < ?')
  let writes = 0

  return {
    set(sid: string, session: Session, callback: Callback): void {
      try {
        const accountId = (session as { accountId?: number }).accountId ?? null
        // A session before sign-in (it only holds the login form's CSRF secret) lives one hour.
        const lifetime = accountId === null ? Math.min(maxAgeMs, ANONYMOUS_MS) : maxAgeMs
        upsert.run(
          sid,
          accountId,
          JSON.stringify(session),
          new Date(clock.now().getTime() + lifetime).toISOString()
        )
        if (++writes % 200 === 0) prune.run(clock.now().toISOString())
        callback()
      } catch (err) {
        callback(err)
      }
    },
    get(sid: string, callback: (err: unknown, result?: Session | null) => void): void {
      try {
        const row = get.get(sid) as { data: string; expires_at: string } | undefined
        if (row === undefined || row.expires_at < clock.now().toISOString())
          return callback(null, null)
        callback(null, JSON.parse(row.data) as Session)
      } catch (err) {
        callback(err)
      }
    },
    destroy(sid: string, callback: Callback): void {
      try {
        remove.run(sid)
        callback()
      } catch (err) {
        callback(err)
      }
    }
  }
}
