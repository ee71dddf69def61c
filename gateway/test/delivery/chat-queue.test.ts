import { createChatQueue } from '../../src/delivery/chat-queue'
import { deferred } from '../helpers/harness'

describe('chat queue', () => {
  test('When jobs of one chat are queued while the first is running, then they run one at a time in order, and another chat is not held up', async () => {
    const queue = createChatQueue({ maxPerChat: 10 })
    const log: string[] = []
    const first = deferred()
    queue.enqueue('A', async () => {
      log.push('A1 start')
      await first.promise
      log.push('A1 end')
    })
    queue.enqueue('A', async () => {
      log.push('A2')
    })
    const other = deferred()
    queue.enqueue('B', async () => {
      log.push('B1')
      other.release()
    })
    await other.promise
    expect(log).toEqual(['A1 start', 'B1'])
    first.release()
    await queue.drain(1000)
    expect(log).toEqual(['A1 start', 'B1', 'A1 end', 'A2'])
    expect(queue.pending()).toBe(0)
  })

  test('When a job throws, then the next job of that chat still runs', async () => {
    const queue = createChatQueue({ maxPerChat: 10 })
    const log: string[] = []
    queue.enqueue('A', async () => {
      throw new Error('boom')
    })
    queue.enqueue('A', async () => {
      log.push('after')
    })
    expect(await queue.drain(1000)).toBe(true)
    expect(log).toEqual(['after'])
  })

  test('When a chat already has its maximum backlog, then further jobs are refused', () => {
    const queue = createChatQueue({ maxPerChat: 2 })
    const hold = deferred()
    expect([1, 2, 3].map(() => queue.enqueue('A', () => hold.promise))).toEqual([true, true, false])
    expect(queue.enqueue('B', () => hold.promise)).toBe(true)
    hold.release()
  })

  test('When draining with a job that never ends, then drain gives up after its timeout', async () => {
    const queue = createChatQueue({ maxPerChat: 2 })
    const hold = deferred()
    queue.enqueue('A', () => hold.promise)
    expect(await queue.drain(20)).toBe(false)
    hold.release()
    expect(await queue.drain(1000)).toBe(true)
  })
})
