import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { MIGRATIONS } from '../../src/store/migrations'

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
