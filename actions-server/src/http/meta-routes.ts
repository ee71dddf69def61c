/** GET /health, GET /actions (as rasa-sdk) and GET /metrics (Prometheus). */
import type { FastifyInstance } from 'fastify'
import type { ActionRegistry } from '../sdk'
import type { ActionServerMetrics } from './metrics'

export function registerMetaRoutes(
  app: FastifyInstance,
  registry: ActionRegistry,
  metrics: ActionServerMetrics
): void {
  app.get('/health', async () => ({ status: 'ok' }))

  app.get('/actions', { config: { auth: true } }, async () =>
    registry.names().map((name) => ({ name }))
  )

  app.get('/metrics', { config: { auth: true } }, async (_request, reply) => {
    const text = await metrics.registry.metrics()
    return await reply.header('content-type', metrics.registry.contentType).send(text)
  })
}
