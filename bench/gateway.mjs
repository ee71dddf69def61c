// Part 2: the gateway in long-polling mode between a fast fake Bot API and a fake Rasa that
// answers at once. Latency = sendMessage arrival at the fake Bot API minus the moment the
// update was handed out by getUpdates (so it includes telegraf, the per-chat queue, the pacer,
// the loopback call to the fake Rasa, rendering and the sendMessage call).
import path from 'node:path'
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { summariseProfile } from './profile.mjs'
import { performance } from 'node:perf_hooks'
import { startFakeBotApi, textUpdate } from './lib/fake-bot-api.mjs'
import { startFakeRasa } from './lib/fake-rasa.mjs'
import { freePort, waitForHttp, peakRssMiB, sleep, cpuTimeMs } from './lib/procs.mjs'
import { percentile } from './lib/load.mjs'
import { outDir, repo, spawnLogged } from './lib/servers.mjs'

const TOKEN = '123456:bench-token'

async function startGateway({
  botApi,
  rasa,
  chatIntervalMs,
  globalRate,
  name,
  nodeArgs = [],
  entryFile = 'bench/gateway-entry.mjs',
  extraEnv = {}
}) {
  const entry = path.resolve(repo, entryFile)
  if (!existsSync(path.join(repo, 'gateway/dist/main.js')))
    throw new Error('gateway/dist/main.js missing: run npm run build first')
  const port = await freePort()
  const env = {
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: botApi.apiRoot,
    TELEGRAM_MODE: 'polling',
    RASA_URL: rasa.url,
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_PORT: String(port),
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    GATEWAY_CHAT_INTERVAL_MS: String(chatIntervalMs),
    NODE_ENV: 'production',
    ...extraEnv
  }
  if (globalRate !== undefined) env.BENCH_GLOBAL_RATE = String(globalRate)
  const gateway = spawnLogged(name, process.execPath, [...nodeArgs, entry], { env })
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, { isAlive: gateway.alive })
  // Polling has started once the fake has seen a getUpdates call.
  const t0 = Date.now()
  while (!botApi.counts.getUpdates) {
    if (!gateway.alive() || Date.now() - t0 > 20000)
      throw new Error('gateway did not start polling')
    await sleep(50)
  }
  return { pid: gateway.pid, stop: gateway.stop }
}

function summarise(latencies, seconds, sent, fromEnqueue) {
  latencies.sort((a, b) => a - b)
  fromEnqueue.sort((a, b) => a - b)
  return {
    // Including the wait until the gateway's next getUpdates picked the update up.
    fromEnqueueP50: percentile(fromEnqueue, 50),
    fromEnqueueP99: percentile(fromEnqueue, 99),
    sent,
    answered: latencies.length,
    seconds,
    updatesPerSec: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.length ? latencies[latencies.length - 1] : null
  }
}

/**
 * Closed loop: every chat has exactly one update outstanding; its reply triggers the chat's
 * next update. Measures the maximum rate and the latency at that saturation.
 */
async function closedLoop(botApi, { chats, seconds }) {
  const latencies = []
  const fromEnqueue = []
  let sent = 0
  const started = performance.now()
  const stopAt = started + seconds * 1000
  const chatOf = new Map()
  const next = (chatId) => {
    if (performance.now() >= stopAt) return
    const id = botApi.newUpdateId()
    chatOf.set(id, chatId)
    sent++
    botApi.enqueue([textUpdate(id, chatId)])
  }
  const drained = new Promise((resolve) => {
    botApi.setOnReply((id, t) => {
      const t0 = botApi.handedOut.get(id)
      if (t0 !== undefined && chatOf.has(id)) {
        latencies.push(t - t0)
        fromEnqueue.push(t - botApi.enqueuedAt.get(id))
        const chat = chatOf.get(id)
        chatOf.delete(id)
        next(chat)
        if (chatOf.size === 0) resolve()
      }
    })
  })
  for (let c = 0; c < chats; c++) next(1000000 + c)
  await Promise.race([drained, sleep(seconds * 1000 + 30000)])
  const elapsed = (performance.now() - started) / 1000
  return summarise(latencies, elapsed, sent, fromEnqueue)
}

