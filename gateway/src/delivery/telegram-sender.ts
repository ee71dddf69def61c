import { describeError, type Logger } from '../logger'
import type { Metrics } from '../metrics'
import type { Clock } from './clock'
import type { Pacer } from './pacer'

export type CallApi = (method: string, params: Record<string, unknown>) => Promise<unknown>

export interface TelegramSender {
  /** A message-producing call: paced, and repeated after a 429 once retry_after has passed. */
  send: (chatId: number, method: string, params: Record<string, unknown>) => Promise<unknown>
  /** Fire-and-forget style calls (chat actions, callback answers): not paced, errors only logged. */
  bestEffort: (method: string, params: Record<string, unknown>) => Promise<void>
}

export interface TelegramSenderOptions {
  callApi: CallApi
  pacer: Pacer
  clock: Clock
  logger: Logger
  metrics: Metrics
  secrets: readonly string[]
  maxAttempts?: number
}

/** retry_after (seconds) of a telegraf TelegramError for 429, else undefined. */
export function retryAfterSeconds(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined
  const e = err as { code?: unknown; parameters?: { retry_after?: unknown } }
  if (e.code !== 429) return undefined
  const after = e.parameters?.retry_after
  return typeof after === 'number' && after >= 0 ? after : 1
}

export function createTelegramSender(options: TelegramSenderOptions): TelegramSender {
  const maxAttempts = options.maxAttempts ?? 5
  return {
    async send(chatId, method, params) {
      for (let attempt = 1; ; attempt++) {
        await options.pacer.acquire(chatId)
        try {
          const result = await options.callApi(method, params)
          options.metrics.telegramCalls.inc({ method, outcome: 'ok' })
          return result
        } catch (err) {
          const wait = retryAfterSeconds(err)
          if (wait === undefined || attempt >= maxAttempts) {
            options.metrics.telegramCalls.inc({ method, outcome: 'error' })
            throw err
          }
          // Flood control: Telegram did not accept this call, so repeating it cannot duplicate it.
          options.metrics.telegramRetries.inc({ method })
          options.logger.warn(
            { method, chat_id: chatId, retry_after: wait, attempt },
            'telegram flood control, waiting'
          )
          await options.clock.sleep(wait * 1000)
        }
      }
    },
    async bestEffort(method, params) {
      try {
        await options.callApi(method, params)
        options.metrics.telegramCalls.inc({ method, outcome: 'ok' })
      } catch (err) {
        options.metrics.telegramCalls.inc({ method, outcome: 'error' })
        options.logger.debug(
          { method, error: describeError(err, options.secrets) },
          'best-effort telegram call failed'
        )
      }
    }
  }
}
