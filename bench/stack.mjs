// Part "stack": end-to-end turns per second of the whole scaled stack on this machine, with one
// and with two Rasa processes. Each configuration is the `scale` profile in miniature, on
// loopback: N Rasa 3.6.21 processes (trained model, Rasa's SQL tracker store on PostgreSQL, its
// Redis lock store) and N product action servers on one PostgreSQL store (DATABASE_URL); Rasa i
// calls action server i. Concurrent users go through the reference conversations of part 3,
// and every turn goes to the next Rasa process in turn (a round-robin balancer), so one
// conversation alternates between the processes, as in the scale test.
import path from 'node:path'
import { copyFileSync, existsSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { cpuTimeMs, freePort, peakRssMiB, waitForHttp } from './lib/procs.mjs'
import { percentile } from './lib/load.mjs'
import { startOurs, repo, outDir } from './lib/servers.mjs'
import { benchPostgres, requireTestRedis } from './lib/postgres.mjs'
import { CONVERSATIONS } from './e2e.mjs'
import { createRequire } from 'node:module'
import { stopProcessGroup } from './lib/stop-group.mjs'

const require = createRequire(path.join(repo, 'packages/helpdesk-core/package.json'))
const Database = require('better-sqlite3')

const MODEL = path.join(repo, 'rasa-project/models/helpdesk.tar.gz')
/** A developer's worktree may have no model; the team's trained one stands in (same rasa-project). */
const FALLBACK_MODEL = process.env.BENCH_MODEL ?? '/work/main/rasa-project/models/helpdesk.tar.gz'

const RASA_ENV = {
  RASA_TELEMETRY_ENABLED: 'false',
  TF_CPP_MIN_LOG_LEVEL: '3',
  SQLALCHEMY_SILENCE_UBER_WARNING: '1',
  SANIC_WORKERS: '1'
}

function endpointsYaml({ actionUrl, db, redis, prefix }) {
  const t = new URL(db)
  const r = new URL(redis)
  return [
    'action_endpoint:',
    `  url: ${JSON.stringify(actionUrl)}`,
    'tracker_store:',
    '  type: SQL',
    '  dialect: postgresql',
    `  url: ${JSON.stringify(t.hostname)}`,
    `  port: ${Number(t.port || 5432)}`,
    `  db: ${JSON.stringify(t.pathname.slice(1))}`,
    `  username: ${JSON.stringify(decodeURIComponent(t.username))}`,
    ...(t.password ? [`  password: ${JSON.stringify(decodeURIComponent(t.password))}`] : []),
    // the product's lock store (rasa-project/endpoints.scale.yml): Rasa's RedisLockStore with
    // atomic lock changes; scripts/rasa.sh runs Rasa in rasa-project/, where `addons` is found
    'lock_store:',
    '  type: addons.atomic_redis_lock_store.AtomicRedisLockStore',
    `  url: ${JSON.stringify(r.hostname)}`,
    `  port: ${Number(r.port || 6379)}`,
    '  db: 1',
    // Rasa ignores a key prefix that is not alphanumeric
    `  key_prefix: ${JSON.stringify(prefix)}`,
    ''
  ].join('\n')
}

async function startRasa({ name, endpoints }) {
  const port = await freePort()
  mkdirSync(path.join(outDir, 'logs'), { recursive: true })
  const fd = openSync(path.join(outDir, 'logs', `${name}.log`), 'w')
  const file = path.join(outDir, 'stack', `endpoints.${name}.yml`)
  writeFileSync(file, endpoints)
  const t0 = performance.now()
  // scripts/rasa.sh run passes --endpoints endpoints.yml first; the later option wins.
  const child = spawn('bash', [path.join(repo, 'scripts/rasa.sh'), 'run', '--endpoints', file], {
    env: {
      ...process.env,
      ...RASA_ENV,
      RASA_HOST: '127.0.0.1',
      RASA_PORT: String(port),
      RASA_TRACKER_DB: path.join(outDir, 'stack', `unused-${name}.sqlite`)
    },
    stdio: ['ignore', fd, fd],
    detached: true
  })
  let exited = false
  child.on('exit', () => {
    exited = true
  })
  const handle = {
    name,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      await stopProcessGroup(child, 10000)
    }
  }
  try {
    await waitForHttp(`${handle.url}/`, { timeoutMs: 600000, isAlive: () => !exited })
  } catch (err) {
    await handle.stop()
    throw err
  }
  handle.startupS = (performance.now() - t0) / 1000
  return handle
}

