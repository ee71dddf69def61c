import { EVENT_LOOP_SAMPLE_MS } from '@helpdesk/core'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

export interface Metrics {
  registry: Registry
  updates: Counter<'kind'>
  duplicates: Counter
  rasaRequests: Counter<'outcome'>
  rasaDuration: Histogram
  telegramCalls: Counter<'method' | 'outcome'>
  telegramRetries: Counter<'method'>
  queuePending: Gauge
}

/** One registry per gateway instance (not prom-client's global), so tests can run several. */
export function createMetrics(): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({
    register: registry,
    prefix: 'gateway_',
    eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS
  })
  return {
    registry,
    updates: new Counter({
      name: 'gateway_updates_total',
      help: 'Telegram updates received, by routing result',
      labelNames: ['kind'],
      registers: [registry]
    }),
    duplicates: new Counter({
      name: 'gateway_duplicate_updates_total',
      help: 'Updates dropped because their update_id was already seen',
      registers: [registry]
    }),
    rasaRequests: new Counter({
      name: 'gateway_rasa_requests_total',
      help: 'Calls to the Rasa REST channel, by outcome',
      labelNames: ['outcome'],
      registers: [registry]
    }),
    rasaDuration: new Histogram({
      name: 'gateway_rasa_request_duration_seconds',
      help: 'Duration of Rasa REST calls',
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 20],
      registers: [registry]
    }),
    telegramCalls: new Counter({
      name: 'gateway_telegram_calls_total',
      help: 'Bot API calls, by method and outcome',
      labelNames: ['method', 'outcome'],
      registers: [registry]
    }),
    telegramRetries: new Counter({
      name: 'gateway_telegram_retries_total',
      help: 'Bot API calls repeated after 429 retry_after',
      labelNames: ['method'],
      registers: [registry]
    }),
    queuePending: new Gauge({
      name: 'gateway_queue_pending_jobs',
      help: 'Jobs waiting or running in the per-chat queues',
      registers: [registry]
    })
  }
}
