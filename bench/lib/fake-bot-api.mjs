// Minimal, fast loopback Telegram Bot API for the gateway benchmark (not a test fake: it checks
// nothing). Serves POST /bot<TOKEN>/<method>: getUpdates long-polls a queue of updates and
// stamps when each update is handed out; sendMessage stamps when the reply arrives. Message
// texts carry the update id ("m<update_id>"); the fake Rasa echoes it back ("r:m<update_id>").
import http from 'node:http'
import { performance } from 'node:perf_hooks'

export async function startFakeBotApi({ token }) {
  const prefix = `/bot${token}/`
  const queue = [] // updates not yet confirmed (update_id >= offset)
  const handedOut = new Map() // update_id -> performance.now() of first hand-out
  const enqueuedAt = new Map() // update_id -> performance.now() when it became available
  const waiters = [] // pending getUpdates: {offset, limit, res, timer}
  const counts = {}
  let onReply = () => {}
  let onCall = () => {}
  let nextMessageId = 1
  let nextUpdateId = 1

  const send = (res, result) => {
    const body = JSON.stringify({ ok: true, result })
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body)
    })
    res.end(body)
  }

  const take = (offset, limit) => {
    while (queue.length && queue[0].update_id < offset) queue.shift()
    const batch = queue.slice(0, limit)
    const now = performance.now()
    for (const u of batch) if (!handedOut.has(u.update_id)) handedOut.set(u.update_id, now)
    return batch
  }

  const flushWaiters = () => {
    while (waiters.length && queue.length) {
      const w = waiters.shift()
      clearTimeout(w.timer)
      send(w.res, take(w.offset, w.limit))
    }
  }

  const methods = {
    getMe: () => ({
      id: 4242,
      is_bot: true,
      first_name: 'Bench',
      username: 'bench_bot',
      can_join_groups: false,
      can_read_all_group_messages: false,
      supports_inline_queries: false
    }),
    getUpdates: (p, res) => {
      const offset = p.offset ?? 0
      const limit = p.limit ?? 100
      const batch = take(offset, limit)
      if (batch.length || !p.timeout) return batch
      const w = { offset, limit, res }
      w.timer = setTimeout(
        () => {
          waiters.splice(waiters.indexOf(w), 1)
          send(res, [])
        },
        Math.min(p.timeout, 2) * 1000
      )
      waiters.push(w)
      return undefined // answered later
    },
    sendMessage: (p) => {
      const t = performance.now()
      const m = /m(\d+)/.exec(String(p.text ?? ''))
      if (m) onReply(Number(m[1]), t, p.chat_id)
      return {
        message_id: nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: p.chat_id, type: 'private' },
        text: p.text
      }
    }
  }

  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const method = req.url.startsWith(prefix) ? req.url.slice(prefix.length).split('?')[0] : ''
      counts[method] = (counts[method] ?? 0) + 1
      let p = {}
      try {
        p = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {}
      } catch {
        p = {}
      }
      onCall(method, p, performance.now())
      const fn = methods[method]
      const result = fn ? fn(p, res) : true
      if (result !== undefined) send(res, result)
    })
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address()

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    counts,
    handedOut,
    setOnReply(fn) {
      onReply = fn
    },
    /** Diagnostics: called with (method, params, performance.now()) for every call. */
    setOnCall(fn) {
      onCall = fn
    },
    /** Update ids must keep increasing for the whole life of the fake (offset confirms). */
    newUpdateId: () => nextUpdateId++,
    /** Makes updates available to getUpdates (answers a waiting long poll at once). */
    enqueue(updates) {
      const now = performance.now()
      for (const u of updates) enqueuedAt.set(u.update_id, now)
      queue.push(...updates)
      flushWaiters()
    },
    enqueuedAt,
    pending: () => queue.length,
    async close() {
      for (const w of waiters.splice(0)) {
        clearTimeout(w.timer)
        send(w.res, [])
      }
      server.closeAllConnections()
      await new Promise((r) => server.close(r))
    }
  }
}

/** A private-chat text message update as Telegram sends it. */
export function textUpdate(updateId, chatId) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'Bench' },
      from: { id: chatId, is_bot: false, first_name: 'Bench', language_code: 'id' },
      text: `m${updateId}`
    }
  }
}
