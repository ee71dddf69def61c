/**
 * Lifecycle of the running action server: start (object graph → app → listen) and an orderly
 * stop (stop accepting, let in-flight requests finish, then release the deps). main.ts wires the
 * stop to close-with-grace; tests call it directly.
 */
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { scheduleRetention } from '@helpdesk/core'
import { buildApp } from './app'
import { composeActionServer } from './composition'
import type { Config } from './config'

export interface RunningServer {
  app: FastifyInstance
  /** e.g. http://127.0.0.1:5055 */
  address: string
  /** Waits for in-flight requests, then closes the deps. Safe to call twice. */
  stop(): Promise<void>
}

export async function startActionServer(config: Config, logger: Logger): Promise<RunningServer> {
  const graph = await composeActionServer(config, logger)
  // RETENTION_DAYS is applied at start and then every few hours (privacy notice, issue 11.4).
  const retention = scheduleRetention({
    sql: graph.deps.store.sql,
    clock: graph.deps.clock,
    retentionDays: config.RETENTION_DAYS,
    logger
  })
  // The start-up purge finishes before the first request is taken (failures are logged only).
  await retention.firstRun
  const app = buildApp(config, { actions: graph.actions, logger, collectDefaultMetrics: true })
  const closeDeps = async (): Promise<void> => {
    await retention.stop()
    await graph.close()
  }
  let address: string
  try {
    address = await app.listen({ host: config.ACTIONS_HOST, port: config.ACTIONS_PORT })
  } catch (err) {
    await closeDeps()
    throw err
  }
  return {
    app,
    address,
    stop: onceOnly(async () => {
      await stopApp(app, closeDeps)
    })
  }
}

/** Fastify's close() stops listening, answers new requests 503 and resolves after in-flight ones. */
export async function stopApp(app: FastifyInstance, closeDeps: () => Promise<void>): Promise<void> {
  try {
    await app.close()
  } finally {
    await closeDeps()
  }
}

function onceOnly(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined
  return async () => {
    running ??= fn()
    await running
  }
}
