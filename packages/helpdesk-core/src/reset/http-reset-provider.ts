import type { AxiosInstance } from 'axios'
import { createAxiosInstance, isAxiosError } from '../outbound/lazy-axios'
import type { Logger } from 'pino'
import type { ResetOutcome, ResetProvider } from './reset-provider'
import { attemptTimeoutMs } from '../outbound/deadline'
import { describeHttpError, withRetry, type RetryPolicy } from '../outbound/retry'

export interface ResetApiOptions {
  baseUrl: string
  token?: string
  timeoutMs: number
  retry: RetryPolicy
  logger: Logger
  http?: AxiosInstance
}

interface ResetApiAnswer {
  jenis?: unknown
  password_sementara?: unknown
  tautan?: unknown
  berlaku_sampai?: unknown
}

/**
 * RESET_PROVIDER=http: the agency's account-reset API (wire format in actions-server/README.md).
 * `POST {baseUrl}/reset-password` with `{"sistem","nip","tiket"}`, a bearer token and an
 * `Idempotency-Key` header; 200 `{"jenis":"password_sementara","password_sementara":…}` or
 * `{"jenis":"tautan","tautan":"https://…"}`, 404 = no such account. Never throws: anything the API
 * cannot do falls back to a ticket for staff.
 */
export function createResetApiProvider(options: ResetApiOptions): ResetProvider {
  const http = options.http ?? createAxiosInstance()
  const url = `${options.baseUrl.replace(/\/+$/, '')}/reset-password`
  const log = options.logger.child({ component: 'reset-api' })
  return {
    kind: 'http',
    async requestReset(request): Promise<ResetOutcome> {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'idempotency-key': request.idempotencyKey
      }
      if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
      try {
        // The POST has side effects; a retry after a timeout or reset is safe only because every
        // attempt carries the same Idempotency-Key (the API must treat it as the same request).
        const response = await withRetry(
          () =>
            http.post<ResetApiAnswer>(
              url,
              { sistem: request.sistem, nip: request.nip, tiket: request.ticketNumber },
              { headers, timeout: attemptTimeoutMs(options.timeoutMs) }
            ),
          options.retry
        )
        const outcome = parseAnswer(response.data)
        if (outcome === undefined) {
          log.error(
            { ticket: request.ticketNumber },
            'reset API answered 200 with an unknown body; ticket left for staff'
          )
          return { kind: 'manual', reason: 'api_unavailable' }
        }
        return outcome
      } catch (err) {
        if (isAxiosError(err) && err.response?.status === 404)
          return { kind: 'manual', reason: 'account_not_found' }
        log.warn(
          { ticket: request.ticketNumber, reason: describeHttpError(err) },
          'reset API failed; ticket left for staff'
        )
        return { kind: 'manual', reason: 'api_unavailable' }
      }
    }
  }
}

function parseAnswer(body: ResetApiAnswer | null | undefined): ResetOutcome | undefined {
  if (body === null || typeof body !== 'object') return undefined
  const expiresAt =
    typeof body.berlaku_sampai === 'string' ? { expiresAt: body.berlaku_sampai } : {}
  if (
    body.jenis === 'password_sementara' &&
    typeof body.password_sementara === 'string' &&
    body.password_sementara !== ''
  ) {
    return { kind: 'temporary_password', password: body.password_sementara, ...expiresAt }
  }
  if (
    body.jenis === 'tautan' &&
    typeof body.tautan === 'string' &&
    /^https:\/\//.test(body.tautan)
  ) {
    return { kind: 'link', url: body.tautan, ...expiresAt }
  }
  return undefined
}
