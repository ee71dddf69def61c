import type { Clock, Db } from './db'

export interface ThrottlePolicy {
  /** Failures within the window that lock an account. */
  perAccount: number
  /** Failures within the window that lock an address (many accounts tried from one place). */
  perAddress: number
  windowMinutes: number
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { perAccount: 5, perAddress: 20, windowMinutes: 15 }

/**
 * Sign-in lockout, kept in the store so it holds across restarts and both console replicas. A
 * locked account or address is refused before its password is even checked.
 */
export function createLoginThrottle(
  db: Db,
  clock: Clock,
  policy: ThrottlePolicy = DEFAULT_THROTTLE
) {
  const insert = db.prepare('INSERT INTO staff_login_failures (scope, key, at) VALUES (?, ?, ?)')
  const count = db.prepare(
    'SELECT COUNT(*) AS n FROM staff_login_failures WHERE scope = ? AND key = ? AND at >= ?'
  )
  const clear = db.prepare("DELETE FROM staff_login_failures WHERE scope = 'account' AND key = ?")
  const prune = db.prepare('DELETE FROM staff_login_failures WHERE at < ?')
  const since = (): string =>
    new Date(clock.now().getTime() - policy.windowMinutes * 60_000).toISOString()
  const accountKey = (username: string): string => username.toLowerCase()

  return {
    policy,
    /** Which of the two limits is reached, if any. */
    locked(username: string, address: string): 'account' | 'address' | undefined {
      const from = since()
      if ((count.get('address', address, from) as { n: number }).n >= policy.perAddress)
        return 'address'
      if (
        (count.get('account', accountKey(username), from) as { n: number }).n >= policy.perAccount
      )
        return 'account'
      return undefined
    },
    recordFailure(username: string, address: string): void {
      const at = clock.now().toISOString()
      db.transaction(() => {
        insert.run('account', accountKey(username), at)
        insert.run('address', address, at)
        prune.run(new Date(clock.now().getTime() - 24 * 3_600_000).toISOString())
      }).immediate()
    },
    recordSuccess(username: string): void {
      clear.run(accountKey(username))
    }
  }
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>
