/**
 * `npm run console -- user add <username> --role admin|petugas` (password from stdin, no echo on
 * a terminal), `user disable <username>`, `user password <username>`, and `first-run` (used by
 * npm start: creates the first admin with a generated password, printed once).
 * Exit 0 on success; otherwise one clear line on stderr and exit 1.
 */
import { randomBytes } from 'node:crypto'
import {
  AccountError,
  createStaffAccounts,
  STAFF_ROLES,
  type StaffRole
} from './data/staff-accounts'
import { createStaffAudit } from './data/staff-audit'
import type { StoreLocation } from '@helpdesk/core'
import { systemClock } from './data/db'
import { openConsoleStore } from './store'
import { PasswordInputError, readPassword } from './cli/read-password'

const USAGE =
  'usage: npm run console -- user add <username> --role admin|petugas | user disable <username> | user password <username> | first-run'

class UsageError extends Error {}

/** Runs one command; returns what to print. `stdin` is where the password comes from. */
export async function runCli(
  argv: string[],
  env: Record<string, string | undefined>,
  stdin: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin
): Promise<string> {
  const [group, command, username, ...rest] = argv
  const location = {
    databaseFile: env.DATABASE_FILE?.trim() || './var/helpdesk.sqlite',
    databaseUrl: env.DATABASE_URL?.trim() || undefined
  }
  if (group === 'first-run') return await firstRun(location)
  if (group !== 'user' || command === undefined) throw new UsageError(USAGE)
  if (username === undefined || username.startsWith('--'))
    throw new UsageError(`missing <username>; ${USAGE}`)
  const { sql } = await openConsoleStore(location)
  try {
    const accounts = createStaffAccounts(sql, systemClock)
    const audit = createStaffAudit(sql, systemClock)
    switch (command) {
      case 'add': {
        const roleIndex = rest.indexOf('--role')
        const role = roleIndex === -1 ? undefined : rest[roleIndex + 1]
        if (role === undefined || !(STAFF_ROLES as readonly string[]).includes(role))
          throw new UsageError('--role must be admin or petugas')
        const password = await readPassword(`Password for ${username}: `, stdin)
        const account = await accounts.add(username.toLowerCase(), role as StaffRole, password)
        await audit.record('(cli)', 'account_created', account.username, { role })
        return `created ${account.role} account ${account.username}`
      }
      case 'disable': {
        const account = await accounts.disable(username.toLowerCase())
        await audit.record('(cli)', 'account_disabled', account.username)
        return `disabled account ${account.username}; its sessions have ended`
      }
      case 'password': {
        const password = await readPassword(`New password for ${username}: `, stdin)
        await accounts.changePassword(username.toLowerCase(), password)
        await audit.record('(cli)', 'password_changed', username.toLowerCase())
        return `password of ${username.toLowerCase()} changed; its sessions have ended`
      }
      default:
        throw new UsageError(USAGE)
    }
  } finally {
    await sql.close()
  }
}

/** First start: an admin account `admin` with a random password, shown once; nothing when any admin exists. */
async function firstRun(location: StoreLocation): Promise<string> {
  const { sql } = await openConsoleStore(location)
  try {
    const accounts = createStaffAccounts(sql, systemClock)
    if ((await accounts.activeAdmins()) > 0 || (await accounts.find('admin')) !== undefined)
      return ''
    const password = randomBytes(12).toString('base64url')
    await accounts.add('admin', 'admin', password)
    await createStaffAudit(sql, systemClock).record('(npm start)', 'account_created', 'admin', {
      role: 'admin'
    })
    return [
      'Staff console: created the first admin account (shown only this once):',
      '  username: admin',
      `  password: ${password}`,
      'Change it with: npm run console -- user password admin'
    ].join('\n')
  } finally {
    await sql.close()
  }
}

/** One clear line for an error (ours verbatim; anything else prefixed). */
export function errorLine(err: unknown): string {
  const ours =
    err instanceof AccountError || err instanceof UsageError || err instanceof PasswordInputError
  return `console: ${ours ? (err as Error).message : `failed: ${(err as Error).message}`}`
}

if (require.main === module) {
  runCli(process.argv.slice(2), process.env).then(
    (line) => {
      if (line !== '') process.stdout.write(line + '\n')
    },
    (err: unknown) => {
      process.stderr.write(errorLine(err) + '\n')
      process.exitCode = 1
    }
  )
}
