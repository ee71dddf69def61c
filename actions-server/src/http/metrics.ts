/** prom-client metrics, one Registry per app (tests build many apps in one process). */
import { EVENT_LOOP_SAMPLE_MS } from '@helpdesk/core'
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

export type ActionOutcome = 'success' | 'rejected' | 'not_found' | 'error' | 'invalid_response'

export interface ActionServerMetrics {
  registry: Registry
  httpRequests: Counter<'method' | 'route' | 'status_code'>
  actionRuns: Counter<'action' | 'outcome'>
  actionDuration: Histogram<'action'>
}

export function createMetrics(options: { defaultMetrics: boolean }): ActionServerMetrics {
  const registry = new Registry()
  if (options.defaultMetrics)
    collectDefaultMetrics({
      register: registry,
      eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS
    })
  return {
    registry,
    httpRequests: new Counter({
      name: 'actions_server_http_requests_total',
      help: 'HTTP requests by method, route and status code',
      labelNames: ['method', 'route', 'status_code'],
      registers: [registry]
    }),
    actionRuns: new Counter({
      name: 'actions_server_action_runs_total',
      help: 'Action calls by action name and outcome (success, rejected, not_found, error, invalid_response)',
      labelNames: ['action', 'outcome'],
      registers: [registry]
    }),
    actionDuration: new Histogram({
      name: 'actions_server_action_duration_seconds',
      help: 'Time spent running an action',
      labelNames: ['action'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry]
    })
  }
}

/**
 * Memoises prom-client's labelled children by their label values: `counter.inc({…})` hashes the
 * label object on every call, a cached child does not (issue 18.0). The label values are route
 * patterns, methods, status codes, action names and outcomes, so the cache stays as small as the
 * metric's own set of series.
 */
export function labelledOnce<Args extends Array<string | number>, Child>(
  make: (...args: Args) => Child
): (...args: Args) => Child {
  const children = new Map<string, Child>()
  return (...args: Args): Child => {
    const key = args.join('\u0000')
    let child = children.get(key)
    if (child === undefined) {
      child = make(...args)
      children.set(key, child)
    }
    return child
  }
}
