/**
 * The one error → HTTP table. Rasa treats every 400 as a rejection and reads `action_name` from
 * it, so every 400 carries `action_name` (null when the call named none). 5xx never echo the
 * request or the exception message.
 *
 * | thrown                          | status | body                         | log   |
 * | ActionNotFoundError             | 404    | {error, action_name}         | error |
 * | ActionRejectedError             | 400    | {error, action_name}         | debug |
 * | BadActionCallError              | 400    | {error, action_name}         | info  |
 * | Fastify 4xx (413, 415, …)       | same   | {error} (+ action_name on 400) | info |
 * | anything else                   | 500    | {error: 'Internal Server Error'} | error, with err + action_name |
 */
import type { FastifyError, FastifyInstance } from 'fastify'
import { ActionNotFoundError, ActionRejectedError } from '../sdk'
import { maskPersonalData } from '@helpdesk/core'
import { BadActionCallError } from './errors'

export const INTERNAL_ERROR_BODY = { error: 'Internal Server Error' } as const

export function registerErrorHandler (app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError | Error, request, reply) => {
    const actionName = actionNameOf(request.body)
    if (error instanceof ActionNotFoundError) {
      request.log.error({ action_name: error.actionName }, error.message)
      // The name comes from the request: mask it in case someone typed personal data into it.
      return await reply.code(404).send({ error: maskPersonalData(error.message), action_name: maskPersonalData(error.actionName ?? '') })
    }
    if (error instanceof ActionRejectedError) {
      request.log.debug({ action_name: error.actionName }, 'action rejected execution')
      return await reply.code(400).send({ error: error.message, action_name: error.actionName })
    }
    if (error instanceof BadActionCallError) {
      request.log.info({ action_name: error.actionName }, error.message)
      return await reply.code(400).send({ error: error.message, action_name: error.actionName })
    }
    const status = (error as FastifyError).statusCode
    const code = (error as FastifyError).code
    if (typeof status === 'number' && status >= 400 && status < 500 && typeof code === 'string' && code.startsWith('FST_')) {
      request.log.info({ code }, error.message)
      const body = status === 400 ? { error: error.message, action_name: actionName } : { error: error.message }
      return await reply.code(status).send(body)
    }
    request.log.error({ err: error, action_name: actionName }, 'action call failed')
    return await reply.code(500).send(INTERNAL_ERROR_BODY)
  })

  // The path is not echoed: it could carry anything, personal data included.
  app.setNotFoundHandler(async (_request, reply) => await reply.code(404).send({ error: 'Not Found' }))
}

function actionNameOf (body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null
  const name = (body as { next_action?: unknown }).next_action
  return typeof name === 'string' ? name : null
}
