/**
 * ACTIONS_TOKEN check: Rasa's `action_endpoint.token` arrives as `?token=…`; a proxy may send
 * `Authorization: Bearer …`. Compared in constant time (`sameSecret`, shared with the gateway).
 * Routes opt in with `config: { auth: true }`; /health never does.
 */
import { sameSecret } from '@helpdesk/core'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: boolean
  }
}

export function registerTokenAuth(app: FastifyInstance, token: string | undefined): void {
  if (token === undefined) return
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.routeOptions.config.auth !== true) return
    const presented = presentedToken(request)
    if (sameSecret(presented, token)) return
    request.log.warn(
      {
        route: request.routeOptions.url,
        credential: presented === undefined ? 'missing' : 'wrong'
      },
      'rejected request without a valid ACTIONS_TOKEN'
    )
    await reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'Unauthorized' })
  })
}

function presentedToken(request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown> | undefined
  const fromQuery = query?.token
  if (typeof fromQuery === 'string' && fromQuery !== '') return fromQuery
  const header = request.headers.authorization
  const match = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header) : null
  return match?.[1]?.trim()
}
