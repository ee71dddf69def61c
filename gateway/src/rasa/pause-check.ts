import { requestJson } from '../outbound/json-http'

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
  const base = options.baseUrl.replace(/\/+$/, '')
  return async (sender) => {
    const res = await requestJson({
      method: 'GET',
      url: `${base}/conversations/${encodeURIComponent(sender)}/tracker`,
      query: { include_events: 'NONE', token: options.token },
      timeoutMs: options.timeoutMs
    })
    if (res.status !== 200) throw new Error(`Rasa answered HTTP ${res.status} to a tracker read`)
    const body = res.data as { paused?: unknown } | null
    return body !== null && typeof body === 'object' && body.paused === true
  }
}