async function post(url, body) {
  const t0 = performance.now()
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60000)
    })
    const json = await res.json()
    return { ms: performance.now() - t0, status: res.status, json }
  } catch (err) {
    return { ms: performance.now() - t0, status: 0, json: null, error: String(err.message) }
  }
}

/**
 * BENCH_STACK_STORE: where the action servers keep our store, `postgres` (DATABASE_URL, the
 * scale profile) or `sqlite` (one DATABASE_FILE shared by the action servers of one host).
 */
const STORE = process.env.BENCH_STACK_STORE ?? 'postgres'
const unusedFile = path.join(outDir, 'stack', 'unused.sqlite')

async function runConfiguration({ rasaCount, users, reps, pg, log }) {
  const trackerDb = await pg.scratch()
  const storeDb = await pg.scratch()
  const sqliteStore = path.join(outDir, 'stack', `store-${rasaCount}.sqlite`)
  for (const suffix of ['', '-wal', '-shm']) rmSync(sqliteStore + suffix, { force: true })
  const prefix = `bench${randomBytes(4).toString('hex')}`
  const actions = []
  const rasas = []
  try {
    for (let i = 0; i < rasaCount; i++) {
      actions.push(
        await startOurs({
          name: `stack-${rasaCount}-actions-${i}`,
          entry: 'product',
          env: {
            ...(STORE === 'postgres'
              ? { DATABASE_URL: storeDb.url, DATABASE_FILE: unusedFile }
              : { DATABASE_FILE: sqliteStore }),
            WHATSAPP_MODE: 'outbox',
            RESET_PROVIDER: 'manual'
          }
        })
      )
    }
    // all Rasa processes load the model at the same time, as replicas starting together do
    rasas.push(
      ...(await Promise.all(
        Array.from({ length: rasaCount }, (_, i) =>
          startRasa({
            name: `stack-${rasaCount}-rasa-${i}`,
            endpoints: endpointsYaml({
              actionUrl: actions[i].url,
              db: trackerDb.url,
              redis: process.env.TEST_REDIS_URL,
              prefix
            })
          })
        )
      ))
    )
    log(
      `stack with ${rasaCount} Rasa: up in ${rasas.map((r) => r.startupS.toFixed(0)).join(' / ')} s`
    )
    const hooks = rasas.map((r) => `${r.url}/webhooks/rest/webhook`)
    // warm-up: one conversation through every process (first predictions build TF graphs)
    for (const [i, hook] of hooks.entries())
      for (const text of CONVERSATIONS[2].turns)
        await post(hook, { sender: `warmup-${rasaCount}-${i}`, message: text })

    let next = 0
    const turns = []
    const finals = []
    const cpu0 = [...rasas, ...actions].map((p) => cpuTimeMs(p.pid))
    const t0 = performance.now()
    await Promise.all(
      Array.from({ length: users }, async (_, u) => {
        for (let rep = 0; rep < reps; rep++) {
          for (const conv of CONVERSATIONS) {
            const sender = `stack-${rasaCount}-${u}-${rep}-${conv.name.split(' ')[0]}-${prefix}`
            let last = null
            for (const text of conv.turns) {
              const hook = hooks[next++ % hooks.length]
              const r = await post(hook, { sender, message: text })
              turns.push({
                ms: r.ms,
                status: r.status,
                replies: Array.isArray(r.json) ? r.json.length : 0
              })
              last = r
            }
            if (conv.expect) {
              const text = Array.isArray(last?.json)
                ? last.json
                    .map((m) => m.text ?? '')
                    .join(' ')
                    .toLowerCase()
                : ''
              finals.push(text.includes(conv.expect))
            }
          }
        }
      })
    )
    const seconds = (performance.now() - t0) / 1000
    const cpu1 = [...rasas, ...actions].map((p) => cpuTimeMs(p.pid))
    const cpuS = (from, to) =>
      cpu1.slice(from, to).reduce((n, c, i) => n + (c - cpu0[from + i]), 0) / 1000
    const ms = turns.map((t) => t.ms).sort((a, b) => a - b)
    // The handoff conversations open tickets: they must be in the store the servers were given.
    let ticketsInStore
    if (STORE === 'postgres') {
      try {
        ticketsInStore = Number(
          (await storeDb.pg.query('SELECT COUNT(*) AS n FROM tickets')).rows[0].n
        )
      } catch (err) {
        throw new Error(
          `the action servers wrote nothing to PostgreSQL (${err.message}): do they read DATABASE_URL?`
        )
      }
    } else {
      const db = new Database(sqliteStore, { readonly: true })
      ticketsInStore = db.prepare('SELECT COUNT(*) AS n FROM tickets').get().n
      db.close()
    }
    const out = {
      rasaProcesses: rasaCount,
      actionServers: rasaCount,
      store: STORE,
      users,
      reps,
      turns: turns.length,
      seconds,
      turnsPerSec: turns.length / seconds,
      non200: turns.filter((t) => t.status !== 200).length,
      noReply: turns.filter((t) => t.status === 200 && t.replies === 0).length,
      expectedPhraseSeen: `${finals.filter(Boolean).length}/${finals.length}`,
      ticketsInStore,
      p50: percentile(ms, 50),
      p95: percentile(ms, 95),
      max: ms[ms.length - 1],
      rasaStartupS: rasas.map((r) => r.startupS),
      rasaCpuS: cpuS(0, rasas.length),
      actionsCpuS: cpuS(rasas.length, rasas.length + actions.length),
      peakRssMiB: {
        rasa: rasas.map((r) => peakRssMiB(r.pid)),
        actionServers: actions.map((a) => peakRssMiB(a.pid))
      }
    }
    log(
      `stack with ${rasaCount} Rasa, ${users} users: ${out.turns} turns in ${seconds.toFixed(1)} s = ${out.turnsPerSec.toFixed(1)} turns/s, p50 ${out.p50?.toFixed(0)} ms p95 ${out.p95?.toFixed(0)} ms, non-200 ${out.non200}, no reply ${out.noReply}`
    )
    return out
  } finally {
    for (const r of rasas) await r.stop()
    for (const a of actions) await a.stop()
    await trackerDb.drop()
    await storeDb.drop()
  }
}

export async function benchStack({ log }) {
  requireTestRedis('stack')
  mkdirSync(path.join(outDir, 'stack'), { recursive: true })
  if (!existsSync(MODEL)) {
    if (!existsSync(FALLBACK_MODEL))
      return { skipped: `no trained model at ${path.relative(repo, MODEL)}` }
    mkdirSync(path.dirname(MODEL), { recursive: true })
    copyFileSync(FALLBACK_MODEL, MODEL)
    log(`copied the trained model from ${FALLBACK_MODEL}`)
  }
  const users = Number(process.env.BENCH_STACK_USERS ?? 8)
  const reps = Number(process.env.BENCH_STACK_REPS ?? 2)
  const counts = (process.env.BENCH_STACK_RASA ?? '1,2').split(',').map(Number)
  const pg = await benchPostgres({ log })
  const configurations = []
  try {
    for (const rasaCount of counts) {
      configurations.push(await runConfiguration({ rasaCount, users, reps, pg, log }))
    }
  } finally {
    await pg.close()
    rmSync(unusedFile, { force: true })
  }
  return { postgres: pg.info, users, reps, configurations }
}
