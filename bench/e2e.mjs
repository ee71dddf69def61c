// Part 3: end to end with real Rasa 3.6.21 (trained model in rasa-project/models/) and our
// action server: per-turn latency of the mission's conversations over Rasa's REST channel.
import path from 'node:path'
import { existsSync, mkdirSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { freePort, waitForHttp, peakRssMiB } from './lib/procs.mjs'
import { percentile } from './lib/load.mjs'
import { startOurs, repo, outDir } from './lib/servers.mjs'
import { stopProcessGroup } from './lib/stop-group.mjs'

const MODEL = path.join(repo, 'rasa-project/models/helpdesk.tar.gz')

// The 8 reference conversations (the same as e2e/rest/test/conversations.test.ts), as a user types them (button presses as their payloads).
// `expect` is the required phrase (the same ones e2e/rest checks) the last answer of that conversation should contain;
// it is recorded, not enforced: this is a benchmark, the e2e tests check behaviour.
export const CONVERSATIONS = [
  { name: '1 greeting', turns: ['halo'], expect: 'apa yang bisa kami bantu' },
  {
    name: '2a forgot password SIMASN',
    turns: ['lupa password', '/inform{"sistem":"simasn"}', 'tidak']
  },
  {
    name: '2b forgot password e-mail dinas',
    turns: ['lupa password', '/inform{"sistem":"email_dinas"}', '198503152010011001', 'ya', 'tidak']
  },
  { name: '3 forgot e-mail account', turns: ['lupa email', 'ya'] },
  { name: '4 TTE registration', turns: ['mau daftar tte', '198811112012052001', 'ya', 'tidak'] },
  { name: '5 TTE status', turns: ['cek status tte', '198707222011032001', 'tidak'] },
  { name: '6 fallback', turns: ['asdfgh qwerty zxcv', 'lkjhg poiuy mnbv'], expect: 'coba ulangi' },
  { name: '8 human handoff', turns: ['mau bicara dengan petugas', 'tidak'] }
]

async function post(url, body) {
  const t0 = performance.now()
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
  const json = await res.json()
  return { ms: performance.now() - t0, status: res.status, json }
}

async function startRasa(actionUrl) {
  const port = await freePort()
  mkdirSync(path.join(outDir, 'logs'), { recursive: true })
  const fd = openSync(path.join(outDir, 'logs', 'rasa.log'), 'w')
  // Our own endpoints file with the literal URL: Rasa 3.6 substitutes ${VAR} only in plain
  // (unquoted) YAML scalars, so a quoted "${ACTION_ENDPOINT_URL}" would reach aiohttp verbatim.
  const endpoints = path.join(outDir, 'endpoints.bench.yml')
  // The product's tracker store too (rasa-project/endpoints.yml: SQL on SQLite), on a fresh file.
  const trackerDb = path.join(outDir, `rasa-tracker-${port}.sqlite`)
  rmSync(trackerDb, { force: true })
  writeFileSync(
    endpoints,
    `action_endpoint:\n  url: ${JSON.stringify(actionUrl)}\n` +
      `tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: ${JSON.stringify(trackerDb)}\n`
  )
  const t0 = performance.now()
  // scripts/rasa.sh run passes --endpoints endpoints.yml first; the later option wins.
  const child = spawn(
    'bash',
    [path.join(repo, 'scripts/rasa.sh'), 'run', '--endpoints', endpoints],
    {
      env: {
        ...process.env,
        RASA_HOST: '127.0.0.1',
        RASA_PORT: String(port),
        ACTION_ENDPOINT_URL: actionUrl,
        RASA_TRACKER_DB: trackerDb
      },
      stdio: ['ignore', fd, fd],
      detached: true
    }
  )
  let exited = false
  child.on('exit', () => {
    exited = true
  })
  await waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 300000, isAlive: () => !exited })
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    startupS: (performance.now() - t0) / 1000,
    async stop() {
      await stopProcessGroup(child, 10000)
    }
  }
}

