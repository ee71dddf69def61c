// Part 5: what a hostile client can cost the action server through text that reaches a log line.
// GET /health (no token needed, the cheapest route) with ordinary headers, then with about 15 KB
// of adversarial X-Request-Id text (Node refuses headers over 16 KB in all with 431, so this is
// the most a client can send): digit groups and separators, the input that made the old log
// masker cubic. Aim (issue 11.1): an adversarial request costs less than 2× a normal one.
import { runLoad } from './lib/load.mjs'
import { startOurs } from './lib/servers.mjs'
import { cpuTimeMs, sleep } from './lib/procs.mjs'

/** Header text sized so request line + Host + this header stay under Node's 16 KB limit. */
const HEADER_BYTES = 15 * 1024
const fill = (unit) => unit.repeat(Math.ceil(HEADER_BYTES / unit.length)).slice(0, HEADER_BYTES)
export const SHAPES = {
  normal: null,
  'digits and spaces': fill('1 '),
  'phone-like groups': fill('0812-3456-7890 '),
  'NIP-like groups': fill('19850315 201001 1 001 ')
}

export async function benchAdversarial({ duration, warmup, rounds, connections, log }) {
  const ours = await startOurs({ name: 'ours-adversarial' })
  const url = ours.url.replace('/webhook', '/health')
  const runs = []
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const [shape, value] of Object.entries(SHAPES)) {
        const headers =
          value === null ? { 'x-request-id': 'bench-normal-1' } : { 'x-request-id': value }
        if (warmup > 0 && round === 1)
          await runLoad({ url, method: 'GET', headers, duration: warmup, connections })
        const cpu0 = cpuTimeMs(ours.pid)
        const r = await runLoad({ url, method: 'GET', headers, duration, connections })
        const cpu1 = cpuTimeMs(ours.pid)
        const cpuUsPerReq =
          cpu0 !== null && cpu1 !== null && r.requests ? ((cpu1 - cpu0) * 1000) / r.requests : null
        runs.push({ round, shape, headerBytes: headers['x-request-id'].length, cpuUsPerReq, ...r })
        log(
          `round ${round} ${shape.padEnd(18)} ${r.reqPerSec.toFixed(0).padStart(6)} req/s p50 ${r.p50?.toFixed(2)} ms p99 ${r.p99?.toFixed(2)} ms cpu ${cpuUsPerReq?.toFixed(0)} µs/req${r.non2xx ? ` non2xx ${r.non2xx}` : ''}`
        )
        await sleep(200)
      }
    }
  } finally {
    await ours.stop()
  }
  return { settings: { duration, warmup, rounds, connections, headerBytes: HEADER_BYTES }, runs }
}
