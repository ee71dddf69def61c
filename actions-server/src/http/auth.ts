/**
 * ACTIONS_TOKEN check: Rasa's `action_endpoint.token` arrives as `?token=…`; a proxy may send
 * `Authorization: Bearer …`. Compared in constant time (SHA-256 digests, equal length).
 * Routes opt in with `config: { auth: true }`; /health never does.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

declare module 'fastify' {
  interface FastifyContextConfig { auth?: boolean }
}

export function registerTokenAuth (app: FastifyInstance, token: string | undefined): void {
  if (token === undefined) return
  const expected = digest(token)
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.routeOptions.config.auth !== true) return
    const presented = presentedToken(request)
    if (presented !== undefined && timingSafeEqual(digest(presented), expected)) return
    request.log.warn({ route: request.routeOptions.url, credential: presented === undefined ? 'missing' : 'wrong' }, 'rejected request without a valid ACTIONS_TOKEN')
    await reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'Unauthorized' })
  })
}

function presentedToken (request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown> | undefined
  const fromQuery = query?.token
  if (typeof fromQuery === 'string' && fromQuery !== '') return fromQuery
  const header = request.headers.authorization
  const match = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header) : null
  return match?.[1]?.trim()
}

function digest (value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest()
}
