import http from 'node:http'
import https from 'node:https'

/**
 * The gateway's outbound JSON client (Rasa, and the Bot API's hot calls): node:http(s) with one
 * keep-alive agent per protocol. Every user message costs a Rasa call, a getUpdates share, a
 * sendChatAction and a sendMessage, so this is the gateway's hottest code; measured on this
 * project's 2-core machine, a call through axios cost about 330 µs of CPU and through Node's
 * fetch 430 µs, through node:http 130 µs (docs/BENCHMARKS.md, issue 18).
 */

export interface JsonRequest {
  method: 'GET' | 'POST'
  url: string
  /** Sent as JSON. */
  body?: unknown
  /** Query parameters, appended to the URL. */
  query?: Record<string, string>
  /** The whole exchange, connection to last byte. */
  timeoutMs: number
  /** Ends the exchange early (rejects with code EABORTED). */
  signal?: AbortSignal
}

export interface JsonResponse {
  status: number
  /** The parsed body, or undefined when it is not JSON. */
  data: unknown
}

/**
 * A failed exchange. `code` is Node's network error code (ECONNREFUSED, ECONNRESET, ENOTFOUND, …),
 * ETIMEDOUT when the time ran out, ERESPONSETOOLARGE past the size cap. The message never
 * holds the request body (it may be a user's text).
 */
export class HttpExchangeError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined
  ) {
    super(message)
    this.name = 'HttpExchangeError'
  }
}

/** Far above any real reply or tracker; a larger answer is refused rather than buffered. */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true })
}

export function requestJson(request: JsonRequest): Promise<JsonResponse> {
  const url = new URL(request.url)
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value)
  const transport = url.protocol === 'https:' ? https : http
  const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:']
  const body = request.body === undefined ? undefined : JSON.stringify(request.body)
  const caller = request.signal
  return new Promise<JsonResponse>((resolve, reject) => {
    if (caller?.aborted === true) {
      reject(new HttpExchangeError('cancelled', 'EABORTED'))
      return
    }
    // One plain timer and one listener, both removed when the exchange settles: AbortSignal.timeout
    // and AbortSignal.any per call (three calls per message) left a timer and weak references
    // behind until the time limit passed or the garbage collector ran.
    const timer = setTimeout(() => {
      stop(new HttpExchangeError('no answer within the time limit', 'ETIMEDOUT'))
    }, request.timeoutMs)
    const onCancel = (): void => stop(new HttpExchangeError('cancelled', 'EABORTED'))
    caller?.addEventListener('abort', onCancel, { once: true })
    const cleanUp = (): void => {
      clearTimeout(timer)
      caller?.removeEventListener('abort', onCancel)
    }
    const succeed = (response: JsonResponse): void => {
      cleanUp()
      resolve(response)
    }
    const fail = (err: unknown): void => {
      cleanUp()
      const code = (err as { code?: unknown }).code
      reject(
        new HttpExchangeError(
          `request failed (${typeof code === 'string' ? code : 'unknown'})`,
          typeof code === 'string' ? code : undefined
        )
      )
    }
    const req = transport.request(
      url,
      {
        method: request.method,
        agent,
        headers: {
          accept: 'application/json',
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
        }
      },
      (res) => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > MAX_RESPONSE_BYTES) {
            stop(new HttpExchangeError('answer larger than the limit', 'ERESPONSETOOLARGE'))
            return
          }
          chunks.push(chunk)
        })
        res.on('error', fail)
        res.on('end', () => {
          let data: unknown
          try {
            data = JSON.parse(Buffer.concat(chunks).toString('utf8'))
          } catch {
            data = undefined
          }
          succeed({ status: res.statusCode ?? 0, data })
        })
      }
    )
    /** Ends the exchange for `reason` and rejects with it (the errors that follow change nothing). */
    function stop(reason: HttpExchangeError): void {
      cleanUp()
      reject(reason)
      req.destroy(reason)
    }
    req.on('error', fail)
    req.end(body)
  })
}
