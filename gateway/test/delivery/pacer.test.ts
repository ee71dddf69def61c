import { createPacer } from '../../src/delivery/pacer'
import { virtualClock } from '../helpers/harness'

describe('pacer', () => {
  test('When three messages go to one private chat at once, then they are spaced by the chat interval', async () => {
    const clock = virtualClock()
    const pacer = createPacer({
      chatIntervalMs: 1000,
      groupIntervalMs: 3000,
      globalPerSecond: 30,
      clock
    })
    await Promise.all([pacer.acquire(1), pacer.acquire(1), pacer.acquire(1)])
    // The virtual clock advances as each caller sleeps, so each waits one interval after the previous.
    expect(clock.sleeps).toEqual([1000, 1000])
  })

  test('When a private chat may burst 3, then a reply of five messages sends three at once and the rest one interval apart', async () => {
    const clock = virtualClock()
    const pacer = createPacer({
      chatIntervalMs: 1000,
      chatBurst: 3,
      groupIntervalMs: 3000,
      globalPerSecond: 1000,
      clock
    })
    const sentAt: number[] = []
    for (let i = 0; i < 5; i++) {
      await pacer.acquire(1)
      sentAt.push(clock.now())
    }
    const start = sentAt[0]!
    expect(sentAt.map((t) => Math.round(t - start))).toEqual([0, 1, 2, 1000, 2000])
  })

  test('When a chat has used its burst and is quiet for one interval, then it has earned one message back, not the whole burst', async () => {
    const clock = virtualClock()
    const pacer = createPacer({
      chatIntervalMs: 1000,
      chatBurst: 2,
      groupIntervalMs: 3000,
      globalPerSecond: 1000,
      clock
    })
    await pacer.acquire(1)
    await pacer.acquire(1)
    await clock.sleep(1000)
    clock.sleeps.length = 0
    await pacer.acquire(1)
    await pacer.acquire(1)
    // the first message goes at once, the second waits for the interval (less the 1 ms global gaps)
    expect(clock.sleeps).toHaveLength(1)
    expect(clock.sleeps[0]).toBeGreaterThan(990)
  })

  test('When a group gets messages, then bursting never applies', async () => {
    const clock = virtualClock()
    const pacer = createPacer({
      chatIntervalMs: 1000,
      chatBurst: 3,
      groupIntervalMs: 3000,
      globalPerSecond: 30,
      clock
    })
    await pacer.acquire(-100123)
    await pacer.acquire(-100123)
    expect(clock.sleeps).toEqual([3000])
  })

  test('When messages go to a group, then the group interval (20/min) applies', async () => {
    const clock = virtualClock()
    const pacer = createPacer({
      chatIntervalMs: 1000,
      groupIntervalMs: 3000,
      globalPerSecond: 30,
      clock
    })
    await pacer.acquire(-100123)
    await pacer.acquire(-100123)
    expect(clock.sleeps).toEqual([3000])
  })

  test('When many chats get a message at once, then the global rate spaces them, and each chat only once', async () => {
    const clock = virtualClock()
    const pacer = createPacer({
      chatIntervalMs: 1000,
      groupIntervalMs: 3000,
      globalPerSecond: 10,
      clock
    })
    await Promise.all([1, 2, 3, 4].map((chat) => pacer.acquire(chat)))
    expect(clock.sleeps).toEqual([100, 100, 100])
  })

  test('When a chat was quiet for longer than the interval, then its next message goes at once', async () => {
    const clock = virtualClock()
    const pacer = createPacer({
      chatIntervalMs: 1000,
      groupIntervalMs: 3000,
      globalPerSecond: 30,
      clock
    })
    await pacer.acquire(1)
    await clock.sleep(5000)
    clock.sleeps.length = 0
    await pacer.acquire(1)
    expect(clock.sleeps).toEqual([])
  })
})
