import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createConfirmingPoller, type PolledUpdate } from '../../src/bot/confirming-poller'
import { aTextUpdate, startFakeBotApi, type FakeBotApi } from '../fakes'
import { deferred, hasText, startHarness, type Harness } from '../helpers/harness'

/** getUpdates against the fake Bot API over real HTTP, as telegraf would send it. */
function getUpdatesFrom(api: FakeBotApi) {
  return async (params: Record<string, unknown>, signal: AbortSignal): Promise<PolledUpdate[]> => {
    const res = await fetch(`${api.url}bot${api.token}/getUpdates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
      signal
    })
    return ((await res.json()) as { result: PolledUpdate[] }).result
  }
}

const until = async (check: () => boolean, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('confirming long polling: an update is confirmed to Telegram only once its work is done', () => {
  let api: FakeBotApi
  beforeEach(async () => {
    api = await startFakeBotApi()
  })
  afterEach(async () => {
    await api.close()
  })

  test('When a process dies while an update is still being worked on, then the next process gets that update again, and not the finished ones', async () => {
    const first: number[] = []
    const never = new Promise<void>(() => undefined)
    const dying = createConfirmingPoller({
      allowedUpdates: ['message'],
      getUpdates: getUpdatesFrom(api),
      // Update 2 waits for Rasa for ever: the process "crashes" before it is answered.
      handle: async (update) => {
        first.push(update.update_id)
        if (update.update_id === 2) await never
      }
    })
    const running = dying.run()
    api.pushUpdate({ ...aTextUpdate(1, 'satu'), update_id: 1 })
    api.pushUpdate({ ...aTextUpdate(2, 'dua'), update_id: 2 })
    api.pushUpdate({ ...aTextUpdate(3, 'tiga'), update_id: 3 })
    await until(() => first.length === 3)
    // Let it poll a few more times while update 2 is unfinished: it must not be handled twice.
    await new Promise((resolve) => setTimeout(resolve, 700))
    expect(first).toEqual([1, 2, 3])
    expect(dying.offset()).toBe(2)
    expect(api.polls().every((p) => Number(p.offset ?? 0) <= 2)).toBe(true)
    dying.stop()
    await running

    const second: number[] = []
    const next = createConfirmingPoller({
      allowedUpdates: ['message'],
      getUpdates: getUpdatesFrom(api),
      handle: async (update) => {
        second.push(update.update_id)
      }
    })
    const again = next.run()
    await until(() => second.length >= 2)
    await until(() => next.offset() === 4)
    expect(second).toEqual([2, 3])
    next.stop()
    await again
  }, 40_000)

  test('When messages come one at a time, then Telegram is asked for updates once per message, not a second time for the update still being answered', async () => {
    const handled: number[] = []
    const poller = createConfirmingPoller({
      allowedUpdates: ['message'],
      getUpdates: getUpdatesFrom(api),
      // Rasa takes a moment to answer.
      handle: async (update) => {
        handled.push(update.update_id)
        await new Promise((resolve) => setTimeout(resolve, 60))
      }
    })
    const running = poller.run()
    try {
      await until(() => api.polls().length === 1)
      for (let id = 1; id <= 5; id++) {
        api.pushUpdate({ ...aTextUpdate(id, `pesan ${id}`), update_id: id })
        await until(() => poller.offset() === id + 1 && api.polls().length >= id + 1)
      }
      expect(handled).toEqual([1, 2, 3, 4, 5])
      // One long poll per message, and the one now waiting for the next.
      expect(api.polls()).toHaveLength(6)
    } finally {
      poller.stop()
      await running
    }
  }, 40_000)
})

describe('confirming long polling over a long life', () => {
  /** Heap in use after full garbage collections (gc exposed for this measurement only). */
  function heapAfterGc(): number {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    gc()
    gc()
    return process.memoryUsage().heapUsed
  }

  test('When a gateway answers many messages one at a time, then its memory does not grow with each message', async () => {
    const messages = 50_000
    let served = 0
    const poller = createConfirmingPoller({
      allowedUpdates: ['message'],
      // Telegram hands out one new message per poll, as when users write one at a time.
      getUpdates: async ({ offset }) => {
        if (served === messages) {
          poller.stop()
          return []
        }
        served += 1
        return [{ update_id: offset }]
      },
      handle: async () => undefined
    })
    const before = heapAfterGc()
    await poller.run()
    expect(served).toBe(messages)
    const grownBytes = heapAfterGc() - before
    // Each wait used to leave ~300 bytes behind for good: 15 MB for these messages.
    expect(grownBytes).toBeLessThan(3 * 1024 * 1024)
  }, 60_000)
})

describe('gateway polling with confirmation (real HTTP to the fake Bot API and fake Rasa)', () => {
  let h: Harness
  afterEach(async () => {
    await h.close()
  })

  test('When one chat waits for Rasa, then other chats are still answered, and its update stays unconfirmed until it is answered', async () => {
    h = await startHarness({ RASA_TIMEOUT_MS: '8000' })
    const slow = deferred()
    h.rasa.setReply((body) =>
      body.sender === '6001'
        ? { wait: slow.promise, then: [{ text: 'jawaban lambat' }] }
        : [{ text: `echo: ${body.message}` }]
    )
    const waiting = h.api.pushUpdate(aTextUpdate(6001, 'pertanyaan sulit'))
    await until(() => h.rasa.requests.length === 1)
    h.api.pushUpdate(aTextUpdate(6002, 'halo'))
    await h.api.waitFor(hasText(6002, 'echo: halo'))
    // Chat 6002 was answered while 6001's update is still held back from confirmation.
    await until(() => h.api.polls().length >= 3)
    const waitingId = Number(waiting.update_id)
    expect(h.api.polls().every((p) => Number(p.offset ?? 0) <= waitingId)).toBe(true)
    expect(h.api.pendingUpdates()).toBeGreaterThanOrEqual(1)

    slow.release()
    await h.api.waitFor(hasText(6001, 'jawaban lambat'))
    await until(() => h.api.polls().some((p) => Number(p.offset ?? 0) > waitingId + 1))
    expect(h.rasa.requests.filter((r) => r.sender === '6001')).toHaveLength(1)
  }, 40_000)
})
