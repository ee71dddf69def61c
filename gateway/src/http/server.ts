import { sameSecret } from '@helpdesk/core'
import Fastify, { type FastifyInstance } from 'fastify'
import { describeError, type Logger } from '../logger'
import type { Metrics } from '../metrics'
import type { RasaClient } from '../rasa/rasa-client'
import { isObject } from '../rasa/types'
import type { ProactiveAnswer } from '../bot/proactive'

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token'

export interface HttpServerOptions {
  rasa: RasaClient
  rasaProbeTimeoutMs: number
  metrics: Metrics
  logger: Logger
  isClosing: () => boolean
  webhook?: {
    path: string
    secret: string
    handle: (update: Record<string, unknown>) => Promise<void>
  }
  /** Rasa callback channel (proactive messages); route exists only when a token is configured. */
  callback?: {
    token: string
    /** `wait`: answer after delivery, with per-message results (see gateway/README.md). */
    handle: (messages: unknown[], wait: boolean) => Promise<ProactiveAnswer>
  }
}

export function buildHttpServer(options: HttpServerOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 })
  const { logger } = options

  app.setErrorHandler((err: { statusCode?: number; message: string }, _request, reply) => {
    const status = err.statusCode !== undefined && err.statusCode >= 400 ? err.statusCode : 500
    if (status >= 500) logger.error({ error: describeError(err) }, 'http handler failed')
    void reply.code(status).send({ error: status < 500 ? err.message : 'Internal Server Error' })
  })

  app.get('/healthz', async () => ({ status: 'ok' }))

  app.get('/readyz', async (_request, reply) => {
    if (options.isClosing()) return reply.code(503).send({ status: 'shutting_down' })
    const probe = await options.rasa.probe(options.rasaProbeTimeoutMs)
    if (!probe.reachable) return reply.code(503).send({ status: 'not_ready', rasa: 'unreachable' })
    if (probe.model === 'missing')
      return reply.code(503).send({ status: 'not_ready', rasa: 'reachable', model: 'missing' })
    return reply.code(200).send({ status: 'ready', rasa: 'reachable', model: probe.model })
  })

  app.get('/metrics', async (_request, reply) => {
    const body = await options.metrics.registry.metrics()
    return reply.code(200).header('content-type', options.metrics.registry.contentType).send(body)
  })

  const webhook = options.webhook
  if (webhook !== undefined) {
    app.post(webhook.path, async (request, reply) => {
      if (!sameSecret(request.headers[SECRET_HEADER], webhook.secret)) {
        logger.warn({ ip: request.ip }, 'webhook request with a wrong or missing secret token')
        return reply.code(403).send({ error: 'forbidden' })
      }
      // Telegram redelivers on non-2xx, so during shutdown the update comes back to the next instance.
      if (options.isClosing()) return reply.code(503).send({ error: 'shutting down' })
      const body = request.body
      if (!isObject(body) || !Number.isInteger(body.update_id))
        return reply.code(400).send({ error: 'invalid update' })
      try {
        await webhook.handle(body)
      } catch (err) {
        // Never 5xx for our own failures: Telegram would redeliver and the user could be answered twice.
        logger.error(
          { update_id: body.update_id, error: describeError(err) },
          'webhook update failed'
        )
      }
      return reply.code(200).send()
    })
  }

  const callback = options.callback
  if (callback !== undefined) {
    app.post('/rasa/callback', async (request, reply) => {
      const query = request.query as Record<string, unknown>
      if (!sameSecret(query.token, callback.token))
        return reply.code(403).send({ error: 'forbidden' })
      const body = request.body
      const list = Array.isArray(body) ? body : [body]
      const result = await callback.handle(list, query.wait === 'true')
      if (result.accepted === 0 && (result.results ?? []).length === 0)
        return reply.code(400).send({ error: 'no message with a known chat as recipient_id' })
      return reply.code(200).send(result)
    })
  }

  return app
}
