import { Agent, request } from 'node:http'

export interface RawResponse { status: number, body: string, headers: Record<string, string | string[] | undefined> }

/** One keep-alive pool per suite, so thousands of requests reuse a few sockets. */
export function keepAliveAgent (sockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: sockets })
}

/**
 * Sends bytes exactly as given (any content type or encoding, invalid UTF-8 included) and reads
 * the answer. A status of 0 means the connection failed (refused, reset): the service did not answer.
 */
export async function rawRequest (
  agent: Agent,
  url: string,
  options: { method?: string, headers?: Record<string, string>, body?: Buffer, timeoutMs?: number }
): Promise<RawResponse> {
  return await new Promise((resolve) => {
    const req = request(url, { method: options.method ?? 'POST', agent, headers: { ...options.headers, ...(options.body === undefined ? {} : { 'content-length': String(options.body.length) }) } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }))
      res.on('error', () => resolve({ status: 0, body: '', headers: {} }))
    })
    req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error('timeout')))
    req.on('error', (err) => resolve({ status: 0, body: `connection failed: ${err.message}`, headers: {} }))
    req.end(options.body)
  })
}

/** Runs `task` over `items` with at most `concurrency` in flight. */
export async function inParallel<T> (items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      await task(items[index] as T, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
}
