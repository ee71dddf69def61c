import { createBridge, type ChatOutput } from '../../src/conversation/bridge'
import { createLogger } from '../../src/logger'
import { MESSAGES } from '../../src/messages'
import { createMetrics } from '../../src/metrics'
import type { RasaClient } from '../../src/rasa/rasa-client'
import type { OutgoingCall } from '../../src/render/outgoing'

/** Rasa answering every message with nothing, as it does for a paused conversation. */
const silentRasa: RasaClient = {
  send: async () => [],
  probe: async () => ({ reachable: true, model: 'loaded' })
}

function recorder(): { out: ChatOutput; texts: string[] } {
  const texts: string[] = []
  return {
    texts,
    out: {
      deliver: async (call: OutgoingCall) => {
        texts.push(String(call.params.text))
      },
      typing: async () => undefined
    }
  }
}

const bridgeWith = (isPaused?: (sender: string) => Promise<boolean>) =>
  createBridge({
    rasa: silentRasa,
    logger: createLogger('silent'),
    metrics: createMetrics(),
    typingIntervalMs: 4000,
    inputChannel: 'telegram_gateway',
    ...(isPaused === undefined ? {} : { isPaused })
  })

describe('a conversation staff took over (Rasa paused) answers nothing', () => {
  test('When Rasa answers [] and the tracker is paused, then the user gets no apology', async () => {
    const asked: string[] = []
    const { out, texts } = recorder()
    const ok = await bridgeWith(async (sender) => {
      asked.push(sender)
      return true
    }).converse({ sender: '4242', message: 'halo petugas', metadata: {} }, out)
    expect(ok).toBe(true)
    expect(texts).toEqual([])
    expect(asked).toEqual(['4242'])
  })

  test('When Rasa answers [] and the tracker is not paused (or cannot be read), then the honest empty-reply message is sent', async () => {
    for (const check of [async () => false, async () => Promise.reject(new Error('down'))]) {
      const { out, texts } = recorder()
      await bridgeWith(check).converse({ sender: '4243', message: 'halo', metadata: {} }, out)
      expect(texts).toEqual([MESSAGES.emptyReply])
    }
  })
})
