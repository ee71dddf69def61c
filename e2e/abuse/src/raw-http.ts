import { Agent, request } from 'node:http'

export interface RawResponse {
  status: number
  body: string
  headers: Record<string, string | string[] | undefined>
  /** The pooled connection had been closed by the server just as it was reused; sent again on a new one. */
  retriedOnNewConnection?: true
}

/** One keep-alive pool per suite, so thousands of requests reuse a few sockets. */
export function keepAliveAgent(sockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: sockets })
}

type RequestOptions = {
  method?: string
  headers?: Record<string, string>
  body?: Buffer
  timeoutMs?: number
}

/**
 * Sends bytes exactly as given (any content type or encoding, invalid UTF-8 included) and reads
 * the answer. A status of 0 means the connection failed (refused, reset, timeout): the service
 * did not answer. A reset of a REUSED keep-alive connection before any answer is the known race
 * of HTTP keep-alive (the server closed the idle socket as we picked it): as Node's documentation
 * advises, that one request is sent once more on a fresh connection.
 */
export async function rawRequest(
  agent: Agent,
  url: string,
  options: RequestOptions
): Promise<RawResponse> {
  const first = await send(agent, url, options)
  if (!first.staleSocket) return first.response
  const again = await send(false, url, options)
  return { ...again.response, retriedOnNewConnection: true }
}

async function send(
  agent: Agent | false,
  url: string,
  options: RequestOptions
): Promise<{ response: RawResponse; staleSocket: boolean }> {
  return await new Promise((resolve) => {
    const req = request(
      url,
      {
        method: options.method ?? 'POST',
        agent,
        headers: {
          ...options.headers,
          ...(options.body === undefined ? {} : { 'content-length': String(options.body.length) })
        }
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            response: {
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              headers: res.headers
            },
            staleSocket: false
          })
        )
        res.on('error', () =>
          resolve({ response: { status: 0, body: '', headers: {} }, staleSocket: false })
        )
      }
    )
    req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error('timeout')))
    req.on('error', (err: NodeJS.ErrnoException) => {
      const stale =
        req.reusedSocket &&
        (err.code === 'ECONNRESET' || err.code === 'EPIPE' || err.message === 'socket hang up')
      resolve({
        response: { status: 0, body: `connection failed: ${err.message}`, headers: {} },
        staleSocket: stale
      })
    })
    req.end(options.body)
  })
}

/** Runs `task` over `items` with at most `concurrency` in flight. */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>
): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      await task(items[index] as T, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
}
