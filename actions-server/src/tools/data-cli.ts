/**
 * `npm run data -- purge` applies RETENTION_DAYS now; `npm run data -- erase --nip <NIP>` /
 * `--nik <NIK>` / `--sender <id>` erases one person's data (data-subject request). Both print what
 * they removed, by table. Exit 0 on success; otherwise one line on stderr and exit 1 (the store
 * failed) or 2 (bad arguments). The NIP/NIK/sender id is never printed in full.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  describeCounts,
  erasePersonalData,
  maskNik,
  maskNip,
  openSqlDb,
  purgeExpiredPersonalData,
  retentionCutoff,
  type ErasureSubject
} from '@helpdesk/core'
import { storeLocation } from '../store-location'
import { loadConfig, type Env } from '../config'

export const DATA_CLI_USAGE =
  'usage: npm run data -- purge | erase --nip <NIP> | erase --nik <NIK> | erase --sender <id>'

export class DataCliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2
  ) {
    super(message)
    this.name = 'DataCliError'
  }
}

export type DataCommand = { command: 'purge' } | { command: 'erase'; subject: ErasureSubject }

/** Parses the arguments; a bad one throws DataCliError (exit 2) without repeating the value. */
export function parseDataArgs(argv: readonly string[]): DataCommand {
  const [command, ...rest] = argv
  if (command === 'purge') {
    if (rest.length > 0) throw new DataCliError(`purge takes no arguments; ${DATA_CLI_USAGE}`, 2)
    return { command: 'purge' }
  }
  if (command !== 'erase')
    throw new DataCliError(
      command === undefined ? DATA_CLI_USAGE : `unknown command; ${DATA_CLI_USAGE}`,
      2
    )
  const [flag, value, ...extra] = rest
  if (extra.length > 0 || value === undefined || value.trim() === '')
    throw new DataCliError(
      `erase needs exactly one of --nip, --nik, --sender with a value; ${DATA_CLI_USAGE}`,
      2
    )
  switch (flag) {
    case '--nip':
      return {
        command: 'erase',
        subject: { kind: 'nip', value: digitsOf(value, 18, '--nip must be an 18-digit NIP') }
      }
    case '--nik':
      return {
        command: 'erase',
        subject: { kind: 'nik', value: digitsOf(value, 16, '--nik must be a 16-digit NIK') }
      }
    case '--sender': {
      const sender = value.trim()
      if (sender.length > 128) throw new DataCliError('--sender must be at most 128 characters', 2)
      return { command: 'erase', subject: { kind: 'sender', value: sender } }
    }
    default:
      throw new DataCliError(`erase needs --nip, --nik or --sender; ${DATA_CLI_USAGE}`, 2)
  }
}

/** Digits of a number as people write it (spaces, dots, dashes between groups). */
function digitsOf(raw: string, length: number, rule: string): string {
  const digits = raw.trim().replace(/[\s.-]/g, '')
  if (!new RegExp(`^\\d{${length}}$`).test(digits)) throw new DataCliError(rule, 2)
  return digits
}

/** "NIP 1985***********001", "sender te***12": enough to recognise, never the whole value. */
export function describeSubject(subject: ErasureSubject): string {
  switch (subject.kind) {
    case 'nip':
      return `NIP ${maskNip(subject.value)}`
    case 'nik':
      return `NIK ${maskNik(subject.value)}`
    case 'sender': {
      const v = subject.value
      return `sender ${v.length <= 4 ? '*'.repeat(v.length) : `${v.slice(0, 2)}${'*'.repeat(v.length - 4)}${v.slice(-2)}`}`
    }
  }
}

/**
 * Runs one command against the store named by DATABASE_URL (PostgreSQL) when set, else by
 * DATABASE_FILE (SQLite); returns the lines to print. Only the store's variables are read: the
 * command neither listens nor sends, so the service's other rules (tokens, providers) do not
 * apply to it.
 */
export async function runDataCli(
  argv: readonly string[],
  env: Env,
  now: Date = new Date()
): Promise<string[]> {
  const command = parseDataArgs(argv)
  const config = loadConfig({
    DATABASE_FILE: env.DATABASE_FILE,
    DATABASE_URL: env.DATABASE_URL,
    RETENTION_DAYS: env.RETENTION_DAYS,
    ACTIONS_HOST: '127.0.0.1'
  })
  const location = storeLocation(config)
  if (location.databaseUrl === undefined) {
    const file = resolve(config.DATABASE_FILE)
    if (!existsSync(file))
      throw new DataCliError(
        `no store at ${config.DATABASE_FILE} (DATABASE_FILE); nothing to do`,
        1
      )
    location.databaseFile = file
  }
  const { sql } = await openSqlDb(location)
  try {
    if (command.command === 'purge') {
      const removed = await purgeExpiredPersonalData(sql, now, config.RETENTION_DAYS)
      const cutoff = retentionCutoff(now, config.RETENTION_DAYS).toISOString()
      return [
        `purged personal data older than ${config.RETENTION_DAYS} days (created before ${cutoff}):`,
        ...describeCounts(removed)
      ]
    }
    const removed = await erasePersonalData(sql, command.subject)
    return [`erased the data of ${describeSubject(command.subject)}:`, ...describeCounts(removed)]
  } finally {
    await sql.close()
  }
}

if (require.main === module) {
  runDataCli(process.argv.slice(2), process.env)
    .then((lines) => {
      process.stdout.write(lines.map((line) => `${line}\n`).join(''))
    })
    .catch((err: unknown) => {
      const known =
        err instanceof DataCliError || (err as { code?: unknown }).code === 'ACT_ERR_CONFIG'
      process.stderr.write(
        `data: ${known ? (err as Error).message : `the store could not be changed (${(err as Error).name}); nothing was erased`}\n`
      )
      process.exitCode = err instanceof DataCliError ? err.exitCode : known ? 2 : 1
    })
}