export async function benchEndToEnd({ reps, log }) {
  if (!existsSync(MODEL)) return { skipped: `no trained model at ${path.relative(repo, MODEL)}` }
  const ours = await startOurs({ name: 'ours-e2e', entry: 'product' })
  let rasa
  try {
    rasa = await startRasa(ours.url)
    log(`Rasa up in ${rasa.startupS.toFixed(1)} s`)
    const hook = `${rasa.url}/webhooks/rest/webhook`
    // Warm-up conversation (first prediction builds TF graphs), not recorded.
    for (const text of CONVERSATIONS[2].turns)
      await post(hook, { sender: 'bench-warmup', message: text })

    const turns = []
    const transcripts = []
    for (let rep = 0; rep < reps; rep++) {
      for (const conv of CONVERSATIONS) {
        const sender = `bench-${rep}-${conv.name.split(' ')[0]}-${process.pid}`
        const transcript = []
        for (const text of conv.turns) {
          const r = await post(hook, { sender, message: text })
          turns.push({ conversation: conv.name, rep, text, ms: r.ms, status: r.status })
          transcript.push({
            user: text,
            bot: Array.isArray(r.json)
              ? r.json
                  .map((m) => m.text ?? (m.buttons ? '[buttons]' : JSON.stringify(m)))
                  .join(' / ')
              : r.json
          })
        }
        if (rep === 0) {
          const last = transcript[transcript.length - 1]?.bot ?? ''
          // How long real trackers get: events Rasa holds for this conversation afterwards.
          const tracker = await fetch(
            `${rasa.url}/conversations/${encodeURIComponent(sender)}/tracker`
          )
            .then((r) => r.json())
            .catch(() => null)
          const trackerEvents = Array.isArray(tracker?.events) ? tracker.events.length : null
          transcripts.push({
            conversation: conv.name,
            expectSeen: conv.expect ? String(last).toLowerCase().includes(conv.expect) : null,
            userTurns: conv.turns.length,
            trackerEvents,
            trackerBytes: tracker ? JSON.stringify(tracker).length : null,
            transcript
          })
        }
      }
    }
    // Concurrency: CONCURRENT users each going through all conversations at the same time.
    const concurrentTurns = []
    const concurrency = Number(process.env.BENCH_E2E_CONCURRENCY ?? 4)
    const tc = performance.now()
    await Promise.all(
      Array.from({ length: concurrency }, async (_, u) => {
        for (const conv of CONVERSATIONS) {
          const sender = `bench-c${u}-${conv.name.split(' ')[0]}-${process.pid}`
          for (const text of conv.turns) {
            const r = await post(hook, { sender, message: text })
            concurrentTurns.push({ ms: r.ms, status: r.status })
          }
        }
      })
    )
    const concurrentSeconds = (performance.now() - tc) / 1000
    const cms = concurrentTurns.map((t) => t.ms).sort((a, b) => a - b)

    const ms = turns.map((t) => t.ms).sort((a, b) => a - b)
    const byConversation = CONVERSATIONS.map((c) => {
      const xs = turns
        .filter((t) => t.conversation === c.name)
        .map((t) => t.ms)
        .sort((a, b) => a - b)
      return {
        conversation: c.name,
        turns: xs.length,
        p50: percentile(xs, 50),
        p95: percentile(xs, 95),
        max: xs[xs.length - 1]
      }
    })
    const out = {
      model: {
        file: path.relative(repo, MODEL),
        bytes: statSync(MODEL).size,
        mtime: statSync(MODEL).mtime.toISOString()
      },
      rasaStartupS: rasa.startupS,
      reps,
      turns: ms.length,
      non200: turns.filter((t) => t.status !== 200).length,
      p50: percentile(ms, 50),
      p95: percentile(ms, 95),
      p99: percentile(ms, 99),
      max: ms[ms.length - 1],
      byConversation,
      concurrent: {
        users: concurrency,
        turns: cms.length,
        non200: concurrentTurns.filter((t) => t.status !== 200).length,
        turnsPerSec: cms.length / concurrentSeconds,
        p50: percentile(cms, 50),
        p95: percentile(cms, 95),
        max: cms[cms.length - 1]
      },
      peakRssMiB: { rasa: peakRssMiB(rasa.pid), actionsServer: peakRssMiB(ours.pid) },
      transcripts
    }
    log(
      `e2e: ${out.turns} turns p50 ${out.p50.toFixed(1)} ms p95 ${out.p95.toFixed(1)} ms; ${concurrency} concurrent users: p50 ${out.concurrent.p50?.toFixed(1)} ms p95 ${out.concurrent.p95?.toFixed(1)} ms`
    )
    return out
  } finally {
    if (rasa) await rasa.stop()
    await ours.stop()
  }
}
