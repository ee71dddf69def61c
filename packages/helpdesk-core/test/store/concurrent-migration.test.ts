import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { MIGRATIONS } from '../../src/store/migrations'
import { createScratchDatabase } from '../../src/store/sql/scratch-database'
import { postgresSqlDb } from '../../src/store/sql/postgres-sql-db'

const run = promisify(execFile)
const REGISTER = resolve(__dirname, '..', 'helpers', 'ts-register.js')
const CHILD = resolve(__dirname, '..', 'helpers', 'open-database-child.ts')

describe('several processes starting on a new SQLite file at once', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'store-migrate-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('all start, and each migration runs exactly once', async () => {
    const file = join(dir, 'helpdesk.db')
    // Children start in about a second; all open the file together 3 s from now.
    const startAt = String(Date.now() + 3000)
    await Promise.all(
      Array.from({ length: 6 }, () => run(process.execPath, ['-r', REGISTER, CHILD, file, startAt]))
    )
    const db = new Database(file, { readonly: true })
    const versions = db
      .prepare('SELECT version FROM schema_migrations ORDER BY version')
      .pluck()
      .all()
    db.close()
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b))
  })
})

describe('several processes migrating one new PostgreSQL database at once', () => {
  it('all succeed, round after round, and each migration runs exactly once', async () => {
    const rounds = await Promise.all(Array.from({ length: 20 }, () => createScratchDatabase()))
    try {
      const start = Date.now() + 4000
      const plan = JSON.stringify(rounds.map((r, i) => ({ url: r.url, at: start + i * 400 })))
      const child = resolve(__dirname, '..', 'helpers', 'migrate-rounds-child.ts')
      const outputs = await Promise.all(
        Array.from({ length: 6 }, () => run(process.execPath, ['-r', REGISTER, child, plan]))
      )
      expect(outputs.flatMap((o) => JSON.parse(o.stdout) as string[])).toEqual([])
      for (const round of rounds) {
        const db = postgresSqlDb(round.url, { max: 1 })
        const versions = await db.all<{ version: number }>(
          'SELECT version FROM schema_migrations ORDER BY version'
        )
        await db.close()
        expect(versions.map((v) => v.version)).toEqual(
          MIGRATIONS.map((m) => m.version).sort((a, b) => a - b)
        )
      }
    } finally {
      await Promise.all(rounds.map((r) => r.drop()))
    }
  }, 120_000)
})
