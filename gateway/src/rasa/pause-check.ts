import { createTrackerRead } from './tracker-read'

/**
 * Asks Rasa's HTTP API whether a conversation is paused (`GET /conversations/{id}/tracker`,
 * `paused` field; needs `rasa run --enable-api` and its RASA_AUTH_TOKEN). Staff pause a
 * conversation when they take it over in the console: Rasa then records the user's messages and
 * answers nothing, which must not be mistaken for a failure.
 */
export function createPauseCheck(options: {
  baseUrl: string
  token: string
  timeoutMs: number
}): (sender: string) => Promise<boolean> {
  const readTracker = createTrackerRead(options)
  return async (sender) => {
    const body = (await readTracker(sender, 'NONE')) as { paused?: unknown } | null
    return body !== null && typeof body === 'object' && body.paused === true
  }
}
