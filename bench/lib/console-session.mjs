// The built staff console (console/dist/main.js) for the console benchmarks: started as its own
// process on a free loopback port, and a client signed in as the benchmark's account.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { freePort } from './procs.mjs'

/** The account the benchmarks create in their store before starting the console. */
export const BENCH_ACCOUNT = { username: 'bench', password: 'bench-password-123' }

/** Adds BENCH_ACCOUNT with `role` (admin, petugas) to the store behind `sqlDb` (a core SqlDb). */
export async function addBenchAccount(repo, sqlDb, role) {
  const require = createRequire(import.meta.url)
  const { createStaffAccounts } = require(path.join(repo, 'console/dist/data/staff-accounts.js'))
  await createStaffAccounts(sqlDb, { now: () => new Date() }).add(
    BENCH_ACCOUNT.username,
    role,
    BENCH_ACCOUNT.password
  )
}

/**
 * Starts the console with `env` (its store files) on a free port and waits until /healthz answers
 * (at most ~10 s). The console never outlives the benchmark (also when it fails).
 */
export async function startConsole(repo, env) {
  const port = await freePort()
  const child = spawn(process.execPath, [path.join(repo, 'console/dist/main.js')], {
    env: {
      ...process.env,
      CONSOLE_HOST: '127.0.0.1',
      CONSOLE_PORT: String(port),
      CONSOLE_SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-00',
      LOG_LEVEL: 'warn',
      ...env
    },
    stdio: ['ignore', 'inherit', 'inherit']
  })
  process.on('exit', () => child.kill('SIGTERM'))
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  return { child, base }
}

/**
 * Signs in as BENCH_ACCOUNT and returns `request(pathname, init)`: fetch without following
 * redirects, carrying the session cookie (throws when the sign-in fails).
 */
export async function signIn(base) {
  let cookie = ''
  async function request(pathname, init = {}) {
    const res = await fetch(base + pathname, {
      redirect: 'manual',
      ...init,
      headers: { ...(init.headers ?? {}), ...(cookie ? { cookie } : {}) }
    })
    const set = res.headers.getSetCookie().find((c) => c.startsWith('konsol_sesi='))
    if (set) cookie = set.split(';')[0]
    return res
  }
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await request('/login')).text())[1]
  const signedIn = await request('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      username: BENCH_ACCOUNT.username,
      password: BENCH_ACCOUNT.password,
      _csrf: csrf
    }).toString()
  })
  if (signedIn.status !== 303) throw new Error(`sign-in failed: ${signedIn.status}`)
  return request
}
