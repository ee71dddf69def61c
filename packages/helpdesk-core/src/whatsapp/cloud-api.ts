import type { AxiosInstance } from 'axios'
import { createAxiosInstance, isAxiosError } from '../outbound/lazy-axios'
import { attemptTimeoutMs } from '../outbound/deadline'

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

/** Network errors raised before the request reached the server: resending cannot duplicate it. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])

/**
 * A failed Cloud API call. `retryable` is true for 429, 5xx, the Graph throttling codes and
 * network errors that provably happened before the request reached Meta (connection refused, DNS).
 * `ambiguous` is true when the request may have been accepted (timeout after sending, connection
 * reset, socket hang up): it is not retried, since a resend could deliver the message twice.
 * The message carries status, Graph code/type and fbtrace_id, never the body.
 */
export class WhatsAppApiError extends Error {
  readonly code = 'ACT_ERR_WHATSAPP'
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly graphCode?: number,
    readonly retryAfterMs?: number,
    readonly ambiguous = false
  ) {
    super(message)
    this.name = 'WhatsAppApiError'
  }
}

interface GraphError {
  error?: { message?: string; type?: string; code?: number; fbtrace_id?: string }
}

/** `POST {baseUrl}/{phoneNumberId}/messages` with a bearer token; returns the `wamid`. */
export function createWhatsAppCloudApi(options: WhatsAppCloudApiOptions) {
  const http = options.http ?? createAxiosInstance()
  const url = `${options.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(options.phoneNumberId)}/messages`
  return {
    async sendMessage(body: Record<string, unknown>): Promise<{ messageId: string }> {
      let timeout: number
      try {
        timeout = attemptTimeoutMs(options.timeoutMs)
      } catch {
        // Nothing was sent: a later attempt (background flush) may send it safely.
        throw new WhatsAppApiError('action deadline reached before sending', true)
      }
      try {
        const response = await http.post<{ messages?: Array<{ id?: string }> }>(url, body, {
          headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
          timeout
        })
        const id = response.data.messages?.[0]?.id
        if (typeof id !== 'string')
          throw new WhatsAppApiError(
            'Cloud API answered 200 without messages[0].id',
            false,
            response.status
          )
        return { messageId: id }
      } catch (err) {
        throw toWhatsAppError(err)
      }
    }
  }
}

function toWhatsAppError(err: unknown): WhatsAppApiError {
  if (err instanceof WhatsAppApiError) return err
  if (!isAxiosError(err))
    return new WhatsAppApiError(
      'Cloud API call failed',
      false,
      undefined,
      undefined,
      undefined,
      true
    )
  const response = err.response
  if (response === undefined) {
    const code = err.code ?? 'network error'
    const notSent =
      err.request === undefined ||
      NOT_SENT_CODES.has(code) ||
      NOT_SENT_CODES.has(causeCode(err.cause))
    return notSent
      ? new WhatsAppApiError(`Cloud API unreachable (${code})`, true)
      : new WhatsAppApiError(
          `Cloud API outcome unknown (${code})`,
          false,
          undefined,
          undefined,
          undefined,
          true
        )
  }
  const graph = (response.data as GraphError | undefined)?.error
  const retryAfter = Number(response.headers['retry-after'])
  const retryable =
    response.status === 429 ||
    response.status >= 500 ||
    (graph?.code !== undefined && THROTTLING_CODES.has(graph.code))
  const parts = [`HTTP ${response.status}`]
  if (graph?.code !== undefined) parts.push(`code ${graph.code}`)
  if (graph?.type !== undefined) parts.push(graph.type)
  if (graph?.fbtrace_id !== undefined) parts.push(`fbtrace_id ${graph.fbtrace_id}`)
  return new WhatsAppApiError(
    `Cloud API error: ${parts.join(', ')}`,
    retryable,
    response.status,
    graph?.code,
    Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined
  )
}

function causeCode(cause: unknown): string {
  const code =
    typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined
  return typeof code === 'string' ? code : ''
}

export type WhatsAppCloudApi = ReturnType<typeof createWhatsAppCloudApi>
