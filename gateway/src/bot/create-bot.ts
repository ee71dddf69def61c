import { Telegraf } from 'telegraf'
import type { Config, TelegramConfig } from '../config'
import type { Bridge, ChatOutput } from '../conversation/bridge'
import type { ChatQueue } from '../delivery/chat-queue'
import type { TelegramSender } from '../delivery/telegram-sender'
import { describeError, type Logger } from '../logger'
import { MESSAGES } from '../messages'
import type { Metrics } from '../metrics'
import { toBotApiParams } from './bot-api-params'
import type { ButtonMemory } from './button-memory'
import { routeUpdate, type Routed } from './route-update'

/** Update types the gateway asks Telegram for; everything else is never delivered. */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const

export interface BotDeps {
  bridge: Bridge
  queue: ChatQueue
  buttons: ButtonMemory
  seen: (updateId: number) => boolean
  logger: Logger
  metrics: Metrics
  /** Masked in logs (bot token and friends). */
  secrets: readonly string[]
  /** Set once the bot exists (the sender needs the bot's client); read at call time. */
  sender: () => TelegramSender
  /**
   * Told, synchronously while the update is handled, of each chat job an update started and the
   * promise that settles when the job is finished (polling confirms the update only then).
   */
  onJob?: (updateId: number, finished: Promise<void>) => void
  /** Whether an update may have reached Rasa through a process that crashed (polling). */
  mayBeRedelivered?: (updateId: number) => boolean
}

export function createTelegraf(telegram: TelegramConfig, config: Config): Telegraf {
  return new Telegraf(telegram.TELEGRAM_BOT_TOKEN, {
    // webhookReply off: every call is a real request, so its errors are seen (and testable).
    telegram: { apiRoot: telegram.TELEGRAM_API_ROOT, webhookReply: false },
    // Handlers only enqueue work, but keep telegraf's timeout above the Rasa budget anyway.
    handlerTimeout: config.RASA_TIMEOUT_MS * 2 + 10000
  })
}

export function chatOutput(chatId: number, deps: Pick<BotDeps, 'sender' | 'buttons'>): ChatOutput {
  return {
    async deliver(call) {
      await deps.sender().send(chatId, call.method, toBotApiParams(call, chatId, deps.buttons))
    },
    typing: () => deps.sender().bestEffort('sendChatAction', { chat_id: chatId, action: 'typing' })
  }
}

/**
 * Installs the gateway's single middleware on `bot`: de-duplicate, route, enqueue. It enqueues
 * synchronously (before any await), so updates keep their arrival order even though telegraf
 * handles a polled batch concurrently; callback queries are answered right after.
 */
export function installGateway(bot: Telegraf, config: Config, deps: BotDeps): void {
  const { logger, metrics } = deps

  function enqueue(updateId: number, chatId: number, job: () => Promise<unknown>): void {
    let finish!: () => void
    const finished = new Promise<void>((resolve) => (finish = resolve))
    const accepted = deps.queue.enqueue(String(chatId), async () => {
      try {
        await job()
      } catch (err) {
        logger.error(
          { chat_id: chatId, error: describeError(err, deps.secrets) },
          'chat job failed'
        )
        await deps
          .sender()
          .bestEffort('sendMessage', { chat_id: chatId, text: MESSAGES.internalError })
      } finally {
        finish()
      }
    })
    if (!accepted) {
      finish()
      logger.warn({ chat_id: chatId }, 'chat backlog full, update dropped')
    }
    deps.onJob?.(updateId, finished)
  }

  function dispatch(updateId: number, routed: Routed): Promise<void> | undefined {
    switch (routed.kind) {
      case 'ignore':
        logger.debug({ reason: routed.reason }, 'update ignored')
        return undefined
      case 'answer':
        return deps
          .sender()
          .bestEffort(
            'answerCallbackQuery',
            routed.text === undefined
              ? { callback_query_id: routed.callbackQueryId }
              : { callback_query_id: routed.callbackQueryId, text: routed.text }
          )
      case 'notice': {
        const out = chatOutput(routed.chatId, deps)
        enqueue(updateId, routed.chatId, () => deps.bridge.say(routed.text, out))
        return undefined
      }
      case 'reset': {
        const out = chatOutput(routed.chatId, deps)
        const sender = String(routed.chatId)
        enqueue(updateId, routed.chatId, async () => {
          const ok = await deps.bridge.converse(
            {
              sender,
              message: '/restart',
              metadata: { telegram: routed.metadata },
              emptyIsOk: true
            },
            out
          )
          if (!ok) return
          await deps.bridge.say(MESSAGES.resetDone, out)
          if (config.GATEWAY_RESET_GREETS) {
            // Parity with Rasa's Telegram channel, which follows /restart with /start.
            await deps.bridge.converse(
              {
                sender,
                message: '/greet',
                metadata: { telegram: { ...routed.metadata, start: '' } }
              },
              out
            )
          }
        })
        return undefined
      }
      case 'turn': {
        const out = chatOutput(routed.chatId, deps)
        const turn = {
          sender: String(routed.chatId),
          message: routed.message,
          metadata: { telegram: routed.metadata },
          // The response time counts from here: waiting in the chat's queue is part of it.
          receivedAt: Date.now(),
          ...(deps.mayBeRedelivered?.(updateId) === true ? { redeliveredUpdateId: updateId } : {})
        }
        enqueue(updateId, routed.chatId, () => deps.bridge.converse(turn, out))
        if (routed.callbackQueryId === undefined) return undefined
        // Answer at once: the client shows a spinner until then, and late answers fail.
        return deps
          .sender()
          .bestEffort('answerCallbackQuery', { callback_query_id: routed.callbackQueryId })
      }
    }
  }

  bot.use((ctx) => {
    const update = ctx.update as unknown as Record<string, unknown>
    const id = update.update_id
    if (typeof id === 'number' && deps.seen(id)) {
      metrics.duplicates.inc()
      logger.info({ update_id: id }, 'duplicate update ignored')
      return Promise.resolve()
    }
    const routed = routeUpdate(update, {
      botUsername: ctx.botInfo?.username,
      typedIntents: config.GATEWAY_TYPED_INTENTS,
      editedMessages: config.GATEWAY_EDITED_MESSAGES,
      buttons: deps.buttons
    })
    metrics.updates.inc({ kind: routed.kind })
    return dispatch(typeof id === 'number' ? id : -1, routed) ?? Promise.resolve()
  })

  bot.catch((err, ctx) => {
    // Telegraf's default handler rethrows and stops polling; one bad update must not do that.
    logger.error(
      { update_id: ctx.update.update_id, error: describeError(err, deps.secrets) },
      'unhandled error in update handler'
    )
    const chatId = ctx.chat?.id
    if (chatId !== undefined) {
      void deps
        .sender()
        .bestEffort('sendMessage', { chat_id: chatId, text: MESSAGES.internalError })
    }
  })
}
