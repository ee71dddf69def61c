#!/usr/bin/env node
// Reproducer (not part of `npm run bench`): N processes migrate one empty PostgreSQL database at
// the same moment, R times, as replicas of a fresh `scale` deployment do. Each migration runs
// under an advisory lock, but `CREATE TABLE IF NOT EXISTS schema_migrations` runs before it, and
// two concurrent CREATE TABLE IF NOT EXISTS can fail in PostgreSQL with
// `duplicate key value violates unique constraint "pg_type_typname_nsp_index"` (docs/deploy.md 1.8).
//   npm run build && bash scripts/with-test-services.sh node bench/migration-race.mjs [processes] [rounds]
import { fork } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(path.join(repo, 'packages/helpdesk-core/package.json'))
const core = require(path.join(repo, 'packages/helpdesk-core/dist/index.js'))

if (process.argv[2] === 'child') {
  const { url, at } = JSON.parse(process.argv[3])
  const db = core.postgresSqlDb(url)
  await db.get('SELECT 1 AS one')
  while (Date.now() < at) {
    /* spin until the common start moment */
  }
  try {
    const applied = await core.migrateSql(db, core.MIGRATIONS)
    process.send({ ok: true, applied: applied.length })
  } catch (err) {
    process.send({ ok: false, error: String(err.message) })
  }
  await db.close()
  process.exit(0)
}

const processes = Number(process.argv[2] ?? 6)
const rounds = Number(process.argv[3] ?? 40)
let failures = 0
for (let round = 0; round < rounds; round++) {
  const scratch = await core.createScratchDatabase()
  const at = Date.now() + 1500
  const results = await Promise.all(
    Array.from(
      { length: processes },
      () =>
        new Promise((resolve) => {
          const child = fork(fileURLToPath(import.meta.url), [
            'child',
            JSON.stringify({ url: scratch.url, at })
          ])
          child.on('message', resolve)
        })
    )
  )
  const failed = results.filter((r) => !r.ok)
  const applied = results.reduce((n, r) => n + (r.applied ?? 0), 0)
  failures += failed.length
  console.log(
    `round ${round}: ${applied} migrations applied in all${failed.length ? `; ${failed.length} failed: ${failed.map((f) => f.error).join(' | ')}` : ''}`
  )
  await scratch.drop()
}
console.log(`${failures} of ${processes * rounds} processes failed`)
process.exitCode = failures ? 1 : 0
