// Part 4: one CPU profile of our action server under the heaviest load (5,000-event tracker,
// plain JSON), summarised as the top self-time frames and a breakdown by code origin.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { buildActionCall, buildBodies, loadDomain } from './lib/payloads.mjs'
import { runLoad } from './lib/load.mjs'
import { startOurs, outDir, repo } from './lib/servers.mjs'

function origin(url, fn) {
  if (!url) return fn.startsWith('(') ? fn : '(native / V8 builtins)'
  if (url.startsWith('node:')) return 'node core (' + url.slice(5).split('/')[0] + ')'
  const nm = url.lastIndexOf('node_modules/')
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split('/')
    return 'npm: ' + (rest[0].startsWith('@') ? rest[0] + '/' + rest[1] : rest[0])
  }
  if (url.includes('/actions-server/')) return 'actions-server'
  return url
}

/** Self time per frame; samples in the first `skipMs` (start-up, module loading) are left out. */
export function summariseProfile(file, { top = 15, skipMs = 0 } = {}) {
  const prof = JSON.parse(readFileSync(file, 'utf8'))
  const byId = new Map(prof.nodes.map((n) => [n.id, n]))
  const self = new Map()
  let clock = 0
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = prof.timeDeltas[i] ?? 0
    clock += dt
    if (clock < skipMs * 1000) continue
    self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + dt)
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  const frames = new Map()
  const origins = new Map()
  for (const [id, us] of self) {
    const cf = byId.get(id).callFrame
    const fn = cf.functionName || '(anonymous)'
    const url = cf.url.replace('file://' + repo + '/', '')
    const key = `${fn} ${url ? url + ':' + (cf.lineNumber + 1) : ''}`.trim()
    frames.set(key, (frames.get(key) ?? 0) + us)
    const o = origin(cf.url, fn)
    origins.set(o, (origins.get(o) ?? 0) + us)
  }
  const pct = (us) => Math.round((us / total) * 1000) / 10
  return {
    totalMs: Math.round(total / 1000),
    topFrames: [...frames]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([frame, us]) => ({ frame, selfPct: pct(us) })),
    byOrigin: [...origins]
      .sort((a, b) => b[1] - a[1])
      .map(([o, us]) => ({ origin: o, selfPct: pct(us) }))
  }
}

export async function profileOurs({ duration, connections, size = 5000, log }) {
  const dir = path.join(outDir, `profile-${size}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const { domain } = loadDomain()
  const body = buildBodies(buildActionCall({ nEvents: size, domain })).plain
  const spawnedAt = performance.now()
  const ours = await startOurs({
    name: 'ours-profiled',
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`]
  })
  let r
  let skipMs
  try {
    // Warm-up outside the summary: start-up and JIT compilation are not the steady state.
    await runLoad({
      url: ours.url,
      body,
      headers: { 'content-type': 'application/json' },
      duration: 1,
      connections
    })
    skipMs = performance.now() - spawnedAt
    r = await runLoad({
      url: ours.url,
      body,
      headers: { 'content-type': 'application/json' },
      duration,
      connections
    })
  } finally {
    await ours.stop()
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))
  if (!files.length)
    throw new Error('no .cpuprofile written (did the server exit gracefully on SIGTERM?)')
  const summary = summariseProfile(path.join(dir, files[0]), { skipMs })
  log(
    `profile: ${r.reqPerSec.toFixed(0)} req/s under --cpu-prof; top: ${summary.topFrames
      .slice(0, 3)
      .map((f) => f.frame + ' ' + f.selfPct + '%')
      .join(', ')}`
  )
  return {
    size,
    duration,
    skippedStartupMs: Math.round(skipMs),
    reqPerSec: r.reqPerSec,
    file: path.relative(repo, path.join(dir, files[0])),
    ...summary
  }
}
