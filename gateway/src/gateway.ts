import type { Telegraf } from 'telegraf'
import { rasaCallBudgetMs, shutdownDrainMs, type Config, type TelegramConfig } from './config'
import { createBotApiCall } from './bot/bot-api-client'
import { ALLOWED_UPDATES, createTelegraf, installGateway } from './bot/create-bot'
import { deliverProactive, telegramTarget } from './bot/proactive'
import { createButtonMemory } from './bot/button-memory'
import { buttonSigningKey } from './bot/signed-button'
import { createBridge } from './conversation/bridge'
import { createChatQueue } from './delivery/chat-queue'
import { systemClock, type Clock } from './delivery/clock'
import { createDeduplicator } from './delivery/dedup'
import { createPacer } from './delivery/pacer'
import { createTelegramSender, type TelegramSender } from './delivery/telegram-sender'
import { buildHttpServer } from './http/server'
import { describeError, type Logger } from './logger'
import { createMetrics } from './metrics'
import { createRasaClient } from './rasa/rasa-client'
import { openTurnTimingRecorder, timingStoreLocation } from './timings/turn-timing-recorder'
import { createPauseCheck } from './rasa/pause-check'
import { createConfirmingPoller, type PolledUpdate } from './bot/confirming-poller'
import { createAnsweredLookup } from './rasa/answered-lookup'

/** The bridge's pause check when RASA_AUTH_TOKEN is set (takeover by staff; see bridge.ts). */
export function pauseCheck(config: Config): { isPaused?: (sender: string) => Promise<boolean> } {
  if (config.RASA_AUTH_TOKEN === undefined) return {}
  return {
    isPaused: createPauseCheck({
      baseUrl: config.RASA_URL,
      token: config.RASA_AUTH_TOKEN,
      timeoutMs: Math.min(2000, config.RASA_TIMEOUT_MS)
    })
  }
}

export interface GatewayDeps {
  logger: Logger
  clock?: Clock
  /** Called when polling stops by itself (e.g. the token was revoked): the process should exit. */
  onFatal?: (err: unknown) => void
}

export interface RunningGateway {
  /** Base URL of the HTTP listener (health, metrics, webhook). */
  url: string
  bot: Telegraf
  /** Stops intake, lets every chat's queue finish (bounded), then closes the listener. */
  close: () => Promise<void>
}

export class StartupError extends Error {
  readonly code = 'GW_ERR_STARTUP'
  constructor(message: string) {
    super(message)
    this.name = 'StartupError'
  }
}

const DEDUP_CAPACITY = 10000
const MAX_JOBS_PER_CHAT = 20

function describeStartupFailure(err: unknown, secrets: string[]): string {
  const info = describeError(err, secrets)
  if (info.code === 401) return 'TELEGRAM_BOT_TOKEN was rejected by the Bot API (401 Unauthorized)'
  return `the Bot API at TELEGRAM_API_ROOT could not be used: ${String(info.message)}`
}