/** Open loop: `rate` updates/s spread round-robin over `chats`, for `seconds`. */
async function openLoop(botApi, { chats, rate, seconds }) {
  const latencies = []
  const fromEnqueue = []
  const pending = new Set()
  botApi.setOnReply((id, t) => {
    if (!pending.delete(id)) return
    latencies.push(t - botApi.handedOut.get(id))
    fromEnqueue.push(t - botApi.enqueuedAt.get(id))
  })
  const started = performance.now()
  let sent = 0
  let chat = 0
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate)
    const batch = []
    while (sent < due) {
      const id = botApi.newUpdateId()
      pending.add(id)
      batch.push(textUpdate(id, 2000000 + (chat++ % chats)))
      sent++
    }
    if (batch.length) botApi.enqueue(batch)
    await sleep(5)
  }
  const deadline = performance.now() + 30000
  while (pending.size && performance.now() < deadline) await sleep(20)
  return {
    ...summarise(latencies, seconds, sent, fromEnqueue),
    targetRate: rate,
    unanswered: pending.size
  }
}

/** CPU profile of the gateway at its maximum rate (1,000 chats, closed loop, pacing off). */
export async function profileGateway({ seconds, log }) {
  const dir = path.join(outDir, 'profile-gateway')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const botApi = await startFakeBotApi({ token: TOKEN })
  const rasa = await startFakeRasa()
  const spawnedAt = performance.now()
  const gw = await startGateway({
    botApi,
    rasa,
    name: 'gateway-profiled',
    chatIntervalMs: 0,
    globalRate: 1000000,
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`]
  })
  let r
  let skipMs
  try {
    await closedLoop(botApi, { chats: 100, seconds: 1 })
    skipMs = performance.now() - spawnedAt
    r = await closedLoop(botApi, { chats: 1000, seconds })
  } finally {
    await gw.stop()
    await botApi.close()
    await rasa.close()
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))
  if (!files.length) throw new Error('gateway wrote no .cpuprofile')
  const summary = summariseProfile(path.join(dir, files[0]), { skipMs })
  log(
    `gateway profile: ${r.updatesPerSec.toFixed(0)} updates/s; top: ${summary.topFrames
      .slice(0, 3)
      .map((f) => f.frame + ' ' + f.selfPct + '%')
      .join(', ')}`
  )
  return {
    target: 'gateway',
    duration: seconds,
    skippedStartupMs: Math.round(skipMs),
    reqPerSec: r.updatesPerSec,
    file: path.relative(repo, path.join(dir, files[0])),
    ...summary
  }
}

export async function benchGateway({ seconds, pacedSeconds = seconds, log }) {
  const scenarios = []
  const run = async (label, gwOpts, fn) => {
    const botApi = await startFakeBotApi({ token: TOKEN })
    const rasa = await startFakeRasa()
    const gw = await startGateway({ botApi, rasa, name: `gateway-${label}`, ...gwOpts })
    try {
      // Warm up (JIT, connection pools) with a few updates before measuring.
      await closedLoop(botApi, { chats: 10, seconds: 1 })
      await sleep(gwOpts.chatIntervalMs + 100)
      const cpu0 = cpuTimeMs(gw.pid)
      const own0 = process.cpuUsage()
      const r = await fn(botApi)
      const cpu1 = cpuTimeMs(gw.pid)
      const own = process.cpuUsage(own0)
      r.cpuUsPerUpdate =
        cpu0 !== null && cpu1 !== null && r.answered ? ((cpu1 - cpu0) * 1000) / r.answered : null
      // The fakes and the driver live in this process: their CPU competes with the gateway's.
      r.fakesCpuUsPerUpdate = r.answered ? (own.user + own.system) / r.answered : null
      const row = {
        label,
        chatIntervalMs: gwOpts.chatIntervalMs,
        globalRate: gwOpts.rateLabel ?? gwOpts.globalRate ?? 'product default (25/s)',
        peakRssMiB: peakRssMiB(gw.pid),
        rasaCalls: rasa.calls(),
        botApiCalls: { ...botApi.counts },
        ...r
      }
      scenarios.push(row)
      log(
        `gateway ${label}: ${r.updatesPerSec.toFixed(1)} updates/s p50 ${r.p50?.toFixed(2)} ms p99 ${r.p99?.toFixed(2)} ms (${r.answered}/${r.sent} answered) cpu ${r.cpuUsPerUpdate?.toFixed(0)} µs/update peak ${row.peakRssMiB?.toFixed(1)} MiB`
      )
      return r
    } finally {
      await gw.stop()
      await botApi.close()
      await rasa.close()
    }
  }

  // 1,000 chats at 20 updates/s for `pacedSeconds`: a p99 needs hundreds of updates (5 s would
  // make it the slowest of 100).
  const twentyPerSecond = (api) => openLoop(api, { chats: 1000, rate: 20, seconds: pacedSeconds })
  // 1,000 chats, each sending its next update as soon as the last one is answered.
  const fullSpeed = (api) => closedLoop(api, { chats: 1000, seconds })
  const idle = await measureIdle()
  log(`gateway idle: ${idle.cpuMsPerSecond.toFixed(1)} ms CPU per second`)
  // Product pacing (1 s per chat, 25 msg/s overall): what a user actually gets.
  await run('1-chat-paced', { chatIntervalMs: 1000 }, (api) =>
    closedLoop(api, { chats: 1, seconds })
  )
  await run('1000-chats-paced-20ps', { chatIntervalMs: 1000 }, twentyPerSecond)
  // The same load through bench/bare-gateway.mjs: what loopback HTTP between idle processes
  // costs on this machine before any gateway logic (the ceiling for the row above).
  await run(
    'bare-gateway-1000-chats-20ps',
    { chatIntervalMs: 0, entryFile: 'bench/bare-gateway.mjs', rateLabel: 'none (bare)' },
    twentyPerSecond
  )
  // The bare bridge plus the gateway's rule that the reply waits for the "typing…" call's answer
  // (a late typing would show after the reply): with a fake Rasa that answers at once, the
  // typing round trip can be the slower of the two, as it never is with a real Rasa.
  await run(
    'bare-gateway-awaiting-typing-1000-chats-20ps',
    {
      chatIntervalMs: 0,
      entryFile: 'bench/bare-gateway.mjs',
      rateLabel: 'none (bare, awaits typing)',
      extraEnv: { BARE_AWAIT_TYPING: '1' }
    },
    twentyPerSecond
  )
  // Pacing off (per-chat interval 0, global rate raised): the gateway's own cost.
  const unpaced = { chatIntervalMs: 0, globalRate: 1000000 }
  await run('1-chat-unpaced', unpaced, (api) => closedLoop(api, { chats: 1, seconds }))
  const max = await run('1000-chats-unpaced-max', unpaced, fullSpeed)
  // BENCH_BASELINE (a built checkout of an earlier commit, as for the action server): the same
  // two gateway loads through that commit's gateway, for before/after figures from one run.
  if (process.env.BENCH_BASELINE) {
    const before = path.join(path.resolve(process.env.BENCH_BASELINE), 'bench/gateway-entry.mjs')
    await run(
      'before-1000-chats-paced-20ps',
      { chatIntervalMs: 1000, entryFile: before },
      twentyPerSecond
    )
    await run('before-1000-chats-unpaced-max', { ...unpaced, entryFile: before }, fullSpeed)
  }
  const half = Math.max(1, Math.floor(max.updatesPerSec / 2))
  await run('1000-chats-unpaced-half', unpaced, (api) =>
    openLoop(api, { chats: 1000, rate: half, seconds })
  )
  return { seconds, pacedSeconds, idle, scenarios }
}

/**
 * CPU of a started gateway with no messages (long poll open, metrics sampling): what every
 * gateway costs the machine between conversations, and the background the paced rows run on.
 */
async function measureIdle() {
  const botApi = await startFakeBotApi({ token: TOKEN })
  const rasa = await startFakeRasa()
  const gw = await startGateway({ botApi, rasa, name: 'gateway-idle', chatIntervalMs: 1000 })
  try {
    await sleep(3000)
    const seconds = 10
    const cpu0 = cpuTimeMs(gw.pid)
    await sleep(seconds * 1000)
    const cpu1 = cpuTimeMs(gw.pid)
    return { seconds, cpuMsPerSecond: (cpu1 - cpu0) / seconds }
  } finally {
    await gw.stop()
    await botApi.close()
    await rasa.close()
  }
}
