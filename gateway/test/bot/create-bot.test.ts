import { Telegraf } from 'telegraf'
import { createButtonMemory } from '../../src/bot/button-memory'
import { installGateway } from '../../src/bot/create-bot'
import { loadConfig } from '../../src/config'
import { createBridge, type Bridge } from '../../src/conversation/bridge'
import { createChatQueue } from '../../src/delivery/chat-queue'
import { systemClock } from '../../src/delivery/clock'
import { createPacer } from '../../src/delivery/pacer'
import { createTelegramSender } from '../../src/delivery/telegram-sender'
import { createLogger, telegramIdPseudonym } from '../../src/logger'
import { MESSAGES } from '../../src/messages'
import { createMetrics } from '../../src/metrics'
import { createRasaClient } from '../../src/rasa/rasa-client'
import { aTextUpdate, startFakeBotApi, startFakeRasa } from '../fakes'
import { captureLogs, hasText } from '../helpers/harness'

/** A bridge whose converse() throws for one message, as a bug would. */
function failingOn(message: string, bridge: Bridge): Bridge {
  return {
    ...bridge,
    converse: async (turn, out) => {
      if (turn.message === message) throw new Error('render bug')
      return bridge.converse(turn, out)
    }
  }
}

describe('installGateway: errors never stop the bot', () => {
  test('When a handler throws (bot.catch) or a chat job fails, then it is logged, the user gets an apology, and later updates are still handled', async () => {
    const api = await startFakeBotApi()
    const rasa = await startFakeRasa()
    try {
      const config = loadConfig({
        TELEGRAM_BOT_TOKEN: api.token,
        TELEGRAM_API_ROOT: api.url,
        RASA_URL: rasa.url
      })
      const bot = new Telegraf(api.token, { telegram: { apiRoot: api.url, webhookReply: false } })
      bot.botInfo = api.botInfo as never
      const { lines, stream } = captureLogs()
      const logKey = Buffer.alloc(32, 3)
      const logger = createLogger('debug', stream, logKey)
      const metrics = createMetrics()
      const sender = createTelegramSender({
        callApi: bot.telegram.callApi.bind(bot.telegram) as never,
        pacer: createPacer({
          chatIntervalMs: 0,
          groupIntervalMs: 0,
          globalPerSecond: 30,
          clock: systemClock
        }),
        clock: systemClock,
        logger,
        metrics,
        secrets: [api.token]
      })
      const queue = createChatQueue({ maxPerChat: 5 })
      installGateway(bot, config, {
        bridge: failingOn(
          'rusak',
          createBridge({
            rasa: createRasaClient({ baseUrl: rasa.url, timeoutMs: 2000 }),
            logger,
            metrics,
            typingIntervalMs: 4000,
            inputChannel: 'telegram_gateway'
          })
        ),
        queue,
        buttons: createButtonMemory(60000, systemClock),
        seen: (id) => {
          if (id === 1) throw new Error(`boom with ${api.token}`)
          return false
        },
        logger,
        metrics,
        secrets: [api.token],
        sender: () => sender
      })

      await bot.handleUpdate(aTextUpdate(8001, 'pertama', { updateId: 1 }) as never)
      await api.waitFor(hasText(8001, MESSAGES.internalError))
      await bot.handleUpdate(aTextUpdate(8001, 'kedua', { updateId: 2 }) as never)
      await api.waitFor(hasText(8001, 'echo: kedua'))

      // A job that fails inside the queue (a bug, not Rasa): apology, and the chat goes on.
      await bot.handleUpdate(aTextUpdate(8002, 'rusak', { updateId: 3 }) as never)
      await bot.handleUpdate(aTextUpdate(8002, 'lanjut', { updateId: 4 }) as never)
      await api.waitFor(hasText(8002, 'echo: lanjut'))
      expect(
        api
          .sent('sendMessage')
          .filter((c) => c.payload.chat_id === 8002)
          .map((c) => c.payload.text)
      ).toEqual([MESSAGES.internalError, 'echo: lanjut'])
      await queue.drain(2000)

      expect(
        lines
          .filter((l) => l.msg === 'unhandled error in update handler')
          .map((l) => [l.update_id, l.error])
      ).toEqual([[1, { type: 'Error', message: 'boom with <redacted>' }]])
      expect(rasa.requests.map((r) => r.message)).toEqual(['kedua', 'lanjut'])
      expect(
        lines.filter((l) => l.msg === 'chat job failed').map((l) => [l.chat_id, l.error])
      ).toEqual([[telegramIdPseudonym(8002, logKey), { type: 'Error', message: 'render bug' }]])
    } finally {
      await api.close()
      await rasa.close()
    }
  })
})
