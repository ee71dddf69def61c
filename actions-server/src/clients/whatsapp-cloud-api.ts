import axios, { isAxiosError, type AxiosInstance } from 'axios'

export interface WhatsAppCloudApiOptions {
  /** e.g. https://graph.facebook.com/v21.0 */
  baseUrl: string
  phoneNumberId: string
  token: string
  timeoutMs: number
  http?: AxiosInstance
}

/** Graph API error codes that mean "slow down, try later" rather than "this request is wrong". */
const THROTTLING_CODES = new Set([4, 80007, 130429, 131056])

/**
 * A failed Cloud API call. `retryable` is true for network errors, timeouts, 429, 5xx and the
 * Graph throttling codes. The message carries status, Graph code/type and fbtrace_id, never the body.
 */
export class WhatsAppApiError extends Error {
  readonly code = 'ACT_ERR_WHATSAPP'
  constructor (
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly graphCode?: number,
    readonly retryAfterMs?: number
  ) {
    super(message)
    this.name = 'WhatsAppApiError'
  }
}

interface GraphError { error?: { message?: string, type?: string, code?: number, fbtrace_id?: string } }

/** `POST {baseUrl}/{phoneNumberId}/messages` with a bearer token; returns the `wamid`. */
export function createWhatsAppCloudApi (options: WhatsAppCloudApiOptions) {
  const http = options.http ?? axios.create()
  const url = `${options.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(options.phoneNumberId)}/messages`
  return {
    async sendMessage (body: Record<string, unknown>): Promise<{ messageId: string }> {
      try {
        const response = await http.post<{ messages?: Array<{ id?: string }> }>(url, body, {
          headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
          timeout: options.timeoutMs
        })
        const id = response.data.messages?.[0]?.id
        if (typeof id !== 'string') throw new WhatsAppApiError('Cloud API answered 200 without messages[0].id', false, response.status)
        return { messageId: id }
      } catch (err) {
        throw toWhatsAppError(err)
      }
    }
  }
}

function toWhatsAppError (err: unknown): WhatsAppApiError {
  if (err instanceof WhatsAppApiError) return err
  if (!isAxiosError(err)) return new WhatsAppApiError('Cloud API call failed', true)
  const response = err.response
  if (response === undefined) return new WhatsAppApiError(`Cloud API unreachable (${err.code ?? 'network error'})`, true)
  const graph = (response.data as GraphError | undefined)?.error
  const retryAfter = Number(response.headers['retry-after'])
  const retryable = response.status === 429 || response.status >= 500 || (graph?.code !== undefined && THROTTLING_CODES.has(graph.code))
  const parts = [`HTTP ${response.status}`]
  if (graph?.code !== undefined) parts.push(`code ${graph.code}`)
  if (graph?.type !== undefined) parts.push(graph.type)
  if (graph?.fbtrace_id !== undefined) parts.push(`fbtrace_id ${graph.fbtrace_id}`)
  return new WhatsAppApiError(`Cloud API error: ${parts.join(', ')}`, retryable, response.status, graph?.code,
    Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined)
}

export type WhatsAppCloudApi = ReturnType<typeof createWhatsAppCloudApi>
