import { describeError, type Logger } from '../logger'
import { MESSAGES } from '../messages'
import type { Metrics } from '../metrics'
import { RasaResponseError } from '../rasa/errors'
import type { RasaClient } from '../rasa/rasa-client'
import type { BotMessage } from '../rasa/types'
import type { OutgoingCall } from '../render/outgoing'
import { renderReply } from '../render/render-reply'

/** Where a conversation's output goes: a Telegram chat or the terminal. */
export interface ChatOutput {
  /** Sends one call; rejects when the transport refused it. */
  deliver: (call: OutgoingCall) => Promise<void>
  /** Shows "typing…"; best effort. */
  typing: () => Promise<void>
}

export interface Turn {
  sender: string
  message: string
  metadata: Record<string, unknown>
  /** `/restart` legitimately yields no reply; a user message with none means Rasa failed. */
  emptyIsOk?: boolean
  /** Epoch ms at which the message entered the gateway (before any queue); now when unset. */
  receivedAt?: number
  /**
   * Set for updates a crashed gateway process may already have passed to Rasa (the first batch
   * after a start): Rasa's stored answer is delivered instead of asking again (see findAnswered).
   */
  redeliveredUpdateId?: number
}

/** A user turn's response time, from entering the gateway to the last reply call finished. */
export interface TimedTurn {
  receivedAt: Date
  repliedAt: Date
  outcome: 'ok' | 'failed'
}

export interface Bridge {
  /**
   * Sends a user turn to Rasa (typing shown meanwhile) and delivers the reply or an honest
   * apology. Resolves true when Rasa answered (even with nothing), false when it failed.
   */
  converse: (turn: Turn, out: ChatOutput) => Promise<boolean>
  /**
   * Delivers Rasa messages that arrived without a user turn (callback channel); resolves with
   * whether every call was taken, and the first refusal otherwise.
   */
  deliverMessages: (messages: BotMessage[], out: ChatOutput) => Promise<DeliveryOutcome>
  /** Delivers a gateway-authored text. */
  say: (text: string, out: ChatOutput) => Promise<void>
}

/** What happened to a batch of calls: `failure` is the first refusal (Bot API error code). */
export interface DeliveryOutcome {
  delivered: boolean
  failure?: { code?: number; description?: string }
}

export interface BridgeOptions {
  rasa: RasaClient
  logger: Logger
  metrics: Metrics
  typingIntervalMs: number
  inputChannel: string
  secrets?: readonly string[]
  /**
   * Called once per user turn with its response time (the dashboard's p50/p95); `/restart` is not
   * a question and is not reported. Must not throw (main.ts wraps the store write).
   */
  onTurnTimed?: (turn: TimedTurn) => void
  /**
   * Whether the conversation is paused (staff took it over, Rasa's `pause` event). Asked only
   * when Rasa answers a user message with nothing: paused → stay silent, no apology.
   */
  isPaused?: (sender: string) => Promise<boolean>
  /** Rasa's logged answer to an update, undefined when Rasa never saw it (answered-lookup.ts). */
  findAnswered?: (sender: string, updateId: number) => Promise<BotMessage[] | undefined>
}

