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
import { capText, maskPersonalData } from '@helpdesk/core'
import { BadActionCallError } from './errors'

export const INTERNAL_ERROR_BODY = { error: 'Internal Server Error' } as const

/** Action names and error messages can carry client text: capped before they are logged or echoed. */
const MAX_ACTION_NAME = 128
const MAX_ERROR_MESSAGE = 300
const clientName = (name: string | null): string | null =>
  name === null ? null : capText(name, MAX_ACTION_NAME)
const clientMessage = (message: string): string => capText(message, MAX_ERROR_MESSAGE)

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError | Error, request, reply) => {
    const actionName = clientName(actionNameOf(request.body))
    if (error instanceof ActionNotFoundError) {
      const name = clientName(error.actionName ?? '') ?? ''
      const message = clientMessage(error.message)
      request.log.error({ action_name: name }, message)
      // The name comes from the request: mask it in case someone typed personal data into it.
      return await reply
        .code(404)
        .send({ error: maskPersonalData(message), action_name: maskPersonalData(name) })
    }
    if (error instanceof ActionRejectedError) {
      request.log.debug({ action_name: error.actionName }, 'action rejected execution')
      return await reply
        .code(400)
        .send({ error: clientMessage(error.message), action_name: error.actionName })
    }
    if (error instanceof BadActionCallError) {
      const name = clientName(error.actionName)
      request.log.info({ action_name: name }, clientMessage(error.message))
      return await reply.code(400).send({ error: clientMessage(error.message), action_name: name })
    }
    const status = (error as FastifyError).statusCode
    const code = (error as FastifyError).code
    if (
      typeof status === 'number' &&
      status >= 400 &&
      status < 500 &&
      typeof code === 'string' &&
      code.startsWith('FST_')
    ) {
      const message = clientMessage(error.message)
      request.log.info({ code }, message)
      const body = status === 400 ? { error: message, action_name: actionName } : { error: message }
      return await reply.code(status).send(body)
    }
    request.log.error({ err: error, action_name: actionName }, 'action call failed')
    return await reply.code(500).send(INTERNAL_ERROR_BODY)
  })

  // The path is not echoed: it could carry anything, personal data included.
  app.setNotFoundHandler(
    async (_request, reply) => await reply.code(404).send({ error: 'Not Found' })
  )
}

function actionNameOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null
  const name = (body as { next_action?: unknown }).next_action
  return typeof name === 'string' ? name : null
}
