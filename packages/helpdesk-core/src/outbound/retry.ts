import { isAxiosError } from './lazy-axios'
import { timeLeftForRetry } from './deadline'

export interface RetryPolicy {
  /** Extra attempts after the first one. */
  retries: number
  /** First back-off delay; doubles each attempt (with up to 20 % jitter), capped at maxDelayMs. */
  baseDelayMs: number
  maxDelayMs: number
  /** Injected so tests need not wait; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>
}

export const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms))

/** Network errors, timeouts, 429 and 5xx are worth another try; other 4xx are not. */
export function isTransientHttpError(err: unknown): boolean {
  if (!isAxiosError(err)) return false
  const status = err.response?.status
  return status === undefined || status === 429 || status >= 500
}

/** Delay the server asked for with Retry-After (seconds), if any. */
function retryAfterMs(err: unknown): number | undefined {
  if (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { retryAfterMs?: unknown }).retryAfterMs === 'number'
  ) {
    return (err as { retryAfterMs: number }).retryAfterMs
  }
  if (!isAxiosError(err)) return undefined
  const header: unknown = err.response?.headers?.['retry-after']
  const seconds = Number(header)
  return typeof header === 'string' && Number.isFinite(seconds) && seconds >= 0
    ? seconds * 1000
    : undefined
}

/**
 * Runs `fn`, retrying transient failures with exponential back-off; rethrows the last error. Inside
 * an action, no retry is started that could not finish before the action's deadline (deadline.ts).
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  transient = isTransientHttpError
): Promise<T> {
  const sleep = policy.sleep ?? defaultSleep
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt)
    } catch (err) {
      if (attempt >= policy.retries || !transient(err)) throw err
      const backoff =
        Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt) * (1 + Math.random() * 0.2)
      const delay = Math.min(policy.maxDelayMs, retryAfterMs(err) ?? backoff)
      // A retry that cannot finish before the action's deadline only makes the user wait longer.
      if (!timeLeftForRetry(delay)) throw err
      await sleep(delay)
    }
  }
}

/** A one-line, personal-data-free description of an HTTP failure (for logs and error messages). */
export function describeHttpError(err: unknown): string {
  if (!isAxiosError(err)) return err instanceof Error ? err.name : 'unknown error'
  if (err.response !== undefined) return `HTTP ${err.response.status}`
  return err.code ?? 'network error'
}
