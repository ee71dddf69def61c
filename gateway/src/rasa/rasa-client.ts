import { RasaResponseError, RasaUnavailableError } from './errors'
import { HttpExchangeError, MAX_RESPONSE_BYTES, requestJson } from '../outbound/json-http'
import { parseBotMessages, type BotMessage, type RestRequest } from './types'

export interface RasaClient {
  /** One user message → the bot's replies. Never sends the same message twice (see below). */
  send: (request: RestRequest) => Promise<BotMessage[]>
  /** Readiness: GET / (is Rasa up?) then GET /status (is a model loaded?). */
  probe: (timeoutMs: number) => Promise<RasaProbe>
}

/**
 * `model` is `missing` when /status answers 409 (no model loaded), `loaded` on 200, and
 * `unknown` when /status is not available (no --enable-api, or it requires a token).
 */
export interface RasaProbe {
  reachable: boolean
  model: 'loaded' | 'missing' | 'unknown'
}

export interface RasaClientOptions {
  baseUrl: string
  timeoutMs: number
  sleep?: (ms: number) => Promise<void>
}

/**
 * Errors that happen before any byte reached Rasa: a retry cannot make Rasa see the message
 * twice. Timeouts, resets and 5xx may have reached Rasa, so they are never retried.
 */
const NOT_DELIVERED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])
const RETRY_PAUSE_MS = 500
/**
 * A refused connection is retried a few times only (about 1.5 s): that bridges a Rasa restart
 * blip, while a Rasa that is really down gets the user the honest "busy" message within seconds
 * instead of at the end of the whole RASA_TIMEOUT_MS budget.
 */
const MAX_NOT_DELIVERED_RETRIES = 3

export function createRasaClient(options: RasaClientOptions): RasaClient {
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const base = options.baseUrl.replace(/\/+$/, '')

  async function attempt(request: RestRequest, timeoutMs: number): Promise<BotMessage[]> {
    const res = await requestJson({
      method: 'POST',
      url: `${base}/webhooks/rest/webhook`,
      body: request,
      timeoutMs
    }).catch((err: unknown) => {
      if (err instanceof HttpExchangeError && err.code === 'ERESPONSETOOLARGE')
        throw new RasaResponseError(`Rasa answered more than ${MAX_RESPONSE_BYTES} bytes`, 200)
      throw err
    })
    if (res.status < 200 || res.status >= 300) {
      throw new RasaResponseError(`Rasa answered HTTP ${res.status}`, res.status)
    }
    const messages = parseBotMessages(res.data)
    if (messages === undefined)
      throw new RasaResponseError('Rasa answered something that is not a JSON array', res.status)
    return messages
  }

  return {
    async send(request) {
      const deadline = Date.now() + options.timeoutMs
      let retries = 0
      for (;;) {
        const remaining = deadline - Date.now()
        if (remaining <= 0)
          throw new RasaUnavailableError('Rasa did not answer within the time budget')
        try {
          return await attempt(request, remaining)
        } catch (err) {
          if (err instanceof RasaResponseError) throw err
          const code = err instanceof HttpExchangeError ? err.code : undefined
          if (
            code !== undefined &&
            NOT_DELIVERED.has(code) &&
            retries < MAX_NOT_DELIVERED_RETRIES &&
            deadline - Date.now() > RETRY_PAUSE_MS * 2
          ) {
            retries += 1
            await sleep(RETRY_PAUSE_MS)
            continue
          }
          // A fresh error as cause: nothing of the request (the user's text) travels on.
          throw new RasaUnavailableError(`Rasa unreachable (${code ?? 'unknown'})`, {
            cause: new Error(code ?? 'unknown')
          })
        }
      }
    },
    async probe(timeoutMs) {
      const get = (path: string): Promise<number> =>
        requestJson({ method: 'GET', url: `${base}${path}`, timeoutMs }).then(
          (res) => res.status,
          () => 0
        )
      const root = await get('/')
      if (root < 200 || root >= 300) return { reachable: false, model: 'unknown' }
      const status = await get('/status')
      return {
        reachable: true,
        model: status === 200 ? 'loaded' : status === 409 ? 'missing' : 'unknown'
      }
    }
  }
}
