// The three POST /webhook servers the action benchmark compares. Each start() returns a
// handle {name, pid, url, stop()}; stdout/stderr go to bench/out/logs/<name>.log.
import { mkdirSync, openSync, rmSync, existsSync } from 'node:fs'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort, waitForHttp, childPids } from './procs.mjs'
import { stopProcessGroup } from './stop-group.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
export const repo = path.resolve(here, '../..')
export const outDir = path.join(repo, 'bench/out')
export const python = path.join(repo, '.venv-rasa/bin/python')

/** Spawns a service in its own process group, output to bench/out/logs/<name>.log. */
export function spawnLogged(name, cmd, args, { env = {}, cwd = repo } = {}) {
  mkdirSync(path.join(outDir, 'logs'), { recursive: true })
  const fd = openSync(path.join(outDir, 'logs', `${name}.log`), 'w')
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
    detached: true
  })
  let exited = false
  child.on('exit', () => {
    exited = true
  })
  return {
    child,
    pid: child.pid,
    alive: () => !exited,
    async stop() {
      await stopProcessGroup(child, 8000)
    }
  }
}

/**
 * Our TypeScript action server: `entry: 'bench'` = bench/ours-entry.mjs (the production app with
 * the benchmark action), `entry: 'product'` = actions-server/dist/main.js (the product actions).
 */
export async function startOurs({ nodeArgs = [], env = {}, name = 'ours', entry = 'bench' } = {}) {
  if (!existsSync(path.join(repo, 'actions-server/dist/main.js')))
    throw new Error('actions-server/dist/main.js missing: run npm run build first')
  const main =
    {
      product: path.join(repo, 'actions-server/dist/main.js'),
      bench: path.join(repo, 'bench/ours-entry.mjs')
    }[entry] ?? entry
  const port = await freePort()
  const dbDir = path.join(outDir, 'db')
  mkdirSync(dbDir, { recursive: true })
  const db = path.join(dbDir, `${name}-${port}.sqlite`)
  rmSync(db, { force: true })
  const p = spawnLogged(name, process.execPath, [...nodeArgs, main], {
    env: {
      ACTIONS_HOST: '127.0.0.1',
      ACTIONS_PORT: String(port),
      DATABASE_FILE: db,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      NODE_ENV: 'production',
      ...env
    }
  })
  await waitForHttp(`http://127.0.0.1:${port}/health`, { isAlive: p.alive })
  return { name, url: `http://127.0.0.1:${port}/webhook`, ...p }
}

/** rasa-sdk 3.6.2 (Sanic 21.12, ujson) serving bench/fixtures/bench_actions.py. */
export async function startRasaSdk({ name = 'rasa-sdk' } = {}) {
  const port = await freePort()
  const p = spawnLogged(
    name,
    python,
    ['-m', 'rasa_sdk', '--actions', 'bench_actions', '-p', String(port)],
    {
      cwd: path.join(repo, 'bench/fixtures'),
      env: { SANIC_HOST: '127.0.0.1', PYTHONDONTWRITEBYTECODE: '1' }
    }
  )
  await waitForHttp(`http://127.0.0.1:${port}/health`, { isAlive: p.alive })
  if (childPids(p.pid).length) throw new Error('rasa-sdk forked workers; peak RSS would be wrong')
  return { name, url: `http://127.0.0.1:${port}/webhook`, ...p }
}

/** Bare node:http server answering `responseBody` (the ceiling). */
export async function startBare(responseBody, { name = 'bare-node' } = {}) {
  const port = await freePort()
  const p = spawnLogged(name, process.execPath, [path.join(repo, 'bench/bare-server.mjs')], {
    env: { PORT: String(port), BARE_RESPONSE: responseBody }
  })
  await waitForHttp(`http://127.0.0.1:${port}/`, { isAlive: p.alive })
  return { name, url: `http://127.0.0.1:${port}/webhook`, ...p }
}
