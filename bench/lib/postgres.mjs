// The benchmark's PostgreSQL: its own server (bench/lib/durable-postgres.sh) with the durability a
// production server has. The test services of scripts/with-test-services.sh run with fsync,
// synchronous_commit and full_page_writes off on the command line (their data is thrown away);
// comparing that with SQLite, which syncs its WAL, would flatter PostgreSQL.
import path from 'node:path'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { repo } from './servers.mjs'
import { freePort } from './procs.mjs'

const require = createRequire(path.join(repo, 'packages/helpdesk-core/package.json'))
const pg = require('pg')

const DURABLE = { fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' }

/** Redis comes from scripts/with-test-services.sh (locks need no durability). */
export function requireTestRedis(part) {
  if (!process.env.TEST_REDIS_URL) {
    throw new Error(
      `bench part "${part}" needs Redis: run it as \`npm run bench\` or \`bash scripts/with-test-services.sh node bench/run.mjs ${part}\``
    )
  }
}

const script = path.join(repo, 'bench/lib/durable-postgres.sh')

export async function benchPostgres({ log }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'helpdesk-bench-pg-'))
  const serverUrl = execFileSync('bash', [script, 'start', dir, String(await freePort())], {
    encoding: 'utf8'
  }).trim()
  const stopServer = () => execFileSync('bash', [script, 'stop', dir], { stdio: 'ignore' })
  const admin = new pg.Client({ connectionString: serverUrl })
  try {
    await admin.connect()
  } catch (err) {
    stopServer()
    throw err
  }
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
    info: {
      version,
      settings,
      host: `${host.hostname} (loopback, its own server for the benchmark, data on the same disk as the SQLite file)`
    },
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
      stopServer()
    }
  }
}
