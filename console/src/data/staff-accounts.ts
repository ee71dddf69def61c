import argon2 from 'argon2'
import type { Clock, SqlDb } from './db'

export const STAFF_ROLES = ['admin', 'petugas'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export interface StaffAccount {
  id: number
  username: string
  role: StaffRole
  disabled: boolean
  createdAt: string
}

interface Row {
  id: number
  username: string
  role: StaffRole
  password_hash: string
  disabled_at: string | null
  created_at: string
}
const toAccount = (row: Row): StaffAccount => ({
  id: row.id,
  username: row.username,
  role: row.role,
  disabled: row.disabled_at !== null,
  createdAt: row.created_at
})

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/
export const MIN_PASSWORD_LENGTH = 12

export class AccountError extends Error {
  constructor(
    message: string,
    readonly code: 'invalid_username' | 'weak_password' | 'exists' | 'not_found' | 'invalid_role'
  ) {
    super(message)
    this.name = 'AccountError'
  }
}

/** Checks a new username/password pair; returns the first problem in Indonesian, or undefined. */
export function accountProblem(
  username: string,
  password: string | undefined
): AccountError | undefined {
  if (!USERNAME_PATTERN.test(username))
    return new AccountError(
      'Nama pengguna 3–32 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.',
      'invalid_username'
    )
  if (password !== undefined && [...password].length < MIN_PASSWORD_LENGTH)
    return new AccountError(`Kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter.`, 'weak_password')
  return undefined
}

/** argon2id with the library's defaults (64 MiB, 3 passes), which follow RFC 9106's second choice. */
export const hashPassword = async (password: string): Promise<string> =>
  await argon2.hash(password, { type: argon2.argon2id })

/** Staff accounts. Accounts are never deleted, only disabled, so the audit log keeps its meaning. */
export function createStaffAccounts(sql: SqlDb, clock: Clock) {
  // Usernames are stored lower-case; lower() keeps a sign-in as "Admin" working on PostgreSQL too
  // (SQLite's column is COLLATE NOCASE).
  const byName = async (username: string): Promise<Row | undefined> =>
    await sql.get<Row>('SELECT * FROM staff_accounts WHERE lower(username) = ?', [
      username.toLowerCase()
    ])
  const byId = async (id: number): Promise<Row | undefined> =>
    await sql.get<Row>('SELECT * FROM staff_accounts WHERE id = ?', [id])
  const END_SESSIONS = 'DELETE FROM staff_sessions WHERE account_id = ?'
  // Verified against when the username is unknown, so a wrong name costs as long as a wrong password.
  let decoyHash: Promise<string> | undefined

  return {
    async add(username: string, role: StaffRole, password: string): Promise<StaffAccount> {
      const problem = accountProblem(username, password)
      if (problem !== undefined) throw problem
      if (!(STAFF_ROLES as readonly string[]).includes(role))
        throw new AccountError('Peran harus admin atau petugas.', 'invalid_role')
      if ((await byName(username)) !== undefined)
        throw new AccountError(`Akun ${username} sudah ada.`, 'exists')
      const hash = await hashPassword(password)
      const now = clock.now().toISOString()
      const row = await sql.get<Row>(
        'INSERT INTO staff_accounts (username, role, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING *',
        [username, role, hash, now, now]
      )
      // Another process added the same name between the check and the insert.
      if (row === undefined) throw new AccountError(`Akun ${username} sudah ada.`, 'exists')
      return toAccount(row)
    },
    async find(username: string): Promise<StaffAccount | undefined> {
      const row = await byName(username)
      return row === undefined ? undefined : toAccount(row)
    },
    async get(id: number): Promise<StaffAccount | undefined> {
      const row = await byId(id)
      return row === undefined ? undefined : toAccount(row)
    },
    list: async (): Promise<StaffAccount[]> =>
      (await sql.all<Row>('SELECT * FROM staff_accounts ORDER BY username')).map(toAccount),
    activeAdmins: async (): Promise<number> =>
      (
        (await sql.get<{ n: number }>(
          "SELECT COUNT(*) AS n FROM staff_accounts WHERE role = 'admin' AND disabled_at IS NULL"
        )) as { n: number }
      ).n,
    /** The account when the password matches and the account is enabled; undefined otherwise. */
    async verify(username: string, password: string): Promise<StaffAccount | undefined> {
      const row = await byName(username)
      if (row === undefined) {
        decoyHash ??= hashPassword('decoy password that never matches')
        await argon2.verify(await decoyHash, password)
        return undefined
      }
      const ok = await argon2.verify(row.password_hash, password)
      return ok && row.disabled_at === null ? toAccount(row) : undefined
    },
    /** Disables the account and ends every session it has. */
    async disable(username: string): Promise<StaffAccount> {
      const row = await byName(username)
      if (row === undefined) throw new AccountError(`Akun ${username} tidak ada.`, 'not_found')
      await sql.transaction(async (tx) => {
        await tx.run(
          'UPDATE staff_accounts SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL',
          [clock.now().toISOString(), row.id]
        )
        await tx.run(END_SESSIONS, [row.id])
      })
      return toAccount((await byId(row.id)) as Row)
    },
    /** Sets a new password and ends the account's sessions. */
    async changePassword(username: string, password: string): Promise<void> {
      const row = await byName(username)
      if (row === undefined) throw new AccountError(`Akun ${username} tidak ada.`, 'not_found')
      const problem = accountProblem(username, password)
      if (problem !== undefined) throw problem
      const hash = await hashPassword(password)
      await sql.transaction(async (tx) => {
        await tx.run(
          'UPDATE staff_accounts SET password_hash = ?, password_changed_at = ? WHERE id = ?',
          [hash, clock.now().toISOString(), row.id]
        )
        await tx.run(END_SESSIONS, [row.id])
      })
    }
  }
}

export type StaffAccounts = ReturnType<typeof createStaffAccounts>
