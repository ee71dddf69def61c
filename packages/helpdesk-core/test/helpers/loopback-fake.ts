import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: unknown
}

export interface FakeReply {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** Destroy the socket instead of answering (a network error for the client). */
  drop?: boolean
  /** Read the request, then never answer (a timeout for the client after the request arrived). */
  hang?: boolean
}

export type FakeHandler = (request: RecordedRequest) => FakeReply

/**
 * A loopback HTTP server for external services we do not run (WhatsApp Cloud API, agency APIs).
 * Replies come from a queue of handlers; when the queue is empty, `fallback` answers.
 */
export interface LoopbackFake {
  url: string
  requests: RecordedRequest[]
  /** Queue one-off replies, used in order. */
  reply: (...replies: Array<FakeReply | FakeHandler>) => void
  close: () => Promise<void>
}

export async function startLoopbackFake(
  fallback: FakeHandler = () => ({ status: 404, body: { error: 'not found' } })
): Promise<LoopbackFake> {
  const queue: Array<FakeReply | FakeHandler> = []
  const requests: RecordedRequest[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      let body: unknown = text
      try {
        body = text === '' ? undefined : JSON.parse(text)
      } catch {
        /* keep text */
      }
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body
      }
      requests.push(recorded)
      const next = queue.shift() ?? fallback
      const reply = typeof next === 'function' ? next(recorded) : next
      if (reply.drop === true) {
        req.socket.destroy()
        return
      }
      if (reply.hang === true) return
      res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) })
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (...replies) => {
      queue.push(...replies)
    },
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve, reject) =>
        server.close((err) => (err === undefined ? resolve() : reject(err)))
      )
    }
  }
}

/** A retry policy that never waits (tests assert attempts, not timing). */
export const noWaitRetry = (
  retries: number
): { retries: number; baseDelayMs: number; maxDelayMs: number; sleep: () => Promise<void> } => ({
  retries,
  baseDelayMs: 1,
  maxDelayMs: 1,
  sleep: async () => {}
})

/** A loopback URL on a port nobody listens on (a connection there is refused). */
export async function closedPortUrl(): Promise<string> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((resolve) =>
    probe.close(() => {
      resolve()
    })
  )
  return `http://127.0.0.1:${port}`
}

/** noWaitRetry that also counts the back-offs (= retries made). */
export const countingRetry = (
  retries: number
): ReturnType<typeof noWaitRetry> & { waits: () => number } => {
  let waits = 0
  return {
    ...noWaitRetry(retries),
    sleep: async () => {
      waits++
    },
    waits: () => waits
  }
}
