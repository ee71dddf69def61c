// Timing the console's pages: its Server-Timing header (`app` wall time and `cpu` process CPU
// time of the request, ms) and the client's own latency, as percentiles.

/** The p-th percentile (nearest rank) of `values`, unsorted. */
export const pct = (values, p) => {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]
}

/**
 * Makes `count` requests through `request` (cycling through `paths`), each must answer 200.
 * Returns per request the console's `app` and `cpu` durations and the client's latency (ms).
 */
export async function timeRequests(request, paths, count) {
  const server = []
  const cpu = []
  const client = []
  for (let i = 0; i < count; i++) {
    const p = paths[i % paths.length]
    const start = performance.now()
    const res = await request(p)
    await res.text()
    client.push(performance.now() - start)
    if (res.status !== 200) throw new Error(`${p} → ${res.status}`)
    const timing = res.headers.get('server-timing') ?? ''
    server.push(Number(/app;dur=([\d.]+)/.exec(timing)?.[1] ?? NaN))
    cpu.push(Number(/cpu;dur=([\d.]+)/.exec(timing)?.[1] ?? NaN))
  }
  return { server, cpu, client }
}

/** The server side of a result row: `app` p50/p95/max and `cpu` p50/p95. */
export function serverTimingSummary({ server, cpu }) {
  return {
    serverP50: pct(server, 50),
    serverP95: pct(server, 95),
    serverMax: Math.max(...server),
    cpuP50: pct(cpu, 50),
    cpuP95: pct(cpu, 95)
  }
}
