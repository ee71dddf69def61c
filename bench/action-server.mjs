// Part 1: POST /webhook throughput, latency and peak RSS of our action server vs rasa-sdk 3.6.2
// vs a bare node:http server, same payloads for all, servers alternating in interleaved rounds.
import path from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { buildActionCall, buildBodies, loadDomain } from './lib/payloads.mjs'
import { runLoad, oneRequest } from './lib/load.mjs'
import { startOurs, startRasaSdk, startBare } from './lib/servers.mjs'
import { cpuTimeMs, peakRssMiB, resetPeakRss, rssMiB, sleep } from './lib/procs.mjs'

const SIZES = (process.env.BENCH_SIZES ?? '10,500,5000').split(',').map(Number)
const ENCODINGS = ['plain', 'deflate']

function headersFor(encoding) {
  const h = { 'content-type': 'application/json' }
  if (encoding === 'deflate') h['content-encoding'] = 'deflate'
  return h
}

/** rasa-sdk puts "timestamp": null into SlotSet; compare answers without key order/JSON style. */
function sameAnswer(a, b) {
  try {
    return isDeepStrictEqual(JSON.parse(a), JSON.parse(b))
  } catch {
    return false
  }
}

export async function benchActionServers({ duration, warmup, rounds, connections, log }) {
  const { domain, source } = loadDomain()
  const payloads = {}
  for (const n of SIZES) payloads[n] = buildBodies(buildActionCall({ nEvents: n, domain }))

  log('starting servers: ours, rasa-sdk')
  const ours = await startOurs()
  const sdk = await startRasaSdk()
  const servers = [ours, sdk]
  const checks = []
  let bare
  try {
    // What each server answers for the benchmark call, and whether they agree.
    const first = await oneRequest(ours.url, payloads[SIZES[0]].plain, headersFor('plain'))
    const firstSdk = await oneRequest(sdk.url, payloads[SIZES[0]].plain, headersFor('plain'))
    if (first.status !== 200)
      throw new Error(`our server answered ${first.status}: ${first.body.slice(0, 300)}`)
    if (firstSdk.status !== 200)
      throw new Error(`rasa-sdk answered ${firstSdk.status}: ${firstSdk.body.slice(0, 300)}`)
    bare = await startBare(first.body)
    servers.push(bare)
    // Extra rows: the same app with logging at warn (what the per-request info lines cost), and
    // the product build's own action_sapa when it is registered (real product action code).
    servers.push(await startOurs({ name: 'ours-log-warn', env: { LOG_LEVEL: 'warn' } }))
    // Optional before/after row from the same run: BENCH_BASELINE = a built checkout of an
    // earlier commit (its bench/ours-entry.mjs, its own dist and @helpdesk/core).
    if (process.env.BENCH_BASELINE)
      servers.push(
        await startOurs({
          name: 'ours-before',
          entry: path.join(path.resolve(process.env.BENCH_BASELINE), 'bench/ours-entry.mjs')
        })
      )
    if (process.env.BENCH_PRODUCT !== '0') {
      const product = await startOurs({ name: 'ours-product', entry: 'product' }).catch((err) => {
        log(`product server not started: ${err.message}`)
        return null
      })
      if (product) {
        const listed = await fetch(product.url.replace('/webhook', '/actions'))
          .then((r) => r.json())
          .catch(() => [])
        if (Array.isArray(listed) && listed.some((a) => a.name === 'action_sapa'))
          servers.push(product)
        else {
          log('product build has no action_sapa yet; skipped')
          await product.stop()
        }
      }
    }
    for (const n of SIZES) {
      for (const enc of ENCODINGS) {
        const answers = {}
        for (const s of servers)
          answers[s.name] = await oneRequest(s.url, payloads[n][enc], headersFor(enc))
        checks.push({
          size: n,
          encoding: enc,
          statuses: Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.status])),
          oursEqualsLogWarn: sameAnswer(answers[ours.name].body, answers['ours-log-warn'].body),
          oursEqualsRasaSdk: sameAnswer(answers[ours.name].body, answers[sdk.name].body),
          oursEqualsBare: sameAnswer(answers[ours.name].body, answers[bare.name].body)
        })
      }
    }
    const idleRss = Object.fromEntries(servers.map((s) => [s.name, rssMiB(s.pid)]))

    const runs = []
    for (let round = 1; round <= rounds; round++) {
      for (const n of SIZES) {
        for (const enc of ENCODINGS) {
          // Rotate the order each round so no server always runs first/last.
          const order = servers.map((_, i) => servers[(i + round - 1) % servers.length])
          for (const s of order) {
            const opts = {
              url: s.url,
              body: payloads[n][enc],
              headers: headersFor(enc),
              connections
            }
            if (warmup > 0 && round === 1) await runLoad({ ...opts, duration: warmup })
            resetPeakRss(s.pid)
            const cpu0 = cpuTimeMs(s.pid)
            const r = await runLoad({ ...opts, duration })
            const cpu1 = cpuTimeMs(s.pid)
            // Server CPU per answered request: robust to other load on the machine, unlike req/s.
            const cpuUsPerReq =
              cpu0 !== null && cpu1 !== null && r.requests
                ? ((cpu1 - cpu0) * 1000) / r.requests
                : null
            const row = {
              round,
              server: s.name,
              size: n,
              encoding: enc,
              peakRssMiB: peakRssMiB(s.pid),
              cpuUsPerReq,
              serverCpuPct:
                cpu0 !== null && cpu1 !== null ? (cpu1 - cpu0) / (r.durationS * 10) : null,
              ...r
            }
            runs.push(row)
            log(
              `round ${round} ${s.name.padEnd(9)} ${String(n).padStart(5)} ev ${enc.padEnd(7)} ${r.reqPerSec.toFixed(0).padStart(6)} req/s p50 ${r.p50?.toFixed(2)} ms p99 ${r.p99?.toFixed(2)} ms peak ${row.peakRssMiB?.toFixed(1)} MiB cpu ${row.cpuUsPerReq?.toFixed(0)} µs/req (${row.serverCpuPct?.toFixed(0)}%)${r.non2xx ? ` non2xx ${r.non2xx}` : ''}${r.errors ? ` errors ${r.errors}` : ''}`
            )
            await sleep(200)
          }
        }
      }
    }

    // p50/p99 of our server at half of its measured maximum, per size (plain body).
    const halfLoad = []
    for (const n of SIZES) {
      const maxRps = median(
        runs
          .filter((r) => r.server === ours.name && r.size === n && r.encoding === 'plain')
          .map((r) => r.reqPerSec)
      )
      const rate = Math.max(1, Math.floor(maxRps / 2))
      resetPeakRss(ours.pid)
      const r = await runLoad({
        url: ours.url,
        body: payloads[n].plain,
        headers: headersFor('plain'),
        connections,
        duration,
        overallRate: rate
      })
      halfLoad.push({
        server: ours.name,
        size: n,
        encoding: 'plain',
        targetRate: rate,
        peakRssMiB: peakRssMiB(ours.pid),
        ...r
      })
      log(
        `half load ours ${n} ev at ${rate} req/s: got ${r.reqPerSec.toFixed(0)} req/s p50 ${r.p50?.toFixed(2)} ms p99 ${r.p99?.toFixed(2)} ms`
      )
    }

    return {
      domainSource: source,
      bodyBytes: Object.fromEntries(
        SIZES.map((n) => [
          n,
          { plain: payloads[n].plain.length, deflate: payloads[n].deflate.length }
        ])
      ),
      answer: { ours: JSON.parse(first.body), rasaSdk: JSON.parse(firstSdk.body) },
      servers: servers.map((s) => s.name),
      checks,
      idleRssMiB: idleRss,
      settings: { duration, warmup, rounds, connections },
      runs,
      halfLoad
    }
  } finally {
    for (const s of [...servers].reverse()) await s.stop()
  }
}

export function median(xs) {
  const v = [...xs].sort((a, b) => a - b)
  if (!v.length) return NaN
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2
}
