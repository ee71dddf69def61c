export interface ChatQueue {
  /** Runs `job` after every earlier job of the same chat; false when the chat's backlog is full. */
  enqueue: (chatKey: string, job: () => Promise<void>) => boolean
  /** Jobs waiting or running. */
  pending: () => number
  /** Resolves when every job has finished, or after `timeoutMs`; true when all finished. */
  drain: (timeoutMs: number) => Promise<boolean>
}

export interface ChatQueueOptions {
  maxPerChat: number
  onChange?: (pending: number) => void
}

/**
 * One promise chain per chat: jobs of a chat run one at a time in arrival order; chats never
 * wait for each other. Jobs must handle their own errors (a throwing job is swallowed here so
 * the chain continues).
 */
export function createChatQueue(options: ChatQueueOptions): ChatQueue {
  const tails = new Map<string, Promise<void>>()
  const perChat = new Map<string, number>()
  let pending = 0
  let idle: Array<() => void> = []

  function settle(chatKey: string): void {
    pending--
    const left = (perChat.get(chatKey) ?? 1) - 1
    if (left === 0) {
      perChat.delete(chatKey)
      tails.delete(chatKey)
    } else {
      perChat.set(chatKey, left)
    }
    options.onChange?.(pending)
    if (pending === 0) {
      const waiters = idle
      idle = []
      for (const w of waiters) w()
    }
  }

  return {
    enqueue(chatKey, job) {
      const count = perChat.get(chatKey) ?? 0
      if (count >= options.maxPerChat) return false
      perChat.set(chatKey, count + 1)
      pending++
      options.onChange?.(pending)
      const previous = tails.get(chatKey) ?? Promise.resolve()
      const next = previous
        .then(job)
        .catch(() => undefined)
        .finally(() => settle(chatKey))
      tails.set(chatKey, next)
      return true
    },
    pending: () => pending,
    drain(timeoutMs) {
      if (pending === 0) return Promise.resolve(true)
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs)
        idle.push(() => {
          clearTimeout(timer)
          resolve(true)
        })
      })
    }
  }
}
