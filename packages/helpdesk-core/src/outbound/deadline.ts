/**
 * The overall deadline of one action call, visible to every outbound client without passing it
 * through each function: the action wrapper runs the action inside `runWithDeadline`, and the HR,
 * reset and WhatsApp clients shorten each attempt's timeout to what is left and skip a retry that
 * cannot finish in time. So an action answers before the gateway gives up on Rasa (the user sees
 * an honest answer instead of "busy" and has no reason to ask twice).
 *
 * Wall-clock time (performance.now), not the injected Clock: tests move that clock by hand.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { performance } from 'node:perf_hooks'

/** The shortest attempt worth starting; less than this left and the call is not made. */
export const MIN_ATTEMPT_MS = 200

export class DeadlineExceededError extends Error {
  constructor() {
    super('action deadline reached before the outbound call')
    this.name = 'DeadlineExceededError'
  }
}

const storage = new AsyncLocalStorage<{ endsAt: number }>()

/** Runs `fn` with a deadline `ms` from now for every outbound call it makes. */
export async function runWithDeadline<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  return await storage.run({ endsAt: performance.now() + ms }, fn)
}

/** Milliseconds left before the current action's deadline; Infinity outside an action. */
export function remainingMs(): number {
  const deadline = storage.getStore()
  return deadline === undefined ? Infinity : deadline.endsAt - performance.now()
}

/**
 * Timeout for the next attempt of an outbound call: the configured one, shortened to what is
 * left of the deadline. Throws DeadlineExceededError when too little is left to try at all.
 */
export function attemptTimeoutMs(configuredMs: number): number {
  const left = remainingMs()
  if (left < MIN_ATTEMPT_MS) throw new DeadlineExceededError()
  return Math.floor(Math.min(configuredMs, left))
}

/** Whether waiting `delayMs` still leaves time for one more attempt. */
export function timeLeftForRetry(delayMs: number): boolean {
  return remainingMs() - delayMs >= MIN_ATTEMPT_MS
}
