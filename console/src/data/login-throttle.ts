import type { Clock, SqlDb } from './db'

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
  sql: SqlDb,
  clock: Clock,
  policy: ThrottlePolicy = DEFAULT_THROTTLE
) {
  const INSERT = 'INSERT INTO staff_login_failures (scope, key, at) VALUES (?, ?, ?)'
  const count = async (scope: 'account' | 'address', key: string, from: string): Promise<number> =>
    (
      (await sql.get<{ n: number }>(
        'SELECT COUNT(*) AS n FROM staff_login_failures WHERE scope = ? AND key = ? AND at >= ?',
        [scope, key, from]
      )) as { n: number }
    ).n
  const since = (): string =>
    new Date(clock.now().getTime() - policy.windowMinutes * 60_000).toISOString()
  const accountKey = (username: string): string => username.toLowerCase()

  return {
    policy,
    /** Which of the two limits is reached, if any. */
    async locked(username: string, address: string): Promise<'account' | 'address' | undefined> {
      const from = since()
      if ((await count('address', address, from)) >= policy.perAddress) return 'address'
      if ((await count('account', accountKey(username), from)) >= policy.perAccount)
        return 'account'
      return undefined
    },
    async recordFailure(username: string, address: string): Promise<void> {
      const at = clock.now().toISOString()
      await sql.transaction(async (tx) => {
        await tx.run(INSERT, ['account', accountKey(username), at])
        await tx.run(INSERT, ['address', address, at])
        await tx.run('DELETE FROM staff_login_failures WHERE at < ?', [
          new Date(clock.now().getTime() - 24 * 3_600_000).toISOString()
        ])
      })
    },
    async recordSuccess(username: string): Promise<void> {
      await sql.run("DELETE FROM staff_login_failures WHERE scope = 'account' AND key = ?", [
        accountKey(username)
      ])
    }
  }
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>
