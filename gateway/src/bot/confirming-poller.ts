/**
 * Long polling that confirms an update to Telegram only once its work is finished.
 *
 * Telegram keeps every update until a getUpdates call carries an `offset` above its id. telegraf's
 * own polling loop confirms a batch as soon as its handlers return, and the gateway's handlers
 * only enqueue the chat job (Rasa is asked afterwards), so a crash (kill -9, OOM, power) while a
 * user's message waited for Rasa lost that message for good: no answer, no "try again". Here the
 * offset never passes the oldest update whose job is still running, so after a crash Telegram
 * hands the unfinished updates to the next gateway process, which answers them.
 *
 * While work is in flight, getUpdates returns the unconfirmed updates at once (they are skipped
 * here, not handled twice), so after handing out work the loop waits for a job to finish or
 * BUSY_POLL_MS before it asks again (new messages meanwhile wait at most that long), instead of
 * asking at once only to be handed its own unfinished updates back: one getUpdates per update
 * when messages come one at a time, not two. A full batch is followed by a poll at once (more
 * updates are likely waiting).
 */

export interface PolledUpdate {
  update_id: number
  [key: string]: unknown
}

export interface ConfirmingPollerOptions {
  /** getUpdates through the bot's client; rejects with telegraf's errors. */
  getUpdates: (
    params: { offset: number; timeout: number; allowed_updates: readonly string[]; limit?: number },
    signal: AbortSignal
  ) => Promise<PolledUpdate[]>
  allowedUpdates: readonly string[]
  /**
   * Starts the work for one update; resolves when that work (the chat job) is finished.
   * `firstBatch`: it came with this process's first getUpdates, so a crashed predecessor may
   * already have passed it to Rasa.
   */
  handle: (update: PolledUpdate, firstBatch: boolean) => Promise<void>
  /** Told of each failed getUpdates (network, 429, 5xx) and the wait before the next one. */
  onRetry?: (err: unknown, waitMs: number) => void
}

export const BUSY_POLL_MS = 250
const LONG_POLL_SECONDS = 50
/** Telegram's default (and largest) number of updates per getUpdates. */
const BATCH_LIMIT = 100

export interface ConfirmingPoller {
  /** Runs until stop(); rejects on 401/409 and other errors a retry cannot cure. */
  run: () => Promise<void>
  /** Ends the long poll at once; run() resolves. */
  stop: () => void
  /** The offset that confirms exactly the finished updates (for a last getUpdates at shutdown). */
  offset: () => number
}

function retryDelayMs(err: unknown): number | undefined {
  const e = err as {
    name?: string
    code?: unknown
    response?: { error_code?: number; parameters?: { retry_after?: number } }
  }
  const code = e.response?.error_code
  const retryAfter = e.response?.parameters?.retry_after
  if (code === 429 || (typeof code === 'number' && code >= 500)) return (retryAfter ?? 5) * 1000
  // A network failure (connection refused, reset, DNS): telegraf's FetchError.
  if (e.name === 'FetchError' || (code === undefined && e.name !== 'TelegramError')) return 5000
  return undefined
}

export function createConfirmingPoller(options: ConfirmingPollerOptions): ConfirmingPoller {
  const abort = new AbortController()
  /** Updates handed over whose work is not finished yet. */
  const unfinished = new Set<number>()
  /** Every id below this was handed over already (by this process). */
  let nextNew = 0
  let wake: (() => void) | undefined
  let firstBatch = true

  const offset = (): number => (unfinished.size === 0 ? nextNew : Math.min(...unfinished))

  /**
   * Resolves after `ms`, at stop(), and (when `wakeable`) when a job finishes. Each wait removes
   * its own timer and abort listener: racing every wait against one long-lived "stopped" promise
   * instead would leave a reaction on it per wait (~300 bytes per message, for the life of the
   * process).
   */
  function pause(ms: number, wakeable: boolean): Promise<void> {
    return new Promise<void>((resolve) => {
      if (abort.signal.aborted) {
        resolve()
        return
      }
      const done = (): void => {
        clearTimeout(timer)
        abort.signal.removeEventListener('abort', done)
        if (wake === done) wake = undefined
        resolve()
      }
      const timer = setTimeout(done, ms)
      abort.signal.addEventListener('abort', done, { once: true })
      if (wakeable) wake = done
    })
  }

  function take(update: PolledUpdate): void {
    const id = update.update_id
    unfinished.add(id)
    nextNew = id + 1
    const finish = (): void => {
      unfinished.delete(id)
      wake?.()
    }
    options.handle(update, firstBatch).then(finish, finish)
  }

  async function run(): Promise<void> {
    while (!abort.signal.aborted) {
      let updates: PolledUpdate[]
      try {
        updates = await options.getUpdates(
          {
            offset: offset(),
            timeout: unfinished.size === 0 ? LONG_POLL_SECONDS : 0,
            allowed_updates: options.allowedUpdates
          },
          abort.signal
        )
      } catch (err) {
        if (abort.signal.aborted) return
        const wait = retryDelayMs(err)
        if (wait === undefined) throw err
        options.onRetry?.(err, wait)
        // Not wakeable: a finished job must not cut Telegram's retry_after short.
        await pause(wait, false)
        continue
      }
      if (abort.signal.aborted) return
      let fresh = 0
      const inThisBatch = new Set<number>()
      for (const update of updates) {
        if (update.update_id >= nextNew) {
          fresh += 1
          inThisBatch.add(update.update_id)
          take(update)
        } else if (inThisBatch.has(update.update_id)) {
          // Telegram sent the same update twice: the handler's de-duplication drops (and logs) it.
          void options.handle(update, firstBatch).catch(() => undefined)
        }
        // Otherwise an update still being worked on, offered again because it is unconfirmed.
      }
      firstBatch = false
      if (unfinished.size > 0 && (fresh === 0 || updates.length < BATCH_LIMIT))
        await pause(BUSY_POLL_MS, true)
    }
  }

  return { run, stop: () => abort.abort(), offset }
}
