// One autocannon run with exact per-request latencies. autocannon's own histogram has 1 ms
// resolution (lowestDiscernibleValue 1), too coarse for sub-millisecond loopback calls, so
// the 'response' event's float response time is recorded as well and percentiles are
// computed from it.
import autocannon from 'autocannon'

export function percentile(sorted, p) {
  if (sorted.length === 0) return null
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[idx]
}

export async function runLoad({
  url,
  method = 'POST',
  body,
  headers,
  duration,
  connections,
  overallRate,
  verify
}) {
  const times = []
  let bad = 0
  const inst = autocannon({
    url,
    method,
    body,
    headers,
    duration,
    connections,
    overallRate,
    timeout: 30
  })
  inst.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode === 200) times.push(responseTime)
    else bad++
  })
  const res = await inst
  times.sort((a, b) => a - b)
  const ok = times.length
  const out = {
    requests: ok,
    non2xx: bad,
    errors: res.errors,
    timeouts: res.timeouts,
    durationS: res.duration,
    reqPerSec: ok / res.duration,
    p50: percentile(times, 50),
    p90: percentile(times, 90),
    p99: percentile(times, 99),
    max: times.length ? times[times.length - 1] : null,
    autocannon: { reqAvg: res.requests.average, p50: res.latency.p50, p99: res.latency.p99 }
  }
  if (verify) out.verified = verify
  return out
}

/** Sends one request and returns {status, body} (used to check every server answers alike). */
export async function oneRequest(url, body, headers) {
  const res = await fetch(url, { method: 'POST', body, headers })
  return { status: res.status, body: await res.text() }
}
