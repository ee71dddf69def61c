/** buildApp with fixture actions, listening on 127.0.0.1:0; tests must `await server.close()`. */
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app'
import type { Action } from '../../src/sdk'
import { captureLogs, type CapturedLogs } from '@helpdesk/core/testing'
import { fixtureActions } from './fixture-actions'

export interface TestServer {
  app: FastifyInstance
  url: string
  logs: CapturedLogs
  close: () => Promise<void>
}

export async function startTestServer(
  options: { actions?: Action[]; token?: string; bodyLimitMb?: number } = {}
): Promise<TestServer> {
  const logs = captureLogs('debug')
  const app = buildApp(
    {
      ACTIONS_TOKEN: options.token,
      ACTIONS_BODY_LIMIT_MB: options.bodyLimitMb ?? 32,
      LOG_LEVEL: 'debug'
    },
    { actions: options.actions ?? fixtureActions, logger: logs.logger }
  )
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  return {
    app,
    url,
    logs,
    close: async () => {
      await app.close()
    }
  }
}
