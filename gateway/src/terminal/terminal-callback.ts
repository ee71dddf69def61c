import type { FastifyInstance } from 'fastify'
import { deliverProactive } from '../bot/proactive'
import type { Config } from '../config'
import type { Bridge, ChatOutput } from '../conversation/bridge'
import { createChatQueue } from '../delivery/chat-queue'
import { buildHttpServer } from '../http/server'
import type { Logger } from '../logger'
import type { Metrics } from '../metrics'
import type { RasaClient } from '../rasa/rasa-client'

export interface TerminalCallback {
  /** Where messages for this terminal's sender are printed (set once the chat is open). */
  attach: (out: ChatOutput) => void
  /** The listener's base URL (undefined when there is none). */
  url?: string
  close: () => Promise<void>
}

/**
 * The terminal chat's HTTP listener (only with GATEWAY_CALLBACK_TOKEN): `/healthz` and the same
 * authenticated `POST /rasa/callback` as in Telegram mode, so staff replies, notes and surveys
 * from the console reach the person typing in the terminal of `npm start`. The terminal has one
 * conversation; its Rasa sender id (`terminal-<8 hex>`) is the only recipient accepted.
 */
export async function startTerminalCallback(
  config: Config,
  deps: { rasa: RasaClient; bridge: Bridge; metrics: Metrics; logger: Logger; sender: string }
): Promise<TerminalCallback> {
  let output: ChatOutput | undefined
  const token = config.GATEWAY_CALLBACK_TOKEN
  if (token === undefined) return { attach: () => undefined, close: async () => undefined }
  const queue = createChatQueue({ maxPerChat: 20 })
  const app: FastifyInstance = buildHttpServer({
    rasa: deps.rasa,
    rasaProbeTimeoutMs: Math.min(2000, config.RASA_TIMEOUT_MS),
    metrics: deps.metrics,
    logger: deps.logger,
    isClosing: () => false,
    callback: {
      token,
      handle: (items, wait) =>
        deliverProactive(
          items,
          {
            bridge: deps.bridge,
            queue,
            target: (recipientId) =>
              recipientId === deps.sender && output !== undefined
                ? { key: recipientId, out: output }
                : undefined
          },
          wait
        )
    }
  })
  try {
    await app.listen({ host: config.GATEWAY_HOST, port: config.GATEWAY_PORT })
  } catch (err) {
    // The chat itself still works; only messages from the console cannot reach it.
    deps.logger.warn(
      { port: config.GATEWAY_PORT, error: (err as Error).message },
      'terminal chat: the callback listener could not start; console messages will not appear here'
    )
    return { attach: () => undefined, close: async () => undefined }
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : config.GATEWAY_PORT
  return {
    url: `http://${config.GATEWAY_HOST === '0.0.0.0' ? '127.0.0.1' : config.GATEWAY_HOST}:${port}`,
    attach: (out) => {
      output = out
    },
    close: async () => {
      await queue.drain(2000)
      await app.close()
    }
  }
}