export function createBridge(options: BridgeOptions): Bridge {
  const { logger, metrics } = options
  const secrets = options.secrets ?? []

  async function deliverAll(calls: OutgoingCall[], out: ChatOutput): Promise<DeliveryOutcome> {
    let failure: DeliveryOutcome['failure']
    for (const call of calls) {
      try {
        await out.deliver(call)
      } catch (err) {
        const info = describeError(err, secrets)
        failure ??= {
          ...(typeof info.code === 'number' ? { code: info.code } : {}),
          ...(typeof info.message === 'string' ? { description: info.message } : {})
        }
        logger.warn(
          { method: call.method, error: describeError(err, secrets) },
          'telegram refused a reply call'
        )
        if (call.fallbackText !== undefined) {
          try {
            await out.deliver({ method: 'sendMessage', params: { text: call.fallbackText } })
          } catch (err2) {
            logger.warn({ error: describeError(err2, secrets) }, 'fallback text refused too')
          }
        }
      }
    }
    return failure === undefined ? { delivered: true } : { delivered: false, failure }
  }

  async function askRasa(turn: Turn, out: ChatOutput): Promise<BotMessage[] | undefined> {
    // Awaited before the reply is delivered, so a late "typing" never shows after the answer.
    const firstTyping = out.typing()
    const timer = setInterval(() => {
      void out.typing()
    }, options.typingIntervalMs)
    const stopTimer = metrics.rasaDuration.startTimer()
    try {
      const reply = await options.rasa.send({
        sender: turn.sender,
        message: turn.message,
        metadata: turn.metadata,
        input_channel: options.inputChannel
      })
      metrics.rasaRequests.inc({ outcome: reply.length === 0 ? 'empty' : 'ok' })
      await firstTyping
      return reply
    } catch (err) {
      metrics.rasaRequests.inc({
        outcome: err instanceof RasaResponseError ? 'bad_response' : 'unavailable'
      })
      // Never the message text: it may hold a NIP, NIK or password.
      logger.error({ sender: turn.sender, error: describeError(err, secrets) }, 'rasa call failed')
      await firstTyping
      return undefined
    } finally {
      stopTimer()
      clearInterval(timer)
    }
  }

  async function pausedSafely(sender: string): Promise<boolean> {
    try {
      return await options.isPaused!(sender)
    } catch (err) {
      logger.warn({ sender, error: describeError(err, secrets) }, 'rasa pause check failed')
      return false
    }
  }

  /** Rasa's answer to a redelivered update it already handled; undefined → ask Rasa. */
  async function answeredBefore(turn: Turn): Promise<BotMessage[] | undefined> {
    if (turn.redeliveredUpdateId === undefined || options.findAnswered === undefined)
      return undefined
    try {
      return await options.findAnswered(turn.sender, turn.redeliveredUpdateId)
    } catch (err) {
      // The tracker API is off or Rasa is down: asking Rasa again is the only way to answer.
      logger.warn(
        { sender: turn.sender, error: describeError(err, secrets) },
        'tracker read failed'
      )
      return undefined
    }
  }

  /** Asks Rasa and delivers its reply or an apology; true when Rasa answered. */
  async function answer(turn: Turn, out: ChatOutput): Promise<boolean> {
    const earlier = await answeredBefore(turn)
    if (earlier !== undefined) {
      logger.info(
        { sender: turn.sender, update_id: turn.redeliveredUpdateId, messages: earlier.length },
        'update was handled by rasa before a restart; its stored answer is delivered, not asked again'
      )
      const calls = renderReply(earlier, (reason) =>
        logger.warn({ sender: turn.sender, reason }, 'reply item skipped')
      )
      await deliverAll(calls, out)
      return true
    }
    const reply = await askRasa(turn, out)
    if (reply === undefined) {
      await deliverAll([{ method: 'sendMessage', params: { text: MESSAGES.rasaUnavailable } }], out)
      return false
    }
    if (reply.length === 0) {
      if (turn.emptyIsOk === true) return true
      // A paused conversation (staff took it over) answers nothing on purpose.
      if (options.isPaused !== undefined && (await pausedSafely(turn.sender))) return true
      // Rasa answers 200 [] when an action or the model failed (Rasa's REST channel swallows the error).
      logger.warn({ sender: turn.sender }, 'rasa returned an empty reply to a user message')
      await deliverAll([{ method: 'sendMessage', params: { text: MESSAGES.emptyReply } }], out)
      return false
    }
    const calls = renderReply(reply, (reason) =>
      logger.warn({ sender: turn.sender, reason }, 'reply item skipped')
    )
    await deliverAll(calls, out)
    return true
  }

  return {
    async converse(turn, out) {
      const receivedAt = turn.receivedAt ?? Date.now()
      const ok = await answer(turn, out)
      if (turn.emptyIsOk !== true)
        options.onTurnTimed?.({
          receivedAt: new Date(receivedAt),
          repliedAt: new Date(),
          outcome: ok ? 'ok' : 'failed'
        })
      return ok
    },
    async deliverMessages(messages, out) {
      return await deliverAll(
        renderReply(messages, (reason) => logger.warn({ reason }, 'reply item skipped')),
        out
      )
    },
    async say(text, out) {
      await deliverAll([{ method: 'sendMessage', params: { text } }], out)
    }
  }
}
