/**
 * buildApp(config, { actions }): the whole HTTP app, ready to `listen` or `inject`; never listens.
 * Creating the registry here makes duplicate action names fail before any traffic.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import type { Config } from './config'
import { registerTokenAuth } from './http/auth'
import { registerErrorHandler } from './http/error-handler'
import { registerJsonBody } from './http/json-body'
import { registerMetaRoutes } from './http/meta-routes'
import { requestIdFor } from './http/request-id'
import { createMetrics, labelledOnce } from './http/metrics'
import { createWebhookValidators } from './http/validation'
import { registerWebhookRoute } from './http/webhook-route'
import { createLogger } from '@helpdesk/core'
import { createActionRegistry, type Action } from './sdk'

export interface BuildAppOptions {
  actions: readonly Action[]
  /** Defaults to createLogger({ level: config.LOG_LEVEL }) (masked JSON to stdout). */
  logger?: Logger
  /** Process metrics (CPU, memory, event loop) on /metrics; main.ts turns them on. */
  collectDefaultMetrics?: boolean
}

type AppConfig = Pick<Config, 'ACTIONS_TOKEN' | 'ACTIONS_BODY_LIMIT_MB' | 'LOG_LEVEL'>

export function buildApp(config: AppConfig, options: BuildAppOptions): FastifyInstance {
  const registry = createActionRegistry(options.actions)
  const metrics = createMetrics({ defaultMetrics: options.collectDefaultMetrics === true })
  const logger: FastifyBaseLogger = options.logger ?? createLogger({ level: config.LOG_LEVEL })
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: config.ACTIONS_BODY_LIMIT_MB * 1024 * 1024,
    // Off: Fastify would take any X-Request-Id as it is; requestIdFor keeps only short, simple ones.
    requestIdHeader: false,
    // Fastify's two lines per request (received + completed) were the largest avoidable cost
    // for small trackers (docs/BENCHMARKS.md); one line per request is logged in onResponse.
    logController: new LogController({
      requestIdLogLabel: 'request_id',
      disableRequestLogging: true
    }),
    genReqId: requestIdFor
  })

  registerJsonBody(app)
  registerTokenAuth(app, config.ACTIONS_TOKEN)
  registerErrorHandler(app)
  const countRequest = labelledOnce((method: string, route: string, status: number) =>
    metrics.httpRequests.labels({ method, route, status_code: String(status) })
  )
  // A callback hook, not an async one: no promise per request (issue 18.0).
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched'
    countRequest(request.method, route, reply.statusCode).inc()
    // The route pattern, never the raw URL: its query may carry the token.
    request.log.info(
      {
        method: request.method,
        route,
        statusCode: reply.statusCode,
        responseTimeMs: Math.round(reply.elapsedTime * 10) / 10
      },
      'request completed'
    )
    done()
  })
  registerMetaRoutes(app, registry, metrics)
  registerWebhookRoute(app, registry, createWebhookValidators(), metrics)
  return app
}