/** Builds and starts the Telegram side: listener, bot, queues. Only main.ts and tests call it. */
export async function startTelegramGateway(
  config: Config,
  telegram: TelegramConfig,
  deps: GatewayDeps
): Promise<RunningGateway> {
  const { logger } = deps
  const clock = deps.clock ?? systemClock
  const secrets = [
    telegram.TELEGRAM_BOT_TOKEN,
    telegram.TELEGRAM_MODE === 'webhook' ? telegram.TELEGRAM_WEBHOOK_SECRET : '',
    config.GATEWAY_CALLBACK_TOKEN ?? '',
    config.RASA_AUTH_TOKEN ?? ''
  ]
  const metrics = createMetrics()
  const rasa = createRasaClient({
    baseUrl: config.RASA_URL,
    timeoutMs: rasaCallBudgetMs(config)
  })
  const buttons = createButtonMemory(config.GATEWAY_BUTTON_TTL_MS, clock, {
    signingKey: buttonSigningKey(telegram.TELEGRAM_BOT_TOKEN)
  })
  const dedup = createDeduplicator(DEDUP_CAPACITY)
  const queue = createChatQueue({
    maxPerChat: MAX_JOBS_PER_CHAT,
    onChange: (n) => metrics.queuePending.set(n)
  })
  const pacer = createPacer({
    chatIntervalMs: config.GATEWAY_CHAT_INTERVAL_MS,
    chatBurst: config.GATEWAY_CHAT_BURST,
    groupIntervalMs: config.GATEWAY_GROUP_INTERVAL_MS,
    globalPerSecond: config.GATEWAY_GLOBAL_RATE,
    clock
  })
  const timingStore = timingStoreLocation(config)
  const timings =
    timingStore === undefined
      ? undefined
      : await openTurnTimingRecorder(timingStore, 'telegram', logger)
  const bridge = createBridge({
    rasa,
    logger,
    metrics,
    typingIntervalMs: config.GATEWAY_TYPING_INTERVAL_MS,
    inputChannel: 'telegram_gateway',
    secrets,
    ...(timings === undefined ? {} : { onTurnTimed: timings.onTurnTimed }),
    ...pauseCheck(config),
    findAnswered: createAnsweredLookup({
      baseUrl: config.RASA_URL,
      ...(config.RASA_AUTH_TOKEN === undefined ? {} : { token: config.RASA_AUTH_TOKEN }),
      timeoutMs: Math.min(2000, config.RASA_TIMEOUT_MS)
    })
  })
  const bot = createTelegraf(telegram, config)
  const botApi = createBotApiCall(telegram.TELEGRAM_API_ROOT, telegram.TELEGRAM_BOT_TOKEN)
  const sender: TelegramSender = createTelegramSender({
    callApi: botApi,
    pacer,
    clock,
    logger,
    metrics,
    secrets
  })
  const getSender = (): TelegramSender => sender
  /** Chat jobs each update started, reported synchronously while the update is handled. */
  const jobsOfUpdate = new Map<number, Promise<void>[]>()
  /** Updates of the first poll after the start: a crashed predecessor may have handled them. */
  const maybeRedelivered = new Set<number>()
  installGateway(bot, config, {
    bridge,
    queue,
    buttons,
    seen: dedup.seen,
    logger,
    metrics,
    sender: getSender,
    secrets,
    onJob: (updateId, finished) => {
      jobsOfUpdate.set(updateId, [...(jobsOfUpdate.get(updateId) ?? []), finished])
    },
    mayBeRedelivered: (updateId) => maybeRedelivered.delete(updateId)
  })

  let closing = false
  const webhook =
    telegram.TELEGRAM_MODE === 'webhook'
      ? {
          path: new URL(telegram.TELEGRAM_WEBHOOK_URL).pathname,
          secret: telegram.TELEGRAM_WEBHOOK_SECRET,
          handle: (update: Record<string, unknown>) => bot.handleUpdate(update as never)
        }
      : undefined
  const app = buildHttpServer({
    rasa,
    rasaProbeTimeoutMs: Math.min(2000, config.RASA_TIMEOUT_MS),
    metrics,
    logger,
    isClosing: () => closing,
    ...(webhook !== undefined ? { webhook } : {}),
    ...(config.GATEWAY_CALLBACK_TOKEN !== undefined
      ? {
          callback: {
            token: config.GATEWAY_CALLBACK_TOKEN,
            handle: (items: unknown[], wait: boolean) =>
              deliverProactive(
                items,
                { bridge, queue, target: telegramTarget({ buttons, sender: getSender }) },
                wait
              )
          }
        }
      : {})
  })

  try {
    bot.botInfo = await bot.telegram.getMe()
  } catch (err) {
    throw new StartupError(describeStartupFailure(err, secrets))
  }
  await app.listen({ host: config.GATEWAY_HOST, port: config.GATEWAY_PORT })
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : config.GATEWAY_PORT
  const url = `http://${config.GATEWAY_HOST === '0.0.0.0' ? '127.0.0.1' : config.GATEWAY_HOST}:${port}`

  let polling: Promise<void> | undefined
  let poller: ReturnType<typeof createConfirmingPoller> | undefined
  if (telegram.TELEGRAM_MODE === 'webhook') {
    try {
      await bot.telegram.setWebhook(telegram.TELEGRAM_WEBHOOK_URL, {
        secret_token: telegram.TELEGRAM_WEBHOOK_SECRET,
        allowed_updates: [...ALLOWED_UPDATES],
        drop_pending_updates: false
      })
    } catch (err) {
      await app.close()
      throw new StartupError(`setWebhook failed: ${String(describeError(err, secrets).message)}`)
    }
    logger.info({ path: webhook?.path, url }, 'gateway started in webhook mode')
  } else {
    // Our own long-polling loop instead of bot.launch(): it confirms an update only once its chat
    // job is finished, so updates in flight at a crash are handed to the next process (see
    // confirming-poller.ts).
    try {
      await bot.telegram.deleteWebhook({ drop_pending_updates: false })
    } catch (err) {
      await app.close()
      throw new StartupError(describeStartupFailure(err, secrets))
    }
    const active = createConfirmingPoller({
      allowedUpdates: ALLOWED_UPDATES,
      getUpdates: async (params, signal) =>
        (await botApi('getUpdates', { ...params }, signal)) as PolledUpdate[],
      handle: async (update, firstBatch) => {
        if (firstBatch) maybeRedelivered.add(update.update_id)
        const handled = bot.handleUpdate(update as never)
        // installGateway enqueues before its first await, so the jobs are known by now.
        const jobs = jobsOfUpdate.get(update.update_id) ?? []
        jobsOfUpdate.delete(update.update_id)
        maybeRedelivered.delete(update.update_id)
        await handled
        await Promise.all(jobs)
      },
      onRetry: (err, waitMs) =>
        logger.warn({ error: describeError(err, secrets), waitMs }, 'getUpdates failed, retrying')
    })
    poller = active
    polling = active.run().catch((err: unknown) => {
      if (closing) return
      logger.fatal({ error: describeError(err, secrets) }, 'polling stopped')
      deps.onFatal?.(err)
    })
    logger.info({ username: bot.botInfo.username, url }, 'gateway started in polling mode')
  }

  /** Ends the long poll, then (once the chats are drained) confirms what was finished. */
  async function stopPolling(launched: Promise<void>): Promise<void> {
    poller?.stop()
    await launched
  }

  async function confirmFinished(): Promise<void> {
    if (poller === undefined) return
    try {
      await botApi('getUpdates', { offset: poller.offset(), limit: 1, timeout: 0 })
    } catch (err) {
      logger.warn({ error: describeError(err, secrets) }, 'could not confirm the last updates')
    }
  }

  return {
    url,
    bot,
    async close() {
      if (closing) return
      closing = true
      if (polling !== undefined) await stopPolling(polling)
      const drained = await queue.drain(shutdownDrainMs(config))
      if (!drained)
        logger.warn({ pending: queue.pending() }, 'shutdown: some chat jobs did not finish in time')
      await confirmFinished()
      await app.close()
      await timings?.close()
      logger.info('gateway stopped')
    }
  }
}
