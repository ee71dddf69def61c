import { Writable } from 'node:stream'
import { loadConfig } from '../../src/config'
import type { Clock } from '../../src/delivery/clock'
import { startTelegramGateway, type RunningGateway } from '../../src/gateway'
import { createLogger } from '../../src/logger'
import {
  startFakeBotApi,
  startFakeRasa,
  type FakeBotApi,
  type FakeRasa,
  type RecordedCall
} from '../fakes'

export interface Harness {
  api: FakeBotApi
  rasa: FakeRasa
  gateway: RunningGateway
  /** Every log line the gateway wrote (parsed pino JSON). */
  logs: Array<Record<string, unknown>>
  /** Stops the gateway and starts a new one with the same configuration (a restart or deploy). */
  restartGateway: () => Promise<void>
  close: () => Promise<void>
}

/** A log sink for assertions on what was (and was not) logged. */
export function captureLogs(): { lines: Array<Record<string, unknown>>; stream: Writable } {
  const lines: Array<Record<string, unknown>> = []
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>)
      done()
    }
  })
  return { lines, stream }
}

/** A virtual clock: sleeping advances time instantly and is recorded. */
export function virtualClock(): Clock & { sleeps: number[] } {
  let t = 1_700_000_000_000
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms)
      t += ms
    }
  }
}

/**
 * Gateway + fake Bot API + fake Rasa on loopback. Pacing is off unless the test sets it (the
 * pacing tests use a virtual clock instead of waiting).
 */
export async function startHarness(
  env: Record<string, string> = {},
  options: { clock?: Clock; rasaUrl?: string } = {}
): Promise<Harness> {
  const api = await startFakeBotApi()
  const rasa = await startFakeRasa()
  const { lines, stream } = captureLogs()
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.url,
    RASA_URL: options.rasaUrl ?? rasa.url,
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_PORT: '0',
    RASA_TIMEOUT_MS: '3000',
    GATEWAY_CHAT_INTERVAL_MS: '0',
    GATEWAY_GROUP_INTERVAL_MS: '0',
    GATEWAY_GLOBAL_RATE: '30',
    LOG_LEVEL: 'debug',
    ...env
  })
  const telegram = config.telegram
  if (telegram === undefined) throw new Error('harness needs a token')
  const start = () =>
    startTelegramGateway(config, telegram, {
      logger: createLogger(config.LOG_LEVEL, stream),
      ...(options.clock !== undefined ? { clock: options.clock } : {})
    })
  const harness: Harness = {
    api,
    rasa,
    gateway: await start(),
    logs: lines,
    async restartGateway() {
      await harness.gateway.close()
      harness.gateway = await start()
    },
    async close() {
      await harness.gateway.close()
      await api.close()
      await rasa.close()
    }
  }
  return harness
}

/** Texts sent to one chat, in order. */
export function textsTo(api: FakeBotApi, chatId: number): string[] {
  return api
    .sent('sendMessage')
    .filter((c) => Number(c.payload.chat_id) === chatId)
    .map((c) => String(c.payload.text))
}

export const isSendTo =
  (method: string, chatId: number) =>
  (c: RecordedCall): boolean =>
    c.method === method && Number(c.payload.chat_id) === chatId

export const hasText =
  (chatId: number, text: string) =>
  (c: RecordedCall): boolean =>
    c.method === 'sendMessage' && Number(c.payload.chat_id) === chatId && c.payload.text === text

/** A promise with its resolver, to decide from the test when the fake Rasa answers. */
export function deferred(): { promise: Promise<void>; release: () => void } {
  let release: () => void = () => undefined
  const promise = new Promise<void>((resolve) => {
    release = resolve
  })
  return { promise, release }
}
