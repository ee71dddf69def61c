/**
 * STUB owned by the domain-actions work: it builds what the helpdesk actions need (directory,
 * knowledge base, store, WhatsApp, reset provider) from the config. main.ts calls
 * `createActionDeps(config, logger)` once at start and `deps.close()` on shutdown.
 */
import type { Logger } from 'pino'
import type { Config } from '../config'

export interface ActionDeps {
  config: Config
  logger: Logger
  /** Releases resources (database handles, timers); called once during graceful shutdown. */
  close (): Promise<void>
}

export async function createActionDeps (config: Config, logger: Logger): Promise<ActionDeps> {
  return { config, logger, close: async () => {} }
}
