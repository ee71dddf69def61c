// The benchmark's PostgreSQL: the server scripts/with-test-services.sh started for this run
// (TEST_DATABASE_URL, private to the run), switched to the durability a production server has.
// The test services run with fsync, synchronous_commit and full_page_writes off (their data is
// thrown away); comparing that with SQLite, which syncs its WAL, would flatter PostgreSQL.
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { repo } from './servers.mjs'

const require = createRequire(path.join(repo, 'packages/helpdesk-core/package.json'))
const pg = require('pg')

const DURABLE = { fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' }

export function requireTestServices(part) {
  if (!process.env.TEST_DATABASE_URL || !process.env.TEST_REDIS_URL) {
    throw new Error(
      `bench part "${part}" needs PostgreSQL and Redis: run it as \`npm run bench\` or \`bash scripts/with-test-services.sh node bench/run.mjs ${part}\``
    )
  }
}

export async function benchPostgres({ log, part }) {
  requireTestServices(part)
  const serverUrl = process.env.TEST_DATABASE_URL
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  for (const [name, value] of Object.entries(DURABLE))
    await admin.query(`ALTER SYSTEM SET ${name} = '${value}'`)
  await admin.query('SELECT pg_reload_conf()')
  const settings = {}
  for (const name of [...Object.keys(DURABLE), 'shared_buffers', 'max_connections']) {
    settings[name] = (await admin.query(`SHOW ${name}`)).rows[0][name]
  }
  const version = (await admin.query('SHOW server_version')).rows[0].server_version
  for (const [name, value] of Object.entries(DURABLE)) {
    if (settings[name] !== value)
      throw new Error(`PostgreSQL ${name} is ${settings[name]}, not ${value}`)
  }
  log(
    `PostgreSQL ${version}: ${Object.entries(settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`
  )
  const host = new URL(serverUrl)
  return {
    info: { version, settings, host: `${host.hostname} (loopback, same disk as the SQLite file)` },
    /** A new empty database and a client on it for counting rows. */
    async scratch() {
      const name = `bench_${randomBytes(5).toString('hex')}`
      await admin.query(`CREATE DATABASE ${name}`)
      const url = new URL(serverUrl)
      url.pathname = `/${name}`
      const client = new pg.Client({ connectionString: url.toString() })
      await client.connect()
      return {
        url: url.toString(),
        pg: client,
        async drop() {
          await client.end()
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        }
      }
    },
    async close() {
      await admin.end()
    }
  }
}
