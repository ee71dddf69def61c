#!/usr/bin/env node
// npm run bench → node bench/run.mjs [action] [gateway] [e2e] [profile] [adversarial] [store] [stack]
// (default: all seven; `store` and `stack` need PostgreSQL and Redis, which `npm run bench` starts
// through scripts/with-test-services.sh)
// Writes bench/out/results.json (merged with earlier parts) and the generated section of
// docs/BENCHMARKS.md. Knobs (env): BENCH_DURATION s per run (4), BENCH_WARMUP s (1, round 1 only),
// BENCH_ROUNDS (3), BENCH_CONNECTIONS (4), BENCH_GW_SECONDS (5), BENCH_GW_PACED_SECONDS (30), BENCH_E2E_REPS (3),
// BENCH_SIZES (10,500,5000), BENCH_NO_DOC=1 to leave docs/BENCHMARKS.md alone.
import { readFileSync, writeFileSync, existsSync, mkdirSync, statSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { benchActionServers } from './action-server.mjs'
import { benchGateway, profileGateway } from './gateway.mjs'
import { benchEndToEnd } from './e2e.mjs'
import { benchAdversarial } from './adversarial.mjs'
import { benchStore } from './store.mjs'
import { benchStack } from './stack.mjs'
import { profileOurs } from './profile.mjs'
import { machineInfo } from './lib/machine.mjs'
import { loadAverage } from './lib/procs.mjs'
import { renderResults } from './lib/report.mjs'
import { renderScaleResults } from './lib/report-scale.mjs'
import { repo, outDir } from './lib/servers.mjs'

const env = (k, d) => (process.env[k] ? Number(process.env[k]) : d)
const settings = {
  duration: env('BENCH_DURATION', 4),
  warmup: env('BENCH_WARMUP', 1),
  rounds: env('BENCH_ROUNDS', 3),
  connections: env('BENCH_CONNECTIONS', 4),
  gwSeconds: env('BENCH_GW_SECONDS', 5),
  gwPacedSeconds: env('BENCH_GW_PACED_SECONDS', 30),
  e2eReps: env('BENCH_E2E_REPS', 3)
}
const ALL = ['action', 'gateway', 'e2e', 'profile', 'adversarial', 'store', 'stack']
/** Parts that need PostgreSQL and Redis; their figures have their own block in the doc. */
const SCALE_PARTS = ['store', 'stack']
const parts = process.argv.slice(2).length ? process.argv.slice(2) : ALL
for (const p of parts)
  if (!ALL.includes(p)) {
    console.error(`unknown part "${p}"; use ${ALL.join(', ')}`)
    process.exit(2)
  }

const log = (m) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`)

function busiest() {
  try {
    return execFileSync('ps', ['-eo', 'pcpu=,comm=', '--sort=-pcpu'])
      .toString()
      .trim()
      .split('\n')
      .slice(0, 5)
      .map((l) => l.trim().replace(/\s+/, '% '))
      .join(', ')
  } catch {
    return 'unknown'
  }
}

/** The last `rasa.sh train` duration, from the log the Rasa scripts write (we never train here). */
function trainingTime() {
  const file = path.join(repo, 'var/rasa-train.log')
  if (!existsSync(file)) return null
  const m = /train finished in (\d+) s/.exec(readFileSync(file, 'utf8'))
  return m
    ? {
        seconds: Number(m[1]),
        finishedAt: statSync(file).mtime.toISOString(),
        source: 'var/rasa-train.log'
      }
    : null
}

const resultsFile = path.join(outDir, 'results.json')
mkdirSync(outDir, { recursive: true })
const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {}
const run = {
  command: `node bench/run.mjs ${parts.join(' ')}`,
  settings,
  startedAt: new Date().toISOString(),
  loadBefore: loadAverage(),
  busiest: busiest()
}
log(`${run.command}; load average ${run.loadBefore.join(' ')}`)
results.machine = machineInfo()
results.training = trainingTime()

for (const part of parts) {
  const t0 = Date.now()
  const loadBefore = loadAverage()
  log(`--- ${part}; load average ${loadBefore.join(' ')}`)
  if (part === 'action') results.action = await benchActionServers({ ...settings, log })
  if (part === 'gateway')
    results.gateway = await benchGateway({
      seconds: settings.gwSeconds,
      pacedSeconds: settings.gwPacedSeconds,
      log
    })
  if (part === 'e2e') results.e2e = await benchEndToEnd({ reps: settings.e2eReps, log })
  if (part === 'adversarial') results.adversarial = await benchAdversarial({ ...settings, log })
  if (part === 'store') {
    results.store = await benchStore({ ...settings, log })
    results.store.load = { before: loadBefore, after: loadAverage() }
  }
  if (part === 'stack') {
    results.stack = await benchStack({ log })
    results.stack.load = { before: loadBefore, after: loadAverage() }
  }
  if (part === 'profile') {
    // The slowest path (5,000 events) and the per-request overhead path (10 events).
    results.profile = await profileOurs({
      duration: settings.duration,
      connections: settings.connections,
      size: 5000,
      log
    })
    results.profileSmall = await profileOurs({
      duration: settings.duration,
      connections: settings.connections,
      size: 10,
      log
    })
    results.profileGateway = await profileGateway({ seconds: settings.duration, log })
  }
  log(`--- ${part} done in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
  writeFileSync(resultsFile, JSON.stringify(results, null, 2))
}
run.finishedAt = new Date().toISOString()
run.loadAfter = loadAverage()
// Keep earlier runs only while some part they measured is still shown.
const earlier = (results.runs ?? []).filter((r) => (r.parts ?? []).some((p) => !parts.includes(p)))
results.runs = [...earlier, { ...run, parts }]
writeFileSync(resultsFile, JSON.stringify(results, null, 2))
log(`results: ${path.relative(repo, resultsFile)}; load average ${run.loadAfter.join(' ')}`)

/** Replaces the generated block between `<!-- bench:<name>:begin/end -->` (appended when absent). */
function replaceBlock(current, name, content) {
  const begin = `<!-- bench:${name}:begin -->`
  const end = `<!-- bench:${name}:end -->`
  const i = current.indexOf(begin)
  const j = current.indexOf(end)
  const generated = `${begin}\n${content}\n${end}`
  return i >= 0 && j > i
    ? current.slice(0, i) + generated + current.slice(j + end.length)
    : `${current}\n${generated}\n`
}

if (!process.env.BENCH_NO_DOC) {
  const doc = path.join(repo, 'docs/BENCHMARKS.md')
  let next = existsSync(doc)
    ? readFileSync(doc, 'utf8')
    : '# Benchmarks\n\nRun with `npm run bench`.\n'
  // Each block is regenerated only by a run of its own parts, so running `store stack` alone
  // (or the others alone) leaves the other block's figures as they are.
  if (parts.some((p) => !SCALE_PARTS.includes(p)))
    next = replaceBlock(next, 'results', renderResults(results))
  if (parts.some((p) => SCALE_PARTS.includes(p)))
    next = replaceBlock(next, 'scale', renderScaleResults(results))
  writeFileSync(doc, next)
  log(`updated ${path.relative(repo, doc)}`)
}
