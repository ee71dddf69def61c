import axios, { type AxiosInstance } from 'axios'

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
  http?: AxiosInstance
}): (sender: string) => Promise<boolean> {
  const http = options.http ?? axios.create()
  const base = options.baseUrl.replace(/\/+$/, '')
  return async (sender) => {
    const res = await http.get(`${base}/conversations/${encodeURIComponent(sender)}/tracker`, {
      params: { include_events: 'NONE', token: options.token },
      timeout: options.timeoutMs,
      validateStatus: () => true,
      responseType: 'json'
    })
    if (res.status !== 200) throw new Error(`Rasa answered HTTP ${res.status} to a tracker read`)
    const body = res.data as { paused?: unknown } | null
    return body !== null && typeof body === 'object' && body.paused === true
  }
}
